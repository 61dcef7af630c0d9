"""The member home and the header's sign-out button in a real browser:
axe-core at 1280 and 320 pixels, nothing sideways, and the keyboard."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Invitation, Membership, MembershipRequest
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.models import ServiceArea
from commonroom.forums.services import threads as services
from commonroom.forums.tests.factories import facilitator_of, reply_to, start_thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def busy_member():
    """A member with something in every section of their home."""
    member = UserFactory(full_name="Asha Patel")
    # Transactional tests empty the tables the data migrations filled.
    area, _ = ServiceArea.objects.get_or_create(
        slug="housing", defaults={"name": "Housing"}
    )
    member.profile.service_areas.add(area)
    housing = CommunityFactory(
        name="Heads of Housing and Homelessness Services in the South West",
        service_area=area,
    )
    Membership.objects.create(
        community=housing, user=member, role=Membership.Role.FACILITATOR
    )
    MembershipRequest.objects.create(community=housing, user=UserFactory())
    followed = start_thread(
        housing, title="Temporary accommodation for care leavers: what works?"
    )
    services.set_following(actor=member, thread=followed, following=True)
    reply_to(followed)
    start_thread(
        housing,
        title="Is anyone using modular homes for emergency housing placements?",
        kind="question",
    )
    private = CommunityFactory(name="Chief Housing Officers", visibility="private")
    Invitation.objects.create(
        community=private,
        invited_by=facilitator_of(private, full_name="Fiona Grant"),
        email=member.email,
        token=uuid.uuid4().hex,
        expires_at=timezone.now() + timedelta(days=14),
    )
    restricted = CommunityFactory(name="Rough Sleeping Leads", visibility="restricted")
    MembershipRequest.objects.create(community=restricted, user=member)
    return member


@pytest.mark.parametrize("width", [1280, 320])
def test_the_member_home_passes_axe_and_fits(page, axe, sign_in, busy_member, width):
    sign_in(busy_member)
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/")

    expect(page.get_by_role("heading", level=1, name="Your home")).to_be_visible()
    expect(page.get_by_role("link", name="1 request to join")).to_be_visible()
    expect(
        page.get_by_test_id("questions").get_by_role(
            "link", name="Is anyone using modular homes"
        )
    ).to_be_visible()
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 320])
def test_an_empty_member_home_says_what_to_do_next(page, axe, sign_in, width):
    sign_in(UserFactory())
    page.set_viewport_size({"width": width, "height": 900})

    page.goto("/")

    expect(page.get_by_role("link", name="Find a community to join")).to_be_visible()
    expect(
        page.get_by_role("link", name="Add your expertise and service areas")
    ).to_be_visible()
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 320])
def test_signing_out_from_the_header_with_the_keyboard(page, sign_in, width):
    sign_in(UserFactory())
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/help/")

    menu = page.get_by_role("button", name="Menu")
    if width == 320:
        # The service navigation folds into a "Menu" button on small screens.
        menu.focus()
        page.keyboard.press("Enter")
    sign_out = page.get_by_role("button", name="Sign out")
    expect(sign_out).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for _press in range(30):
        page.keyboard.press("Tab")
        if sign_out.evaluate("element => element === document.activeElement"):
            break
    expect(sign_out).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("button", name="Create an account")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
