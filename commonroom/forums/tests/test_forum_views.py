import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commonroom.communities.models import Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import services as content_services
from commonroom.core.testing.queries import session_queries
from commonroom.forums.models import REPLIES_PER_PAGE, Reply, Thread
from commonroom.forums.services import threads as services
from commonroom.forums.tests.factories import (
    facilitator_of,
    member_of,
    reply_to,
    start_thread,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Waste Collection Officers", slug="waste")


def thread_url(thread):
    return f"/communities/{thread.community.slug}/discussions/{thread.pk}/"


def test_starting_a_question_from_the_form(client, community):
    member = member_of(community)
    client.force_login(member)

    response = client.get("/communities/waste/discussions/new/?kind=question")
    assert response.status_code == 200
    response = client.post(
        "/communities/waste/discussions/new/",
        {
            "kind": "question",
            "title": "Charging for replacement bins",
            "body": "Do you charge for **replacement** bins?",
            "tags": "bins, charges",
        },
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread_url(thread)
    page = client.get(thread_url(thread)).content.decode()
    assert "Charging for replacement bins" in page
    assert "<strong>replacement</strong>" in page
    assert "Your question has been posted" in page


def test_the_message_box_explains_markdown_to_screen_readers_too(client, community):
    client.force_login(member_of(community))
    html = client.get("/communities/waste/discussions/new/").content.decode()
    assert 'aria-describedby="id_body-hint"' in html
    assert (
        '<div id="id_body-hint" class="govuk-hint">You can use Markdown: **bold**'
        in html
    )
    # A long message is refused with a reason, never cut short by the browser.
    assert 'maxlength="20000"' not in html


def test_marking_helpful_with_htmx_swaps_the_button(client, community):
    reply = reply_to(start_thread(community))
    client.force_login(member_of(community))
    response = client.post(
        f"/communities/waste/content/reply/{reply.pk}/helpful/",
        {"helpful": "1"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="commonroom-helpful"')
    assert 'aria-pressed="true"' in html
    assert "1 person found this helpful" in html


def test_nobody_is_offered_to_mark_their_own_post_helpful(client, community):
    author = member_of(community)
    thread = start_thread(community, author)
    client.force_login(author)
    html = client.get(thread_url(thread)).content.decode()
    assert f"content/thread/{thread.pk}/helpful/" not in html


def test_a_refused_thread_keeps_what_was_typed_and_says_why(client, community):
    client.force_login(member_of(community))
    response = client.post(
        "/communities/waste/discussions/new/",
        {
            "kind": "discussion",
            "title": "",
            "body": "Carefully written words about food waste",
            "attachments": SimpleUploadedFile("run.exe", b"MZ\x90\x00" + b"\0" * 64),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a title" in html
    assert "Carefully written words about food waste" in html
    assert "run.exe" in html
    assert not Thread.objects.exists()


def test_preview_without_javascript_shows_the_rendered_message(client, community):
    client.force_login(member_of(community))
    response = client.post(
        "/communities/waste/discussions/new/",
        {
            "kind": "discussion",
            "title": "Preview me",
            "body": "A _careful_ draft <script>alert(1)</script>",
            "preview": "1",
        },
    )
    html = response.content.decode()
    assert "<em>careful</em>" in html
    assert "<script>alert(1)</script>" not in html
    assert not Thread.objects.exists()


def test_replying_and_quoting(client, community):
    thread = start_thread(community)
    earlier = reply_to(thread, body="We weigh the bins.")
    member = member_of(community)
    client.force_login(member)

    page = client.get(f"{thread_url(thread)}?quote={earlier.pk}").content.decode()
    assert "&gt; We weigh the bins." in page
    response = client.post(
        f"{thread_url(thread)}reply/",
        {"body": "> We weigh the bins.\n\nSo do we.", "quote_of": earlier.pk},
    )

    reply = Reply.objects.get(author=member)
    assert reply.quote_of == earlier
    assert response["Location"] == f"{thread_url(thread)}replies/{reply.pk}/"
    page = client.get(thread_url(thread)).content.decode()
    assert "<blockquote>" in page
    assert "In reply to" in page


def test_an_empty_reply_is_refused_on_the_thread_page(client, community):
    thread = start_thread(community)
    client.force_login(member_of(community))
    response = client.post(f"{thread_url(thread)}reply/", {"body": ""})
    assert response.status_code == 200
    assert "Enter your message" in response.content.decode()
    assert not Reply.objects.exists()


def test_visitors_and_non_members_are_invited_in_not_given_a_form(client, community):
    thread = start_thread(community)
    client.force_login(member_of(CommunityFactory()))
    html = client.get(thread_url(thread)).content.decode()
    assert "Join the community" in html
    assert 'action="' + thread_url(thread) + 'reply/"' not in html
    assert client.post(f"{thread_url(thread)}reply/", {"body": "Hi"}).status_code == 403


def test_a_private_communitys_thread_does_not_exist_for_outsiders(client):
    private = CommunityFactory(visibility="private", slug="private")
    thread = start_thread(private)
    client.force_login(member_of(CommunityFactory()))
    assert client.get(thread_url(thread)).status_code == 404
    assert client.get("/communities/private/discussions/").status_code == 404


def test_a_reply_permalink_lands_on_its_page(client, community):
    thread = start_thread(community)
    author = member_of(community)
    replies = [reply_to(thread, author) for _ in range(REPLIES_PER_PAGE + 3)]
    target = replies[REPLIES_PER_PAGE + 1]  # position 22: page 2
    client.force_login(author)

    response = client.get(f"{thread_url(thread)}replies/{target.pk}/")
    assert response["Location"] == f"{thread_url(thread)}?page=2#reply-{target.pk}"
    page = client.get(f"{thread_url(thread)}?page=2").content.decode()
    assert f'id="reply-{target.pk}"' in page
    assert f'id="reply-{replies[0].pk}"' not in page
    first = client.get(f"{thread_url(thread)}replies/{replies[0].pk}/")
    assert first["Location"] == f"{thread_url(thread)}#reply-{replies[0].pk}"


def test_deleted_and_hidden_replies_leave_placeholders(client, community):
    thread = start_thread(community)
    deleted = reply_to(thread, body="Regrettable words")
    hidden = reply_to(thread, body="Something confidential")
    Reply.objects.filter(pk=deleted.pk).update(deleted_at="2026-01-01T00:00Z")
    Reply.objects.filter(pk=hidden.pk).update(hidden_at="2026-01-01T00:00Z")
    member = member_of(community)
    facilitator = facilitator_of(community)

    client.force_login(member)
    html = client.get(thread_url(thread)).content.decode()
    assert "This reply was deleted." in html
    assert "This reply was hidden by a facilitator." in html
    assert "Regrettable words" not in html and "Something confidential" not in html
    client.force_login(facilitator)
    html = client.get(thread_url(thread)).content.decode()
    assert "Something confidential" in html
    assert "Hidden from members" in html
    assert "Regrettable words" not in html


def test_the_asker_accepts_an_answer_and_it_shows_under_the_question(client, community):
    asker = member_of(community)
    question = start_thread(community, asker, kind="question")
    answer = reply_to(question, body="Use the **2019 guidance**.")
    client.force_login(asker)

    response = client.post(f"{thread_url(question)}answer/", {"reply": answer.pk})
    assert response.status_code == 302
    html = client.get(thread_url(question)).content.decode()
    assert "Accepted answer" in html
    assert html.index("Accepted answer") < html.index(f'id="reply-{answer.pk}"')
    assert "Answered question" in html
    listing = client.get("/communities/waste/discussions/?show=unanswered")
    assert question.title not in listing.content.decode()


def test_the_list_filters_to_unanswered_questions(client, community):
    start_thread(community, title="A discussion about depots")
    start_thread(community, title="Who collects clinical waste?", kind="question")
    answered = start_thread(community, title="Bulky waste fees?", kind="question")
    services.accept_answer(
        actor=answered.author, thread=answered, reply=reply_to(answered)
    )
    client.force_login(member_of(community))

    everything = client.get("/communities/waste/discussions/").content.decode()
    unanswered = client.get(
        "/communities/waste/discussions/?show=unanswered"
    ).content.decode()
    questions = client.get("/communities/waste/discussions/?show=questions")
    assert "A discussion about depots" in everything
    assert "Who collects clinical waste?" in unanswered
    assert "Bulky waste fees?" not in unanswered
    assert "A discussion about depots" not in unanswered
    assert "Bulky waste fees?" in questions.content.decode()


def test_pinned_threads_come_first(client, community):
    facilitator = facilitator_of(community)
    older = start_thread(community, title="House rules")
    start_thread(community, title="Newer news")
    services.set_pinned(actor=facilitator, thread=older, pinned=True)
    client.force_login(facilitator)
    html = client.get("/communities/waste/discussions/").content.decode()
    assert html.index("House rules") < html.index("Newer news")


def test_the_hub_shows_latest_discussions_and_unanswered_questions(client, community):
    start_thread(community, title="Garden waste subscriptions")
    start_thread(community, title="How do you handle missed bins?", kind="question")
    client.force_login(member_of(community))
    html = client.get("/communities/waste/").content.decode()
    assert "Latest discussions" in html
    assert "Garden waste subscriptions" in html
    assert "Unanswered questions" in html
    assert "How do you handle missed bins?" in html


def test_a_moved_threads_old_address_leads_to_the_new_one(client, community):
    facilitator = facilitator_of(community)
    destination = CommunityFactory(slug="recycling")
    Membership.objects.create(
        community=destination, user=facilitator, role=Membership.Role.FACILITATOR
    )
    thread = start_thread(community)
    old = thread_url(thread)
    client.force_login(facilitator)

    form = client.get(f"{old}move/").content.decode()
    assert "Open: every signed-in member can read it." in form
    response = client.post(f"{old}move/", {"to": destination.pk, "reason": "Fits"})
    assert response.status_code == 302
    moved = client.get(old)
    assert moved.status_code == 301
    assert moved["Location"] == f"/communities/recycling/discussions/{thread.pk}/"


def test_the_move_page_says_what_stays_behind(client, community):
    facilitator = facilitator_of(community)
    destination = CommunityFactory(slug="recycling")
    Membership.objects.create(
        community=destination, user=facilitator, role=Membership.Role.FACILITATOR
    )
    thread = start_thread(community)
    client.force_login(facilitator)

    html = client.get(f"{thread_url(thread)}move/").content.decode()
    assert "earlier versions of the discussion and its replies are removed" in html
    assert "hidden and deleted replies are removed for good" in html


def test_a_hidden_thread_is_not_moved_and_the_page_says_why(client, community):
    from commonroom.moderation.services import hide_content

    facilitator = facilitator_of(community)
    destination = CommunityFactory(slug="recycling")
    Membership.objects.create(
        community=destination, user=facilitator, role=Membership.Role.FACILITATOR
    )
    thread = start_thread(community)
    hide_content(actor=facilitator, obj=thread)
    client.force_login(facilitator)

    response = client.post(f"{thread_url(thread)}move/", {"to": destination.pk})
    assert response.status_code == 200
    assert "Restore it before moving it" in response.content.decode()
    thread.refresh_from_db()
    assert thread.community == community


def test_the_edit_history_is_for_the_author_and_facilitators(client, community):
    author = member_of(community)
    thread = start_thread(community, author, body="First draft")
    client.force_login(author)
    client.post(f"{thread_url(thread)}edit/", {"title": thread.title, "body": "Final"})
    history = f"/communities/waste/content/thread/{thread.pk}/history/"

    html = client.get(history).content.decode()
    assert "First draft" in html and "Final" in html
    client.force_login(member_of(community))
    assert client.get(history).status_code == 403
    assert "edited" in client.get(thread_url(thread)).content.decode()
    client.force_login(facilitator_of(community))
    assert "First draft" in client.get(history).content.decode()


def test_marking_helpful_without_javascript(client, community):
    reply = reply_to(start_thread(community))
    client.force_login(member_of(community))
    url = f"/communities/waste/content/reply/{reply.pk}/helpful/"
    client.post(url, {"helpful": "1"})
    reply.refresh_from_db()
    assert reply.helpful_count == 1
    html = client.get(thread_url(reply.thread)).content.decode()
    assert "1 person found this helpful" in html
    assert 'aria-pressed="true"' in html


def test_thread_page_query_budget_does_not_grow_with_replies(
    client, community, queries
):
    thread = start_thread(community, kind="question")
    author = member_of(community)
    first = reply_to(thread, author)
    services.accept_answer(actor=thread.author, thread=thread, reply=first)
    # A question like it elsewhere, offered as a similar question.
    start_thread(CommunityFactory(), title=f"{thread.title} again", kind="question")
    reader = member_of(community)
    client.force_login(reader)
    client.get(thread_url(thread))  # the first visit counts a view
    # Session and user, the thread (with whether the reader has visited and
    # follows it), the memberships, the replies (the accepted answer among
    # them), attachments and the thread's topics; similar questions come
    # after the page (forum-similar-questions). No "helpful" marks to look
    # up: nobody has marked a post on the page.
    budget = 6 + session_queries()
    with queries(budget):
        html = client.get(thread_url(thread)).content.decode()
    assert f"{thread.title} again</a>" not in html and 'data-hx-trigger="load"' in html

    for _ in range(3 * REPLIES_PER_PAGE):
        reply_to(thread, author)
    with queries(budget):
        client.get(thread_url(thread))
    # On a page without it, the accepted answer is read on its own.
    with queries(budget + 1):
        client.get(f"{thread_url(thread)}?page=4")

    # Once someone has marked a post on the page, the reader's marks are read.
    content_services.set_helpful(actor=author, obj=thread, helpful=True)
    with queries(budget + 1):
        client.get(thread_url(thread))
    with queries(budget + 1):
        client.get(f"{thread_url(thread)}?page=4")


def test_thread_list_query_budget_does_not_grow_with_threads(
    client, community, queries
):
    author = member_of(community)
    start_thread(community, author)
    client.force_login(author)
    # Session and user, the community, the memberships, the count and
    # the page of threads.
    budget = 5 + session_queries()
    with queries(budget):
        client.get("/communities/waste/discussions/")
    for _ in range(30):
        start_thread(community, author)
    with queries(budget):
        client.get("/communities/waste/discussions/?page=2")


def test_a_refused_attachment_on_a_reply_keeps_the_reply_and_says_why(
    client, community
):
    thread = start_thread(community)
    client.force_login(member_of(community))
    response = client.post(
        f"{thread_url(thread)}reply/",
        {
            "body": "Our figures for last year are attached.",
            "attachments": SimpleUploadedFile(
                "figures.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 64
            ),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Our figures for last year are attached." in html
    assert "“figures.pdf” is not a PDF" in html
    assert "There is a problem" in html
    assert not Reply.objects.exists()


def test_a_deep_page_of_the_list_holds_the_right_threads_in_order(client, community):
    author = member_of(community)
    titles = [f"Thread number {n:02}" for n in range(30)]
    for title in titles:
        start_thread(community, author, title=title)
    client.force_login(author)

    html = client.get("/communities/waste/discussions/?page=2").content.decode()
    shown = [title for title in titles if title in html]
    # Newest first: page 1 has the last 25 started, page 2 the first five.
    assert shown == titles[:5]
    assert sorted(shown, key=html.index) == list(reversed(titles[:5]))


def test_facilitators_pin_and_lock_members_follow_with_plain_buttons(client, community):
    thread = start_thread(community)
    facilitator = facilitator_of(community)
    member = member_of(community)
    client.force_login(member)
    assert client.post(f"{thread_url(thread)}pin/", {"pinned": "1"}).status_code == 403
    client.post(f"{thread_url(thread)}follow/", {"following": "1"})
    assert (
        "You are following this discussion."
        in client.get(thread_url(thread)).content.decode()
    )

    client.force_login(facilitator)
    client.post(f"{thread_url(thread)}pin/", {"pinned": "1"})
    client.post(f"{thread_url(thread)}lock/", {"locked": "1"})
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_locked
    client.force_login(member)
    html = client.get(thread_url(thread)).content.decode()
    assert "This discussion is locked: only facilitators can reply to it." in html
    assert "Locked" in html and "Pinned" in html
    assert client.post(f"{thread_url(thread)}reply/", {"body": "Hi"}).status_code == 403


def test_deleting_a_reply_returns_to_its_place_in_the_thread(client, community):
    thread = start_thread(community)
    author = member_of(community)
    replies = [reply_to(thread, author) for _ in range(REPLIES_PER_PAGE + 3)]
    target = replies[REPLIES_PER_PAGE + 1]  # position 22: page 2
    client.force_login(author)

    response = client.post(f"{thread_url(thread)}replies/{target.pk}/delete/")

    assert response.status_code == 302
    assert response["Location"] == f"{thread_url(thread)}?page=2#reply-{target.pk}"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "It has been deleted" in html
    # The placeholder keeps the reply's place, under the anchor landed on.
    assert f'id="reply-{target.pk}"' in html
    assert "This reply was deleted." in html


def test_a_facilitator_deleting_a_reply_on_the_first_page_returns_there(
    client, community
):
    thread = start_thread(community)
    reply = reply_to(thread, body="Something regrettable")
    client.force_login(facilitator_of(community))

    response = client.post(
        f"{thread_url(thread)}replies/{reply.pk}/delete/", {"reason": "Off topic"}
    )

    assert response["Location"] == f"{thread_url(thread)}#reply-{reply.pk}"
    html = client.get(response["Location"]).content.decode()
    assert "Something regrettable" not in html
    assert "This reply was deleted." in html


LOCKED = "This discussion is locked: only facilitators can reply to it."


def test_a_locked_thread_says_the_same_thing_everywhere(client, community):
    thread = start_thread(community)
    facilitator = facilitator_of(community)
    member = member_of(community)

    # The facilitator locking it is told what members will be told...
    client.force_login(facilitator)
    response = client.post(f"{thread_url(thread)}lock/", {"locked": "1"}, follow=True)
    facilitator_html = response.content.decode()
    assert facilitator_html.count(LOCKED) == 2  # the confirmation, and the form
    assert "As a facilitator, you can still reply." in facilitator_html
    assert 'action="' + thread_url(thread) + 'reply/"' in facilitator_html

    # ...members read it where the reply form was...
    client.force_login(member)
    html = client.get(thread_url(thread)).content.decode()
    assert LOCKED in html
    assert 'action="' + thread_url(thread) + 'reply/"' not in html
    assert "nobody can reply" not in html

    # ...and a reply sent anyway is refused with the very same words.
    refused = client.post(f"{thread_url(thread)}reply/", {"body": "Anyone?"})
    assert refused.status_code == 403
    assert LOCKED in refused.content.decode()
    assert not thread.replies.exists()


def test_a_long_thread_in_the_list_links_to_its_last_page(client, community):
    thread = start_thread(community, title="Food waste trials")
    author = member_of(community)
    for _ in range(REPLIES_PER_PAGE + 1):
        reply_to(thread, author)
    client.force_login(author)
    html = client.get("/communities/waste/discussions/").content.decode()
    assert f'href="{thread_url(thread)}?page=2">last page (2)' in html


def test_visitors_are_asked_to_sign_in_where_members_may_read(client, community):
    thread = start_thread(community)
    response = client.get(thread_url(thread))
    assert response.status_code == 302
    assert response["Location"] == (
        f"/account/login/?next=/communities/waste/discussions/{thread.pk}/"
    )
    CommunityFactory(visibility="restricted", slug="restricted")
    client.force_login(member_of(CommunityFactory()))
    assert client.get("/communities/restricted/discussions/").status_code == 403
