"""Pages shared by every kind of post: editing, deleting, the preview, the
edit history and "helpful" marks.

Editing and deleting are driven by the registry: ``kind.edit_form()`` and
``kind.editable_fields`` say what an edit changes, ``kind.can_edit`` and
``kind.can_delete`` who may (through ``content.permissions``, the same rule the
post card's links come from). A kind gets them by registering and routing its
addresses to ``edit_post`` and ``delete_post`` with its own page context (the
forum does so in ``forums/views/threads.py``).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from commonroom.content import permissions, selectors, services
from commonroom.content.forms import edit_form_for
from commonroom.content.pages import ContentPage
from commonroom.content.registry import kind_for
from commonroom.core.decorators import sign_in_when_refused
from commonroom.core.markdown import render_markdown
from commonroom.core.pagination import paginate

VERSIONS_PER_PAGE = 10
PREVIEW_LENGTH = 20_000


def _post(request: HttpRequest, community_slug: str, kind_name: str, object_id: int):
    return selectors.get_content(
        viewer=request.user,
        community_slug=community_slug,
        kind_name=kind_name,
        object_id=object_id,
    )


def preview_html(request: HttpRequest, *, kind=None) -> str:
    """The rendered message when a form was sent with its "Preview" button.

    Without JavaScript the Markdown editor's button submits the whole form
    (``components/markdown_editor.html``); the form's view shows the page again
    with this, keeping what was typed. With htmx ``core.views.markdown_preview``
    answers instead. Given the ``kind``, a message longer than it allows has no
    preview: the form says how long it is instead (see ``edit_post``).
    """
    if "preview" not in request.POST:
        return ""
    body = request.POST.get("body", "")
    if kind is not None and len(body) > kind.body_max_length:
        return ""
    return render_markdown(body[:PREVIEW_LENGTH]).html


def edit_post(
    request: HttpRequest,
    obj,
    *,
    context: dict,
    template: str = "content/edit/index.html",
) -> HttpResponse:
    """Edit any kind of post: its ``editable_fields``, a version kept of each.

    ``context`` is the kind's page context (breadcrumbs, the container);
    ``template`` the kind's page, given ``form`` and ``preview_html``.
    """
    permissions.check_edit(request.user, obj)
    kind = kind_for(obj)
    form_class = edit_form_for(kind)
    initial = {name: getattr(obj, name) for name in kind.editable_fields}
    form = form_class(request.POST or None, initial=initial)
    previewing = request.method == "POST" and "preview" in request.POST
    preview = preview_html(request, kind=kind)
    if previewing and len(request.POST.get("body", "")) > kind.body_max_length:
        # No preview of a message too long to keep: the form says so, and
        # shows it again in full to be shortened.
        form.is_valid()
    if request.method == "POST" and not previewing and form.is_valid():
        changed = services.edit_content(
            actor=request.user, obj=obj, changes=form.cleaned_data
        )
        messages.success(
            request,
            _("Your changes have been saved") if changed else _("Nothing was changed"),
        )
        return redirect(obj.get_absolute_url())
    return render(
        request,
        template,
        {
            "obj": obj,
            "title": kind.title(obj),
            **context,
            "form": form,
            "preview_html": preview,
        },
    )


def delete_post(
    request: HttpRequest,
    obj,
    *,
    after_url: str,
    context: dict,
    template: str,
) -> HttpResponse:
    """Delete any kind of post (a placeholder keeps a contained post's place).

    A facilitator deleting someone else's post may give a reason, which the
    moderation log keeps. ``after_url`` is where the person goes next.
    """
    permissions.check_delete(request.user, obj)
    by_facilitator = obj.author_id != request.user.pk
    reason = request.POST.get("reason", "")
    reason_error = ""
    if "\x00" in reason:
        # No database keeps a NUL byte (PostgreSQL refuses one outright).
        # The form asks only a facilitator for a reason.
        if by_facilitator:
            reason_error = _("Remove the unusual characters from the reason")
        else:
            reason = reason.replace("\x00", "")
    if request.method == "POST" and not reason_error:
        services.delete_content(actor=request.user, obj=obj, reason=reason[:500])
        messages.success(request, _("It has been deleted"))
        return redirect(after_url)
    return render(
        request,
        template,
        {
            "obj": obj,
            "title": kind_for(obj).title(obj),
            **context,
            "by_facilitator": by_facilitator,
            "reason": reason.replace("\x00", ""),
            "reason_error": reason_error,
        },
        status=400 if reason_error else 200,
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
    permissions.check_see_history(viewer, obj)
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
                "pk": obj.pk,
                "kind_name": kind_name,
                "position": getattr(obj, "position", None),
                "content_prefix": selectors.content_prefix(community_slug),
                "helpful_count": obj.helpful_count,
                "marked": helpful,
                "can_mark": True,
                "own": obj.author_id == request.user.pk,
            },
        )
    messages.success(
        request,
        _("Marked as helpful") if helpful else _("No longer marked as helpful"),
    )
    return redirect(obj.get_absolute_url())
