"""Checking and cleaning a profile photo before it is stored.

``prepare_photo`` trusts nothing about an upload but its bytes: Pillow decides
what kind of image it is (the name and the browser's content type are ignored),
the size in pixels is read from the header and refused before anything is
decoded, and what is kept is re-encoded from pixel data alone, so no EXIF (GPS
position, camera), XMP, ICC or comment survives. The result is small enough to
keep in memory.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
BOX = (400, 400)
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"

NOT_AN_IMAGE = _("The photo must be a JPEG, PNG or WebP image")
TOO_BIG = _("The photo must be smaller than 5 MB")
TOO_MANY_PIXELS = _("The photo must be 40 megapixels or fewer")
UNREADABLE = _(
    "The photo could not be read. It may be damaged: save it again or choose a "
    "different photo"
)


@dataclass(frozen=True)
class PreparedPhoto:
    """A checked, resized photo with no metadata, ready to store."""

    content: bytes
    extension: str  # "jpg" or "png"
    width: int
    height: int


def prepare_photo(upload: UploadedFile) -> PreparedPhoto:
    """Check ``upload`` and return it resized to fit 400×400 with no metadata.

    Raises ``ValidationError`` saying what is wrong.
    """
    if upload.size is None or upload.size > MAX_BYTES:
        raise ValidationError(TOO_BIG, code="too_big")
    upload.seek(0)
    try:
        # Pillow warns above Image.MAX_IMAGE_PIXELS and refuses at twice that,
        # process-wide; our own, lower limit is checked below before decoding.
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from error
    with image:
        if image.format not in ACCEPTED_FORMATS:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
        width, height = image.size
        if width < 1 or height < 1:
            raise ValidationError(NOT_AN_IMAGE, code="not_an_image")
        if width * height > MAX_PIXELS:
            raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels")
        try:
            return _clean(image)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as e:
            raise ValidationError(UNREADABLE, code="unreadable") from e


def _clean(image: Image.Image) -> PreparedPhoto:
    if image.format == "JPEG":
        # Decode big JPEGs at a reduced scale: quicker, and plenty for 400px.
        image.draft("RGB", (BOX[0] * 2, BOX[1] * 2))
    image.load()
    # Turn the pixels the way the camera meant, before the orientation tag goes.
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in {"RGBA", "LA", "PA"} or (
        upright.mode == "P" and "transparency" in upright.info
    )
    upright = upright.convert("RGBA" if has_alpha else "RGB")
    upright.thumbnail(BOX, Image.Resampling.LANCZOS)
    if has_alpha and upright.getchannel("A").getextrema()[0] == 255:
        upright, has_alpha = upright.convert("RGB"), False
    # A new image from the pixels alone: none of the original's info travels.
    bare = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    out = io.BytesIO()
    if has_alpha:
        bare.save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        bare.save(out, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    return PreparedPhoto(
        content=out.getvalue(),
        extension=extension,
        width=bare.width,
        height=bare.height,
    )
