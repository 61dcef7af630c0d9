from django import forms
from django.utils.translation import gettext_lazy as _

from commonroom.audit.models import AuditEvent
from commonroom.organisations.models import Organisation


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
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the person by email. Required if you reject."),
    )

    def clean(self):
        cleaned = super().clean()
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
