"""The community theme: a logo (checked like profile photos) and an accent colour."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from commonroom.communities.services import communities as services
from commonroom.core.images import (
    ACCEPT_ATTRIBUTE,
    ImagePolicy,
    PreparedImage,
    sanitise_image,
)

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_NOT_AN_IMAGE = _("The logo must be a JPEG, PNG or WebP image")
# The logo's policy for the one image sanitiser (``commonroom.core.images``):
# flat artwork (256 colours or fewer) and transparent logos are kept as PNG,
# photographs become JPEG.
LOGO = ImagePolicy(
    max_bytes=LOGO_MAX_BYTES,
    box=(240, 240),
    not_an_image=LOGO_NOT_AN_IMAGE,
    too_big=_("The logo must be smaller than 2 MB"),
    too_many_pixels=_("The logo must be 40 megapixels or fewer"),
    unreadable=_(
        "The logo could not be read. It may be damaged: save it again or choose a "
        "different image"
    ),
    jpeg_quality=90,
    flat_as_png=True,
)


def prepare_logo(upload: UploadedFile) -> PreparedImage:
    """Check a logo by its content and return it fitted to 240×240, no metadata."""
    return sanitise_image(upload, LOGO)


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
        widget=forms.FileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
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

    def clean_logo(self) -> PreparedImage | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        return prepare_logo(upload)
