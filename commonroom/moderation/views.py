"""Reporting posts, hiding and restoring them, the report queue and the log.

Under /communities/<slug>/: ``content/<kind>/<id>/report|hide|restore/``,
``reports/`` and ``moderation-log/``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.communities.selectors.communities import (
    breadcrumb_trail,
    get_community_for_summary,
)
from commonroom.content.registry import get_kind
from commonroom.content.selectors import get_content
from commonroom.core.pagination import paginate
from commonroom.moderation import permissions, selectors, services
from commonroom.moderation.forms import (
    ModerationReasonForm,
    ReportActionForm,
    ReportForm,
)


def _community_page(request: HttpRequest, community: Community, **extra) -> dict:
    return {
        "community": community,
        "trail": breadcrumb_trail(viewer=request.user, community=community),
        "nav_section": "communities",
        **extra,
    }


def _community(request: HttpRequest, community_slug: str) -> Community:
    """The community, with its ancestors for the breadcrumbs; "not found" where
    its existence is private."""
    return get_community_for_summary(user=request.user, slug=community_slug)


def _post(request: HttpRequest, community: Community, kind_name: str, object_id: int):
    obj = get_content(
        viewer=request.user,
        community_slug=community.slug,
        kind_name=kind_name,
        object_id=object_id,
    )
    obj.community = community  # the same row, with its ancestors loaded
    return obj


def _post_context(obj, kind_name: str) -> dict:
    kind = get_kind(kind_name)
    return {
        "obj": obj,
        "kind": kind,
        "kind_name": kind_name,
        "title": kind.title(obj),
        "excerpt": selectors.excerpt_of(obj),
        "post_url": kind.url(obj),
    }


def _data(request: HttpRequest):
    """The submitted form data; an empty POST still binds the form."""
    return request.POST if request.method == "POST" else None


def _next_url(request: HttpRequest, default: str) -> str:
    """``next`` when it is a path on this site, else ``default``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return default


# Reporting ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def content_report(
    request: HttpRequest, community_slug: str, kind_name: str, object_id: int
) -> HttpResponse:
    community = _community(request, community_slug)
    obj = _post(request, community, kind_name, object_id)
    permissions.check_report_content(request.user, obj)
    context = _post_context(obj, kind_name)
    form = ReportForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_content(actor=request.user, obj=obj, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you. The facilitators of %(community)s will look at it.")
                % {"community": community.name},
            )
            return redirect(context["post_url"])
    already_reported = request.method == "GET" and services.has_open_report(
        user=request.user, obj=obj
    )
    return render(
        request,
        "moderation/content_report/index.html",
        _community_page(
            request,
            community,
            form=form,
            already_reported=already_reported,
            **context,
        ),
        status=400 if form.errors else 200,
    )


# Hiding and restoring -----------------------------------------------------------


def _moderate(
    request: HttpRequest,
    community_slug: str,
    kind_name: str,
    object_id: int,
    *,
    hide: bool,
) -> HttpResponse:
    community = _community(request, community_slug)
    obj = _post(request, community, kind_name, object_id)
    permissions.check_moderate_content(request.user, obj)
    context = _post_context(obj, kind_name)
    back = _next_url(request, context["post_url"])
    if hide == (obj.hidden_at is not None):
        # Already done, by someone else or by a double click.
        messages.info(
            request,
            _("This post is already hidden.")
            if hide
            else _("This post is not hidden."),
        )
        return redirect(back)
    form = ModerationReasonForm(_data(request))
    if request.method == "POST" and form.is_valid():
        service = services.hide_content if hide else services.restore_content
        service(actor=request.user, obj=obj, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("The post has been hidden. Only the community’s facilitators can see it.")
            if hide
            else _("The post has been restored. Members can see it again."),
        )
        return redirect(back)
    return render(
        request,
        "moderation/content_moderate/index.html",
        _community_page(
            request,
            community,
            form=form,
            hide=hide,
            back_url=back,
            next=back if back != context["post_url"] else "",
            **context,
        ),
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def content_hide(
    request: HttpRequest, community_slug: str, kind_name: str, object_id: int
) -> HttpResponse:
    return _moderate(request, community_slug, kind_name, object_id, hide=True)


@require_http_methods(["GET", "POST"])
def content_restore(
    request: HttpRequest, community_slug: str, kind_name: str, object_id: int
) -> HttpResponse:
    return _moderate(request, community_slug, kind_name, object_id, hide=False)


# The report queue ---------------------------------------------------------------


@require_GET
def community_reports(request: HttpRequest, community_slug: str) -> HttpResponse:
    community = _community(request, community_slug)
    access.check_facilitate(request.user, community)
    pagination = paginate(request, selectors.open_reports(community))
    return render(
        request,
        "moderation/community_reports/index.html",
        _community_page(
            request,
            community,
            pagination=pagination,
            reports=selectors.with_content(pagination.object_list, viewer=request.user),
        ),
    )


@require_http_methods(["GET", "POST"])
def community_report_act(
    request: HttpRequest, community_slug: str, report_id: int
) -> HttpResponse:
    """One report: hide the post or dismiss the report.

    The queue posts here; the page itself shows when the reason needs
    correcting, or for a link to a single report.
    """
    community = _community(request, community_slug)
    access.check_facilitate(request.user, community)
    report = selectors.get_report(community=community, report_id=report_id)
    # Field ids as on the queue, where each report has its own form.
    form = ReportActionForm(_data(request), auto_id=f"%s-{report.pk}")
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        try:
            services.act_on_report(
                actor=request.user,
                report=report,
                action=action,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The post has been hidden and the report closed.")
                if action == ReportActionForm.HIDE
                else _("The report has been dismissed. The post is unchanged."),
            )
        return redirect("community-reports", community_slug=community.slug)
    (report,) = selectors.with_content([report], viewer=request.user)
    return render(
        request,
        "moderation/community_report_act/index.html",
        _community_page(request, community, report=report, form=form),
        status=400 if form.errors else 200,
    )


# The moderation log -------------------------------------------------------------


@require_GET
def community_moderation_log(request: HttpRequest, community_slug: str) -> HttpResponse:
    community = _community(request, community_slug)
    access.check_facilitate(request.user, community)
    pagination = paginate(request, selectors.moderation_log(community))
    return render(
        request,
        "moderation/community_moderation_log/index.html",
        _community_page(
            request,
            community,
            pagination=pagination,
            entries=selectors.with_content(pagination.object_list, viewer=request.user),
        ),
    )
