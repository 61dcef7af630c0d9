from django import forms
from django.utils.translation import gettext_lazy as _

from commonroom.moderation.models import Report

REASON_MAX_LENGTH = 500


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select why you are reporting this")},
    )
    detail = forms.CharField(
        label=_("Details (optional)"),
        help_text=_(
            "Anything that will help the facilitators. Only they will see your report."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _("The details must be 2,000 characters or fewer"),
        },
    )


class ModerationReasonForm(forms.Form):
    """The optional reason a facilitator gives, kept in the moderation log."""

    reason = forms.CharField(
        label=_("Reason (optional)"),
        help_text=_(
            "Kept in the moderation log, which only the community’s facilitators "
            "can see."
        ),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("The reason must be 500 characters or fewer"),
        },
    )


class ReportActionForm(ModerationReasonForm):
    """Hide the reported post, or dismiss the report (the button pressed)."""

    HIDE = "hide"
    DISMISS = "dismiss"

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[(HIDE, _("Hide the post")), (DISMISS, _("Dismiss"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Choose whether to hide the post or dismiss")},
    )
