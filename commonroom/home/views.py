from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonroom.home import selectors


@login_not_required
def landing(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "home/landing/index.html",
        {
            "figures": selectors.get_platform_figures(),
            "communities": selectors.get_most_active_communities(),
        },
    )
