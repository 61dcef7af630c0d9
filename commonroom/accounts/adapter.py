from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from commonroom.accounts import services
from commonroom.core.email import absolute_url


def on_site_url(url: str) -> str:
    """``url`` moved onto the one site address (``settings.SITE_URL``).

    allauth builds its links from the request (its host, and a protocol
    guessed from ``ACCOUNT_DEFAULT_HTTP_PROTOCOL``), which behind a proxy or
    from a worker is not the address people reach the site on. Every link in
    an email is the site address followed by the link's path and query.
    """
    parts = urlsplit(url)
    path = parts.path or "/"
    return absolute_url(f"{path}?{parts.query}" if parts.query else path)


def _is_link(value) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://", "/"))


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

    # Links in allauth's emails: always on SITE_URL ---------------------------

    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(
            reverse("account_confirm_email", args=[emailconfirmation.key])
        )

    def get_reset_password_from_key_url(self, key):
        return on_site_url(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix, email, context):
        """Write allauth's emails in the recipient's language, every link on
        the site address.

        The language is the one kept on their account; someone with none (or
        no account: a reset asked for an unknown address) asked for the email
        themselves, so it is in the language of the page they asked from.
        Whatever else allauth links to (signing up, resetting a password, from
        the "unknown account" and "account exists" emails) it built from the
        request: each link is put on the site address too.
        """
        context = {
            key: on_site_url(value)
            if key.endswith("_url") and _is_link(value)
            else value
            for key, value in context.items()
        }
        user = context.get("user")
        if user is None:
            user = get_user_model().objects.filter(email__iexact=email).first()
        language = getattr(user, "language", "")
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
