from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonroom.accounts import services as account_services
from commonroom.accounts.permissions import check_platform_admin
from commonroom.administration import selectors
from commonroom.administration.forms import AuditFilterForm, SignUpDecisionForm
from commonroom.core.pagination import paginate


def administration_index(request: HttpRequest) -> HttpResponse:
    check_platform_admin(request.user)
    return render(
        request,
        "administration/administration_index/index.html",
        {
            "pending_count": selectors.pending_sign_ups().count(),
            "nav_section": "account",
        },
    )


def sign_up_queue(request: HttpRequest) -> HttpResponse:
    check_platform_admin(request.user)
    return render(
        request,
        "administration/sign_up_queue/index.html",
        {
            "pagination": paginate(request, selectors.pending_sign_ups()),
            "nav_section": "account",
        },
    )


def sign_up_decision(request: HttpRequest, user_id: int) -> HttpResponse:
    check_platform_admin(request.user)
    person = selectors.get_sign_up(user_id=user_id)
    form = SignUpDecisionForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "approve":
            account_services.approve_sign_up(
                actor=request.user,
                user=person,
                organisation=form.cleaned_data["organisation"],
                new_organisation=form.new_organisation(),
                request=request,
            )
            messages.success(
                request,
                _("%(name)s’s sign-up was approved.") % {"name": person.full_name},
            )
        else:
            account_services.reject_sign_up(
                actor=request.user,
                user=person,
                reason=form.cleaned_data["reason"],
                request=request,
            )
            messages.success(
                request,
                _("%(name)s’s sign-up was rejected.") % {"name": person.full_name},
            )
        return redirect("administration-sign-ups")
    return render(
        request,
        "administration/sign_up_decision/index.html",
        {"person": person, "form": form, "nav_section": "account"},
    )


def audit_log(request: HttpRequest) -> HttpResponse:
    check_platform_admin(request.user)
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = selectors.audit_events_for(
        request.user, **{key: value for key, value in filters.items() if value}
    )
    pagination = paginate(request, events, per_page=50)
    return render(
        request,
        "administration/audit_log/index.html",
        {
            "form": form,
            "pagination": pagination,
            "rows": selectors.audit_rows(request.user, pagination.object_list),
            "nav_section": "account",
        },
    )
