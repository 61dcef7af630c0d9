"""Profiles, contacts and the people finder in a real browser: axe-core and keyboard."""

import pytest
from playwright.sync_api import expect

from commonroom.accounts.tests.factories import UserFactory
from commonroom.core.models import ServiceArea
from commonroom.profiles import services
from commonroom.profiles.models import Profile
from commonroom.tags.models import Tag

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def service_areas():
    """Transactional tests flush the data migration's service areas: add some."""
    for slug, name in [("flooding", "Flood risk management"), ("housing", "Housing")]:
        ServiceArea.objects.get_or_create(slug=slug, defaults={"name": name})


@pytest.fixture
def viewer(sign_in):
    return sign_in(UserFactory(full_name="Asha Patel"))


@pytest.fixture
def colleague():
    person = UserFactory(
        full_name="Morgan Lloyd",
        profile__job_title="Flood Risk Manager",
        profile__bio="I lead on flood risk.\n\nAsk me about SuDS.",
        profile__show_online_presence=True,
    )
    person.profile.service_areas.add(*ServiceArea.objects.order_by("slug")[:2])
    person.profile.expertise.add(Tag.objects.create(name="Flooding", slug="flooding"))
    return person


def test_someone_elses_profile_is_accessible_and_adds_a_contact(
    page, axe, viewer, colleague
):
    page.goto(f"/people/{colleague.pk}/")
    axe(page)

    page.get_by_role("button", name="Add to contacts").click()

    expect(
        page.get_by_text("Morgan Lloyd has been added to your contacts")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Remove from contacts")).to_be_visible()
    axe(page)


def test_a_hidden_profile_is_accessible(page, axe, viewer):
    hidden = UserFactory(profile__privacy=Profile.Privacy.MY_COMMUNITIES)

    page.goto(f"/people/{hidden.pk}/")

    expect(page.get_by_text("shows their profile details only")).to_be_visible()
    axe(page)


def test_own_profile_is_accessible(page, axe, viewer):
    page.goto(f"/people/{viewer.pk}/")

    expect(page.get_by_role("button", name="Edit your profile")).to_be_visible()
    axe(page)


def test_edit_page_is_accessible_before_and_after_a_failed_submit(page, axe, viewer):
    page.goto("/people/me/edit/")
    axe(page)

    page.get_by_label("Expertise").fill("planning, !!!")
    page.get_by_role("button", name="Save your profile").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    assert "“!!!” must include letters or numbers" in summary.inner_text()
    assert page.get_by_label("Expertise").input_value() == "planning, !!!"
    axe(page)


def test_contact_list_is_accessible(page, axe, viewer, colleague):
    services.add_contact(actor=viewer, contact=colleague)
    services.add_contact(actor=viewer, contact=UserFactory())

    page.goto("/people/contacts/")

    expect(page.get_by_role("link", name="Morgan Lloyd")).to_be_visible()
    axe(page)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=morgan&role_type=officer&region=West+Midlands&expertise=flooding",
        "?region=Atlantis",
        "?q=nobody-has-this-name",
    ],
    ids=["all", "filtered", "bad-filter", "no-results"],
)
def test_people_finder_is_accessible(page, axe, viewer, colleague, query):
    UserFactory.create_batch(22)

    page.goto(f"/people/{query}")

    expect(page.get_by_role("status")).to_be_visible()
    axe(page)


def tab_to(page, element_id: str, limit: int = 80) -> None:
    """Press Tab until the element with ``element_id`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_the_edit_form_can_be_filled_and_sent_with_the_keyboard(page, viewer):
    page.goto("/people/me/edit/")
    area = ServiceArea.objects.order_by("name").first()

    tab_to(page, "id_job_title")
    page.keyboard.press("Control+A")
    page.keyboard.type("Head of Flood Risk")
    tab_to(page, "id_role_type_0")  # the checked radio takes focus: officer
    page.keyboard.press("ArrowDown")  # manager
    tab_to(page, "id_service_areas_0")
    page.keyboard.press("Space")
    tab_to(page, "id_expertise")
    page.keyboard.type("flood risk, drainage")
    tab_to(page, "id_bio")
    page.keyboard.type("Keyboard-only biography.")
    tab_to(page, "id_privacy_0")  # past the photo upload, to the checked radio
    page.keyboard.press("ArrowDown")  # only members of my communities
    tab_to(page, "id_show_online_presence")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.textContent.trim()")
        == "Save your profile"
    )
    page.keyboard.press("Enter")

    page.wait_for_url(f"**/people/{viewer.pk}/")
    profile = Profile.objects.get(user=viewer)
    assert profile.job_title == "Head of Flood Risk"
    assert profile.role_type == Profile.RoleType.MANAGER
    assert list(profile.service_areas.all()) == [area]
    assert sorted(t.name for t in profile.expertise.all()) == ["drainage", "flood risk"]
    assert profile.bio == "Keyboard-only biography."
    assert profile.privacy == Profile.Privacy.MY_COMMUNITIES
    assert profile.show_online_presence is True
