from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def account_home(request: HttpRequest) -> HttpResponse:
    """Your account: who you are signed in as and what you can change."""
    return render(
        request, "accounts/account_home/index.html", {"nav_section": "account"}
    )
