""" "Asked before?" in a real browser: similar questions appear while a member
types a question's title, and the form stays accessible."""

import pytest
from playwright.sync_api import expect

from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.testing.browser import assert_accessible
from commonroom.forums.services import threads as services
from commonroom.forums.tests.factories import member_of, reply_to, start_thread

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_asked_before_offers_an_answered_question_while_a_title_is_typed(page, sign_in):
    waste = CommunityFactory(name="Waste Officers", slug="waste")
    fleet = CommunityFactory(name="Fleet Managers", slug="fleet")
    answered = start_thread(
        fleet, title="Retendering the bin lorry maintenance contract", kind="question"
    )
    reply = reply_to(answered, body="We split it into two lots, north and south.")
    services.accept_answer(actor=answered.author, thread=answered, reply=reply)
    sign_in(member_of(waste))

    page.goto("/communities/waste/discussions/new/?kind=question")
    page.get_by_label("Title").press_sequentially(
        "How do we retender a bin lorry contract", delay=20
    )

    similar = page.locator("#similar-questions")
    expect(similar.get_by_role("heading", name="Asked before?")).to_be_visible()
    link = similar.get_by_role("link", name=answered.title)
    expect(link).to_be_visible()
    expect(similar.get_by_text("Answered")).to_be_visible()
    expect(
        similar.get_by_text("We split it into two lots, north and south.")
    ).to_be_visible()
    assert_accessible(page)
    # Nothing was sent but the title: what was typed is still there.
    expect(page.get_by_label("Title")).to_have_value(
        "How do we retender a bin lorry contract"
    )

    link.click()
    expect(page.get_by_role("heading", level=1, name=answered.title)).to_be_visible()
