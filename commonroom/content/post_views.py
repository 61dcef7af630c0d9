"""Pages shared by every kind of post: its edit history, "helpful" marks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from commonroom.communities import access
from commonroom.content import selectors, services
from commonroom.content.pages import ContentPage
from commonroom.core.decorators import sign_in_when_refused
from commonroom.core.pagination import paginate

VERSIONS_PER_PAGE = 10


def _post(request: HttpRequest, community_slug: str, kind_name: str, object_id: int):
    return selectors.get_content(
        viewer=request.user,
        community_slug=community_slug,
        kind_name=kind_name,
        object_id=object_id,
    )


@login_not_required
@sign_in_when_refused
@require_GET
def content_history(
    request: HttpRequest, community_slug: str, kind_name: str, object_id: int
) -> HttpResponse:
    """Earlier versions of a post.

    Anyone who may read the post sees that it was edited and when; the text of
    earlier versions is for its author and the community's facilitators.
    """
    obj = _post(request, community_slug, kind_name, object_id)
    viewer = request.user
    may_see_versions = (
        viewer.is_authenticated and obj.author_id == viewer.pk
    ) or access.can_facilitate(viewer, obj.community)
    if not may_see_versions:
        raise PermissionDenied(
            _(
                "Only the author and the community’s facilitators can see "
                "earlier versions."
            )
        )
    page = ContentPage(request, obj)
    pagination = paginate(
        request, selectors.revisions_q(obj), per_page=VERSIONS_PER_PAGE
    )
    for revision in pagination.object_list:
        revision.snapshot = selectors.version_fields(page.kind, revision)
    return render(
        request,
        "content/history/index.html",
        page.context(revisions=pagination.object_list, pagination=pagination),
    )


@require_POST
def content_helpful(
    request: HttpRequest, community_slug: str, kind_name: str, object_id: int
) -> HttpResponse:
    """Mark (``helpful=1``) or unmark (``helpful=0``) a post as helpful."""
    obj = _post(request, community_slug, kind_name, object_id)
    helpful = request.POST.get("helpful") == "1"
    services.set_helpful(actor=request.user, obj=obj, helpful=helpful)
    if request.htmx:
        return render(
            request,
            "content/_helpful.html",
            {
                "obj": obj,
                "kind_name": kind_name,
                "content_prefix": selectors.content_prefix(community_slug),
                "marked": helpful,
                "can_mark": True,
                "viewer_id": request.user.pk,
            },
        )
    messages.success(
        request,
        _("Marked as helpful") if helpful else _("No longer marked as helpful"),
    )
    return redirect(obj.get_absolute_url())
