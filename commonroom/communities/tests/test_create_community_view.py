"""The three-step create-a-community wizard."""

import re

import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Community, Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.communities.views.communities import WIZARD
from commonroom.core.models import ServiceArea

pytestmark = pytest.mark.django_db

STEP_1 = "/communities/new/"
STEP_2 = "/communities/new/topics-and-visibility/"
STEP_3 = "/communities/new/agreement/"

NAME = {"name": "Food Waste Collections", "purpose": "Weekly food waste rollout."}
VISIBILITY = {
    "topics": "food waste, recycling",
    "service_area": "waste",
    "visibility": "restricted",
}


def is_checked(html: str, name: str, value: str = "") -> bool:
    """Is the radio or checkbox ``name`` (with ``value``) checked in ``html``?"""
    for tag in re.findall(r"<input [^>]*>", html):
        if f'name="{name}"' in tag and (not value or f'value="{value}"' in tag):
            return " checked" in tag
    raise AssertionError(f"No input {name}={value}")


@pytest.fixture(autouse=True)
def waste():
    return ServiceArea.objects.get_or_create(
        slug="waste", defaults={"name": "Waste and recycling"}
    )[0]


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_visitors_are_asked_to_sign_in(client):
    response = client.get(STEP_1)

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_the_whole_wizard_creates_a_live_community(client, member, settings, waste):
    settings.COMMUNITY_APPROVAL_REQUIRED = False

    assert client.get(STEP_1).status_code == 200
    response = client.post(STEP_1, NAME)
    assert response["Location"] == STEP_2
    response = client.post(STEP_2, VISIBILITY)
    assert response["Location"] == STEP_3
    page = client.get(STEP_3).content.decode()
    assert "Food Waste Collections" in page
    assert "food waste, recycling" in page
    assert "Waste and recycling" in page
    assert "Keep confidences." in page
    assert "Hand over when you leave." in page
    response = client.post(STEP_3, {"agree": "on"}, follow=True)

    community = Community.objects.get()
    assert response.redirect_chain[-1][0] == f"/communities/{community.slug}/"
    assert community.status == "live"
    assert community.visibility == "restricted"
    assert community.service_area == waste
    assert sorted(t.name for t in community.tags.all()) == ["food waste", "recycling"]
    assert Membership.objects.get(community=community).user == member
    assert community.owner == member
    assert "You are its facilitator" in response.content.decode()
    assert WIZARD not in client.session


def test_with_approval_required_the_community_waits(client, member, settings):
    settings.COMMUNITY_APPROVAL_REQUIRED = True
    client.post(STEP_1, NAME)
    client.post(STEP_2, VISIBILITY)

    assert "A platform administrator checks new communities" in (
        client.get(STEP_3).content.decode()
    )
    response = client.post(STEP_3, {"agree": "on"}, follow=True)

    community = Community.objects.get()
    assert community.status == "pending"
    html = response.content.decode()
    assert "waiting for a platform administrator’s approval" in html
    assert "Waiting for approval" in html


def test_errors_keep_what_was_typed(client, member):
    CommunityFactory(name="Taken Name")

    response = client.post(STEP_1, {"name": "taken name", "purpose": "Kept purpose"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is already a community called “taken name”" in html
    assert 'value="taken name"' in html
    assert "Kept purpose" in html
    assert html.count("govuk-error-summary__list") == 1

    client.post(STEP_1, NAME)
    response = client.post(
        STEP_2,
        {
            "topics": ", ".join(f"topic {n}" for n in range(9)),
            "visibility": "private",
            "public_reading": "on",
        },
    )
    html = response.content.decode()
    assert "Enter 8 topics or fewer" in html
    assert "Only open communities can be read by visitors" in html
    assert "topic 8" in html
    assert is_checked(html, "visibility", "private")
    assert is_checked(html, "public_reading")


def test_going_back_keeps_every_step(client, member):
    client.post(STEP_1, NAME)
    response = client.post(
        STEP_2,
        {"topics": "half typed", "visibility": "private", "action": "back"},
    )
    assert response["Location"] == STEP_1

    html = client.get(STEP_1).content.decode()
    assert 'value="Food Waste Collections"' in html
    assert "Weekly food waste rollout." in html

    client.post(STEP_1, NAME)
    html = client.get(STEP_2).content.decode()
    assert 'value="half typed"' in html
    assert is_checked(html, "visibility", "private")
    assert not is_checked(html, "visibility", "open")

    client.post(STEP_2, VISIBILITY)
    response = client.post(STEP_3, {"agree": "on", "action": "back"})
    assert response["Location"] == STEP_2
    assert not Community.objects.exists()
    assert is_checked(client.get(STEP_3).content.decode(), "agree")


def test_steps_cannot_be_skipped(client, member):
    assert client.get(STEP_2)["Location"] == STEP_1
    assert client.get(STEP_3)["Location"] == STEP_1
    client.post(STEP_1, NAME)
    assert client.get(STEP_3)["Location"] == STEP_2
    # Going back from step 2 means step 2 must be done again.
    client.post(STEP_2, {**VISIBILITY, "action": "back"})
    client.post(STEP_1, NAME)
    assert client.get(STEP_3)["Location"] == STEP_2


def test_the_agreement_is_required(client, member):
    client.post(STEP_1, NAME)
    client.post(STEP_2, VISIBILITY)

    response = client.post(STEP_3, {})

    html = response.content.decode()
    assert "Confirm that you agree to the facilitator’s principles" in html
    assert html.index("govuk-error-summary") < html.index("Keep confidences.")
    assert not Community.objects.exists()


def test_a_name_taken_meanwhile_is_explained_on_the_last_step(client, member):
    client.post(STEP_1, NAME)
    client.post(STEP_2, VISIBILITY)
    CommunityFactory(name=NAME["name"])

    response = client.post(STEP_3, {"agree": "on"})

    assert response.status_code == 200
    assert "There is already a community called" in response.content.decode()
    assert Community.objects.count() == 1
