from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from commonroom.core.forms import ModelChoicesField
from commonroom.core.models import ServiceArea
from commonroom.organisations.models import Organisation
from commonroom.profiles import photos
from commonroom.profiles.models import Profile
from commonroom.tags.services import TagListRules, parse_tag_list

MAX_EXPERTISE = 10
MAX_TAG_LENGTH = 60


EXPERTISE_RULES = TagListRules(
    max_count=MAX_EXPERTISE,
    max_length=MAX_TAG_LENGTH,
    too_long=_(
        "“%(name)s…” is too long: each area of expertise must be %(limit)d "
        "characters or fewer"
    ),
    too_many=ngettext_lazy(
        "Enter %(limit)d area of expertise or fewer",
        "Enter %(limit)d areas of expertise or fewer",
        "limit",
    ),
    code_prefix="tag",
)


def parse_expertise(text: str) -> list[str]:
    """Comma-separated expertise as tidy names, without repeats (by slug)."""
    return parse_tag_list(text, EXPERTISE_RULES)


class ProfileForm(forms.Form):
    """What a member may change on their profile (not their organisation)."""

    job_title = forms.CharField(
        label=_("Job title"),
        max_length=120,
        required=False,
        error_messages={
            "max_length": _("Job title must be 120 characters or fewer"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    role_type = forms.ChoiceField(
        label=_("Which best describes your role?"),
        choices=Profile.RoleType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the option that best describes your role"),
            "invalid_choice": _("Select the option that best describes your role"),
        },
    )
    service_areas = ModelChoicesField(
        label=_("Service areas you work in"),
        help_text=_("Select all that apply."),
        queryset=ServiceArea.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Select service areas from the list"),
            "invalid_pk_value": _("Select service areas from the list"),
        },
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        help_text=_(
            "Topics you know about and are happy to be asked about, separated by "
            "commas. For example: flood risk, s106 agreements, digital inclusion. "
            "Up to 10, each 60 characters or fewer."
        ),
        required=False,
        max_length=1000,
        error_messages={
            "max_length": _("Expertise must be 1,000 characters or fewer"),
        },
    )
    bio = forms.CharField(
        label=_("Biography"),
        help_text=_(
            "A few lines about your work and what you are interested in. Up to "
            "2,000 characters."
        ),
        required=False,
        max_length=2000,
        error_messages={"max_length": _("Biography must be 2,000 characters or fewer")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    privacy = forms.ChoiceField(
        label=_("Who can see your profile details?"),
        help_text=_(
            "Your name and organisation are always shown to signed-in members. "
            "Details are your photo, job title, service areas, expertise, "
            "biography and when you were last online."
        ),
        choices=Profile.Privacy.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select who can see your profile details"),
            "invalid_choice": _("Select who can see your profile details"),
        },
    )
    show_online_presence = forms.BooleanField(
        label=_("Show people when I was last online"),
        required=False,
    )
    photo = forms.FileField(
        label=_("Upload a photo"),
        help_text=_(
            "Optional. A JPEG, PNG or WebP image, smaller than 5 MB. We make it fit "
            "400 by 400 pixels and remove hidden details such as where and with "
            "what camera it was taken."
        ),
        required=False,
        error_messages={
            "invalid": _("The photo must be a JPEG, PNG or WebP image"),
            "empty": _("The selected photo is empty"),
            "max_length": _("The photo’s file name must be 255 characters or fewer"),
        },
        widget=forms.FileInput(attrs={"accept": photos.ACCEPT_ATTRIBUTE}),
    )
    remove_photo = forms.BooleanField(
        label=_("Remove my photo"),
        required=False,
    )

    field_order = [
        "job_title",
        "role_type",
        "service_areas",
        "expertise",
        "bio",
        "remove_photo",
        "photo",
        "privacy",
        "show_online_presence",
    ]

    def __init__(self, *args, photo_url: str = "", **kwargs):
        """``photo_url``: the current photo, shown above "Remove my photo"."""
        super().__init__(*args, **kwargs)
        if photo_url:
            self.fields["remove_photo"].help_text = format_html(
                '<img class="commonroom-profile__photo '
                'commonroom-profile__photo--small" src="{}" width="80" alt="{}">',
                photo_url,
                _("Your current photo"),
            )
            self.fields["photo"].label = _("Upload a new photo")
        else:
            del self.fields["remove_photo"]

    @classmethod
    def initial_for(cls, profile: Profile) -> dict:
        """The form's starting values from a profile (prefetched relations)."""
        return {
            "job_title": profile.job_title,
            "role_type": profile.role_type,
            "service_areas": [area.pk for area in profile.service_areas.all()]
            if profile.pk
            else [],
            "expertise": ", ".join(tag.name for tag in profile.expertise.all())
            if profile.pk
            else "",
            "bio": profile.bio,
            "privacy": profile.privacy,
            "show_online_presence": profile.show_online_presence,
        }

    def clean_expertise(self) -> list[str]:
        return parse_expertise(self.cleaned_data["expertise"])

    def clean_photo(self) -> photos.PreparedPhoto | None:
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return photos.prepare_photo(upload)


class PeopleFinderForm(forms.Form):
    """The finder's filters (GET). Blank fields do not filter."""

    # Unbound, its HTML depends on its choices and the language alone.
    keep_unbound_html = True

    q = forms.CharField(
        label=_("Name or job title"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Search must be 200 characters or fewer")},
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        help_text=_("All or part of the name, like Leeds or Fire."),
        required=False,
        max_length=200,
        error_messages={
            "max_length": _("Organisation must be 200 characters or fewer")
        },
    )
    region = forms.ChoiceField(
        label=_("Region"),
        choices=[("", _("Any region")), *Organisation.Region.choices],
        required=False,
        error_messages={"invalid_choice": _("Select a region from the list")},
    )
    role_type = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Any role")), *Profile.RoleType.choices],
        required=False,
        error_messages={"invalid_choice": _("Select a role from the list")},
    )
    service_area = forms.ChoiceField(
        label=_("Service area"),
        required=False,
        error_messages={"invalid_choice": _("Select a service area from the list")},
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        help_text=_("A topic, like flood risk."),
        required=False,
        max_length=MAX_TAG_LENGTH,
        error_messages={
            "max_length": _("Expertise must be 60 characters or fewer"),
        },
    )

    topic = forms.CharField(
        label=_("Who knows about"),
        help_text=_(
            "A topic, like SEND transport: who has written most on it that you "
            "can read, accepted answers first."
        ),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Topic must be 200 characters or fewer")},
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )

    field_order = ["q", "topic"]

    def __init__(self, *args, service_areas: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = [
            ("", _("Any service area")),
            *service_areas,
        ]

    def filters(self) -> dict[str, str]:
        """The valid filters, stripped; a field with an error is left out."""
        self.is_valid()
        return {
            ("query" if name == "q" else name): value.strip()
            for name, value in self.cleaned_data.items()
            if value
        }


class ContactForm(forms.Form):
    action = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")])
    next = forms.CharField(required=False, max_length=2000)
