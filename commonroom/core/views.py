from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST

from commonroom.core.markdown import MAX_BODY_LENGTH, render_markdown
from commonroom.core.signals import language_chosen


@login_not_required
def switch_language(request: HttpRequest, language_code: str) -> HttpResponse:
    """Remember the chosen interface language and go back to the page.

    A plain link (GOV.UK language navigation), so it works without JavaScript.
    For a signed-in person it is also their preference, which emails follow
    (``language_chosen``, kept by accounts).
    """
    if language_code not in dict(settings.LANGUAGES) or not check_for_language(
        language_code
    ):
        raise Http404("No such language")
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    language_chosen.send(
        sender=switch_language, request=request, language_code=language_code
    )
    response = HttpResponseRedirect(next_url)
    set_language_cookie(response, language_code)
    return response


def set_language_cookie(response: HttpResponse, language_code: str) -> None:
    """Remember ``language_code`` in this browser, for a year."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language_code,
        max_age=365 * 24 * 60 * 60,
        path=settings.LANGUAGE_COOKIE_PATH,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The Markdown in ``body`` as it will look when posted (an htmx fragment).

    The "Preview" button of ``components/markdown_editor.html`` asks for it.
    Without JavaScript the same button submits the form, and the form's own
    view shows the preview. ``limit`` is the message box's own limit, when it
    is shorter than the longest message anything keeps.
    """
    body = request.POST.get("body", "")
    limit = _preview_limit(request.POST.get("limit", ""))
    context: dict[str, str] = {}
    if len(body) > limit:
        context["error"] = _(
            "Your message is %(length)d characters long. Shorten it to "
            "%(limit)d characters or fewer to preview it."
        ) % {"length": len(body), "limit": limit}
    elif body.strip():
        context["preview_html"] = render_markdown(body).html
    return render(request, "components/markdown_preview.html", context)


def _preview_limit(value: str) -> int:
    """The limit a preview was asked for: never more than MAX_BODY_LENGTH."""
    try:
        limit = int(value)
    except ValueError:
        return MAX_BODY_LENGTH
    return limit if 0 < limit < MAX_BODY_LENGTH else MAX_BODY_LENGTH


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # A request Django refused to read (too many fields, a malformed upload)
    # or a value no form could use: say so plainly, never why in detail.
    return render(request, "400.html", status=400)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    # PermissionDenied carries a reason written for the person (see STYLE.md).
    return render(request, "403.html", {"exception": str(exception)}, status=403)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: the failure may be the database itself, so this
    # page must not touch the session, the user or any query.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))
