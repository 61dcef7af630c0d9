"""Community themes: an accent colour white text stays readable on, and a logo."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.forms.themes import LOGO_MAX_BYTES, prepare_logo
from commonroom.communities.services import communities as services
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.testing import images

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Flood Risk Officers", slug="flood-risk")


@pytest.fixture
def facilitator(client, community):
    user = MembershipFactory(community=community, role="facilitator").user
    client.force_login(user)
    return user


# Contrast ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [("#ffffff", 1.0), ("#000000", 21.0), ("#0b5e61", 7.53), ("#767676", 4.54)],
)
def test_contrast_with_white_follows_wcag(colour, ratio):
    assert services.contrast_with_white(colour) == pytest.approx(ratio, abs=0.01)


def test_a_colour_white_text_is_hard_to_read_on_is_refused_with_the_ratio():
    with pytest.raises(ValidationError) as error:
        services.check_accent_colour("#ffcc00")

    assert error.value.messages == [
        "White text on #ffcc00 has a contrast ratio of 1.5:1; choose a darker "
        "colour (at least 4.5:1)"
    ]


def test_a_ratio_just_below_the_limit_is_rounded_down_not_up():
    with pytest.raises(ValidationError) as error:
        services.check_accent_colour("#777777")  # 4.48:1

    assert "4.4:1" in error.value.messages[0]
    services.check_accent_colour("#767676")  # 4.54:1, accepted


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("#0B5E61", "#0b5e61"), (" 0b5e61 ", "#0b5e61"), ("", "")],
)
def test_colours_are_tidied(client, community, facilitator, typed, stored):
    client.post(f"/communities/{community.slug}/theme/", {"accent_colour": typed})

    community.refresh_from_db()
    assert community.accent_colour == stored


def test_the_form_explains_a_refusal_and_keeps_the_input(
    client, community, facilitator
):
    response = client.post(
        f"/communities/{community.slug}/theme/", {"accent_colour": "#FFCC00"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "White text on #ffcc00 has a contrast ratio of 1.5:1" in html
    assert 'value="#FFCC00"' in html
    community.refresh_from_db()
    assert community.accent_colour == ""

    response = client.post(
        f"/communities/{community.slug}/theme/", {"accent_colour": "teal"}
    )
    assert "Enter a colour as # and six hexadecimal digits" in (
        response.content.decode()
    )


def test_the_service_refuses_a_low_contrast_colour_too(community, facilitator):
    with pytest.raises(ValidationError):
        services.update_theme(
            actor=facilitator, community=community, accent_colour="#ffff00"
        )


# The stylesheet ------------------------------------------------------------------


def test_the_hub_links_a_stylesheet_instead_of_inline_styles(client, community):
    community.accent_colour = "#4c2c92"
    community.save()

    html = client.get(f"/communities/{community.slug}/").content.decode()

    assert (
        '<link rel="stylesheet" href="/communities/flood-risk/theme.css?v=4c2c92">'
        in (html)
    )
    assert "style=" not in html
    assert "<style" not in html


def test_without_a_colour_there_is_no_stylesheet(client, community):
    html = client.get(f"/communities/{community.slug}/").content.decode()

    assert "theme.css" not in html


def test_theme_css_is_css_and_cached_by_its_colour(client, community):
    community.accent_colour = "#4c2c92"
    community.save()

    response = client.get("/communities/flood-risk/theme.css?v=4c2c92")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    css = response.content.decode()
    assert "background-color:#4c2c92" in css
    assert "color:#ffffff" in css
    assert "immutable" in response["Cache-Control"]
    stale = client.get("/communities/flood-risk/theme.css?v=000000")
    assert "no-cache" in stale["Cache-Control"]


def test_theme_css_of_a_private_community_is_not_found_for_outsiders(client):
    private = CommunityFactory(visibility="private", accent_colour="#4c2c92")

    assert client.get(f"/communities/{private.slug}/theme.css").status_code == 404


def test_theme_css_never_carries_anything_but_a_colour(client, community):
    # Written past the model's validation, as a damaged row might be.
    type(community).objects.filter(pk=community.pk).update(accent_colour="}a{b:c")

    css = client.get("/communities/flood-risk/theme.css").content.decode()

    assert css == ""


# The logo ------------------------------------------------------------------------


def reopen(prepared) -> Image.Image:
    return Image.open(io.BytesIO(prepared.content))


def photo_like(size=(600, 600)):
    """A JPEG with many colours, like a photograph."""
    out = io.BytesIO()
    channels = [Image.effect_noise(size, sigma) for sigma in (40, 60, 80)]
    Image.merge("RGB", channels).save(out, format="JPEG")
    return images.upload(out.getvalue())


def test_a_logo_is_resized_to_fit_240_and_stripped():
    prepared = prepare_logo(images.jpeg_with_exif(size=(1200, 800)))

    image = reopen(prepared)
    assert image.size == (240, 160)
    assert dict(image.getexif()) == {}
    assert b"Canon" not in prepared.content


def test_photographs_become_jpeg():
    prepared = prepare_logo(photo_like())

    assert (prepared.extension, reopen(prepared).format) == ("jpg", "JPEG")


def test_flat_artwork_and_transparency_stay_png():
    flat = images.image_bytes((300, 300), format="PNG", colour=(11, 94, 97))
    assert prepare_logo(images.upload(flat, "logo.png", "image/png")).extension == "png"
    clear = images.image_bytes(
        (300, 300), format="PNG", mode="RGBA", colour=(0, 0, 0, 0)
    )
    prepared = prepare_logo(images.upload(clear, "logo.png", "image/png"))
    assert (prepared.extension, reopen(prepared).mode) == ("png", "RGBA")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Not an image at all.\n", "The logo must be a JPEG, PNG or WebP image"),
        (
            images.png_declaring(50_000, 50_000),
            "The logo must be 40 megapixels or fewer",
        ),
        (b"\xff\xd8" + b"x" * LOGO_MAX_BYTES, "The logo must be smaller than 2 MB"),
    ],
)
def test_bad_logos_are_refused_saying_why(content, message):
    with pytest.raises(ValidationError) as error:
        prepare_logo(images.upload(content, "logo.jpg"))

    assert error.value.messages == [message]


def test_uploading_a_logo_through_the_form(client, community, facilitator, media_root):
    upload = photo_like()

    response = client.post(
        f"/communities/{community.slug}/theme/",
        {"accent_colour": "#0b5e61", "logo": upload},
    )

    assert response.status_code == 302
    community.refresh_from_db()
    assert re.fullmatch(r"communities/logos/[0-9a-f]{32}\.jpg", community.logo.name)
    with Image.open(media_root / community.logo.name) as image:
        assert image.size == (240, 240)
    html = client.get(f"/communities/{community.slug}/").content.decode()
    assert f'src="/communities/{community.slug}/logo/?v=' in html
    logo = client.get(f"/communities/{community.slug}/logo/")
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/jpeg"
    assert logo["X-Content-Type-Options"] == "nosniff"


def test_a_refused_logo_keeps_the_colour_typed(
    client, community, facilitator, media_root
):
    response = client.post(
        f"/communities/{community.slug}/theme/",
        {
            "accent_colour": "#0b5e61",
            "logo": images.upload(b"text", "logo.png", "image/png"),
        },
    )

    html = response.content.decode()
    assert "The logo must be a JPEG, PNG or WebP image" in html
    assert 'value="#0b5e61"' in html
    community.refresh_from_db()
    assert (community.accent_colour, community.logo.name) == ("", "")


def test_replacing_and_removing_the_logo_delete_the_old_file(
    client, community, facilitator, media_root, django_capture_on_commit_callbacks
):
    url = f"/communities/{community.slug}/theme/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"logo": images.jpeg_with_exif()})
    community.refresh_from_db()
    first = media_root / community.logo.name
    assert first.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"logo": images.jpeg_with_exif()})
    community.refresh_from_db()
    assert not first.exists()
    second = media_root / community.logo.name
    assert second.exists()
    assert "Remove the logo" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"remove_logo": "on"})
    community.refresh_from_db()
    assert not community.logo
    assert not second.exists()


def test_a_private_communitys_logo_is_not_found_for_outsiders(client, media_root):
    private = CommunityFactory(visibility="private")
    facilitator = MembershipFactory(community=private, role="facilitator").user
    services.update_theme(
        actor=facilitator,
        community=private,
        accent_colour="",
        logo=prepare_logo(images.jpeg_with_exif()),
    )

    assert client.get(f"/communities/{private.slug}/logo/").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/communities/{private.slug}/logo/").status_code == 404
    client.force_login(facilitator)
    assert client.get(f"/communities/{private.slug}/logo/").status_code == 200


def test_no_logo_is_not_found(client, community):
    assert client.get(f"/communities/{community.slug}/logo/").status_code == 404


# Who may -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["outsider", "member"])
def test_only_facilitators_change_the_theme(client, community, role):
    user = UserFactory()
    if role == "member":
        MembershipFactory(community=community, user=user)
    client.force_login(user)

    response = client.post(
        f"/communities/{community.slug}/theme/", {"accent_colour": "#0b5e61"}
    )

    assert response.status_code == 403
    community.refresh_from_db()
    assert community.accent_colour == ""


def test_an_archived_community_keeps_its_theme(client, community, facilitator):
    community.status = "archived"
    community.save()

    response = client.get(f"/communities/{community.slug}/theme/")

    assert response.status_code == 403
    assert "archived" in response.content.decode()


def test_saving_the_same_colour_changes_nothing(community, facilitator, queries):
    community.accent_colour = "#0b5e61"
    community.save()
    from commonroom.communities import access

    access.access_for(facilitator)  # the request has loaded this already

    with queries(0):
        services.update_theme(
            actor=facilitator, community=community, accent_colour="#0B5E61"
        )
