"""The thread page offers exactly the links its viewer may follow.

Every Edit, Delete, History, Quote, Report, Hide, Restore and Move link comes
from the permission functions the linked pages check (``forums.permissions``,
``content.permissions``), and the text of hidden replies never reaches people
who may not read it.
"""

import html
import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from commonroom.communities.models import Community
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.communities.tests.people import ROLES, fresh, people_in_every_role
from commonroom.content import services as content_services
from commonroom.forums.models import Reply
from commonroom.forums.selectors import threads as selectors
from commonroom.forums.tests.factories import facilitator_of, reply_to, start_thread

pytestmark = pytest.mark.django_db

# Links to pages that act on a post or the thread (profiles and attachments
# have their own tests).
ACTION_LINK = re.compile(
    r"(/edit/|/delete/|/history/|/report/|/hide/|/restore/|/move/|[?&]quote=\d+)"
)


def thread_url(thread):
    return f"/communities/{thread.community.slug}/discussions/{thread.pk}/"


def action_links(page: str, base: str) -> set[str]:
    links = set()
    for href in re.findall(r'href="([^"]*)"', page):
        href = html.unescape(href)
        if not ACTION_LINK.search(href):
            continue
        links.add(base + href if href.startswith("?") else href)
    return links


def login(client, person):
    client.logout()
    if person is not None:
        client.force_login(person)


def make_thread(community, people):
    """A thread with every kind of reply: edited, hidden, deleted, and one by
    the facilitator; made while the community is live."""
    member, facilitator = people["member"], people["facilitator"]
    thread = start_thread(community, member, kind="question")
    edited = reply_to(thread, member, body="First thoughts")
    content_services.edit_content(
        actor=member, obj=edited, changes={"body": "Second thoughts"}
    )
    content_services.edit_content(
        actor=member, obj=thread, changes={"body": "A clearer question"}
    )
    reply_to(thread, facilitator, body="A facilitator's answer")
    hidden = reply_to(thread, member, body="Something confidential")
    deleted = reply_to(thread, member, body="Regrettable words")
    Reply.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    Reply.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    return thread


@pytest.fixture
def open_community():
    return CommunityFactory(slug="planning", public_reading=True)


def test_a_facilitator_of_an_archived_community_is_offered_no_edit_or_delete(
    client, open_community
):
    people = people_in_every_role(open_community)
    facilitator = people["facilitator"]
    thread = make_thread(open_community, people)
    own = reply_to(thread, facilitator, body="Mine")
    Community.objects.filter(pk=open_community.pk).update(
        status=Community.Status.ARCHIVED
    )

    login(client, facilitator)
    page = client.get(thread_url(thread)).content.decode()
    assert "Mine" in page and "Something confidential" in page
    assert ">Edit<" not in page and ">Delete<" not in page
    # The pages behind those links refuse, as the missing links say.
    for url in (
        f"{thread_url(thread)}edit/",
        f"{thread_url(thread)}delete/",
        f"{thread_url(thread)}replies/{own.pk}/edit/",
        f"{thread_url(thread)}replies/{own.pk}/delete/",
    ):
        assert client.get(url).status_code == 403, url
    # Earlier versions stay theirs to read.
    assert "see earlier versions" in page


@pytest.mark.parametrize("status", [Community.Status.LIVE, Community.Status.ARCHIVED])
def test_every_link_offered_on_the_thread_page_opens_for_its_viewer(
    client, open_community, status
):
    people = people_in_every_role(open_community)
    # Administrators only browse once they use a second factor.
    TOTP.activate(people["administrator"], generate_totp_secret())
    thread = make_thread(open_community, people)
    Community.objects.filter(pk=open_community.pk).update(status=status)

    offered = {}
    for role in ROLES:
        login(client, people[role] and fresh(people[role]))
        response = client.get(thread_url(thread))
        if role == "pending account":
            # Sent to the page explaining that their account waits for approval.
            assert response.status_code == 302
            offered[role] = set()
            continue
        assert response.status_code == 200, (role, response.get("Location"))
        links = action_links(response.content.decode(), thread_url(thread))
        offered[role] = links
        for url in sorted(links):
            answer = client.get(url)
            assert answer.status_code == 200, (role, url, answer.status_code)

    # The walk means something: people get the links their role allows.
    def has(role, pattern):
        return any(re.search(pattern, url) for url in offered[role])

    assert not offered["visitor"] and not offered["member elsewhere"]
    assert has("member", "/history/") and has("facilitator", "/history/")
    assert not has("administrator", "/history/")
    if status == Community.Status.LIVE:
        assert has("member", r"/replies/\d+/edit/") and has("member", "/report/")
        assert has("member", "quote=") and not has("member", "/hide/")
        assert has("facilitator", "/hide/") and has("facilitator", "/restore/")
        assert has("facilitator", "/move/") and has("facilitator", "/delete/")
    else:
        for role in ROLES:
            assert not has(role, r"/edit/|/delete/|quote=|/report/"), role


def test_hidden_and_deleted_replies_arrive_without_their_text(open_community):
    people = people_in_every_role(open_community)
    thread = make_thread(open_community, people)

    def page_for(role):
        viewer = fresh(people[role])
        page = selectors.thread_page(viewer=viewer, thread=thread, number=1)
        return {reply.body_html: reply for reply in page.replies}, page.replies

    for role in ("visitor", "member", "administrator"):
        by_text, replies = page_for(role)
        hidden = next(reply for reply in replies if reply.hidden_at)
        deleted = next(reply for reply in replies if reply.deleted_at)
        for removed in (hidden, deleted):
            assert removed.body_html == "" and not removed.is_shown
            # Neither the Markdown source nor the rendered text was loaded.
            assert "body" in removed.get_deferred_fields()
            loaded = " ".join(str(value) for value in vars(removed).values())
            assert "confidential" not in loaded and "Regrettable" not in loaded
        assert any("Second thoughts" in text for text in by_text), role

    by_text, replies = page_for("facilitator")
    assert any("Something confidential" in text for text in by_text)
    deleted = next(reply for reply in replies if reply.deleted_at)
    assert deleted.body_html == ""


def test_the_hidden_text_never_reaches_a_members_page_context(client, open_community):
    people = people_in_every_role(open_community)
    thread = make_thread(open_community, people)
    login(client, people["member"])
    response = client.get(thread_url(thread))
    page = response.context["page"]
    assert "This reply was hidden by a facilitator." in response.content.decode()
    assert all("confidential" not in reply.body_html for reply in page.replies)


def test_a_locked_thread_offers_quoting_only_to_facilitators(client, open_community):
    people = people_in_every_role(open_community)
    thread = make_thread(open_community, people)
    thread.is_locked = True
    thread.save(update_fields=["is_locked"])
    login(client, people["member"])
    assert "quote=" not in client.get(thread_url(thread)).content.decode()
    login(client, facilitator_of(open_community))
    assert "quote=" in client.get(thread_url(thread)).content.decode()
