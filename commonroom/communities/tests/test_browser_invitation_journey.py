"""Invited by email before registering: sign up, confirm, and land in the community."""

import re

import pytest
from playwright.sync_api import expect

from commonroom.accounts.tests.test_browser_journeys import (  # noqa: F401 (fixtures)
    follow_confirmation_email,
    leeds,
    mailbox,
)
from commonroom.communities.models import Membership
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "plum orchard lantern river"


def test_an_invited_newcomer_signs_up_and_lands_in_a_private_community(
    page,
    axe,
    sign_in,
    mailbox,  # noqa: F811
    leeds,  # noqa: F811
):
    community = CommunityFactory(
        name="Heads of Planning Steering Group",
        slug="heads-of-planning-steering-group",
        visibility="private",
    )
    facilitator = MembershipFactory(community=community, role="facilitator").user
    sign_in(facilitator)

    page.goto(f"/communities/{community.slug}/invitations/")
    page.get_by_label("Email addresses").fill("rhiannon.evans@leeds.gov.uk")
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_text("rhiannon.evans@leeds.gov.uk").first).to_be_visible()
    page.context.clear_cookies()

    # The invitation email, both parts, with a working link.
    [invitation] = [m for m in mailbox() if m["To"] == "rhiannon.evans@leeds.gov.uk"]
    text = invitation.get_body(preferencelist=("plain",)).get_content()
    html = invitation.get_body(preferencelist=("html",)).get_content()
    link = re.search(r"http://\S+(/communities/invitations/\S+/)", text)
    assert f'href="{link.group(0)}"' in html
    page.goto(link.group(1))
    # A visitor with the link learns nothing about the private community.
    expect(page.get_by_text("Heads of Planning Steering Group")).to_have_count(0)
    axe(page)
    page.get_by_role(
        "link", name=re.compile("create an account", re.IGNORECASE)
    ).first.click()

    page.get_by_label("Full name").fill("Rhiannon Evans")
    page.get_by_label("Work email address").fill("rhiannon.evans@leeds.gov.uk")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    follow_confirmation_email(page, mailbox, "rhiannon.evans@leeds.gov.uk", axe)

    expect(page.get_by_role("link", name="Your account")).to_be_visible()
    assert Membership.objects.filter(
        community=community, user__email="rhiannon.evans@leeds.gov.uk"
    ).exists()
    page.goto(f"/communities/{community.slug}/")
    expect(
        page.get_by_role("heading", name="Heads of Planning Steering Group")
    ).to_be_visible()
    axe(page)


def test_an_outsider_gets_not_found_for_a_private_community(page, axe, sign_in):
    community = CommunityFactory(
        name="Cyber Incident Response",
        slug="cyber-incident-response",
        visibility="private",
    )
    MembershipFactory(community=community, role="facilitator")
    sign_in(MembershipFactory().user)

    response = page.goto(f"/communities/{community.slug}/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    assert "Cyber Incident Response" not in page.content()
    axe(page)
