from django import forms
from django.utils.translation import gettext_lazy as _

from commonroom.help.models import Feedback


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["message", "name", "email"]
        help_texts = {
            "message": _(
                "Tell us what you were trying to do and what happened. Do not include "
                "personal or confidential information about other people."
            ),
            "name": _("Optional."),
            "email": _("Optional. Only if you would like a reply."),
        }
        error_messages = {
            "message": {"required": _("Enter your feedback")},
            "email": {
                "invalid": _(
                    "Enter an email address in the correct format, like "
                    "name@council.gov.uk"
                )
            },
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(
                attrs={"autocomplete": "email", "spellcheck": "false"}
            ),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
