from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from commonroom.accounts import services


class AccountAdapter(DefaultAccountAdapter):
    """Commonroom's hooks into django-allauth."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        # The language they signed up in is theirs until they choose another:
        # the emails the worker sends them later are written in it.
        if translation.get_language() in dict(settings.LANGUAGES):
            user.language = translation.get_language()
        user.save()
        details = form.cleaned_data
        return services.register_member(
            user=user,
            full_name=details["full_name"],
            chosen_organisation=details.get("organisation"),
            organisation_name=details.get("organisation_other", ""),
            request=request,
        )

    def get_login_redirect_url(self, request):
        if request.user.is_authenticated and not request.user.is_approved:
            return reverse("account-pending")
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """Write allauth's emails in the recipient's language.

        That is the one kept on their account; someone with none (or no
        account: a reset asked for an unknown address) asked for the email
        themselves, so it is in the language of the page they asked from.
        """
        user = context.get("user")
        if user is None:
            user = get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "language", "")
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
