from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from commonroom.core.pagination import numbered_pages
from commonroom.search import experts, results
from commonroom.search.forms import SearchForm
from commonroom.search.query import parse
from commonroom.search.selectors import search as run_search

PER_PAGE = 20


def _page_number(request: HttpRequest) -> int:
    try:
        return max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        return 1


@login_not_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """One search box over everything the reader may read."""
    form = SearchForm(request.GET or None, viewer=request.user)
    search_url = reverse("search")
    context = {
        "form": form,
        "nav_section": "search",
        "search_url": search_url,
        "people_url": reverse("people-finder"),
        "filter_fields": [form[name] for name in (*results.FILTER_NAMES, "order")],
        # The filters, as typed (right or wrong), for the search box's form.
        "kept_filters": [
            (name, request.GET[name])
            for name in (*results.FILTER_NAMES, "order")
            if request.GET.get(name)
        ],
        "filtered": form.is_bound and form.is_filtered(),
        "clear_filters_url": results.clear_filters_url(request.GET, search_url),
    }
    if form.is_bound and form.is_valid():
        query = parse(form.cleaned_data["q"])
        context["query"] = query
        if not query.is_empty():
            found = run_search(
                request.user,
                query,
                filters=results.filters_from(form),
                order=form.chosen_order(),
                page=_page_number(request),
                per_page=PER_PAGE,
            )
            form.show_kind_counts(found.kind_counts)
            context.update(
                found=found,
                rows=results.rows(request.user, found.hits),
                kind_links=results.kind_links(request.GET, found),
                pagination=numbered_pages(
                    request,
                    number=found.page,
                    page_count=found.page_count,
                    object_list=found.hits,
                ),
                first_number=(found.page - 1) * PER_PAGE + 1,
                suggestions=None
                if found.total
                else results.suggestions(request.GET, form, query),
                experts=experts.who_knows_among(request.user, found)
                if found.page == 1 and form.cleaned_data["kind"] in ("", "person")
                else [],
            )
    return render(request, "search/search/index.html", context)
