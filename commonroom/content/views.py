"""Downloading attached files, and tag pages, only through the access kernel."""

import logging

from csp.constants import NONE
from csp.decorators import csp
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from commonroom.accounts.permissions import can_take_part
from commonroom.content import selectors
from commonroom.core.decorators import sign_in_when_refused
from commonroom.core.pagination import paginate

logger = logging.getLogger(__name__)


@login_not_required  # Visitors may read public communities: the kernel decides.
@sign_in_when_refused
# Whatever the file is, a browser that opens it anyway runs nothing in it.
@csp({"default-src": [NONE], "sandbox": True})
@require_safe
def attachment_download(
    request: HttpRequest, community_slug: str, attachment_id: int, filename: str
) -> FileResponse:
    # ``filename`` only makes the address readable: the stored name is sent.
    attachment = selectors.get_attachment(
        viewer=request.user,
        community_slug=community_slug,
        attachment_id=attachment_id,
    )
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError:
        logger.error("Attachment %s has no stored file", attachment.pk)
        raise Http404("No file here") from None
    response = FileResponse(
        stored,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


@login_not_required  # Visitors may read public communities: the kernel decides.
@require_safe
def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything tagged with one tag that the reader may read, of every kind,
    newest first; and the communities and people it is a topic of."""
    page = selectors.tag_page(viewer=request.user, slug=slug)
    pagination = paginate(request, page.items)
    selectors.check_tag_page_shown(
        viewer=request.user, page=page, item_count=pagination.page.paginator.count
    )
    return render(
        request,
        "content/tag_page/index.html",
        {
            "tag": page.tag,
            "communities": page.communities,
            "experts": page.experts,
            # Visitors see no profiles, nor the people finder.
            "show_people": can_take_part(request.user),
            "pagination": pagination,
            "items": selectors.with_targets(pagination.object_list),
        },
    )


@login_not_required  # Visitors may read public communities: the kernel decides.
@require_safe
def tag_cloud(request: HttpRequest) -> HttpResponse:
    """The site's most used tags, on what the reader may read."""
    return render(
        request,
        "content/tag_cloud/index.html",
        {
            "cloud": selectors.site_tag_cloud(viewer=request.user),
            "cloud_size": selectors.CLOUD_SIZE,
        },
    )
