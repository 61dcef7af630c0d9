from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def account_home(request: HttpRequest) -> HttpResponse:
    """Your account: who you are signed in as and what you can change."""
    from allauth.mfa.utils import is_mfa_enabled

    return render(
        request,
        "accounts/account_home/index.html",
        {"nav_section": "account", "mfa_enabled": is_mfa_enabled(request.user)},
    )


def account_pending(request: HttpRequest) -> HttpResponse:
    """What someone whose sign-up is not approved sees instead of the site."""
    if request.user.is_approved:
        return redirect("home")
    return render(
        request, "accounts/account_pending/index.html", {"nav_section": "account"}
    )


def two_factor_required(request: HttpRequest) -> HttpResponse:
    """Platform administrators must set up two-factor authentication first."""
    return render(
        request, "accounts/two_factor_required/index.html", {"nav_section": "account"}
    )
