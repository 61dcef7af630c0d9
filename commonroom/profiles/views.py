from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonroom.core.pagination import paginate
from commonroom.profiles import selectors


def people_finder(request: HttpRequest) -> HttpResponse:
    """Members only: LoginRequiredMiddleware sends visitors to sign in."""
    query = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "profiles/people_finder/index.html",
        {
            "pagination": paginate(request, selectors.find_people(query=query)),
            "query": query,
            "nav_section": "people",
        },
    )
