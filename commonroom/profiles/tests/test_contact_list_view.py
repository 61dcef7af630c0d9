import pytest

from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import MembershipFactory
from commonroom.core.testing.queries import session_queries
from commonroom.profiles import services
from commonroom.profiles.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(client):
    user = UserFactory(full_name="Asha Patel")
    client.force_login(user)
    return user


def add(viewer, **person):
    contact = UserFactory(**person)
    services.add_contact(actor=viewer, contact=contact)
    return contact


def test_lists_your_contacts_a_to_z_with_organisation(client, viewer):
    add(
        viewer,
        full_name="Zoe Zephaniah",
        profile__organisation__name="Powys County Council",
    )
    add(viewer, full_name="Aled Adams")
    services.add_contact(actor=UserFactory(), contact=UserFactory(full_name="Not Mine"))

    response = client.get("/people/contacts/")

    assert response.status_code == 200
    assert [
        c.contact.full_name for c in response.context["pagination"].object_list
    ] == [
        "Aled Adams",
        "Zoe Zephaniah",
    ]
    html = response.content.decode()
    assert "Powys County Council" in html
    assert "Not Mine" not in html
    assert "2 contacts" in html


def test_job_titles_show_only_where_permitted(client, viewer):
    add(viewer, full_name="Open Person", profile__job_title="Parks Officer")
    hidden = add(
        viewer,
        full_name="Hidden Person",
        profile__job_title="Secret Role",
        profile__privacy=Profile.Privacy.MY_COMMUNITIES,
    )
    html = client.get("/people/contacts/").content.decode()
    assert "Parks Officer" in html
    assert "Hidden Person" in html
    assert "Secret Role" not in html

    community = MembershipFactory(user=hidden).community
    MembershipFactory(user=viewer, community=community)
    assert "Secret Role" in client.get("/people/contacts/").content.decode()


def test_contacts_who_have_left_are_not_listed(client, viewer):
    gone = add(viewer, full_name="Gone Person")
    User.objects.filter(pk=gone.pk).update(is_active=False)

    assert "Gone Person" not in client.get("/people/contacts/").content.decode()


def test_each_contact_has_a_remove_button_that_comes_back_here(client, viewer):
    person = add(viewer, full_name="Gareth Jones")

    html = client.get("/people/contacts/").content.decode()

    assert f'action="/people/{person.pk}/contact/"' in html
    assert 'name="next" value="/people/contacts/"' in html
    assert (
        'Remove<span class="govuk-visually-hidden"> Gareth Jones</span> from contacts'
        in html
    )


def test_no_contacts_yet_says_how_to_add_them(client, viewer):
    html = client.get("/people/contacts/").content.decode()

    assert "0 contacts" in html
    assert "You have not added anyone yet" in html


def test_contact_list_has_a_fixed_query_budget(client, queries, viewer):
    add(viewer, profile__privacy=Profile.Privacy.MY_COMMUNITIES)
    budget = session_queries() + 3  # session, user, count, page
    with queries(budget):
        response = client.get("/people/contacts/")
    assert len(response.context["pagination"].object_list) == 1

    for n in range(24):
        add(
            viewer,
            profile__privacy=Profile.Privacy.MY_COMMUNITIES if n % 2 else "all_members",
        )
    with queries(budget):
        response = client.get("/people/contacts/")
    assert len(response.context["pagination"].object_list) == 20
    with queries(budget):
        response = client.get("/people/contacts/?page=2")
    assert len(response.context["pagination"].object_list) == 5
