"""The forum in a real browser: asking and answering, files, reports, the
keyboard, and axe-core on every forum page."""

import pytest
from playwright.sync_api import expect

from commonroom.communities.models import Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import services as content_services
from commonroom.content.attachments import download_url
from commonroom.content.models import Attachment
from commonroom.forums.models import REPLIES_PER_PAGE, Thread
from commonroom.forums.services import threads as services
from commonroom.forums.tests.factories import (
    facilitator_of,
    member_of,
    reply_to,
    start_thread,
)
from commonroom.moderation.services import report_content

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CSV = b"council,officers\nLeeds,12\nYork,4\n"


@pytest.fixture
def forum():
    """A restricted community with a facilitator and two members."""
    community = CommunityFactory(
        name="Heads of Housing",
        slug="heads-of-housing",
        purpose="Heads of housing services sharing what works.",
        visibility="restricted",
    )
    return {
        "community": community,
        "facilitator": facilitator_of(community, full_name="Fiona Grant"),
        "asker": member_of(community, full_name="Sam Okafor"),
        "helper": member_of(community, full_name="Priya Shah"),
    }


def thread_url(thread: Thread) -> str:
    return f"/communities/{thread.community.slug}/discussions/{thread.pk}/"


# Journeys -----------------------------------------------------------------------


def test_a_member_asks_a_question_and_accepts_an_answer(page, sign_in, forum):
    sign_in(forum["asker"])
    page.goto("/communities/heads-of-housing/discussions/")
    page.get_by_role("link", name="Ask a question").click()
    page.get_by_label("Question", exact=True).check()
    page.get_by_label("Title").fill("Temporary accommodation for care leavers")
    page.get_by_label("Message").fill("How do other councils find placements?")
    page.get_by_role("button", name="Post", exact=True).click()

    expect(
        page.get_by_role(
            "heading", level=1, name="Temporary accommodation for care leavers"
        )
    ).to_be_visible()
    expect(page.get_by_text("Your question has been posted")).to_be_visible()
    thread = Thread.objects.get()
    assert thread.kind == Thread.Kind.QUESTION

    sign_in(forum["helper"])
    page.goto(thread_url(thread))
    page.get_by_label("Your message").fill("We block-book rooms with a housing trust.")
    page.get_by_role("button", name="Post your answer").click()
    expect(page.get_by_text("Your reply has been posted")).to_be_visible()

    sign_in(forum["asker"])
    page.goto(thread_url(thread))
    expect(page.get_by_text("Answered question")).to_have_count(0)
    page.get_by_role("button", name="Accept as the answer").click()

    expect(page.get_by_text("The reply has been marked as the answer")).to_be_visible()
    accepted = page.get_by_role("region", name="Accepted answer")
    expect(accepted).to_contain_text("Priya Shah answered:")
    expect(accepted).to_contain_text("We block-book rooms with a housing trust.")
    expect(page.get_by_text("Answered question")).to_be_visible()
    # The answer comes straight after the question, before the replies.
    opening = page.get_by_role("article", name="Opening post").bounding_box()
    assert accepted.bounding_box()["y"] > opening["y"]
    replies = page.get_by_role("heading", name="Replies", exact=True).bounding_box()
    assert accepted.bounding_box()["y"] < replies["y"]


def test_a_file_attached_to_a_reply_downloads_for_members_only(page, sign_in, forum):
    community = forum["community"]
    community.visibility = "private"
    community.save(update_fields=["visibility"])
    thread = start_thread(community, forum["asker"], title="Allocation figures")
    sign_in(forum["helper"])
    page.goto(thread_url(thread))
    page.get_by_label("Your message").fill("Our figures for last year.")
    page.get_by_label("Attach files (optional)").set_input_files(
        files=[{"name": "allocations.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.get_by_role("button", name="Post your reply").click()
    expect(page.get_by_text("Your reply has been posted")).to_be_visible()

    sign_in(forum["asker"])
    page.goto(thread_url(thread))
    link = page.get_by_role("link", name="allocations.csv")
    expect(link).to_contain_text("CSV")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "allocations.csv"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == CSV

    attachment = Attachment.objects.get()
    elsewhere = CommunityFactory(name="Waste Managers")
    sign_in(member_of(elsewhere, full_name="Olu Adeyemi"))
    response = page.goto(download_url(attachment))
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_text("allocations")).to_have_count(0)


def test_a_reported_reply_is_hidden_from_the_reports_queue(page, sign_in, forum):
    thread = start_thread(forum["community"], forum["asker"], title="Void rent loss")
    reply_to(thread, forum["helper"], body="Buy our void management software!")

    sign_in(forum["asker"])
    page.goto(thread_url(thread))
    page.get_by_role("link", name="Report this post by Priya Shah").click()
    expect(page.get_by_role("heading", name="Report this post")).to_be_visible()
    expect(page.get_by_text("Buy our void management software!")).to_be_visible()
    page.get_by_label("Spam or advertising").check()
    page.get_by_label("Details (optional)").fill("An advert.")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("The facilitators of Heads of Housing")).to_be_visible()

    sign_in(forum["facilitator"])
    page.goto("/communities/heads-of-housing/reports/")
    expect(page.get_by_text("An advert.")).to_be_visible()
    page.get_by_role("button", name="Hide the post").click()
    expect(page.get_by_text("The post has been hidden")).to_be_visible()

    sign_in(forum["asker"])
    page.goto(thread_url(thread))
    expect(page.get_by_text("This reply was hidden by a facilitator.")).to_be_visible()
    expect(page.get_by_text("Buy our void management software!")).to_have_count(0)


def test_enter_in_the_title_posts_rather_than_previews(page, sign_in, forum):
    sign_in(forum["asker"])
    page.goto("/communities/heads-of-housing/discussions/new/")
    page.get_by_label("Message").fill("Has anyone piloted a rent deposit scheme?")
    page.get_by_label("Title").fill("Rent deposit schemes")
    page.get_by_label("Title").press("Enter")

    expect(
        page.get_by_role("heading", level=1, name="Rent deposit schemes")
    ).to_be_visible()
    assert Thread.objects.get().title == "Rent deposit schemes"


def test_preview_with_htmx_keeps_the_page_and_what_was_typed(page, sign_in, forum):
    sign_in(forum["asker"])
    page.goto("/communities/heads-of-housing/discussions/new/")
    page.get_by_label("Message").fill("A **bold** plan")
    page.get_by_role("button", name="Preview").click()

    expect(page.locator(".commonroom-markdown-preview strong")).to_have_text("bold")
    expect(page.get_by_label("Message")).to_have_value("A **bold** plan")
    assert not Thread.objects.exists()


def test_replying_with_the_keyboard_only(page, sign_in, forum):
    thread = start_thread(forum["community"], forum["asker"], title="Damp and mould")
    sign_in(forum["helper"])
    page.goto(thread_url(thread))

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    textarea = page.get_by_label("Your message")
    for _press in range(60):
        page.keyboard.press("Tab")
        if textarea.evaluate("element => element === document.activeElement"):
            break
    expect(textarea).to_be_focused()
    page.keyboard.type("We inspect within ten working days.")
    button = page.get_by_role("button", name="Post your reply")
    for _press in range(10):
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Your reply has been posted")).to_be_visible()
    expect(page.get_by_text("We inspect within ten working days.")).to_be_visible()
    assert thread.replies.get().body == "We inspect within ten working days."


# axe-core on every page ---------------------------------------------------------


@pytest.fixture
def pages(forum):
    """Content for every forum page, and the addresses of those pages."""
    community = forum["community"]
    facilitator, asker, helper = forum["facilitator"], forum["asker"], forum["helper"]
    # A second community the facilitator runs, so a thread can be moved there.
    other = CommunityFactory(name="Housing Steering Group", slug="housing-steering")
    Membership.objects.create(
        community=other, user=facilitator, role=Membership.Role.FACILITATOR
    )

    question = start_thread(
        community,
        asker,
        title="Temporary accommodation for care leavers",
        body="How do other councils find placements?",
        kind=Thread.Kind.QUESTION,
        tags=["care leavers", "temporary accommodation"],
    )
    answer = reply_to(question, helper, body="We block-book rooms with a trust.")
    services.accept_answer(actor=asker, thread=question, reply=answer)
    content_services.edit_content(
        actor=asker,
        obj=question,
        changes={"body": "How do other councils find suitable placements?"},
    )
    services.set_pinned(actor=facilitator, thread=question, pinned=True)
    report_content(actor=asker, obj=answer, reason="off_topic", detail="Not an answer")

    start_thread(
        community,
        helper,
        title="Who uses a lettings agency?",
        kind=Thread.Kind.QUESTION,
    )
    long = start_thread(community, helper, title="Homelessness figures by month")
    for number in range(REPLIES_PER_PAGE + 1):
        reply_to(long, asker if number % 2 else helper, body=f"Figures {number}.")
    base = "/communities/heads-of-housing/"
    return {
        "list": base + "discussions/",
        "unanswered": base + "discussions/?show=unanswered",
        "questions": base + "discussions/?show=questions",
        "new": base + "discussions/new/",
        "question": thread_url(question),
        "page 2": thread_url(long) + "?page=2",
        "reply edit": thread_url(question) + f"replies/{answer.pk}/edit/",
        "reply delete": thread_url(question) + f"replies/{answer.pk}/delete/",
        "thread delete": thread_url(question) + "delete/",
        "thread edit": thread_url(question) + "edit/",
        "move": thread_url(question) + "move/",
        "history": base + f"content/thread/{question.pk}/history/",
        "report": base + f"content/reply/{answer.pk}/report/",
        "hide": base + f"content/reply/{answer.pk}/hide/",
        "reports": base + "reports/",
        "log": base + "moderation-log/",
        "hub": base,
    }


AXE_PAGES = [
    ("asker", "list"),
    ("asker", "unanswered"),
    ("asker", "questions"),
    ("asker", "new"),
    ("asker", "question"),  # as the asker: accepted answer, history link
    ("helper", "question"),  # as a member who may report
    ("facilitator", "question"),  # with the facilitator's tools
    ("helper", "page 2"),
    ("helper", "reply edit"),
    ("helper", "reply delete"),
    ("asker", "thread edit"),
    ("facilitator", "thread delete"),
    ("facilitator", "move"),
    ("asker", "history"),
    ("facilitator", "report"),
    ("asker", "report"),  # already reported
    ("facilitator", "hide"),
    ("facilitator", "reports"),
    ("facilitator", "log"),
    ("asker", "hub"),
]


@pytest.mark.parametrize(("role", "name"), AXE_PAGES)
def test_forum_page_has_no_axe_violations(page, axe, sign_in, forum, pages, role, name):
    sign_in(forum[role])

    response = page.goto(pages[name])

    assert response.status == 200
    axe(page)


def test_forms_with_errors_have_no_axe_violations(page, axe, sign_in, forum, pages):
    sign_in(forum["asker"])
    page.goto(pages["new"])
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.get_by_text("Enter a title").first).to_be_visible()
    axe(page)

    page.goto(pages["question"])
    page.get_by_role("button", name="Post your answer").click()
    expect(page.get_by_text("Enter your message").first).to_be_visible()
    axe(page)

    sign_in(forum["facilitator"])
    page.goto(pages["report"])
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_text("Select why you are reporting this").first).to_be_visible()
    axe(page)


@pytest.mark.parametrize("name", ["question", "new"])
def test_forum_pages_fit_a_narrow_screen(page, sign_in, forum, pages, name):
    sign_in(forum["facilitator"])
    page.set_viewport_size({"width": 320, "height": 800})

    page.goto(pages[name])

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{pages[name]} is {width}px wide at 320px"
