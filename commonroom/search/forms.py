"""The search page's form (GET): what to look for and how to narrow it.

Every value lives in the address, so a search can be bookmarked, shared and
paged without JavaScript. Blank fields do not filter. A filter that names
something the reader cannot see (a community, a person, an organisation or a
tag) is an error on that field: the page says what is wrong and keeps what
was typed everywhere else.
"""

from django import forms
from django.db.models import Q
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from commonroom.accounts.models import User
from commonroom.accounts.querysets import listed_people_q
from commonroom.communities.access import access_for, visible_q
from commonroom.communities.models import Community
from commonroom.core.prepared import PreparedQuery
from commonroom.organisations.models import Organisation
from commonroom.search import indexing
from commonroom.tags.models import Tag

MAX_QUERY_LENGTH = 200

RELEVANCE = "relevance"
NEWEST = "newest"

# Kinds that are not community content, after the registry's.
PERSON = "person"
COMMUNITY = "community"


def kind_choices() -> list[tuple[str, str]]:
    """(name, plural label) for every kind search covers (``search.indexing``:
    the registry's searchable kinds, then people and communities)."""
    return [
        (source.name, capfirst(str(source.label_plural)))
        for source in indexing.sources()
    ]


def kind_label(name: str) -> str:
    return dict(kind_choices()).get(name, name)


# A text box, not the browser's date picker (GOV.UK's advice), so a wrong
# date is kept as typed; day first in the other forms UK readers write.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y", "%d %B %Y", "%d %b %Y"]


class DateInput(forms.DateInput):
    def __init__(self):
        super().__init__(
            format="%Y-%m-%d",
            attrs={"class": "govuk-input--width-10", "spellcheck": "false"},
        )


def _member_communities_query(shape, *, ids: list[int]):
    return (
        Community.objects.filter(pk__in=ids)
        .order_by("name")
        .values_list("slug", "name")
    )


# The search form's list of the reader's communities, compiled once.
_MEMBER_COMMUNITIES = PreparedQuery(_member_communities_query)


class SearchForm(forms.Form):
    """The search box and its filters. ``filters()`` gives what to pass on."""

    q = forms.CharField(
        label=_("Search for"),
        help_text=_(
            "Use “quotes” for a phrase, OR between alternatives, -word to leave "
            "a word out and transp* for words that start the same way."
        ),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Search must be 200 characters or fewer")},
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select what to show from the list")},
    )
    community = forms.ChoiceField(
        label=_("Community"),
        required=False,
        error_messages={
            "invalid_choice": _("There is no community at that address you can see")
        },
    )
    author = forms.CharField(
        label=_("Author"),
        help_text=_("Their full name or @handle, like @priya-shah."),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Author must be 200 characters or fewer")},
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        help_text=_("Its name, or enough of it to pick one out, like Leeds City."),
        required=False,
        max_length=200,
        error_messages={
            "max_length": _("Organisation must be 200 characters or fewer")
        },
    )
    tag = forms.CharField(
        label=_("Tag"),
        required=False,
        max_length=60,
        error_messages={"max_length": _("Tag must be 60 characters or fewer")},
    )
    after = forms.DateField(
        label=_("Written on or after"),
        help_text=_("For example, 2026-03-27."),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "invalid": _(
                "Enter the date it was written on or after as a real date, "
                "like 2026-03-27"
            )
        },
    )
    before = forms.DateField(
        label=_("Written on or before"),
        help_text=_("For example, 2026-04-30."),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "invalid": _(
                "Enter the date it was written on or before as a real date, "
                "like 2026-04-30"
            )
        },
    )
    order = forms.ChoiceField(
        label=_("Order"),
        choices=[
            (RELEVANCE, pgettext_lazy("search order", "Best match")),
            (NEWEST, pgettext_lazy("search order", "Newest first")),
        ],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select an order from the list")},
    )

    def __init__(self, data=None, *args, viewer, **kwargs):
        if data is not None and any("\x00" in value for value in data.values()):
            # Dropped, not refused: no stored text holds a NUL byte, and
            # PostgreSQL refuses to look for one.
            data = data.copy()
            for name, values in data.lists():
                data.setlist(name, [value.replace("\x00", "") for value in values])
        super().__init__(data, *args, **kwargs)
        self.viewer = viewer
        self.community_obj = None
        self.author_obj = None
        self.organisation_obj = None
        self.tag_obj = None
        kinds = kind_choices()
        if not viewer.is_authenticated:  # visitors see no people
            kinds = [(name, label) for name, label in kinds if name != PERSON]
        self.fields["kind"].choices = [("", _("Everything")), *kinds]
        self.fields["community"].choices = self._community_choices()

    def _community_choices(self) -> list[tuple[str, str]]:
        """The reader's own communities, and the one asked for if it is not
        among them (a "search this community" link from its hub): one query."""
        asked = (self.data.get("community") or "").strip() if self.is_bound else ""
        member_of = access_for(self.viewer).member_of
        rows = []
        if member_of and not asked:
            # A member may always know their own communities exist.
            rows = _MEMBER_COMMUNITIES(None, ids=sorted(member_of))
        elif asked:
            rows = list(
                Community.objects.filter(Q(pk__in=member_of) | Q(slug=asked))
                .filter(visible_q(self.viewer))
                .order_by("name")
                .values_list("slug", "name")
            )
        return [("", _("Any community")), *rows]

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def clean_community(self) -> str:
        slug = self.cleaned_data["community"]
        if slug:
            self.community_obj = Community.objects.filter(
                visible_q(self.viewer), slug=slug
            ).first()
            if self.community_obj is None:
                raise forms.ValidationError(
                    self.fields["community"].error_messages["invalid_choice"]
                )
        return slug

    def clean_author(self) -> str:
        text = self.cleaned_data["author"].strip()
        if not text:
            return ""
        listed = User.objects.filter(listed_people_q())
        if text.startswith("@"):
            matches = list(listed.filter(profile__handle__iexact=text[1:])[:2])
        else:
            matches = list(listed.filter(full_name__iexact=text)[:2])
        if not matches:
            raise forms.ValidationError(
                _("Nobody called “%(name)s” is a member: check the spelling"),
                params={"name": text},
            )
        if len(matches) > 1:
            raise forms.ValidationError(
                _(
                    "More than one member is called “%(name)s”: use their "
                    "@handle, shown on their profile"
                ),
                params={"name": text},
            )
        self.author_obj = matches[0]
        return text

    def clean_organisation(self) -> str:
        text = self.cleaned_data["organisation"].strip()
        if not text:
            return ""
        exact = Organisation.objects.filter(Q(name__iexact=text) | Q(slug=text))
        matches = list(exact[:1]) or list(
            Organisation.objects.filter(name__icontains=text).order_by("name")[:2]
        )
        if not matches:
            raise forms.ValidationError(
                _("No organisation’s name has “%(name)s” in it: check the spelling"),
                params={"name": text},
            )
        if len(matches) > 1:
            raise forms.ValidationError(
                _(
                    "More than one organisation’s name has “%(name)s” in it: "
                    "enter more of the name"
                ),
                params={"name": text},
            )
        self.organisation_obj = matches[0]
        return text

    def clean_tag(self) -> str:
        text = self.cleaned_data["tag"].strip().lstrip("#")
        if not text:
            return ""
        self.tag_obj = Tag.objects.filter(
            Q(slug=slugify(text)) | Q(name__iexact=text)
        ).first()
        if self.tag_obj is None:
            raise forms.ValidationError(
                _("No tag is called “%(name)s”: check the spelling"),
                params={"name": text},
            )
        return text

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("after"), cleaned.get("before")
        if after and before and after > before:
            self.add_error(
                "before",
                _(
                    "The date it was written on or before must be the same as "
                    "or after %(date)s"
                )
                % {"date": after.isoformat()},
            )
        return cleaned

    def chosen_order(self) -> str:
        return self.cleaned_data.get("order") or RELEVANCE

    def is_filtered(self) -> bool:
        """Does any filter (beyond the words and the order) narrow the search?"""
        return any(
            self.data.get(name)
            for name in (
                "kind",
                "community",
                "author",
                "organisation",
                "tag",
                "after",
                "before",
            )
        )

    def show_kind_counts(self, counts: dict[str, int]) -> None:
        """Put each kind's number of matches in its label: "Discussions (12)"."""
        choices = []
        for value, label in self.fields["kind"].choices:
            count = sum(counts.values()) if value == "" else counts.get(value, 0)
            choices.append((value, f"{label} ({count})"))
        self.fields["kind"].choices = choices
