"""Nobody is listed anywhere until they have confirmed their email address.

Until then anyone could have typed someone else's work address at sign-up:
an allowlisted domain approves the account at once, but it stays out of the
people finder, profile pages, organisation pages and counts, community member
lists and counts, @mentions and the landing page's figures.
"""

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC

from commonroom.accounts.models import User
from commonroom.accounts.querysets import listed_people_q
from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.services.communities import synchronize_member_counts
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.home.selectors import get_platform_figures
from commonroom.organisations import services as organisation_services
from commonroom.organisations.tests.factories import OrganisationFactory
from commonroom.profiles.handles import user_ids_for_handles

pytestmark = pytest.mark.django_db


@pytest.fixture
def leeds():
    return OrganisationFactory(name="Leeds City Council", slug="leeds-city-council")


@pytest.fixture
def viewer(client, leeds):
    user = UserFactory(full_name="Asha Patel", profile__organisation=leeds)
    client.force_login(user)
    return user


@pytest.fixture
def impostor(leeds):
    """Approved by the allowlisted domain, but never confirmed the address."""
    return UserFactory(
        full_name="Imogen Impostor",
        email="imogen.impostor@leeds.gov.uk",
        profile__organisation=leeds,
        email_confirmed=False,
    )


def confirm(user):
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )


def test_the_rule_needs_a_confirmed_address(impostor, viewer):
    assert set(User.objects.listed()) == {viewer}
    EmailAddress.objects.create(user=impostor, email=impostor.email, verified=False)
    assert not User.objects.filter(listed_people_q(), pk=impostor.pk).exists()
    confirm_other = impostor.emailaddress_set.get()
    confirm_other.verified = True
    confirm_other.save()
    assert User.objects.filter(listed_people_q(), pk=impostor.pk).exists()


def test_not_in_the_people_finder_nor_on_a_profile_page(client, viewer, impostor):
    response = client.get("/people/", {"q": "Imogen"})
    assert response.status_code == 200
    assert "Imogen Impostor" not in response.content.decode()
    assert client.get(f"/people/{impostor.pk}/").status_code == 404

    confirm(impostor)

    assert "Imogen Impostor" in client.get("/people/", {"q": "Imogen"}).content.decode()
    assert client.get(f"/people/{impostor.pk}/").status_code == 200


def test_not_on_the_organisation_page_nor_in_its_count(client, viewer, impostor, leeds):
    organisation_services.synchronize_member_counts()
    leeds.refresh_from_db()
    assert leeds.member_count == 1  # the viewer only

    html = client.get("/organisations/leeds-city-council/").content.decode()
    assert "Asha Patel" in html
    assert "Imogen Impostor" not in html


def test_not_in_community_member_lists_nor_counts(client, viewer, impostor):
    community = CommunityFactory(slug="planning")
    MembershipFactory(community=community, user=viewer, role="facilitator")
    MembershipFactory(community=community, user=impostor)
    synchronize_member_counts()
    community.refresh_from_db()
    assert community.member_count == 1

    members = client.get("/communities/planning/members/")
    assert members.status_code == 200
    assert "Imogen Impostor" not in members.content.decode()
    hub = client.get("/communities/planning/").content.decode()
    assert "Imogen Impostor" not in hub


def test_confirming_the_address_counts_them(client, impostor, leeds):
    community = CommunityFactory(slug="planning")
    MembershipFactory(community=community, user=impostor)
    synchronize_member_counts()
    community.refresh_from_db()
    assert community.member_count == 0
    address = EmailAddress.objects.create(
        user=impostor, email=impostor.email, verified=False, primary=True
    )

    key = EmailConfirmationHMAC(address).key
    assert client.post(f"/account/confirm-email/{key}/").status_code == 302

    community.refresh_from_db()
    leeds.refresh_from_db()
    assert community.member_count == 1
    assert leeds.member_count == 1


def test_cannot_be_mentioned(impostor):
    handle = impostor.profile.handle
    assert user_ids_for_handles([handle]) == {}

    confirm(impostor)

    assert user_ids_for_handles([handle]) == {handle: impostor.pk}


def test_not_in_the_landing_page_figures(viewer, impostor):
    assert get_platform_figures().members == 1
