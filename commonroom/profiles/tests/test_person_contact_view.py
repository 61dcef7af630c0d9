import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.profiles.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def viewer(client):
    user = UserFactory(full_name="Asha Patel")
    client.force_login(user)
    return user


def contacts_of(user) -> list[int]:
    return list(Contact.objects.filter(owner=user).values_list("contact", flat=True))


def test_add_a_contact_and_go_back_to_their_profile(client, viewer):
    person = UserFactory(full_name="Gareth Jones")

    response = client.post(
        f"/people/{person.pk}/contact/", {"action": "add"}, follow=True
    )

    assert response.redirect_chain == [(f"/people/{person.pk}/", 302)]
    assert contacts_of(viewer) == [person.pk]
    html = response.content.decode()
    assert "Gareth Jones has been added to your contacts" in html
    assert "Remove from contacts" in html


def test_adding_twice_is_harmless(client, viewer):
    person = UserFactory()

    client.post(f"/people/{person.pk}/contact/", {"action": "add"})
    response = client.post(f"/people/{person.pk}/contact/", {"action": "add"})

    assert response.status_code == 302
    assert contacts_of(viewer) == [person.pk]


def test_remove_a_contact(client, viewer):
    person = UserFactory(full_name="Gareth Jones")
    client.post(f"/people/{person.pk}/contact/", {"action": "add"})

    response = client.post(
        f"/people/{person.pk}/contact/", {"action": "remove"}, follow=True
    )

    assert contacts_of(viewer) == []
    assert (
        "Gareth Jones has been removed from your contacts" in response.content.decode()
    )
    # Removing again changes nothing and does not fail.
    again = client.post(f"/people/{person.pk}/contact/", {"action": "remove"})
    assert again.status_code == 302


def test_adding_yourself_is_refused_with_a_clear_error(client, viewer):
    response = client.post(f"/people/{viewer.pk}/contact/", {"action": "add"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "You cannot add yourself to your contacts" in html
    assert contacts_of(viewer) == []


def test_a_safe_next_address_is_followed_and_others_are_not(client, viewer):
    person = UserFactory()

    to_list = client.post(
        f"/people/{person.pk}/contact/",
        {"action": "add", "next": "/people/contacts/?page=2"},
    )
    elsewhere = client.post(
        f"/people/{person.pk}/contact/",
        {"action": "remove", "next": "https://evil.example.com/"},
    )

    assert to_list["Location"] == "/people/contacts/?page=2"
    assert elsewhere["Location"] == f"/people/{person.pk}/"


@pytest.mark.parametrize("data", [{}, {"action": "delete-everything"}])
def test_an_unknown_action_is_a_bad_request(client, viewer, data):
    person = UserFactory()

    assert client.post(f"/people/{person.pk}/contact/", data).status_code == 400
    assert contacts_of(viewer) == []


def test_only_post_is_allowed(client, viewer):
    person = UserFactory()

    assert client.get(f"/people/{person.pk}/contact/").status_code == 405


def test_visitors_cannot_add_contacts(client):
    person = UserFactory()

    response = client.post(f"/people/{person.pk}/contact/", {"action": "add"})

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    assert not Contact.objects.exists()
