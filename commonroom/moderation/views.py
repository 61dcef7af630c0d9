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
from commonroom.communities.pages import CommunityPage, community_page
from commonroom.content.pages import ContentPage
from commonroom.content.selectors import get_content
from commonroom.core.forms import add_refusal
from commonroom.core.pagination import paginate
from commonroom.moderation import permissions, selectors, services
from commonroom.moderation.forms import (
    ModerationReasonForm,
    ReportActionForm,
    ReportForm,
)


def _post(request: HttpRequest, page: CommunityPage, kind_name: str, object_id: int):
    """The post, in the community the page has loaded, as a ``ContentPage``."""
    obj = get_content(
        viewer=request.user,
        community=page.community,
        kind_name=kind_name,
        object_id=object_id,
    )
    return ContentPage(request, obj)


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
@community_page()
def content_report(
    request: HttpRequest, page: CommunityPage, kind_name: str, object_id: int
) -> HttpResponse:
    community = page.community
    post = _post(request, page, kind_name, object_id)
    obj, post_url = post.obj, post.kind.url(post.obj)
    permissions.check_report_content(request.user, obj)
    form = ReportForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_content(actor=request.user, obj=obj, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("Thank you. The facilitators of %(community)s will look at it.")
                % {"community": community.name},
            )
            return redirect(post_url)
    already_reported = request.method == "GET" and services.has_open_report(
        user=request.user, obj=obj
    )
    return render(
        request,
        "moderation/content_report/index.html",
        post.context(
            form=form,
            already_reported=already_reported,
            excerpt=selectors.excerpt_of(obj),
        ),
        status=400 if form.errors else 200,
    )


# Hiding and restoring -----------------------------------------------------------


def _moderate(
    request: HttpRequest,
    page: CommunityPage,
    kind_name: str,
    object_id: int,
    *,
    hide: bool,
) -> HttpResponse:
    post = _post(request, page, kind_name, object_id)
    obj, post_url = post.obj, post.kind.url(post.obj)
    permissions.check_moderate_content(request.user, obj)
    back = _next_url(request, post_url)
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
        post.context(
            form=form,
            hide=hide,
            back_url=back,
            next=back if back != post_url else "",
            excerpt=selectors.excerpt_of(obj),
        ),
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@community_page()
def content_hide(
    request: HttpRequest, page: CommunityPage, kind_name: str, object_id: int
) -> HttpResponse:
    return _moderate(request, page, kind_name, object_id, hide=True)


@require_http_methods(["GET", "POST"])
@community_page()
def content_restore(
    request: HttpRequest, page: CommunityPage, kind_name: str, object_id: int
) -> HttpResponse:
    return _moderate(request, page, kind_name, object_id, hide=False)


# The report queue ---------------------------------------------------------------


@require_GET
@community_page(access.check_facilitate)
def community_reports(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    pagination = paginate(request, selectors.open_reports(community))
    return render(
        request,
        "moderation/community_reports/index.html",
        page.context(
            pagination=pagination,
            reports=selectors.with_content(pagination.object_list, viewer=request.user),
        ),
    )


@require_http_methods(["GET", "POST"])
@community_page(access.check_facilitate)
def community_report_act(
    request: HttpRequest, page: CommunityPage, report_id: int
) -> HttpResponse:
    """One report: hide the post or dismiss the report.

    The queue posts here; the page itself shows when the reason needs
    correcting, or for a link to a single report.
    """
    community = page.community
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
        page.context(report=report, form=form),
        status=400 if form.errors else 200,
    )


# The moderation log -------------------------------------------------------------


@require_GET
@community_page(access.check_facilitate)
def community_moderation_log(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    pagination = paginate(request, selectors.moderation_log(community))
    return render(
        request,
        "moderation/community_moderation_log/index.html",
        page.context(
            pagination=pagination,
            entries=selectors.with_content(pagination.object_list, viewer=request.user),
        ),
    )
