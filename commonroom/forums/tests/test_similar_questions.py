""" "Asked before?" on the new-thread form, and "Similar questions" on a
question's page (the ranking itself: search/tests/test_similar.py)."""

import re
from html import unescape

import pytest

from commonroom.communities.models import Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.testing.queries import cache_queries, session_queries
from commonroom.forums.models import Thread
from commonroom.forums.services import threads as services
from commonroom.forums.tests.factories import member_of, reply_to, start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def waste():
    return CommunityFactory(name="Waste Officers", slug="waste")


@pytest.fixture
def answered():
    """An answered question in a community every member reads."""
    fleet = CommunityFactory(name="Fleet Managers", slug="fleet")
    thread = start_thread(
        fleet, title="Retendering the bin lorry maintenance contract", kind="question"
    )
    reply = reply_to(thread, body="We split it into **two lots**.\n\nIt worked.")
    services.accept_answer(actor=thread.author, thread=thread, reply=reply)
    return thread


@pytest.fixture
def secret():
    """A question like it in a private community."""
    private = CommunityFactory(name="Confidential", slug="secret", visibility="private")
    return start_thread(
        private, title="Retendering our bin lorry maintenance contract", kind="question"
    )


def test_similar_questions_while_typing_a_title(
    client, waste, answered, secret, queries
):
    client.force_login(member_of(waste))
    url = "/communities/waste/discussions/similar/"
    client.get(url, {"title": "warm up"})

    # Session and user, the community, the memberships, the words' uses, the
    # matching titles, the questions alike with their answers.
    with queries(6 + session_queries() + cache_queries()):
        response = client.get(url, {"title": "Retender the bin lorry contract?"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Asked before?" in html
    assert f'href="{answered.get_absolute_url()}"' in html
    assert "Fleet Managers" in html
    assert "Answered" in html
    assert "We split it into two lots." in html
    # A private community's question is never offered to anyone else.
    assert secret.title not in html
    assert "<html" not in html  # a fragment, not a page


def test_nothing_similar_says_so_and_no_title_says_nothing(client, waste):
    client.force_login(member_of(waste))
    url = "/communities/waste/discussions/similar/"
    assert "We found no questions like this one" in client.get(
        url, {"title": "Gritting rotas"}
    ).content.decode("utf-8")
    assert client.get(url).content.decode().strip() == ""


def test_a_private_community_question_is_offered_to_its_members(
    client, waste, answered, secret
):
    insider = member_of(waste)
    Membership.objects.create(community=secret.community, user=insider)
    client.force_login(insider)
    html = client.get(
        "/communities/waste/discussions/similar/",
        {"title": "Retendering bin lorry maintenance"},
    ).content.decode()
    assert secret.title in html and answered.title in html
    # Answered first.
    assert html.index(answered.title) < html.index(secret.title)


def test_the_fragment_follows_the_community_rules(client, secret):
    # Its address is under a community: one the reader may not read is not found.
    client.force_login(member_of(CommunityFactory()))
    response = client.get("/communities/secret/discussions/similar/", {"title": "x"})
    assert response.status_code == 404


def test_the_title_box_asks_for_similar_questions_as_it_is_typed(client, waste):
    client.force_login(member_of(waste))
    html = client.get("/communities/waste/discussions/new/").content.decode()
    assert 'data-hx-get="/communities/waste/discussions/similar/"' in html
    assert 'data-hx-trigger="keyup changed delay:500ms"' in html
    assert 'id="similar-questions"' in html
    assert 'name="similar"' in html and "Check for similar questions" in html


def test_checking_for_similar_questions_without_javascript_keeps_what_was_typed(
    client, waste, answered
):
    client.force_login(member_of(waste))
    url = "/communities/waste/discussions/new/"
    typed = {
        "kind": "question",
        "title": "Bin lorry maintenance contract: retendering",
        "body": "We are about to go out to tender & want *advice*.",
        "tags": "fleet, procurement",
        "similar": "1",
    }

    response = client.post(url, typed)

    html = response.content.decode()
    assert response.status_code == 200
    assert not Thread.objects.filter(community=waste).exists()
    assert answered.title in html and "We split it into two lots." in html
    assert 'value="Bin lorry maintenance contract: retendering"' in html
    assert "We are about to go out to tender &amp; want *advice*.</textarea>" in html
    assert 'value="fleet, procurement"' in html
    assert (
        'value="question" required class="govuk-radios__input" id="id_kind_1" checked'
        in html
    )
    # Not yet checked: no error summary for what is still to be written.
    assert "govuk-error-summary" not in html

    # Then posting it works as ever.
    del typed["similar"]
    response = client.post(url, typed)
    assert response.status_code == 302
    assert Thread.objects.get(community=waste).title == typed["title"]


def test_a_question_page_lists_similar_questions_but_not_itself(
    client, waste, answered, secret
):
    question = start_thread(
        waste, title="Retendering a bin lorry maintenance contract", kind="question"
    )
    discussion = start_thread(
        waste, title="Retendering the bin lorry maintenance contract", kind="discussion"
    )
    client.force_login(member_of(waste))

    page = client.get(question.get_absolute_url()).content.decode()
    # The page asks for its list once loaded (htmx); without JavaScript it
    # offers a search for questions like it.
    panel_url = re.search(r'data-hx-get="([^"]+panel=1[^"]*)"', page).group(1)
    assert "Look for questions like this one" in page
    html = client.get(unescape(panel_url)).content.decode()
    assert "Similar questions" in html
    assert f'href="{answered.get_absolute_url()}"' in html
    assert f'href="{question.get_absolute_url()}"' not in html
    assert secret.title not in html
    # A discussion is not a question: none listed there.
    assert (
        "Similar questions"
        not in client.get(discussion.get_absolute_url()).content.decode()
    )


def test_a_wrong_question_to_leave_out_is_ignored(client, waste, answered):
    """An address edited by hand gets the list, never an error."""
    client.force_login(member_of(waste))
    for exclude in ("99999999999999999999999", "-1", "x", "\x00"):
        response = client.get(
            "/communities/waste/discussions/similar/",
            {"title": answered.title, "exclude": exclude, "panel": "1"},
        )
        assert response.status_code == 200
        assert f'href="{answered.get_absolute_url()}"' in response.content.decode()
