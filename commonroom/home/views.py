from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from commonroom.home import selectors


@login_not_required
def landing(request: HttpRequest) -> HttpResponse:
    """Visitors get the landing page; signed-in members their own home."""
    if request.user.is_authenticated:
        return member_home(request)
    return render(
        request,
        "home/landing/index.html",
        {
            "figures": selectors.get_platform_figures(),
            "communities": selectors.get_most_active_communities(),
        },
    )


def member_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home/member_home/index.html",
        {
            "home": selectors.get_member_home(viewer=request.user),
            "profile_url": reverse("person-profile", args=[request.user.pk]),
            "nav_section": "home",
        },
    )
