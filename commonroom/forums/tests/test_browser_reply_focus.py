"""Where focus goes on a thread page, in a real browser: to the reply just
posted, to the Follow button before the replies, and to the reply box from
"Skip to reply" on long threads."""

import pytest
from playwright.sync_api import expect

from commonroom.communities.tests.factories import CommunityFactory
from commonroom.forums.models import Reply
from commonroom.forums.tests.factories import member_of, reply_to, start_thread
from commonroom.forums.views.threads import SKIP_TO_REPLY_AFTER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def community():
    return CommunityFactory(name="Heads of Housing", slug="heads-of-housing")


def thread_url(thread) -> str:
    return f"/communities/{thread.community.slug}/discussions/{thread.pk}/"


def active_element_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def post_a_reply(page, text: str) -> Reply:
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Post your reply").click()
    expect(page.get_by_text("Your reply has been posted")).to_be_visible()
    return Reply.objects.get(body=text)


def test_after_posting_focus_is_on_the_new_reply(page, sign_in, community):
    thread = start_thread(community, title="Damp and mould")
    for number in range(3):
        reply_to(thread, body=f"Earlier reply {number}.")
    sign_in(member_of(community))
    page.goto(thread_url(thread))

    reply = post_a_reply(page, "We inspect within ten working days.")

    assert page.url.endswith(f"#reply-{reply.pk}")
    expect(page.locator(f"#reply-{reply.pk}")).to_be_focused()
    assert active_element_id(page) == f"reply-{reply.pk}"
    assert page.locator(f"#reply-{reply.pk}").get_attribute("tabindex") == "-1"


def test_without_javascript_the_new_reply_has_focus_too(
    chromium, live_server, community
):
    from django.conf import settings
    from django.test import Client

    thread = start_thread(community, title="Damp and mould")
    member = member_of(community)
    client = Client()
    client.force_login(member)
    context = chromium.new_context(
        base_url=live_server.url,
        java_script_enabled=False,
        viewport={"width": 1280, "height": 900},
    )
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    try:
        page = context.new_page()
        page.goto(thread_url(thread))
        reply = post_a_reply(page, "Fragment navigation focuses it.")
        assert page.url.endswith(f"#reply-{reply.pk}")
        assert active_element_id(page) == f"reply-{reply.pk}"
    finally:
        context.close()


def test_the_follow_button_comes_before_the_replies(page, sign_in, community):
    thread = start_thread(community, title="Damp and mould")
    reply_to(thread, body="The first reply.")
    sign_in(member_of(community))
    page.goto(thread_url(thread))

    follow = page.get_by_role("button", name="Follow", exact=True)
    first_reply = page.locator("article[id^=reply-]").first
    expect(follow).to_be_visible()
    # DOCUMENT_POSITION_FOLLOWING: the reply comes after the button in the page.
    assert first_reply.evaluate(
        "(reply, button) => Boolean(button.compareDocumentPosition(reply) & 4)",
        follow.element_handle(),
    )
    # Tabbing from the top reaches Follow before anything inside the replies.
    page.keyboard.press("Tab")
    for _press in range(60):
        page.keyboard.press("Tab")
        inside_reply = page.evaluate(
            "Boolean(document.activeElement.closest('article[id^=reply-]'))"
        )
        assert not inside_reply, "a reply's link was reached before Follow"
        if follow.evaluate("element => element === document.activeElement"):
            break
    expect(follow).to_be_focused()
    page.keyboard.press("Enter")
    expect(
        page.get_by_text("You are following this discussion.", exact=True)
    ).to_be_visible()


def test_long_threads_have_a_skip_to_reply_link_that_focuses_the_reply_box(
    page, sign_in, community
):
    thread = start_thread(community, title="Choice-based lettings")
    for number in range(SKIP_TO_REPLY_AFTER + 1):
        reply_to(thread, body=f"Reply number {number}.")
    sign_in(member_of(community))
    page.goto(thread_url(thread))

    skip = page.get_by_role("link", name="Skip to reply")
    box = page.get_by_label("Your message")
    # Near the top: before the first reply in the page.
    assert page.locator("article[id^=reply-]").first.evaluate(
        "(reply, link) => Boolean(link.compareDocumentPosition(reply) & 4)",
        skip.element_handle(),
    )
    skip.focus()
    page.keyboard.press("Enter")
    expect(box).to_be_focused()
    expect(box).to_be_in_viewport()
    page.keyboard.type("Typed straight into the box.")
    expect(box).to_have_value("Typed straight into the box.")


def test_short_threads_have_no_skip_link(page, sign_in, community):
    thread = start_thread(community, title="Choice-based lettings")
    reply_to(thread, body="Only one reply.")
    sign_in(member_of(community))
    page.goto(thread_url(thread))

    expect(page.get_by_label("Your message")).to_be_visible()
    expect(page.get_by_role("link", name="Skip to reply")).to_have_count(0)
