from allauth.account.forms import LoginForm
from django import forms
from django.utils.translation import gettext_lazy as _


class SignInForm(LoginForm):
    """allauth's sign-in form in GOV.UK words: plain labels, hints, no placeholders."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        self.fields["login"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false"}
        )
        self.fields["login"].error_messages["required"] = _("Enter your email address")
        # The "forgotten your password?" link sits below the form instead.
        self.fields["password"].help_text = ""
        self.fields["password"].error_messages["required"] = _("Enter your password")
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")


class SignUpDetailsForm(forms.Form):
    """The fields Commonroom adds to allauth's sign-up form."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your full name")},
    )

    field_order = ["full_name", "email", "password1", "password2"]

    def signup(self, request, user) -> None:
        user.full_name = self.cleaned_data["full_name"]
        user.save(update_fields=["full_name"])
