"""Checking and cleaning a profile photo before it is stored.

The photo's policy for the one image sanitiser (``commonroom.core.images``):
under 5 MB, fitted into 400×400, re-encoded with no metadata.
"""

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from commonroom.core.images import (
    ACCEPT_ATTRIBUTE,
    ImagePolicy,
    PreparedImage,
    sanitise_image,
)

__all__ = ["ACCEPT_ATTRIBUTE", "MAX_BYTES", "PHOTO", "PreparedPhoto", "prepare_photo"]

MAX_BYTES = 5 * 1024 * 1024

PHOTO = ImagePolicy(
    max_bytes=MAX_BYTES,
    box=(400, 400),
    not_an_image=_("The photo must be a JPEG, PNG or WebP image"),
    too_big=_("The photo must be smaller than 5 MB"),
    too_many_pixels=_("The photo must be 40 megapixels or fewer"),
    unreadable=_(
        "The photo could not be read. It may be damaged: save it again or choose a "
        "different photo"
    ),
)

# What a checked photo is; the name callers already use.
PreparedPhoto = PreparedImage


def prepare_photo(upload: UploadedFile) -> PreparedImage:
    """Check ``upload`` and return it resized to fit 400×400 with no metadata.

    Raises ``ValidationError`` saying what is wrong.
    """
    return sanitise_image(upload, PHOTO)
