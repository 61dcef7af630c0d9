"""'Not found' says nothing about why, and uploads have no address of their own.

Both hold with DEBUG on too, since `make run` serves with DEBUG on.
"""

import importlib
import re

import pytest
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, get_resolver

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.testing.images import jpeg_with_exif
from commonroom.profiles.photos import prepare_photo
from commonroom.profiles.services import set_photo

pytestmark = pytest.mark.django_db


def page(response, path: str) -> str:
    """The page as a person reads it: without its address, the per-request
    nonce and the (masked, so per-request) CSRF token of the sign-out form."""
    html = response.content.decode().replace(path, "")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'nonce="[^"]*"', "", html)


@pytest.fixture
def debug_urls(settings):
    """The URL configuration as it is built with DEBUG on."""
    import commonroom.urls

    settings.DEBUG = True
    with override_settings(DEBUG=True):
        importlib.reload(commonroom.urls)
        clear_url_caches()
        yield get_resolver()
    importlib.reload(commonroom.urls)
    clear_url_caches()


def test_a_private_community_and_a_missing_one_read_the_same_with_debug_on(
    client, settings
):
    settings.DEBUG = True
    CommunityFactory(slug="safeguarding-leads", visibility="private")
    client.force_login(UserFactory())

    private = client.get("/communities/safeguarding-leads/")
    missing = client.get("/communities/no-such-community/")

    assert private.status_code == missing.status_code == 404
    assert page(private, "safeguarding-leads") == page(missing, "no-such-community")
    assert b"No community here" not in private.content


def test_a_hidden_photo_and_a_missing_one_read_the_same_with_debug_on(
    client, settings, media_root
):
    settings.DEBUG = True
    person = UserFactory(profile__privacy="my_communities")
    set_photo(
        actor=person, profile=person.profile, photo=prepare_photo(jpeg_with_exif())
    )
    client.force_login(UserFactory())

    hidden = client.get(f"/people/{person.pk}/photo/")
    missing = client.get("/people/999999/photo/")

    assert hidden.status_code == missing.status_code == 404
    assert page(hidden, f"/people/{person.pk}/") == page(missing, "/people/999999/")


def test_uploads_are_not_served_from_the_media_address_even_with_debug_on(
    debug_urls, media_root
):
    person = UserFactory(profile__privacy="my_communities")
    set_photo(
        actor=person, profile=person.profile, photo=prepare_photo(jpeg_with_exif())
    )
    community = MembershipFactory(
        user=person, community__visibility="private"
    ).community
    community.logo = person.profile.photo.name
    community.save(update_fields=["logo"])

    for name in (person.profile.photo.name, community.logo.name):
        with pytest.raises(Resolver404):
            debug_urls.resolve(f"/media/{name}")


def test_people_see_their_own_photo_through_its_permission_view_when_editing(
    client, media_root
):
    person = UserFactory()
    set_photo(
        actor=person, profile=person.profile, photo=prepare_photo(jpeg_with_exif())
    )
    client.force_login(person)

    page = client.get("/people/me/edit/").content.decode()

    assert f"/people/{person.pk}/photo/" in page
    assert "/media/" not in page
    assert client.get(f"/people/{person.pk}/photo/").status_code == 200
