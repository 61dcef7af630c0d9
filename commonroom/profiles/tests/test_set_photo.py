import re

import pytest
from django.core.exceptions import PermissionDenied
from PIL import Image

from commonroom.accounts.tests.factories import UserFactory
from commonroom.core.testing import images
from commonroom.profiles import services
from commonroom.profiles.photos import prepare_photo

pytestmark = pytest.mark.django_db


def prepared(size=(1200, 800)):
    return prepare_photo(images.jpeg_with_exif(size))


def test_a_photo_is_stored_under_a_random_name_without_exif(media_root):
    member = UserFactory()

    profile = services.set_photo(actor=member, profile=member.profile, photo=prepared())

    profile.refresh_from_db()
    assert re.fullmatch(r"profiles/photos/[0-9a-f]{32}\.jpg", profile.photo.name)
    stored = media_root / profile.photo.name
    with Image.open(stored) as image:
        assert max(image.size) <= 400
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info


def test_replacing_a_photo_deletes_the_old_file(
    media_root, django_capture_on_commit_callbacks
):
    member = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.set_photo(actor=member, profile=member.profile, photo=prepared())
    old = media_root / member.profile.photo.name
    assert old.exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.set_photo(actor=member, profile=member.profile, photo=prepared())

    new = media_root / member.profile.photo.name
    assert new != old
    assert new.exists()
    assert not old.exists()


def test_removing_a_photo_deletes_the_file(
    media_root, django_capture_on_commit_callbacks
):
    member = UserFactory()
    services.set_photo(actor=member, profile=member.profile, photo=prepared())
    old = media_root / member.profile.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        services.set_photo(actor=member, profile=member.profile, photo=None)

    member.profile.refresh_from_db()
    assert not member.profile.photo
    assert not old.exists()


def test_removing_when_there_is_no_photo_does_nothing(media_root, queries):
    member = UserFactory()

    with queries(0):
        services.set_photo(actor=member, profile=member.profile, photo=None)


def test_nobody_can_set_someone_elses_photo(media_root):
    member, other = UserFactory(), UserFactory()

    with pytest.raises(PermissionDenied):
        services.set_photo(actor=other, profile=member.profile, photo=prepared())

    member.profile.refresh_from_db()
    assert not member.profile.photo
    assert not (media_root / "profiles" / "photos").exists() or not any(
        (media_root / "profiles" / "photos").iterdir()
    )
