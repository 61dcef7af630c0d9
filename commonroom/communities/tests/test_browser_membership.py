"""Joining, requests, invitations and members in a real browser, checked with axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Membership
from commonroom.communities.services import membership as services
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def housing():
    community = CommunityFactory(
        name="Heads of Housing",
        visibility="restricted",
        purpose="For heads of housing services to compare notes.",
    )
    owner = MembershipFactory(
        community=community, role="facilitator", user__full_name="Owen Price"
    ).user
    community.owner = owner
    community.save()
    return community


def facilitator_of(community):
    return Membership.objects.get(community=community, role="facilitator").user


def test_ask_to_join_and_a_facilitator_approves(page, axe, sign_in, housing):
    applicant = sign_in(UserFactory(full_name="Asha Patel"))

    page.goto(f"/communities/{housing.slug}/join/")
    expect(page).to_have_url(re.compile(r"/join/request/$"))
    expect(page.get_by_role("heading", name="Ask to join")).to_be_visible()
    axe(page)
    page.get_by_label("Why would you like to join? (optional)").fill(
        "I lead the housing options team in Leeds."
    )
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_text("Your request has been sent")).to_be_visible()
    expect(page.get_by_text("Waiting for a decision")).to_be_visible()
    axe(page)

    page.context.clear_cookies()
    sign_in(facilitator_of(housing))
    page.goto(f"/communities/{housing.slug}/requests/")
    expect(
        page.get_by_text("I lead the housing options team in Leeds.")
    ).to_be_visible()
    axe(page)
    page.get_by_role(
        "link", name=re.compile("Reject or ask for more information")
    ).click()
    page.get_by_role("radio", name="Reject the request").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(
        page.locator(".govuk-error-summary").get_by_text(
            "Enter a message to explain why you are rejecting the request"
        )
    ).to_be_visible()
    axe(page)
    page.get_by_role("radio", name="Approve: they join the community").check()
    page.get_by_role("button", name="Save decision").click()

    expect(page.get_by_text("Asha Patel is now a member")).to_be_visible()
    expect(page.get_by_text("0 requests waiting")).to_be_visible()
    assert Membership.objects.filter(community=housing, user=applicant).exists()
    [message] = [m for m in mail.outbox if m.to == [applicant.email]]
    assert message.subject == "You are now a member of Heads of Housing"

    page.goto(f"/communities/{housing.slug}/members/")
    expect(page.get_by_role("link", name="Asha Patel", exact=True)).to_be_visible()
    axe(page)


def test_more_information_and_the_reply(page, axe, sign_in, housing):
    applicant = sign_in(UserFactory())
    request = services.request_to_join(actor=applicant, community=housing)
    services.ask_for_more_information(
        actor=facilitator_of(housing),
        membership_request=request,
        message="Which council do you work for?",
    )

    page.goto(f"/communities/{housing.slug}/join/request/")
    expect(page.get_by_text("Which council do you work for?")).to_be_visible()
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your reply")
    axe(page)
    page.get_by_label("Your reply").fill("Leeds City Council.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Waiting for a decision")).to_be_visible()
    axe(page)


def test_invite_a_list_and_the_invitee_accepts(page, axe, sign_in, housing):
    facilitator = sign_in(facilitator_of(housing))
    invitee = UserFactory(email="dafydd@cardiff.gov.uk", full_name="Dafydd Evans")

    page.goto(f"/communities/{housing.slug}/invitations/")
    axe(page)
    page.get_by_role("button", name="Send invitations").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter at least one email address"
    )
    axe(page)
    page.get_by_label("Email addresses").fill(
        "dafydd@cardiff.gov.uk\nnot-an-address, new.person@york.gov.uk"
    )
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_text("2 invitations sent")).to_be_visible()
    expect(page.get_by_text("Not a valid email address")).to_be_visible()
    axe(page)

    [message] = [m for m in mail.outbox if m.to == [invitee.email]]
    link = re.search(r"http://\S+(/communities/invitations/\S+/)", message.body)[1]

    page.context.clear_cookies()
    page.goto(link)
    expect(
        page.get_by_role("heading", name="You have been invited to join a community")
    ).to_be_visible()
    expect(page.get_by_text("Heads of Housing")).to_have_count(0)
    axe(page)

    sign_in(UserFactory())
    page.goto(link)
    expect(page.get_by_role("heading", name="Invitation not found")).to_be_visible()
    axe(page)

    page.context.clear_cookies()
    sign_in(invitee)
    page.goto(link)
    expect(page.get_by_role("heading", name="Join Heads of Housing")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Accept and join").click()
    expect(page.get_by_text("You have joined Heads of Housing")).to_be_visible()
    assert Membership.objects.filter(community=housing, user=invitee).exists()
    assert facilitator.pk != invitee.pk


def test_membership_pages_have_no_axe_violations(page, axe, sign_in, housing):
    owner = facilitator_of(housing)
    member = MembershipFactory(community=housing, user__full_name="Asha Patel").user
    open_community = CommunityFactory(name="Food Waste Rollout")
    sign_in(owner)

    for path in [
        f"/communities/{housing.slug}/members/",
        f"/communities/{housing.slug}/members/{member.pk}/",
        f"/communities/{housing.slug}/members/{owner.pk}/",
        f"/communities/{housing.slug}/members/{member.pk}/remove/",
        f"/communities/{housing.slug}/requests/",
        f"/communities/{housing.slug}/leave/",
        f"/communities/{open_community.slug}/join/",
    ]:
        assert page.goto(path).status == 200, path
        axe(page)

    page.goto(f"/communities/{housing.slug}/members/{member.pk}/remove/")
    page.get_by_label("Message to them (optional)").fill("Thank you for your help.")
    page.get_by_role("button", name="Remove from community").click()
    expect(page.get_by_text("Asha Patel has been removed")).to_be_visible()

    page.goto(f"/communities/{housing.slug}/leave/")
    expect(page.get_by_text("Make another member a facilitator")).to_be_visible()

    page.goto(f"/communities/{open_community.slug}/join/")
    page.get_by_role("button", name="Join community").click()
    expect(page.get_by_text("You have joined Food Waste Rollout")).to_be_visible()
    page.goto(f"/communities/{open_community.slug}/leave/")
    axe(page)
    page.get_by_role("button", name="Leave community").click()
    expect(page.get_by_text("You have left Food Waste Rollout")).to_be_visible()
