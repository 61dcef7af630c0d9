from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonroom.communities.selectors import communities as selectors
from commonroom.core.pagination import paginate


@login_not_required
def community_directory(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    pagination = paginate(request, selectors.listed_communities(query=query))
    return render(
        request,
        "communities/community_directory/index.html",
        {"pagination": pagination, "query": query, "nav_section": "communities"},
    )


@login_not_required
def community_detail(request: HttpRequest, community_slug: str) -> HttpResponse:
    community = selectors.get_community_for_summary(
        user=request.user, slug=community_slug
    )
    return render(
        request,
        "communities/community_detail/index.html",
        {
            "community": community,
            "facilitators": selectors.facilitators_of(community),
            "tags": list(community.tags.all()),
            "nav_section": "communities",
        },
    )
