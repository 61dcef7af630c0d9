from django import forms
from django.utils.translation import gettext_lazy as _

from commonroom.audit.models import AuditEvent
from commonroom.organisations.models import Organisation
from commonroom.organisations.services import find_organisation_named


class SignUpDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to approve or reject")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Link to organisation (optional)"),
        queryset=Organisation.objects.only("name").order_by("name"),
        required=False,
        empty_label=_("No organisation"),
        help_text=_("If you approve, the member's profile shows this organisation."),
    )
    add_organisation = forms.BooleanField(
        label=_("Add the organisation they gave to the list, and link them to it"),
        required=False,
    )
    new_organisation_name = forms.CharField(
        label=_("Name of the organisation to add"), required=False, max_length=200
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=Organisation.Kind.choices,
        initial=Organisation.Kind.OTHER_PUBLIC_BODY,
        required=False,
    )
    new_organisation_region = forms.ChoiceField(
        label=_("Region"),
        choices=Organisation.Region.choices,
        initial=Organisation.Region.UK_WIDE,
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the person by email. Required if you reject."),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        # What the person typed at sign-up: the organisation of that name if
        # the list has it, otherwise offered as a new one.
        typed = person.requested_organisation
        known = find_organisation_named(typed)
        if known is not None:
            self.fields["organisation"].initial = known.pk
        self.fields["new_organisation_name"].initial = typed
        if not typed or known is not None:
            for name in [
                "add_organisation",
                "new_organisation_name",
                "new_organisation_kind",
                "new_organisation_region",
            ]:
                del self.fields[name]

    def new_organisation(self) -> dict | None:
        """What to add to the organisation list on approval, if anything."""
        cleaned = self.cleaned_data
        if not cleaned.get("add_organisation") or cleaned.get("organisation"):
            return None
        return {
            "name": cleaned["new_organisation_name"],
            "kind": cleaned["new_organisation_kind"],
            "region": cleaned["new_organisation_region"],
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("add_organisation"):
            if cleaned.get("organisation"):
                self.add_error(
                    "add_organisation",
                    _(
                        "Either link them to an organisation from the list or add "
                        "a new one, not both"
                    ),
                )
            if not cleaned.get("new_organisation_name", "").strip():
                self.add_error(
                    "new_organisation_name",
                    _("Enter the name of the organisation to add"),
                )
            for name, message in [
                ("new_organisation_kind", _("Choose the type of organisation")),
                ("new_organisation_region", _("Choose the region")),
            ]:
                if not cleaned.get(name):
                    self.add_error(name, message)
        if (
            cleaned.get("decision") == "reject"
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", _("Enter the reason for rejecting the sign-up"))
        return cleaned


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("All actions")), *AuditEvent.Action.choices],
        required=False,
    )
    person = forms.CharField(
        label=_("Email address contains"), required=False, max_length=254
    )
    ip_address = forms.GenericIPAddressField(
        label=_("IP address"),
        required=False,
        error_messages={"invalid": _("Enter an IP address, like 192.0.2.10")},
    )
    since = forms.DateField(
        label=_("From (date)"),
        required=False,
        help_text=_("For example, 27/11/2026"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date like 27/11/2026")},
    )
    until = forms.DateField(
        label=_("To (date)"),
        required=False,
        help_text=_("For example, 27/11/2026"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date like 27/11/2026")},
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error(
                "until", _("The end date must be the same as or after the start date")
            )
        return cleaned
