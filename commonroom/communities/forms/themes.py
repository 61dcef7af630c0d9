"""The community theme: a logo (checked like profile photos) and an accent colour."""

import io
import warnings

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from commonroom.communities.services import communities as services
from commonroom.profiles import photos

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_BOX = (240, 240)
LOGO_NOT_AN_IMAGE = _("The logo must be a JPEG, PNG or WebP image")
LOGO_TOO_BIG = _("The logo must be smaller than 2 MB")
LOGO_TOO_MANY_PIXELS = _("The logo must be 40 megapixels or fewer")
LOGO_UNREADABLE = _(
    "The logo could not be read. It may be damaged: save it again or choose a "
    "different image"
)


def prepare_logo(upload: UploadedFile) -> photos.PreparedPhoto:
    """Check a logo by its content and return it fitted to 240×240, no metadata.

    The same approach as profile photos (``commonroom.profiles.photos``): Pillow
    judges the bytes, the pixel size is refused before decoding, and the result
    is re-encoded from pixels alone. Flat artwork (256 colours or fewer) and
    transparent logos are kept as PNG, photographs become JPEG.
    """
    if upload.size is None or upload.size > LOGO_MAX_BYTES:
        raise ValidationError(LOGO_TOO_BIG, code="too_big")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=photos.ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(LOGO_TOO_MANY_PIXELS, code="too_many_pixels") from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValidationError(LOGO_NOT_AN_IMAGE, code="not_an_image") from error
    with image:
        width, height = image.size
        if image.format not in photos.ACCEPTED_FORMATS or width < 1 or height < 1:
            raise ValidationError(LOGO_NOT_AN_IMAGE, code="not_an_image")
        if width * height > photos.MAX_PIXELS:
            raise ValidationError(LOGO_TOO_MANY_PIXELS, code="too_many_pixels")
        try:
            return _clean_logo(image)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as e:
            raise ValidationError(LOGO_UNREADABLE, code="unreadable") from e


def _clean_logo(image: Image.Image) -> photos.PreparedPhoto:
    if image.format == "JPEG":
        image.draft("RGB", (LOGO_BOX[0] * 2, LOGO_BOX[1] * 2))
    image.load()
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in {"RGBA", "LA", "PA"} or (
        upright.mode == "P" and "transparency" in upright.info
    )
    upright = upright.convert("RGBA" if has_alpha else "RGB")
    # Judged before resizing, which blends edges into many new colours.
    flat = upright.getcolors(256) is not None
    upright.thumbnail(LOGO_BOX, Image.Resampling.LANCZOS)
    if has_alpha and upright.getchannel("A").getextrema()[0] == 255:
        upright, has_alpha = upright.convert("RGB"), False
    bare = Image.frombytes(upright.mode, upright.size, upright.tobytes())
    out = io.BytesIO()
    if has_alpha or flat:
        bare.save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        bare.save(out, format="JPEG", quality=90, optimize=True)
        extension = "jpg"
    return photos.PreparedPhoto(
        content=out.getvalue(),
        extension=extension,
        width=bare.width,
        height=bare.height,
    )


class ThemeForm(forms.Form):
    accent_colour = forms.CharField(
        label=_("Accent colour"),
        help_text=_(
            "Optional. The colour of the band at the top of the community’s page, "
            "as # and six hexadecimal digits, like #0b5e61. The band has white "
            "text, so the colour must be dark enough: a contrast ratio of at "
            "least 4.5:1. Leave it empty for Commonroom’s colour."
        ),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    logo = forms.FileField(
        label=_("Upload a logo"),
        help_text=_(
            "Optional. A JPEG, PNG or WebP image, smaller than 2 MB. We make it "
            "fit 240 by 240 pixels and remove hidden details such as where and "
            "with what camera it was made."
        ),
        required=False,
        error_messages={
            "invalid": LOGO_NOT_AN_IMAGE,
            "empty": _("The selected logo is empty"),
            "max_length": _("The logo’s file name must be 255 characters or fewer"),
        },
        widget=forms.FileInput(attrs={"accept": photos.ACCEPT_ATTRIBUTE}),
    )

    def __init__(self, *args, logo_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if logo_url:
            self.fields["remove_logo"].help_text = format_html(
                '<img class="commonroom-community-logo '
                'commonroom-community-logo--small" src="{}" width="80" alt="{}">',
                logo_url,
                _("The current logo"),
            )
            self.fields["logo"].label = _("Upload a new logo")
        else:
            del self.fields["remove_logo"]

    def clean_accent_colour(self) -> str:
        colour = services.normalise_colour(self.cleaned_data["accent_colour"])
        services.check_accent_colour(colour)
        return colour

    def clean_logo(self) -> photos.PreparedPhoto | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        return prepare_logo(upload)
