"""Communities in a real browser: the wizard end to end, and axe-core on every page."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Community
from commonroom.communities.tests.factories import (
    CommunityFactory,
    MembershipFactory,
    NoticeFactory,
)
from commonroom.core.models import ServiceArea
from commonroom.organisations.tests.factories import OrganisationFactory
from commonroom.tags.models import Tag

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def service_areas():
    """Transactional tests flush the data migration's service areas: add some."""
    for slug, name in [("waste", "Waste and recycling"), ("housing", "Housing")]:
        ServiceArea.objects.get_or_create(slug=slug, defaults={"name": name})


@pytest.fixture
def network():
    """A restricted community with a facilitator, a member, a notice and a sub-community."""
    community = CommunityFactory(
        name="Heads of Housing",
        slug="heads-of-housing",
        purpose="Heads of housing services sharing what works.",
        visibility="restricted",
        service_area=ServiceArea.objects.get(slug="housing"),
        member_count=2,
        post_count=12,
        accent_colour="#4c2c92",
    )
    community.tags.add(Tag.objects.create(name="Homelessness", slug="homelessness"))
    leeds = OrganisationFactory(name="Leeds City Council", slug="leeds")
    facilitator = UserFactory(full_name="Fiona Grant", profile__organisation=leeds)
    MembershipFactory(community=community, user=facilitator, role="facilitator")
    member = UserFactory(full_name="Sam Okafor")
    MembershipFactory(community=community, user=member)
    NoticeFactory(community=community, author=facilitator, title="Conference in May")
    CommunityFactory(
        name="Housing Steering Group",
        slug="housing-steering-group",
        parent=community,
        visibility="restricted",
    )
    CommunityFactory.create_batch(22)
    return {"community": community, "facilitator": facilitator, "member": member}


def test_a_member_creates_a_community_through_the_wizard(page, axe, sign_in):
    sign_in(UserFactory(full_name="Asha Patel"))
    page.goto("/communities/")
    page.get_by_role("link", name="Start a community").click()

    expect(page.get_by_role("heading", name="Name and purpose")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Enter a name for the community").first).to_be_visible()
    axe(page)

    page.get_by_label("Name").fill("Food Waste Collections")
    page.get_by_label("Purpose").fill("Councils rolling out weekly food waste.")
    page.get_by_role("button", name="Continue").click()

    expect(
        page.get_by_role("heading", name="Topics and who can read it")
    ).to_be_visible()
    page.get_by_label("Topics").fill("food waste, recycling")
    page.get_by_label("Service area").select_option("waste")
    page.get_by_label("Restricted").check()
    axe(page)
    # Back to step 1 and forward again: nothing typed is lost.
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("Name")).to_have_value("Food Waste Collections")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_label("Topics")).to_have_value("food waste, recycling")
    expect(page.get_by_label("Restricted")).to_be_checked()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Check and agree")).to_be_visible()
    expect(page.get_by_text("Keep confidences.")).to_be_visible()
    page.get_by_role("button", name="Create the community").click()
    expect(
        page.get_by_text("Confirm that you agree to the facilitator’s principles").first
    ).to_be_visible()
    axe(page)
    page.get_by_label("I agree to the facilitator’s principles").check()
    page.get_by_role("button", name="Create the community").click()

    expect(
        page.get_by_role("heading", level=1, name="Food Waste Collections")
    ).to_be_visible()
    expect(page.get_by_text("You are its facilitator")).to_be_visible()
    expect(page.get_by_role("link", name="Change the logo and colour")).to_be_visible()
    axe(page)
    community = Community.objects.get(name="Food Waste Collections")
    assert community.visibility == "restricted"
    assert community.owner.full_name == "Asha Patel"


def test_an_outsider_gets_not_found_for_a_private_community(page, sign_in):
    private = CommunityFactory(name="Cyber Incident Response", visibility="private")
    sign_in(UserFactory())

    response = page.goto(f"/communities/{private.slug}/")

    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_text("Cyber Incident Response")).to_have_count(0)


PAGES = [
    ("visitor", "/communities/"),
    ("visitor", "/communities/?tag=homelessness&service_area=housing&sort=active"),
    ("visitor", "/communities/?service_area=nowhere&sort=random"),
    ("visitor", "/communities/heads-of-housing/"),
    ("outsider", "/communities/?organisation=leeds&visibility=restricted"),
    ("outsider", "/communities/heads-of-housing/"),
    ("member", "/communities/heads-of-housing/"),
    ("member", "/communities/heads-of-housing/notices/"),
    ("facilitator", "/communities/heads-of-housing/"),
    ("facilitator", "/communities/heads-of-housing/notices/"),
    ("facilitator", "/communities/heads-of-housing/notices/new/"),
    ("facilitator", "/communities/heads-of-housing/theme/"),
    ("facilitator", "/communities/heads-of-housing/settings/"),
    ("facilitator", "/communities/heads-of-housing/sub-communities/new/"),
    ("facilitator", "/communities/heads-of-housing/archive/"),
    ("facilitator", "/communities/housing-steering-group/"),
]


@pytest.mark.parametrize(("role", "path"), PAGES)
def test_page_has_no_axe_violations(page, axe, sign_in, network, role, path):
    if role == "outsider":
        sign_in(UserFactory())
    elif role != "visitor":
        sign_in(network[role])

    response = page.goto(path)

    assert response.status == 200
    axe(page)


def test_forms_with_errors_have_no_axe_violations(page, axe, sign_in, network):
    sign_in(network["facilitator"])

    page.goto("/communities/heads-of-housing/theme/")
    page.get_by_label("Accent colour").fill("#ffcc00")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("White text on #ffcc00 has a contrast ratio of 1.5:1").first
    ).to_be_visible()
    axe(page)

    page.goto("/communities/heads-of-housing/sub-communities/new/")
    page.get_by_role("button", name="Create the sub-community").click()
    expect(page.get_by_text("Enter a name for the community").first).to_be_visible()
    axe(page)

    page.goto("/communities/heads-of-housing/notices/new/")
    page.get_by_role("button", name="Post the notice").click()
    expect(page.get_by_text("Enter a title for the notice").first).to_be_visible()
    axe(page)


def test_a_facilitator_changes_the_settings_and_confirms_going_private(
    page, axe, sign_in, network
):
    sign_in(network["facilitator"])
    page.goto("/communities/heads-of-housing/")
    page.get_by_role(
        "link", name="Change the name, purpose, topics or visibility"
    ).click()
    expect(page.get_by_label("Name")).to_have_value("Heads of Housing")

    # A sub-community as open as it is stops it going private.
    page.get_by_label("Private").check()
    page.get_by_role("button", name="Save settings").click()
    expect(
        page.get_by_text(
            "First make these at least as private: Housing Steering Group"
        ).first
    ).to_be_visible()
    axe(page)

    network["community"].children.update(visibility="private")
    page.get_by_label("Name").fill("Heads of Housing Services")
    page.get_by_label("Private").check()
    page.get_by_role("button", name="Save settings").click()
    expect(
        page.get_by_role("heading", name="Make Heads of Housing more private?")
    ).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Yes, make it private").click()

    expect(page.get_by_text("The community’s settings have been saved")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Heads of Housing Services", level=1)
    ).to_be_visible()
    community = Community.objects.get(pk=network["community"].pk)
    assert (community.name, community.visibility) == (
        "Heads of Housing Services",
        "private",
    )


def test_archive_restore_and_notice_pages(page, axe, sign_in, network):
    sign_in(network["facilitator"])
    notice = network["community"].notices.get()

    page.goto(f"/communities/heads-of-housing/notices/{notice.pk}/delete/")
    axe(page)
    page.goto("/communities/heads-of-housing/archive/")
    page.get_by_role("button", name="Archive the community").click()
    expect(page.get_by_text("Archived: read-only")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Restore the community").click()
    axe(page)
    page.get_by_role("button", name="Restore the community").click()
    expect(page.get_by_text("has been restored")).to_be_visible()


def test_the_approval_queue_has_no_axe_violations(page, axe, sign_in, settings):
    settings.COMMUNITY_APPROVAL_REQUIRED = True
    admin = UserFactory(is_staff=True)
    TOTP.activate(admin, generate_totp_secret())
    creator = UserFactory(full_name="Priya Shah")
    community = CommunityFactory(
        name="Food Waste Collections", status="pending", created_by=creator
    )
    sign_in(admin)

    page.goto("/administration/communities/")
    axe(page)
    page.get_by_role("link", name="Food Waste Collections").click()
    axe(page)
    page.get_by_label("Reject: it is deleted").check()
    page.get_by_role("button", name="Save decision").click()
    expect(
        page.get_by_text("Enter the reason for rejecting the community").first
    ).to_be_visible()
    axe(page)
    page.get_by_label("Approve: it goes live at once").check()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("was approved and is live")).to_be_visible()
    community.refresh_from_db()
    assert community.status == "live"
