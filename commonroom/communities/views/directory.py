"""The community directory: search, filters, sort."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from commonroom.accounts.permissions import can_take_part
from commonroom.communities.forms.communities import DirectoryFilterForm
from commonroom.communities.selectors import communities as selectors
from commonroom.core.pagination import paginate


@login_not_required
@require_GET
def community_directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(
        request.GET or None,
        service_areas=selectors.service_area_choices(),
        organisations=selectors.facilitator_organisation_choices(),
    )
    filters = form.filters() if form.is_bound else {}
    communities = selectors.directory_communities(viewer=request.user, **filters)
    pagination = paginate(request, communities)
    directory_url = reverse("community-directory")
    return render(
        request,
        "communities/community_directory/index.html",
        {
            "form": form,
            "filtered": bool(set(filters) - {"sort"} or form.errors),
            "pagination": pagination,
            "rows": [
                selectors.directory_row_values(community, directory_url=directory_url)
                for community in pagination.page.object_list
            ],
            "can_create": can_take_part(request.user),
            "nav_section": "communities",
        },
    )
