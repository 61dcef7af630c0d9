"""Downloading attached files, only through the access kernel."""

import logging

from csp.constants import NONE
from csp.decorators import csp
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from commonroom.communities import access
from commonroom.content.models import Attachment

logger = logging.getLogger(__name__)


@login_not_required  # Visitors may read public communities: the kernel decides.
# Whatever the file is, a browser that opens it anyway runs nothing in it.
@csp({"default-src": [NONE], "sandbox": True})
@require_safe
def attachment_download(
    request: HttpRequest, community_slug: str, attachment_id: int, filename: str
) -> FileResponse:
    # ``filename`` only makes the address readable: the stored name is sent.
    attachment = get_object_or_404(
        Attachment.objects.select_related("community", "content_type"),
        pk=attachment_id,
    )
    community = attachment.community
    if community.slug != community_slug:
        raise Http404("No file here")
    access.check_read_community(request.user, community)
    # The post it belongs to must be readable too: not deleted, not hidden
    # (but for facilitators), and neither is the thread a reply is in.
    post = attachment.target
    if (
        post is None
        or post.community_id != community.pk
        or not access.can_read_content(request.user, post)
    ):
        raise Http404("No file here")
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
