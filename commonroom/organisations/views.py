from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonroom.core.pagination import paginate
from commonroom.organisations import selectors
from commonroom.organisations.forms import OrganisationFilterForm

MEMBERS_PER_PAGE = 20


@login_not_required
def organisation_directory(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET)
    pagination = paginate(request, selectors.find_organisations(**form.filters()))
    return render(
        request,
        "organisations/organisation_directory/index.html",
        {"form": form, "pagination": pagination, "filtered": form.has_filters()},
    )


@login_not_required
def organisation_detail(request: HttpRequest, organisation_slug: str) -> HttpResponse:
    organisation = selectors.get_organisation(slug=organisation_slug)
    context = {
        "organisation": organisation,
        "can_see_domains": request.user.is_staff,
        "can_see_members": request.user.is_authenticated,
    }
    if request.user.is_staff:
        context["email_domains"] = selectors.email_domains_of(organisation)
    if request.user.is_authenticated:
        members = selectors.members_of(viewer=request.user, organisation=organisation)
        context["pagination"] = paginate(
            request, members.people, per_page=MEMBERS_PER_PAGE
        )
        context["hidden_count"] = members.hidden_count
    return render(request, "organisations/organisation_detail/index.html", context)
