import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from commonroom.core.testing import images
from commonroom.profiles.photos import MAX_BYTES, prepare_photo


def reopen(prepared) -> Image.Image:
    return Image.open(io.BytesIO(prepared.content))


def test_a_jpeg_with_exif_is_resized_and_stripped():
    prepared = prepare_photo(images.jpeg_with_exif(size=(1200, 800)))

    image = reopen(prepared)
    assert image.format == "JPEG"
    assert image.size == (400, 267)  # fits 400×400, keeps its shape
    assert (prepared.width, prepared.height) == (400, 267)
    assert "exif" not in image.info
    assert dict(image.getexif()) == {}
    assert b"Canon" not in prepared.content


def test_small_photos_are_not_enlarged():
    prepared = prepare_photo(images.upload(images.image_bytes((120, 90))))

    assert reopen(prepared).size == (120, 90)


def test_the_camera_orientation_is_applied_before_it_is_removed():
    # Orientation 6: the camera was turned; the picture should stand upright.
    upload = images.upload(images.image_bytes((800, 400), orientation=6))

    image = reopen(prepare_photo(upload))

    assert image.size == (200, 400)
    assert dict(image.getexif()) == {}


@pytest.mark.parametrize(
    ("format", "name", "content_type"),
    [("PNG", "me.png", "image/png"), ("WEBP", "me.webp", "image/webp")],
)
def test_png_and_webp_are_accepted(format, name, content_type):
    content = images.image_bytes((600, 600), format=format)

    prepared = prepare_photo(images.upload(content, name, content_type))

    assert reopen(prepared).size == (400, 400)
    assert prepared.extension == "jpg"  # no transparency, so a JPEG is smaller


def test_transparency_is_kept_as_png():
    content = images.image_bytes(
        (500, 500), format="PNG", mode="RGBA", colour=(0, 0, 0, 0)
    )

    prepared = prepare_photo(images.upload(content, "logo.png", "image/png"))

    assert prepared.extension == "png"
    image = reopen(prepared)
    assert image.format == "PNG"
    assert image.mode == "RGBA"


def test_the_kind_of_file_is_judged_by_its_content_not_its_name():
    png = images.image_bytes((50, 50), format="PNG")

    prepared = prepare_photo(images.upload(png, "holiday.jpg", "image/jpeg"))

    assert prepared.extension in {"jpg", "png"}


@pytest.mark.parametrize(
    "content",
    [
        b"This is a text file, not a photo.\n",
        images.image_bytes((50, 50), format="GIF", mode="P", colour=1),
        images.image_bytes((50, 50), format="BMP"),
        b"",
    ],
    ids=["text", "gif", "bmp", "empty"],
)
def test_anything_but_jpeg_png_or_webp_is_refused(content):
    with pytest.raises(ValidationError) as error:
        prepare_photo(images.upload(content, "photo.jpg"))

    assert error.value.messages == ["The photo must be a JPEG, PNG or WebP image"]


def test_a_file_of_5_mb_or_more_is_refused_before_it_is_read():
    content = images.image_bytes((50, 50)) + b"\0" * MAX_BYTES

    with pytest.raises(ValidationError) as error:
        prepare_photo(images.upload(content))

    assert error.value.messages == ["The photo must be smaller than 5 MB"]


@pytest.mark.parametrize(
    "size",
    [(8000, 6000), (100_000, 100_000)],
    ids=["48 megapixels", "decompression bomb"],
)
def test_a_png_declaring_huge_dimensions_is_refused_without_decoding(size):
    upload = images.upload(images.png_declaring(*size), "huge.png", "image/png")

    with pytest.raises(ValidationError) as error:
        prepare_photo(upload)

    assert error.value.messages == ["The photo must be 40 megapixels or fewer"]


def test_a_damaged_image_is_refused_with_a_reason():
    noise = io.BytesIO()
    Image.effect_noise((400, 400), 60).convert("RGB").save(noise, format="JPEG")
    content = noise.getvalue()[: len(noise.getvalue()) // 2]

    with pytest.raises(ValidationError) as error:
        prepare_photo(images.upload(content))

    assert error.value.messages == [
        "The photo could not be read. It may be damaged: save it again or choose "
        "a different photo"
    ]
