from datetime import timedelta

import pytest
from django.utils import timezone

from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import MembershipFactory
from commonroom.core.models import ServiceArea
from commonroom.core.testing.queries import session_queries
from commonroom.organisations.tests.factories import OrganisationFactory
from commonroom.profiles import services
from commonroom.profiles.models import Profile
from commonroom.tags.models import Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(client):
    user = UserFactory(full_name="Asha Patel")
    client.force_login(user)
    return user


def person_with_details(**profile):
    details = {
        "organisation": OrganisationFactory(
            name="Ceredigion County Council", slug="ceredigion"
        ),
        "job_title": "Flood Risk Manager",
        "role_type": Profile.RoleType.MANAGER,
        "bio": "I lead on flood risk.\n\nAsk me about SuDS <b>schemes</b>.",
        "show_online_presence": True,
    } | profile
    person = UserFactory(
        full_name="Morgan Lloyd",
        **{f"profile__{k}": v for k, v in details.items()},
    )
    person.profile.service_areas.add(ServiceArea.objects.order_by("slug").first())
    person.profile.expertise.add(Tag.objects.create(name="Flooding", slug="flooding"))
    person.profile.photo = "profiles/photos/0123456789abcdef0123456789abcdef.jpg"
    person.profile.save()
    return person


def test_visitors_are_asked_to_sign_in(client):
    person = UserFactory()

    response = client.get(f"/people/{person.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_a_member_sees_an_open_profile_in_full(client, viewer):
    person = person_with_details()

    response = client.get(f"/people/{person.pk}/")

    assert response.status_code == 200
    assert "profiles/person_profile/index.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "<h1" in html and "Morgan Lloyd" in html
    assert 'href="/organisations/ceredigion/"' in html
    assert "Manager" in html
    assert "Flood Risk Manager" in html
    assert 'alt="Photo of Morgan Lloyd"' in html
    area = ServiceArea.objects.order_by("slug").first()
    assert area.name in html
    assert "Flooding" in html
    assert '<p class="govuk-body">I lead on flood risk.</p>' in html
    assert "Ask me about SuDS &lt;b&gt;schemes&lt;/b&gt;." in html
    assert "Online now" in html
    assert "shows their profile details only" not in html


def test_details_are_hidden_from_people_outside_their_communities(client, viewer):
    person = person_with_details(privacy=Profile.Privacy.MY_COMMUNITIES)

    html = client.get(f"/people/{person.pk}/").content.decode()

    assert "Morgan Lloyd" in html
    assert "Ceredigion County Council" in html
    assert "Manager" not in html  # role type is a detail too
    assert (
        "Morgan Lloyd shows their profile details only to members of their "
        "communities." in html
    )
    for detail in [
        "Flood Risk Manager",
        "Photo of",
        "Flooding",
        "I lead on",
        "Online now",
    ]:
        assert detail not in html


def test_details_show_to_people_who_share_a_community(client, viewer):
    person = person_with_details(privacy=Profile.Privacy.MY_COMMUNITIES)
    community = MembershipFactory(user=person).community
    MembershipFactory(user=viewer, community=community)

    html = client.get(f"/people/{person.pk}/").content.decode()

    assert "Flood Risk Manager" in html
    assert "Flooding" in html
    assert "shows their profile details only" not in html


def test_last_seen_shows_only_if_the_person_allows_it(client, viewer):
    person = person_with_details(show_online_presence=False)

    assert "Online now" not in client.get(f"/people/{person.pk}/").content.decode()


def test_last_seen_long_ago_shows_as_a_date(client, viewer):
    person = person_with_details()
    User.objects.filter(pk=person.pk).update(
        last_seen_at=timezone.now() - timedelta(days=40)
    )

    html = client.get(f"/people/{person.pk}/").content.decode()

    assert "Last seen on " in html


@pytest.mark.parametrize(
    "state",
    [
        {"is_active": False},
        {"approval_status": User.ApprovalStatus.PENDING},
        {"approval_status": User.ApprovalStatus.REJECTED},
    ],
    ids=["inactive", "pending", "rejected"],
)
def test_people_who_are_not_listed_are_not_found(client, viewer, state):
    person = UserFactory(**state)

    assert client.get(f"/people/{person.pk}/").status_code == 404
    assert (
        client.post(f"/people/{person.pk}/contact/", {"action": "add"}).status_code
        == 404
    )


def test_no_such_person_is_not_found(client, viewer):
    assert client.get("/people/999999/").status_code == 404


def test_own_profile_has_an_edit_link_and_no_contact_button(client, viewer):
    html = client.get(f"/people/{viewer.pk}/").content.decode()

    assert 'href="/people/me/edit/"' in html
    assert "Edit your profile" in html
    assert "Add to contacts" not in html


def test_someone_elses_profile_has_a_contact_button_that_works_without_js(
    client, viewer
):
    person = UserFactory()

    html = client.get(f"/people/{person.pk}/").content.decode()
    assert f'action="/people/{person.pk}/contact/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="action" value="add"' in html
    assert "Add to contacts" in html

    services.add_contact(actor=viewer, contact=person)
    html = client.get(f"/people/{person.pk}/").content.decode()
    assert 'name="action" value="remove"' in html
    assert "Remove from contacts" in html


def test_a_member_without_a_profile_still_has_a_page(client, viewer):
    person = UserFactory(profile=None, full_name="Admin Person")

    response = client.get(f"/people/{person.pk}/")

    assert response.status_code == 200
    assert "Admin Person" in response.content.decode()


@pytest.mark.parametrize("n", [1, 5])
def test_profile_page_has_a_fixed_query_budget(client, queries, viewer, n):
    person = person_with_details(privacy=Profile.Privacy.MY_COMMUNITIES)
    person.profile.service_areas.add(*ServiceArea.objects.order_by("slug")[:n])
    for i in range(n):
        person.profile.expertise.add(
            Tag.objects.create(name=f"Topic {i}", slug=f"topic-{i}")
        )
    community = MembershipFactory(user=person).community
    MembershipFactory(user=viewer, community=community)

    # session, user, person, shared community, service areas, expertise, the
    # viewer's memberships, the person's communities, contact
    with queries(session_queries() + 8):
        response = client.get(f"/people/{person.pk}/")

    assert len(response.context["page"].expertise) == n + 1
    assert response.context["page"].communities == [community]


def test_a_hidden_profile_costs_fewer_queries(client, queries, viewer):
    person = person_with_details(privacy=Profile.Privacy.MY_COMMUNITIES)

    # session, user, person, shared community, contact
    with queries(session_queries() + 4):
        client.get(f"/people/{person.pk}/")
