from django import forms
from django.utils.translation import gettext_lazy as _

from commonroom.organisations.models import Organisation


class SearchInput(forms.TextInput):
    input_type = "search"


class OrganisationFilterForm(forms.Form):
    """The directory's search and filters, read from the query string.

    Every field is optional, so an empty query string is a valid form that
    lists every organisation.
    """

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        strip=True,
        widget=SearchInput(attrs={"spellcheck": "false"}),
        error_messages={
            "max_length": _("Name must be 200 characters or fewer"),
        },
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Any type")), *Organisation.Kind.choices],
        error_messages={
            "invalid_choice": _("Select a type of organisation from the list"),
        },
    )
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("Any region")), *Organisation.Region.choices],
        error_messages={"invalid_choice": _("Select a region from the list")},
    )

    def filters(self) -> dict[str, str]:
        """Keyword arguments for ``find_organisations``.

        A field whose value is invalid is left out (the form reports it), so the
        page still lists what the other filters match.
        """
        self.is_valid()
        data = self.cleaned_data
        return {
            "query": data.get("q", ""),
            "kind": data.get("kind", ""),
            "region": data.get("region", ""),
        }

    def has_filters(self) -> bool:
        """Did the person search or filter at all (valid or not)?"""
        return any(self.data.get(name) for name in ("q", "kind", "region"))
