from allauth.account.forms import ChangePasswordForm, LoginForm, SignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from commonroom.organisations.domains import organisation_for_email
from commonroom.organisations.models import Organisation


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


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class SignUpForm(SignupForm):
    """allauth's sign-up form with the name and organisation Commonroom needs.

    The adapter (``accounts/adapter.py``) turns it into an account: an address
    on an allowlisted domain is approved at once, others wait for approval.
    """

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your full name")},
    )
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.only("name").order_by("name"),
        required=False,
        empty_label=_("Choose your organisation"),
        help_text=_(
            "Councils and public bodies are matched from your email address, so you "
            "can leave this if your address is at one of them."
        ),
        error_messages={"invalid_choice": _("Choose an organisation from the list")},
    )
    organisation_other = forms.CharField(
        label=_("If your organisation is not in the list, enter its name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    field_order = [
        "full_name",
        "email",
        "organisation",
        "organisation_other",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        if "email" in self.fields:
            self.fields["email"].label = _("Work email address")
            self.fields["email"].help_text = _(
                "For example, name@yourcouncil.gov.uk. We will send you a link to "
                "confirm it."
            )
            self.fields["email"].widget.attrs.update(
                {"autocomplete": "email", "spellcheck": "false"}
            )
        if "password1" in self.fields:
            self.fields["password1"].help_text = NEW_PASSWORD_HINT
        if "password2" in self.fields:
            self.fields["password2"].label = _("Confirm your password")

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if (
            email
            and organisation_for_email(email) is None
            and not cleaned.get("organisation")
            and not cleaned.get("organisation_other", "").strip()
        ):
            self.add_error(
                "organisation",
                _(
                    "Your email address is not at an organisation we know, so choose "
                    "your organisation or enter its name"
                ),
            )
        return cleaned


NEW_PASSWORD_HINT = _(
    "At least 12 characters. A few unrelated words strung together make a strong "
    "password that is easy to remember. You can paste one from a password manager."
)


class CommonroomChangePasswordForm(ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].label = _("Current password")
        self.fields["oldpassword"].help_text = ""
        self.fields["password1"].label = _("New password")
        self.fields["password1"].help_text = NEW_PASSWORD_HINT
        self.fields["password2"].label = _("Confirm your new password")
