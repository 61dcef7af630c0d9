"""Forms for the directory, the create-a-community wizard, sub-communities
and notices (the theme's are in ``forms.themes``). Rendered as ``{{ form }}``
by the GOV.UK renderer."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from commonroom.communities.models import Community
from commonroom.communities.services import communities as services
from commonroom.communities.services.community_settings import (
    check_settings_allowed,
)
from commonroom.core.forms import RadiosWithHints
from commonroom.tags.services import TagListRules, parse_tag_list

MAX_TOPICS = 8
MAX_TOPIC_LENGTH = 60

VISIBILITY_HINTS = {
    Community.Visibility.OPEN: _(
        "Listed in the directory. Every signed-in member can read it and join at once."
    ),
    Community.Visibility.RESTRICTED: _(
        "Listed in the directory with its name, purpose, facilitators and number "
        "of members. Only members can read it: people ask to join and a "
        "facilitator decides."
    ),
    Community.Visibility.PRIVATE: _(
        "Not listed, and hidden from everyone who is not a member. Only members "
        "can read it: people join only when a facilitator invites them."
    ),
}


def visibility_field(choices=None) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Who can find and read it?"),
        choices=choices or Community.Visibility.choices,
        widget=RadiosWithHints(hints=VISIBILITY_HINTS),
        error_messages={
            "required": _("Choose who can find and read the community"),
            "invalid_choice": _("Choose who can find and read the community"),
        },
    )


def public_reading_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Visitors can read it"),
        help_text=_(
            "Open communities only: people who are not signed in can read what "
            "is posted, but must sign in to join or post."
        ),
        required=False,
    )


TOPIC_RULES = TagListRules(
    max_count=MAX_TOPICS,
    max_length=MAX_TOPIC_LENGTH,
    too_long=_(
        "“%(name)s…” is too long: each topic must be %(limit)d characters or fewer"
    ),
    too_many=ngettext_lazy(
        "Enter %(limit)d topic or fewer", "Enter %(limit)d topics or fewer", "limit"
    ),
    code_prefix="topic",
)


def parse_topics(text: str) -> list[str]:
    """Comma-separated topics as tidy names, without repeats (by slug)."""
    return parse_tag_list(text, TOPIC_RULES)


def topics_field() -> forms.CharField:
    return forms.CharField(
        label=_("Topics"),
        help_text=_(
            "Optional. Up to 8 topics, separated by commas, so people can find "
            "the community. For example: flood risk, SuDS, local plans."
        ),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("Topics must be 1,000 characters or fewer")},
    )


def name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Name"),
        help_text=_(
            "Short and clear, so people recognise it in a list. For example: Food "
            "Waste Collections Network."
        ),
        max_length=80,
        error_messages={
            "required": _("Enter a name for the community"),
            "max_length": _("The name must be 80 characters or fewer"),
        },
    )


def purpose_field() -> forms.CharField:
    return forms.CharField(
        label=_("Purpose"),
        help_text=_(
            "Who the community is for and what members do together. Up to 1,000 "
            "characters."
        ),
        max_length=1000,
        error_messages={
            "required": _("Enter the purpose of the community"),
            "max_length": _("The purpose must be 1,000 characters or fewer"),
        },
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def clean_new_name(name: str, *, actor) -> str:
    """A free name; a clash is only named if ``actor`` may see that community."""
    name = services.tidy_name(name)
    if not name:
        raise ValidationError(_("Enter a name for the community"))
    try:
        services.check_name_free(name, actor=actor)
    except ValidationError as error:
        raise ValidationError(error.message_dict["name"]) from error
    return name


# The directory ------------------------------------------------------------------

SORT_CHOICES = [
    ("name", _("Name (A to Z)")),
    ("active", _("Most active")),
    ("newest", _("Newest")),
    ("largest", _("Most members")),
]


class DirectoryFilterForm(forms.Form):
    """The directory's search, filters and sort (GET). Blank fields do not filter."""

    # Unbound, its HTML depends on its choices and the language alone.
    keep_unbound_html = True

    q = forms.CharField(
        label=_("Name or purpose"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Search must be 200 characters or fewer")},
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    tag = forms.CharField(
        label=_("Topic"),
        help_text=_("For example, flood risk."),
        required=False,
        max_length=MAX_TOPIC_LENGTH,
        error_messages={"max_length": _("Topic must be 60 characters or fewer")},
    )
    service_area = forms.ChoiceField(
        label=_("Service area"),
        required=False,
        error_messages={"invalid_choice": _("Select a service area from the list")},
    )
    organisation = forms.ChoiceField(
        label=_("Facilitators’ organisation"),
        required=False,
        error_messages={"invalid_choice": _("Select an organisation from the list")},
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"),
        required=False,
        choices=[
            ("", _("Any")),
            *Community.Visibility.choices,
        ],
        error_messages={"invalid_choice": _("Select who can read it from the list")},
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=SORT_CHOICES,
        error_messages={"invalid_choice": _("Select how to sort from the list")},
    )

    def __init__(
        self,
        *args,
        service_areas: list[tuple[str, str]],
        organisations: list[tuple[str, str]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = [
            ("", _("Any service area")),
            *service_areas,
        ]
        self.fields["organisation"].choices = [
            ("", _("Any organisation")),
            *organisations,
        ]

    def clean_tag(self) -> str:
        text = self.cleaned_data["tag"].strip()
        if not text:
            return ""
        slug = slugify(text)
        if not slug:
            raise ValidationError(_("Topic must include letters or numbers"))
        return slug

    def filters(self) -> dict[str, str]:
        """The valid filters, stripped; a field with an error is left out."""
        self.is_valid()
        return {
            ("query" if name == "q" else name): value.strip()
            for name, value in self.cleaned_data.items()
            if value
        }


# The create-a-community wizard --------------------------------------------------


class NameAndPurposeForm(forms.Form):
    """Step 1 of 3."""

    name = name_field()
    purpose = purpose_field()

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor

    def clean_name(self) -> str:
        return clean_new_name(self.cleaned_data["name"], actor=self.actor)


class TopicsAndVisibilityForm(forms.Form):
    """Step 2 of 3."""

    topics = topics_field()
    service_area = forms.ChoiceField(
        label=_("Service area"),
        help_text=_("Optional. The council service the community is mostly about."),
        required=False,
        error_messages={"invalid_choice": _("Select a service area from the list")},
    )
    visibility = visibility_field()
    public_reading = public_reading_field()

    def __init__(self, *args, service_areas: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_area"].choices = [("", _("None")), *service_areas]

    def clean_topics(self) -> list[str]:
        return parse_topics(self.cleaned_data["topics"])

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("public_reading")
            and cleaned.get("visibility")
            and cleaned["visibility"] != Community.Visibility.OPEN
        ):
            self.add_error(
                "public_reading",
                _(
                    "Only open communities can be read by visitors: choose open, "
                    "or untick “Visitors can read it”"
                ),
            )
        return cleaned


class AgreementForm(forms.Form):
    """Step 3 of 3: the facilitator's principles and responsibilities."""

    agree = forms.BooleanField(
        label=_(
            "I agree to the facilitator’s principles and responsibilities set out above"
        ),
        error_messages={
            "required": _(
                "Confirm that you agree to the facilitator’s principles and "
                "responsibilities"
            )
        },
    )


# Sub-communities ------------------------------------------------------------------


def limit_to_parent(form: forms.Form, parent: Community) -> None:
    """Offer a sub-community only what its parent allows: no visibility more
    open than the parent's, and public reading only under a parent that has it."""
    allowed = services.allowed_under(parent)
    field = form.fields["visibility"]
    field.choices = [
        (value, label)
        for value, label in Community.Visibility.choices
        if value in allowed
    ]
    field.help_text = _(
        "A sub-community can be as private as %(parent)s or more private, "
        "never more open. %(parent)s is %(visibility)s."
    ) % {
        "parent": parent.name,
        "visibility": parent.get_visibility_display().lower(),
    }
    if not parent.public_reading:
        del form.fields["public_reading"]


class SubCommunityForm(forms.Form):
    name = name_field()
    purpose = purpose_field()
    topics = topics_field()
    visibility = visibility_field()
    public_reading = public_reading_field()

    def __init__(self, *args, parent: Community, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.parent = parent
        self.actor = actor
        limit_to_parent(self, parent)

    def clean_name(self) -> str:
        return clean_new_name(self.cleaned_data["name"], actor=self.actor)

    def clean_topics(self) -> list[str]:
        return parse_topics(self.cleaned_data["topics"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visibility"):
            public_reading = bool(cleaned.get("public_reading"))
            if public_reading and cleaned["visibility"] != Community.Visibility.OPEN:
                self.add_error(
                    "public_reading",
                    _("Only open communities can be read by visitors"),
                )
                return cleaned
            try:
                services.check_not_more_open(
                    parent=self.parent,
                    visibility=cleaned["visibility"],
                    public_reading=public_reading,
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


# Notices -----------------------------------------------------------------------


class NoticeForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        error_messages={
            "required": _("Enter a title for the notice"),
            "max_length": _("The title must be 120 characters or fewer"),
        },
    )
    body = forms.CharField(
        label=_("Notice"),
        help_text=_("Up to 2,000 characters."),
        max_length=2000,
        error_messages={
            "required": _("Enter the notice"),
            "max_length": _("The notice must be 2,000 characters or fewer"),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    is_pinned = forms.BooleanField(
        label=_("Pin it to the community’s page"),
        help_text=_("Pinned notices show at the top of the page, newest first."),
        required=False,
        initial=True,
    )


# Changing the settings ------------------------------------------------------------


class CommunitySettingsForm(forms.Form):
    """A facilitator changes the name, purpose, topics and visibility."""

    name = name_field()
    purpose = purpose_field()
    topics = topics_field()
    visibility = visibility_field()
    public_reading = public_reading_field()
    # Set on the confirmation page: the facilitator has seen who loses access.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, community: Community, actor, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": community.name,
                "purpose": community.purpose,
                "topics": ", ".join(tag.name for tag in community.tags.all()),
                "visibility": community.visibility,
                "public_reading": community.public_reading,
            },
        )
        super().__init__(*args, **kwargs)
        self.community = community
        self.actor = actor
        self.fields["name"].help_text = _(
            "The community’s web address stays the same, so links to it keep working."
        )
        parent = community.parent
        if parent is not None:
            limit_to_parent(self, parent)

    def clean_topics(self) -> list[str]:
        return parse_topics(self.cleaned_data["topics"])

    def clean_name(self) -> str:
        name = services.tidy_name(self.cleaned_data["name"])
        if name.lower() == self.community.name.lower():
            return name  # its own name, perhaps with other capitals
        return clean_new_name(name, actor=self.actor)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("visibility"):
            return cleaned
        public_reading = bool(cleaned.get("public_reading"))
        if public_reading and cleaned["visibility"] != Community.Visibility.OPEN:
            self.add_error(
                "public_reading",
                _(
                    "Only open communities can be read by visitors: choose open, "
                    "or untick “Visitors can read it”"
                ),
            )
            return cleaned
        # The rules of nesting, before any confirmation is asked for.
        try:
            check_settings_allowed(
                community=self.community,
                visibility=cleaned["visibility"],
                public_reading=public_reading,
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        return cleaned
