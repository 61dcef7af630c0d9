"""Forms for joining, requests, invitations and managing members."""

from django import forms
from django.utils.translation import gettext_lazy as _

from commonroom.communities.services.invitations import (
    MAX_INVITATION_ADDRESSES,
    split_addresses,
)
from commonroom.communities.services.membership import MESSAGE_MAX_LENGTH


def _message_field(*, label, help_text="", required=False, error="", rows=5):
    error_messages = {
        "max_length": _(
            "The message must be %(limit_value)d characters or fewer "
            "(it has %(show_value)d)"
        ),
    }
    if error:
        error_messages["required"] = error
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=error_messages,
    )


class JoinRequestForm(forms.Form):
    message = _message_field(
        label=_("Why would you like to join? (optional)"),
        help_text=_(
            "The facilitators read this when they decide. Say what you do and "
            "what you hope to share or learn."
        ),
    )


class RequestReplyForm(forms.Form):
    message = _message_field(
        label=_("Your reply"),
        help_text=_("This is added to your request and the facilitators decide again."),
        required=True,
        error=_("Enter your reply"),
    )


class RequestDecisionForm(forms.Form):
    APPROVE = "approve"
    MORE_INFORMATION = "more_information"
    REJECT = "reject"

    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (APPROVE, _("Approve: they join the community")),
            (MORE_INFORMATION, _("Ask them for more information")),
            (REJECT, _("Reject the request")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to approve, ask or reject")},
    )
    message = _message_field(
        label=_("Message to the applicant"),
        help_text=_(
            "Sent to them by email. Needed if you ask for more information or "
            "reject the request."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if not cleaned.get("message", "").strip():
            if decision == self.REJECT:
                self.add_error(
                    "message",
                    _("Enter a message to explain why you are rejecting the request"),
                )
            elif decision == self.MORE_INFORMATION:
                self.add_error(
                    "message",
                    _("Enter what you would like the applicant to tell you"),
                )
        return cleaned


class InvitationForm(forms.Form):
    addresses = forms.CharField(
        label=_("Email addresses"),
        help_text=_(
            "One address, or a list: one a line or separated by commas. Members "
            "are invited at the address they signed up with; anyone else joins "
            "once they have signed up with the invited address."
        ),
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        max_length=20_000,
        error_messages={
            "required": _("Enter at least one email address"),
            "max_length": _("The list is too long: enter fewer addresses at a time"),
        },
    )
    message = _message_field(
        label=_("Message (optional)"),
        help_text=_("Added to the invitation email."),
        rows=3,
    )

    def clean_addresses(self) -> str:
        addresses = self.cleaned_data["addresses"]
        entries = split_addresses(addresses)
        if not entries:
            raise forms.ValidationError(_("Enter at least one email address"))
        if len(entries) > MAX_INVITATION_ADDRESSES:
            raise forms.ValidationError(
                _(
                    "Enter %(limit)s email addresses or fewer at a time "
                    "(you entered %(count)s)"
                )
                % {"limit": MAX_INVITATION_ADDRESSES, "count": len(entries)}
            )
        return addresses


class RemoveMemberForm(forms.Form):
    message = _message_field(
        label=_("Message to them (optional)"),
        help_text=_("We email them to say they have been removed, with this message."),
        rows=3,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        choices=[("facilitator", "facilitator"), ("member", "member")],
        widget=forms.HiddenInput,
    )


class InvitationAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "accept"), ("decline", "decline")],
        widget=forms.HiddenInput,
    )
