"""A community's own pages: the hub, notices, theme, archive and restore."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from commonroom.accounts.permissions import can_take_part
from commonroom.communities import access, hub, permissions
from commonroom.communities.forms.communities import NoticeForm
from commonroom.communities.forms.themes import ThemeForm
from commonroom.communities.hub import open_report_count
from commonroom.communities.models import Community
from commonroom.communities.pages import CommunityPage, community_page
from commonroom.communities.selectors import communities as selectors
from commonroom.communities.services import communities as services
from commonroom.core.pagination import paginate


@login_not_required
@require_GET
@community_page()
def community_detail(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    """The hub. Everyone who may see the community gets its summary; readers
    also get notices, newest members and the latest content."""
    viewer = request.user
    community = page.community
    can_read = access.can_read_community(viewer, community)
    is_facilitator = access.can_facilitate(viewer, community)
    # Who belongs to a community is for signed-in members, even where visitors
    # may read its posts (profiles are members-only too).
    people = selectors.hub_people(
        community=community, with_newest=can_read and viewer.is_authenticated
    )
    is_live = community.status == Community.Status.LIVE
    return render(
        request,
        "communities/community_detail/index.html",
        page.context(
            can_read=can_read,
            is_member=viewer.is_authenticated
            and access.access_for(viewer).is_member(community.pk),
            is_facilitator=is_facilitator,
            can_manage=is_facilitator and is_live,
            takes_part=can_take_part(viewer),
            logo_url=_logo_url(community),
            can_create_sub_community=is_facilitator
            and is_live
            and permissions.can_have_sub_communities(community),
            facilitators=people.facilitators,
            newest_members=people.newest_members,
            **_topics(community=community, viewer=viewer, can_read=can_read),
            sub_communities=selectors.sub_communities_of(
                viewer=viewer, community=community
            ),
            notices=selectors.pinned_notices(community) if can_read else [],
            is_live=is_live,
            open_reports=open_report_count(community) if is_facilitator else 0,
            slots=selectors.hub_slots(community=community, viewer=viewer)
            if can_read
            else [],
        ),
    )


def _topics(*, community: Community, viewer, can_read: bool) -> dict:
    """The topics, and for readers the tag cloud with them (one query)."""
    loaded = hub.topic_cloud(community=community, viewer=viewer) if can_read else None
    if loaded is None:
        return {"tags": selectors.community_tags(community), "cloud": []}
    return {"tags": loaded.topics, "cloud": loaded.cloud}


# Theme -------------------------------------------------------------------------

# The stylesheet can only ever carry a colour the model accepts.
SAFE_COLOUR = re.compile(r"^#[0-9a-f]{6}$")


@login_not_required
@require_GET
@community_page(only=("accent_colour",))
def community_theme_css(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    """The community's accent colour as a tiny stylesheet.

    The Content-Security-Policy forbids inline styles, so the hub links this
    instead. The colour is in the link (``?v=0b5e61``), so browsers may keep it
    for a year: a new colour is a new address.
    """
    colour = page.community.accent_colour
    css = ""
    if SAFE_COLOUR.match(colour):
        # White text, set on the band's headings too: they have a colour of
        # their own that would otherwise win.
        css = (
            f".commonroom-community-band{{background-color:{colour};"
            f"border-color:{colour};color:#ffffff}}\n"
            ".commonroom-community-band__caption,"
            ".commonroom-community-band__title{color:#ffffff}\n"
        )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    if colour and request.GET.get("v") == colour.removeprefix("#"):
        response["Cache-Control"] = "private, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_not_required
@require_GET
@community_page(only=("logo",))
def community_logo(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    """The logo, only for people who may know the community exists.

    Served through this check rather than as a public media file, so a private
    community's logo cannot be fetched by its address.
    """
    community = page.community
    if not community.logo:
        raise Http404("No logo")
    content_type = "image/png" if community.logo.name.endswith(".png") else "image/jpeg"
    response = FileResponse(community.logo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
@community_page(access.check_facilitate)
def community_theme(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    permissions.check_live(community)
    logo_url = _logo_url(community)
    if request.method == "POST":
        form = ThemeForm(request.POST, request.FILES, logo_url=logo_url)
    else:
        form = ThemeForm(
            initial={"accent_colour": community.accent_colour}, logo_url=logo_url
        )
    if form.is_valid():
        services.update_theme(
            actor=request.user,
            community=community,
            accent_colour=form.cleaned_data["accent_colour"],
            logo=form.cleaned_data["logo"],
            remove_logo=bool(form.cleaned_data.get("remove_logo")),
        )
        messages.success(request, _("The community’s theme has been saved"))
        return redirect("community-detail", community_slug=community.slug)
    return render(
        request,
        "communities/community_theme/index.html",
        page.context(form=form, logo_url=logo_url),
    )


def _logo_url(community: Community) -> str:
    """The logo's address, with its random file name as a cache-buster."""
    if not community.logo:
        return ""
    version = community.logo.name.rsplit("/", 1)[-1].split(".", 1)[0][:12]
    return f"{reverse('community-logo', args=[community.slug])}?v={version}"


# Archive -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@community_page(access.check_facilitate)
def community_archive(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    if community.status == Community.Status.ARCHIVED:
        return redirect("community-detail", community_slug=community.slug)
    permissions.check_live(community)
    if request.method == "POST":
        services.archive_community(
            actor=request.user, community=community, request=request
        )
        messages.success(
            request,
            _("%(name)s has been archived. It is read-only until it is restored.")
            % {"name": community.name},
        )
        return redirect("community-detail", community_slug=community.slug)
    return render(
        request,
        "communities/community_archive/index.html",
        page.context(),
    )


@require_http_methods(["GET", "POST"])
@community_page(access.check_facilitate)
def community_restore(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    if community.status != Community.Status.ARCHIVED:
        return redirect("community-detail", community_slug=community.slug)
    if request.method == "POST":
        services.restore_community(
            actor=request.user, community=community, request=request
        )
        messages.success(
            request,
            _("%(name)s has been restored. Members can post again.")
            % {"name": community.name},
        )
        return redirect("community-detail", community_slug=community.slug)
    return render(
        request,
        "communities/community_restore/index.html",
        page.context(),
    )


# Notices -----------------------------------------------------------------------


@login_not_required
@require_GET
@community_page(access.check_read_community)
def community_notices(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    """Every notice, pinned or not, for people who may read the community."""
    community = page.community
    can_manage = (
        access.can_facilitate(request.user, community)
        and community.status == Community.Status.LIVE
    )
    return render(
        request,
        "communities/community_notices/index.html",
        page.context(
            pagination=paginate(request, selectors.community_notices(community)),
            can_manage=can_manage,
        ),
    )


@require_http_methods(["GET", "POST"])
@community_page(access.check_facilitate)
def community_notice_create(request: HttpRequest, page: CommunityPage) -> HttpResponse:
    community = page.community
    permissions.check_live(community)
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        notice = services.post_notice(
            actor=request.user, community=community, **form.cleaned_data
        )
        messages.success(
            request,
            _("Your notice has been pinned to the community’s page")
            if notice.is_pinned
            else _("Your notice has been posted"),
        )
        return redirect(
            "community-detail" if notice.is_pinned else "community-notices",
            community_slug=community.slug,
        )
    return render(
        request,
        "communities/community_notice_create/index.html",
        page.context(form=form),
    )


@require_POST
@community_page(access.check_facilitate)
def community_notice_pin(
    request: HttpRequest, page: CommunityPage, notice_id: int
) -> HttpResponse:
    """Pin or unpin (``pinned`` = 1 or 0); a plain form button, no JavaScript."""
    community = page.community
    notice = selectors.get_notice(community=community, notice_id=notice_id)
    is_pinned = request.POST.get("pinned") == "1"
    services.set_notice_pinned(actor=request.user, notice=notice, is_pinned=is_pinned)
    messages.success(
        request,
        (
            _("“%(title)s” is pinned to the community’s page")
            if is_pinned
            else _("“%(title)s” is no longer pinned. It stays in the list of notices.")
        )
        % {"title": notice.title},
    )
    if request.POST.get("next") == "notices":
        return redirect("community-notices", community_slug=community.slug)
    return redirect("community-detail", community_slug=community.slug)


@require_http_methods(["GET", "POST"])
@community_page(access.check_facilitate)
def community_notice_delete(
    request: HttpRequest, page: CommunityPage, notice_id: int
) -> HttpResponse:
    community = page.community
    permissions.check_live(community)
    notice = selectors.get_notice(community=community, notice_id=notice_id)
    if request.method == "POST":
        services.delete_notice(actor=request.user, notice=notice)
        messages.success(
            request, _("“%(title)s” has been deleted") % {"title": notice.title}
        )
        return redirect("community-detail", community_slug=community.slug)
    return render(
        request,
        "communities/community_notice_delete/index.html",
        page.context(notice=notice),
    )
