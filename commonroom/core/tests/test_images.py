"""The one image sanitiser (``core.images``), under a test policy.

Profile photos and community logos are policies of this; their own tests
check their wording. Here: each bad upload gets its own reason, and what is
kept carries nothing but pixels.
"""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from commonroom.core.images import ImagePolicy, sanitise_image
from commonroom.core.testing import images

BADGE = ImagePolicy(
    max_bytes=100_000,
    box=(64, 64),
    not_an_image="The badge must be a JPEG, PNG or WebP image",
    too_big="The badge must be smaller than 100 kB",
    too_many_pixels="The badge must be 1 megapixel or fewer",
    unreadable="The badge could not be read",
    max_pixels=1_000_000,
)


def _refusal(upload, policy=BADGE) -> tuple[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        sanitise_image(upload, policy)
    return error.value.code, error.value.messages


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7 not an image at all",
        b"<svg xmlns='http://www.w3.org/2000/svg'></svg>",
        images.image_bytes((20, 20), format="GIF", mode="P", colour=1),
        b"",
    ],
    ids=["pdf", "svg", "gif", "empty"],
)
def test_what_is_not_a_jpeg_png_or_webp_is_refused_as_such(content):
    assert _refusal(images.upload(content, "badge.png", "image/png")) == (
        "not_an_image",
        ["The badge must be a JPEG, PNG or WebP image"],
    )


def test_a_file_over_the_limit_is_refused_before_it_is_opened():
    content = images.image_bytes((10, 10)) + b"\0" * 100_000

    assert _refusal(images.upload(content)) == (
        "too_big",
        ["The badge must be smaller than 100 kB"],
    )


@pytest.mark.parametrize(
    "size", [(1001, 1000), (100_000, 100_000)], ids=["just over", "bomb"]
)
def test_too_many_pixels_and_decompression_bombs_are_refused_unread(size):
    """The header's size is enough: a 10-gigapixel bomb is never decoded."""
    upload = images.upload(images.png_declaring(*size), "huge.png", "image/png")

    assert _refusal(upload) == (
        "too_many_pixels",
        ["The badge must be 1 megapixel or fewer"],
    )


def test_a_bomb_past_pillows_own_limit_gets_the_same_clear_reason():
    """Pillow refuses 400 megapixels itself, whatever the policy allows."""
    generous = ImagePolicy(**{**BADGE.__dict__, "max_pixels": 10**12})
    upload = images.upload(images.png_declaring(20_000, 20_000), "x.png", "image/png")

    assert _refusal(upload, generous) == (
        "too_many_pixels",
        ["The badge must be 1 megapixel or fewer"],
    )


def test_a_damaged_image_is_refused_as_unreadable():
    noise = io.BytesIO()
    Image.effect_noise((300, 300), 60).convert("RGB").save(noise, format="JPEG")
    half = noise.getvalue()[: len(noise.getvalue()) // 2]

    assert _refusal(images.upload(half)) == (
        "unreadable",
        ["The badge could not be read"],
    )


def test_what_is_kept_is_resized_and_has_no_metadata():
    prepared = sanitise_image(images.jpeg_with_exif(size=(300, 200)), BADGE)

    kept = Image.open(io.BytesIO(prepared.content))
    assert (prepared.extension, kept.format) == ("jpg", "JPEG")
    assert kept.size == (prepared.width, prepared.height) == (64, 43)
    assert not kept.getexif()
    assert "icc_profile" not in kept.info and "exif" not in kept.info


def test_flat_artwork_stays_png_only_where_the_policy_says():
    flat = images.image_bytes((100, 100), format="PNG")
    logo_like = ImagePolicy(**{**BADGE.__dict__, "flat_as_png": True})

    assert sanitise_image(images.upload(flat, "a.png"), BADGE).extension == "jpg"
    assert sanitise_image(images.upload(flat, "a.png"), logo_like).extension == "png"
