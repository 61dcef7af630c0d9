from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonroom.communities.selectors import communities as community_selectors
from commonroom.core.pagination import paginate


@login_not_required
def search(request: HttpRequest) -> HttpResponse:
    """One search box. It covers communities now; each content kind joins it."""
    # No stored text holds a NUL byte, and PostgreSQL refuses to look for one.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
    pagination = None
    if query:
        pagination = paginate(
            request,
            community_selectors.listed_communities(query=query, viewer=request.user),
        )
    return render(
        request,
        "search/search/index.html",
        {"query": query, "pagination": pagination, "nav_section": "search"},
    )
