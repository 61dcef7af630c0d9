"""Checking and cleaning an uploaded image before it is stored.

One sanitiser for every image people upload (profile photos, community logos,
and later whatever else), each use described by an ``ImagePolicy``: how big the
file may be, the box it is fitted into, and the words of each refusal.

``sanitise_image`` trusts nothing about an upload but its bytes: Pillow decides
what kind of image it is (the name and the browser's content type are ignored),
the size in pixels is read from the header and refused before anything is
decoded, and what is kept is re-encoded from pixel data alone, so no EXIF (GPS
position, camera), XMP, ICC profile or comment survives. The result is small
enough to keep in memory.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
# For the file input's ``accept`` attribute: the browser's picker offers these.
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
MAX_PIXELS = 40_000_000


@dataclass(frozen=True)
class ImagePolicy:
    """What one kind of uploaded image may be, and what it becomes.

    The messages are the person's: each names the thing ("The photo must…",
    "The logo must…") and says how to put it right.
    """

    max_bytes: int
    box: tuple[int, int]
    not_an_image: str
    too_big: str
    too_many_pixels: str
    unreadable: str
    max_pixels: int = MAX_PIXELS
    jpeg_quality: int = 85
    # Keep flat artwork (256 colours or fewer) as PNG: JPEG would smear it.
    flat_as_png: bool = False


@dataclass(frozen=True)
class PreparedImage:
    """A checked, resized image with no metadata, ready to store."""

    content: bytes
    extension: str  # "jpg" or "png"
    width: int
    height: int


def sanitise_image(upload: UploadedFile, policy: ImagePolicy) -> PreparedImage:
    """Check ``upload`` and return it fitted into ``policy.box``, no metadata.

    Raises ``ValidationError`` saying what is wrong, with a code for each
    reason: ``too_big``, ``not_an_image``, ``too_many_pixels`` (a decompression
    bomb among them) or ``unreadable`` (a damaged file).
    """
    if upload.size is None or upload.size > policy.max_bytes:
        raise ValidationError(policy.too_big, code="too_big")
    upload.seek(0)
    try:
        # Pillow warns above Image.MAX_IMAGE_PIXELS and refuses at twice that,
        # process-wide; the policy's own, lower limit is checked below, before
        # anything is decoded.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(policy.too_many_pixels, code="too_many_pixels") from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(policy.not_an_image, code="not_an_image") from error
    with image:
        width, height = image.size
        if image.format not in ACCEPTED_FORMATS or width < 1 or height < 1:
            raise ValidationError(policy.not_an_image, code="not_an_image")
        if width * height > policy.max_pixels:
            raise ValidationError(policy.too_many_pixels, code="too_many_pixels")
        try:
            return _reencode(image, policy)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as e:
            raise ValidationError(policy.unreadable, code="unreadable") from e


def _reencode(image: Image.Image, policy: ImagePolicy) -> PreparedImage:
    box = policy.box
    if image.format == "JPEG":
        # Decode big JPEGs at a reduced scale: quicker, and plenty for the box.
        image.draft("RGB", (box[0] * 2, box[1] * 2))
    image.load()
    # Turn the pixels the way the camera meant, before the orientation tag goes.
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in {"RGBA", "LA", "PA"} or (
        upright.mode == "P" and "transparency" in upright.info
    )
    upright = upright.convert("RGBA" if has_alpha else "RGB")
    # Judged before resizing, which blends edges into many new colours.
    flat = policy.flat_as_png and upright.getcolors(256) is not None
    upright.thumbnail(box, Image.Resampling.LANCZOS)
    if has_alpha and upright.getchannel("A").getextrema()[0] == 255:
        upright, has_alpha = upright.convert("RGB"), False
    # A new image from the pixels alone: none of the original's info travels.
    bare = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    out = io.BytesIO()
    if has_alpha or flat:
        bare.save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        bare.save(out, format="JPEG", quality=policy.jpeg_quality, optimize=True)
        extension = "jpg"
    return PreparedImage(
        content=out.getvalue(),
        extension=extension,
        width=bare.width,
        height=bare.height,
    )
