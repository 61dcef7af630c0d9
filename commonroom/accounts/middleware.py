from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation

from commonroom.core.views import set_language_cookie

# Pages a signed-in person can always reach, whatever the state of their account.
ALWAYS_OPEN = ("/account/", "/help/", "/language/", "/static/", "/media/")
# Where an administrator without two-factor authentication can still go: the
# account pages, which include setting it up and signing out.
MFA_SET_UP_PAGES = ("/account/", "/static/", "/language/")
LAST_SEEN_EVERY = 300  # seconds between updates of last_seen_at


class AccountStateMiddleware:
    """Keeps people whose account is not ready where they can fix it.

    - Platform administrators must turn on two-factor authentication before they
      can do anything else.
    - People waiting for approval (or turned down) see the "waiting for approval"
      page instead of the rest of the site.
    Also records when a member was last seen, at most every five minutes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            # The user itself from here on, not Django's lazy stand-in: a page
            # asks the access kernel about its reader hundreds of times, and
            # every attribute read through the stand-in costs a call more.
            request.user = user = getattr(user, "_wrapped", user)
            redirect_to = self.redirect_for(request, user)
            if redirect_to and request.path != redirect_to:
                return redirect(redirect_to)
            self.note_last_seen(user)
        return self.get_response(request)

    def redirect_for(self, request, user) -> str | None:
        path = request.path
        if user.is_staff:
            from allauth.mfa.utils import is_mfa_enabled

            if not path.startswith(MFA_SET_UP_PAGES) and not is_mfa_enabled(user):
                return reverse("account-two-factor-required")
            return None
        if not user.is_approved and not path.startswith(ALWAYS_OPEN):
            return reverse("account-pending")
        return None

    def note_last_seen(self, user) -> None:
        now = timezone.now()
        if (
            user.last_seen_at is None
            or (now - user.last_seen_at).total_seconds() > LAST_SEEN_EVERY
        ):
            get_user_model().objects.filter(pk=user.pk).update(last_seen_at=now)
            user.last_seen_at = now


class AccountLanguageMiddleware:
    """A signed-in person reads every page in the language kept on their account.

    Their choice is kept when they switch language while signed in
    (``signal_handlers.remember_language``). Signing in (on any device, whatever
    language the page was in before) applies it: the page is in it and the
    language cookie is set to it, so it holds after signing out too. People who
    never chose one keep the language of their browser or the switch.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = self.chosen_language(request)
        if chosen and chosen != translation.get_language():
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        response = self.get_response(request)
        # Read again: signing in happens inside the view.
        chosen = self.chosen_language(request)
        cookie = settings.LANGUAGE_COOKIE_NAME
        if (
            chosen
            and request.COOKIES.get(cookie) != chosen
            and cookie not in response.cookies
        ):
            set_language_cookie(response, chosen)
        return response

    @staticmethod
    def chosen_language(request) -> str:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return ""
        language = user.language
        return language if language in dict(settings.LANGUAGES) else ""
