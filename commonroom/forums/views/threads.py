"""Forum pages: thread lists, thread pages, posting, editing, answers.

Thin views: they read through ``forums.selectors`` and change things through
``forums.services`` and ``content.services``, which check permission
themselves. Every form works without JavaScript; the Markdown preview is
enhanced with htmx (``components/markdown_editor.html``).
"""

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commonroom.communities import access
from commonroom.communities.pages import CommunityPage, Crumb, community_page
from commonroom.content import post_views
from commonroom.content.cards import post_card_values
from commonroom.content.selectors import content_prefix
from commonroom.core.converters import parse_id
from commonroom.core.decorators import sign_in_when_refused
from commonroom.core.forms import add_refusal
from commonroom.core.pagination import (
    DeferredJoinPaginator,
    numbered_pages,
    paginate,
    requested_page,
)
from commonroom.forums import forms, permissions, similar
from commonroom.forums.models import THREADS_PER_PAGE, Thread
from commonroom.forums.selectors import threads as selectors
from commonroom.forums.services import threads as services

# A thread with more replies than this, or more than one page, gets a "Skip
# to reply" link at the top, to the reply form at the bottom.
SKIP_TO_REPLY_AFTER = 5


def _page(request: HttpRequest, community, *, thread=None, **extra) -> dict:
    """The community page's context with the forum's breadcrumbs: down to the
    thread list (and the thread, on pages below it)."""
    crumbs = []
    if extra.pop("link_list", True):
        crumbs.append(
            Crumb(reverse("forum-thread-list", args=[community.slug]), _("Discussions"))
        )
    if thread is not None and extra.pop("link_thread", True):
        crumbs.append(Crumb(thread.get_absolute_url(), thread.title))
    return CommunityPage(request, community).context(
        crumbs=crumbs, thread=thread, **extra
    )


def _thread(request: HttpRequest, community_slug: str, thread_id: int) -> Thread:
    return selectors.get_thread(
        viewer=request.user, community_slug=community_slug, thread_id=thread_id
    )


def at_thread_address(view):
    """A page below a thread, asked for through another community's address
    (the thread moved, or the address was made up): for a GET the viewer may
    read, the same page at the thread's address; otherwise "not found", as a
    change is never made through an address that is not the thread's.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, community_slug: str, **kwargs) -> HttpResponse:
        try:
            return view(request, community_slug, **kwargs)
        except selectors.ThreadMoved as moved:
            if request.method != "GET":
                raise Http404("No thread here") from None
            url = reverse(
                request.resolver_match.url_name,
                kwargs={**kwargs, "community_slug": moved.thread.community.slug},
            )
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{url}?{query}" if query else url)

    return wrapper


# Lists ------------------------------------------------------------------------


@login_not_required
@sign_in_when_refused
@require_GET
@community_page(access.check_read_community)
def thread_list(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    show = request.GET.get("show", "all")
    if show not in selectors.FILTERS:
        show = "all"
    pagination = paginate(
        request,
        selectors.thread_list(viewer=request.user, community=community, show=show),
        per_page=THREADS_PER_PAGE,
        paginator_class=functools.partial(
            DeferredJoinPaginator,
            rows=selectors.thread_list_rows(
                viewer=request.user, community=community, show=show
            ),
        ),
    )
    list_url = reverse("forum-thread-list", args=[community.slug])
    now = selectors.fragment_now()
    return render(
        request,
        "forums/thread_list/index.html",
        _page(
            request,
            community,
            link_list=False,
            show=show,
            pagination=pagination,
            list_url=list_url,
            rows=[
                selectors.row_values(thread, list_url=list_url, now=now)
                for thread in pagination.page.object_list
            ],
            can_post=access.can_post_in(request.user, community),
        ),
    )


@require_http_methods(["GET", "POST"])
@community_page(access.check_post_in)
def thread_create(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    initial = {"kind": request.GET.get("kind", Thread.Kind.DISCUSSION)}
    # "Check for similar questions" without JavaScript: the form again, as
    # typed (not yet checked, so no errors), with the questions found.
    checking = request.method == "POST" and "similar" in request.POST
    if checking:
        form = forms.ThreadForm(
            initial={**initial, **_typed(request.POST, forms.ThreadForm)}
        )
    else:
        form = forms.ThreadForm(
            request.POST or None, request.FILES or None, initial=initial
        )
    similar_url = reverse("forum-similar-questions", args=[community.slug])
    # While the title is typed, htmx asks for similar questions (debounced).
    form.fields["title"].widget.attrs.update(
        {
            "data-hx-get": similar_url,
            "data-hx-trigger": "keyup changed delay:500ms",
            "data-hx-target": "#similar-questions",
            "data-hx-swap": "innerHTML",
            "autocomplete": "off",
        }
    )
    preview_html = post_views.preview_html(request)
    if (
        request.method == "POST"
        and not checking
        and not preview_html
        and form.is_valid()
    ):
        data = form.cleaned_data
        try:
            thread = services.create_thread(
                actor=request.user,
                community=community,
                title=data["title"],
                body=data["body"],
                kind=data["kind"],
                tags=data["tags"],
                files=data["attachments"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("Your question has been posted")
                if thread.is_question
                else _("Your discussion has been started"),
            )
            return redirect(thread.get_absolute_url())
    return render(
        request,
        "forums/thread_create/index.html",
        _page(
            request,
            community,
            form=form,
            preview_html=preview_html,
            similar_url=similar_url,
            checked=checking,
            similar=similar.similar_questions(
                request.user, request.POST.get("title", "")
            )
            if checking
            else [],
        ),
    )


def _typed(data, form_class) -> dict:
    """What was typed into a form's fields, to show it again unchecked."""
    return {name: data[name] for name in form_class.base_fields if name in data}


@login_not_required
@require_GET
@community_page(access.check_read_community)
def similar_questions(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    """ "Asked before?": questions like the title being typed (an htmx
    fragment of the new-thread form), from every community the reader reads."""
    title = request.GET.get("title", "")[: Thread._meta.get_field("title").max_length]
    # A question's page asks for its own list once it has loaded, leaving
    # itself out (``?panel=1&exclude=<its id>``).
    exclude = parse_id(request.GET.get("exclude", ""))
    panel = request.GET.get("panel") == "1"
    return render(
        request,
        "forums/_similar_questions.html",
        {
            "similar": similar.similar_questions(
                request.user,
                title,
                exclude=[exclude] if exclude is not None else None,
            ),
            "checked": bool(title.strip()),
            "heading": _("Similar questions") if panel else "",
        },
    )


# The thread page --------------------------------------------------------------


def _thread_page(
    request: HttpRequest, thread: Thread, *, number: int, reply_form=None, **extra
) -> HttpResponse:
    viewer = request.user
    community = thread.community
    page = selectors.thread_page(viewer=viewer, thread=thread, number=number)
    thread_url = thread.page_url
    card = functools.partial(
        post_card_values,
        container_url=thread_url,
        viewer_id=viewer.pk,
        people_url=reverse("people-finder"),
        content_prefix=content_prefix(community.slug),
    )
    can_reply = permissions.can_reply(viewer, thread)
    # Similar questions come after the page, from the "asked before?" route:
    # finding them costs more than the rest of the page.
    similar_url = (
        reverse("forum-similar-questions", args=[community.slug])
        + "?"
        + urlencode({"title": thread.title, "exclude": thread.pk, "panel": 1})
        if thread.is_question
        else ""
    )
    if reply_form is None and can_reply:
        reply_form = forms.ReplyForm(initial=_quote_initial(request, page))
    return render(
        request,
        "forums/thread_detail/index.html",
        _page(
            request,
            community,
            thread=thread,
            link_thread=False,
            form=reply_form,
            page=page,
            pagination=numbered_pages(
                request,
                number=page.number,
                page_count=page.page_count,
                object_list=page.replies,
            ),
            reply_form=reply_form,
            can_reply=can_reply,
            show_skip_to_reply=can_reply
            and (page.page_count > 1 or thread.reply_count > SKIP_TO_REPLY_AFTER),
            takes_part=access.can_post_in(viewer, community),
            can_manage=permissions.can_manage_thread(viewer, thread),
            locked_message=permissions.LOCKED_MESSAGE,
            thread_url=thread_url,
            similar_url=similar_url,
            similar_search_url=reverse("search")
            + "?"
            + urlencode({"q": thread.title, "kind": "thread"})
            if thread.is_question
            else "",
            opening_card=(
                card(thread, kind_name="thread", numbered=False)
                if page.number == 1
                else None
            ),
            reply_cards=[
                card(reply, kind_name="reply", numbered=True) for reply in page.replies
            ],
            **extra,
        ),
    )


def _quote_initial(request: HttpRequest, page) -> dict:
    """Pre-fill a reply quoting ``?quote=<reply id>`` (a reply on this page)."""
    try:
        quote_id = int(request.GET.get("quote", ""))
    except ValueError:
        return {}
    for reply in page.replies:
        if reply.pk == quote_id and reply.can_quote:
            name = reply.author.full_name if reply.author else _("Someone")
            quoted = "\n".join(f"> {line}" for line in reply.body.splitlines())
            return {
                "body": _("%(name)s wrote:") % {"name": name} + f"\n{quoted}\n\n",
                "quote_of": reply.pk,
            }
    return {}


@login_not_required
@sign_in_when_refused
@require_GET
def thread_detail(
    request: HttpRequest, community_slug: str, thread_id: int
) -> HttpResponse:
    try:
        thread = _thread(request, community_slug, thread_id)
    except selectors.ThreadMoved as moved:
        return redirect(moved.thread.get_absolute_url(), permanent=True)
    services.record_visit(viewer=request.user, thread=thread)
    number = requested_page(request, page_count=thread.page_count)
    return _thread_page(request, thread, number=number)


@login_not_required
@sign_in_when_refused
@require_GET
def reply_permalink(
    request: HttpRequest, community_slug: str, thread_id: int, reply_id: int
) -> HttpResponse:
    """A reply's lasting address: the page it is on, scrolled to it."""
    try:
        thread = _thread(request, community_slug, thread_id)
    except selectors.ThreadMoved as moved:
        thread = moved.thread
    reply = selectors.get_reply(thread=thread, reply_id=reply_id)
    access.check_read_content(request.user, reply)
    return redirect(_place_of(reply))


def _place_of(reply) -> str:
    """The thread page ``reply`` is on, scrolled to it. A deleted or hidden
    reply keeps a placeholder there, under the same anchor."""
    thread = reply.thread
    url = reverse("forum-thread", args=[thread.community.slug, thread.pk])
    if reply.page_number > 1:
        url += f"?page={reply.page_number}"
    return f"{url}#reply-{reply.pk}"


@require_POST
@at_thread_address
def reply_create(
    request: HttpRequest, community_slug: str, thread_id: int
) -> HttpResponse:
    thread = _thread(request, community_slug, thread_id)
    permissions.check_reply(request.user, thread)
    form = forms.ReplyForm(request.POST, request.FILES or None)
    preview_html = post_views.preview_html(request)
    if not preview_html and form.is_valid():
        quote_of = selectors.quoted_reply(
            thread=thread, reply_id=form.cleaned_data["quote_of"]
        )
        try:
            reply = services.post_reply(
                actor=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                quote_of=quote_of,
                files=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("Your reply has been posted"))
            return redirect(reply.get_absolute_url())
    thread.refresh_from_db(fields=["last_position"])
    return _thread_page(
        request,
        thread,
        number=thread.page_count,
        reply_form=form,
        preview_html=preview_html,
    )


# Editing and deleting -----------------------------------------------------------


def _edit(request, obj, *, template, community, **extra):
    return post_views.edit_post(
        request,
        obj,
        template=template,
        context=_page(request, community, **extra),
    )


@require_http_methods(["GET", "POST"])
@at_thread_address
def thread_edit(request: HttpRequest, community_slug: str, thread_id: int):
    thread = _thread(request, community_slug, thread_id)
    return _edit(
        request,
        thread,
        template="forums/thread_edit/index.html",
        community=thread.community,
        thread=thread,
    )


@require_http_methods(["GET", "POST"])
@at_thread_address
def reply_edit(request: HttpRequest, community_slug: str, thread_id: int, reply_id):
    thread = _thread(request, community_slug, thread_id)
    reply = selectors.get_reply(thread=thread, reply_id=reply_id)
    return _edit(
        request,
        reply,
        template="forums/reply_edit/index.html",
        community=thread.community,
        thread=thread,
        reply=reply,
    )


def _delete(request, obj, *, thread, after_url):
    return post_views.delete_post(
        request,
        obj,
        after_url=after_url,
        template="forums/content_delete/index.html",
        context=_page(
            request, thread.community, thread=thread, is_thread=obj is thread
        ),
    )


@require_http_methods(["GET", "POST"])
@at_thread_address
def thread_delete(request: HttpRequest, community_slug: str, thread_id: int):
    thread = _thread(request, community_slug, thread_id)
    return _delete(
        request,
        thread,
        thread=thread,
        after_url=reverse("forum-thread-list", args=[thread.community.slug]),
    )


@require_http_methods(["GET", "POST"])
@at_thread_address
def reply_delete(request: HttpRequest, community_slug: str, thread_id: int, reply_id):
    thread = _thread(request, community_slug, thread_id)
    reply = selectors.get_reply(thread=thread, reply_id=reply_id)
    # Not the reply's own address, which is "not found" once it is deleted:
    # the page of the thread it was on, at its placeholder.
    return _delete(request, reply, thread=thread, after_url=_place_of(reply))


# Answers, following, facilitators' powers -------------------------------------------


@require_POST
@at_thread_address
def accept_answer(request: HttpRequest, community_slug: str, thread_id: int):
    thread = _thread(request, community_slug, thread_id)
    reply = None
    if request.POST.get("reply"):
        reply_id = parse_id(request.POST["reply"])
        if reply_id is None:
            raise BadRequest("Not a reply id")
        reply = selectors.get_reply(thread=thread, reply_id=reply_id)
    services.accept_answer(actor=request.user, thread=thread, reply=reply)
    if reply is not None:
        messages.success(request, _("The reply has been marked as the answer"))
        return redirect(reply.get_absolute_url())
    messages.success(request, _("The question no longer has an accepted answer"))
    return redirect(thread.get_absolute_url())


def _switch(request, community_slug, thread_id, *, field, change, said):
    """A plain form button that turns something on (``field`` = 1) or off."""
    thread = _thread(request, community_slug, thread_id)
    on = request.POST.get(field) == "1"
    change(actor=request.user, thread=thread, **{field: on})
    messages.success(request, said[0] if on else said[1])
    return redirect(thread.get_absolute_url())


@require_POST
@at_thread_address
def thread_follow(request: HttpRequest, community_slug: str, thread_id: int):
    return _switch(
        request,
        community_slug,
        thread_id,
        field="following",
        change=services.set_following,
        said=(
            _("You are following this discussion. It is listed on your home page."),
            _("You are no longer following this discussion"),
        ),
    )


@require_POST
@at_thread_address
def thread_pin(request: HttpRequest, community_slug: str, thread_id: int):
    return _switch(
        request,
        community_slug,
        thread_id,
        field="pinned",
        change=services.set_pinned,
        said=(
            _("The discussion is pinned to the top of the list"),
            _("The discussion is no longer pinned"),
        ),
    )


@require_POST
@at_thread_address
def thread_lock(request: HttpRequest, community_slug: str, thread_id: int):
    return _switch(
        request,
        community_slug,
        thread_id,
        field="locked",
        change=services.set_locked,
        said=(
            str(permissions.LOCKED_MESSAGE),
            _("The discussion is open for replies again"),
        ),
    )


@require_http_methods(["GET", "POST"])
@at_thread_address
def thread_move(request: HttpRequest, community_slug: str, thread_id: int):
    thread = _thread(request, community_slug, thread_id)
    permissions.check_manage_thread(request.user, thread)
    targets = services.move_targets(request.user, thread)
    form = forms.MoveForm(request.POST or None, communities=targets)
    if request.method == "POST" and form.is_valid():
        to = next(c for c in targets if c.pk == form.cleaned_data["to"])
        try:
            services.move_thread(
                actor=request.user,
                thread=thread,
                to=to,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request,
                _("The discussion has been moved to %(name)s") % {"name": to.name},
            )
            return redirect(thread.get_absolute_url())
    return render(
        request,
        "forums/thread_move/index.html",
        _page(request, thread.community, thread=thread, form=form, targets=targets),
    )
