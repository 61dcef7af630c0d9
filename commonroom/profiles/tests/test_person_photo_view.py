import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import MembershipFactory
from commonroom.core.testing.images import jpeg_with_exif
from commonroom.profiles.photos import prepare_photo
from commonroom.profiles.services import set_photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_person(media_root):
    person = UserFactory(full_name="Morgan Lloyd", profile__privacy="my_communities")
    set_photo(
        actor=person, profile=person.profile, photo=prepare_photo(jpeg_with_exif())
    )
    return person


def test_photo_is_served_to_members_who_may_see_it(client, private_person):
    colleague = UserFactory()
    community = MembershipFactory(user=private_person).community
    MembershipFactory(user=colleague, community=community)
    client.force_login(colleague)

    response = client.get(f"/people/{private_person.pk}/photo/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_photo_hidden_by_privacy_is_not_found_by_its_address(client, private_person):
    client.force_login(UserFactory())

    assert client.get(f"/people/{private_person.pk}/photo/").status_code == 404


def test_visitors_cannot_fetch_photos(client, private_person):
    response = client.get(f"/people/{private_person.pk}/photo/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
