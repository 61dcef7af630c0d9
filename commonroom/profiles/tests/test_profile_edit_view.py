import pytest
from PIL import Image

from commonroom.accounts.tests.factories import UserFactory
from commonroom.core.models import ServiceArea
from commonroom.core.testing import images
from commonroom.organisations.tests.factories import OrganisationFactory
from commonroom.profiles.models import Profile

pytestmark = pytest.mark.django_db

URL = "/people/me/edit/"


@pytest.fixture
def member(client):
    user = UserFactory(
        full_name="Asha Patel",
        profile__organisation=OrganisationFactory(name="Leeds City Council"),
    )
    client.force_login(user)
    return user


def form_data(**overrides):
    areas = ServiceArea.objects.order_by("slug")[:2]
    return {
        "job_title": "Flood Risk Manager",
        "role_type": "manager",
        "service_areas": [str(area.pk) for area in areas],
        "expertise": "Flood risk, SuDS,  sustainable   drainage , flood RISK",
        "bio": "I look after flood risk.",
        "privacy": "my_communities",
        "show_online_presence": "on",
    } | overrides


def test_visitors_are_asked_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_the_form_starts_with_what_the_profile_says(client, member):
    member.profile.bio = "Already here."
    member.profile.save()

    response = client.get(URL)

    assert response.status_code == 200
    assert "profiles/profile_edit/index.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert 'value="Senior Planning Officer"' in html
    assert "Already here." in html
    assert 'enctype="multipart/form-data"' in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html
    # Organisation comes from the email address: shown, not editable.
    assert "Your organisation, <strong>Leeds City Council</strong>, comes from" in html
    assert 'name="organisation"' not in html
    # No photo yet, so nothing to remove.
    assert 'name="remove_photo"' not in html


def test_saving_updates_the_profile_and_goes_to_it(client, member):
    response = client.post(URL, form_data(), follow=True)

    assert response.redirect_chain == [(f"/people/{member.pk}/", 302)]
    assert "Your profile has been saved" in response.content.decode()
    profile = Profile.objects.get(user=member)
    assert profile.job_title == "Flood Risk Manager"
    assert profile.role_type == "manager"
    assert profile.privacy == "my_communities"
    assert profile.show_online_presence is True
    assert profile.service_areas.count() == 2
    assert [t.name for t in profile.expertise.order_by("name")] == [
        "Flood risk",
        "SuDS",
        "sustainable drainage",
    ]
    # The form did not touch the organisation.
    assert profile.organisation.name == "Leeds City Council"


def test_an_organisation_in_the_post_is_ignored(client, member):
    other = OrganisationFactory(name="Somewhere Else")

    client.post(URL, form_data(organisation=str(other.pk)))

    assert Profile.objects.get(user=member).organisation.name == "Leeds City Council"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"role_type": ""}, "Select the option that best describes your role"),
        ({"privacy": "everyone"}, "Select who can see your profile details"),
        ({"bio": "x" * 2001}, "Biography must be 2,000 characters or fewer"),
        ({"job_title": "x" * 121}, "Job title must be 120 characters or fewer"),
        (
            {"expertise": ", ".join(f"topic {n}" for n in range(11))},
            "Enter 10 areas of expertise or fewer",
        ),
        (
            {"expertise": "planning, " + "a" * 61},
            "“aaaaaaaaaaaaaaaaaaaa…” is too long: each area of expertise must be 60 "
            "characters or fewer",
        ),
        ({"expertise": "planning, !!!"}, "“!!!” must include letters or numbers"),
        ({"service_areas": ["999999"]}, "Select service areas from the list"),
    ],
    ids=["role", "privacy", "bio", "job", "ten-tags", "long-tag", "no-letters", "area"],
)
def test_errors_say_what_is_wrong_and_keep_what_was_typed(
    client, member, overrides, message
):
    data = form_data(job_title="Kept Title", bio="Kept biography.") | overrides

    response = client.post(URL, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert "<title>Error: " in html
    if "job_title" not in overrides:
        assert 'value="Kept Title"' in html
    if "bio" not in overrides:
        assert "Kept biography." in html
    if "expertise" not in overrides:
        assert "sustainable   drainage" in html
    member.profile.refresh_from_db()
    assert member.profile.job_title == "Senior Planning Officer"


def test_a_photo_is_resized_stripped_and_shown(client, member, media_root):
    data = form_data(photo=images.jpeg_with_exif((2000, 1500)))

    response = client.post(URL, data, follow=True)

    profile = Profile.objects.get(user=member)
    assert profile.photo.name.startswith("profiles/photos/")
    with Image.open(media_root / profile.photo.name) as image:
        assert image.size == (400, 300)
        assert dict(image.getexif()) == {}
    assert 'alt="Photo of Asha Patel"' in response.content.decode()


def test_a_text_file_named_jpg_is_refused_and_the_rest_kept(client, member, media_root):
    fake = images.upload(b"Not really a photo at all.", "holiday.jpg")

    response = client.post(URL, form_data(job_title="Kept Title", photo=fake))

    html = response.content.decode()
    assert "The photo must be a JPEG, PNG or WebP image" in html
    assert 'href="#id_photo"' in html
    assert 'value="Kept Title"' in html
    member.profile.refresh_from_db()
    assert not member.profile.photo
    assert member.profile.job_title == "Senior Planning Officer"


def test_an_oversized_photo_is_refused(client, member, media_root):
    big = images.upload(images.image_bytes((50, 50)) + b"\0" * (5 * 1024 * 1024))

    html = client.post(URL, form_data(photo=big)).content.decode()

    assert "The photo must be smaller than 5 MB" in html


def test_a_png_declaring_huge_dimensions_is_refused(client, member, media_root):
    bomb = images.upload(images.png_declaring(50_000, 50_000), "bomb.png", "image/png")

    html = client.post(URL, form_data(photo=bomb)).content.decode()

    assert "The photo must be 40 megapixels or fewer" in html


def test_replacing_and_removing_a_photo_delete_the_old_file(
    client, member, media_root, django_capture_on_commit_callbacks
):
    client.post(URL, form_data(photo=images.jpeg_with_exif()))
    first = media_root / Profile.objects.get(user=member).photo.name
    assert first.exists()
    edit_page = client.get(URL).content.decode()
    assert 'name="remove_photo"' in edit_page
    assert f'src="/people/{member.pk}/photo/?v=' in edit_page
    assert 'alt="Your current photo"' in edit_page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(photo=images.jpeg_with_exif()))
    second = media_root / Profile.objects.get(user=member).photo.name
    assert second != first
    assert second.exists()
    assert not first.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(remove_photo="on"))
    assert not Profile.objects.get(user=member).photo
    assert not second.exists()


def test_a_member_without_a_profile_can_create_one(client):
    member = UserFactory(profile=None)
    client.force_login(member)

    assert client.get(URL).status_code == 200
    response = client.post(URL, form_data())

    assert response.status_code == 302
    assert Profile.objects.get(user=member).job_title == "Flood Risk Manager"
