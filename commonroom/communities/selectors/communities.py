"""Reads for the directory, the community hub and the approval queue.

Every read of communities goes through the access kernel
(``commonroom.communities.access``): ``listed_q`` for lists, ``visible_q`` for
sub-communities. One community's pages load it through the page layer
(``commonroom.communities.pages``), which asks the kernel.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from commonroom.accounts.querysets import listed_people_q
from commonroom.communities import access, hub
from commonroom.communities.models import (
    Community,
    Invitation,
    Membership,
    MembershipRequest,
    Notice,
)
from commonroom.communities.services.communities import openness
from commonroom.core import kept_lists
from commonroom.core.models import ServiceArea
from commonroom.core.prepared import PreparedQuery
from commonroom.organisations.models import Organisation
from commonroom.tags.models import Tag

NEWEST_MEMBERS = 5
PINNED_NOTICES = 10
SUB_COMMUNITIES = 50
# A community has at most this many ancestors (a sub-community of a
# sub-community), so breadcrumbs load with one join and stay short.
MAX_ANCESTORS = 2

DIRECTORY_SORTS: dict[str, tuple] = {
    "name": (Lower("name"), "pk"),
    "active": ("-post_count", "-member_count", Lower("name"), "pk"),
    "newest": ("-created_at", "-pk"),
    "largest": ("-member_count", Lower("name"), "pk"),
}
DIRECTORY_FIELDS = (
    "name",
    "slug",
    "purpose",
    "visibility",
    "status",
    "member_count",
    "post_count",
    "service_area__name",
)


# The directory ------------------------------------------------------------------


def directory_row_values(community: Community, *, directory_url: str) -> dict:
    """What the directory shows of one community, as the plain values its row
    fragment (``community_directory/_row.html``, ``core.fragments``) is
    rendered from. The topics must have come with it (``with_topics``)."""
    return {
        "url": f"{directory_url}{community.slug}/",
        "name": community.name,
        "visibility_label": (
            ""
            if community.visibility == Community.Visibility.OPEN
            else str(community.get_visibility_display())
        ),
        "purpose": community.purpose,
        "member_count": community.member_count,
        "post_count": community.post_count,
        "service_area_name": (
            community.service_area.display_name if community.service_area else ""
        ),
        "tags": tuple((tag.slug, tag.name) for tag in community.tags.all()),
    }


def directory_communities(
    *,
    viewer,
    query: str = "",
    tag: str = "",
    service_area: str = "",
    visibility: str = "",
    organisation: str = "",
    sort: str = "name",
    with_topics: bool = True,
) -> QuerySet[Community]:
    """Listed communities (and private ones the viewer belongs to), filtered.

    Filters combine. ``tag``, ``service_area`` and ``organisation`` are slugs;
    ``organisation`` keeps communities with at least one facilitator from that
    organisation. With ``with_topics`` each page also loads its rows' topics,
    in one query.
    """
    communities = (
        Community.objects.filter(access.listed_q(viewer))
        .select_related("service_area")
        .only(*DIRECTORY_FIELDS)
    )
    if with_topics:
        communities = communities.prefetch_related(
            Prefetch("tags", queryset=Tag.objects.only("name", "slug").order_by("name"))
        )
    for word in query.split()[:10]:
        communities = communities.filter(
            Q(name__icontains=word) | Q(purpose__icontains=word)
        )
    if tag:
        communities = communities.filter(
            Exists(
                Community.tags.through.objects.filter(
                    community_id=OuterRef("pk"), tag__slug=tag
                )
            )
        )
    if service_area:
        communities = communities.filter(service_area__slug=service_area)
    if visibility:
        communities = communities.filter(visibility=visibility)
    if organisation:
        communities = communities.filter(
            Exists(
                Membership.objects.filter(
                    community_id=OuterRef("pk"),
                    role=Membership.Role.FACILITATOR,
                    user__profile__organisation__slug=organisation,
                )
            )
        )
    return communities.order_by(*DIRECTORY_SORTS.get(sort, DIRECTORY_SORTS["name"]))


def listed_communities(*, query: str = "", viewer=None) -> QuerySet[Community]:
    """Communities matching words, A–Z, for site search.

    Without ``viewer`` only what everyone may see; pass ``viewer`` to include
    the private communities the person belongs to.
    """
    return directory_communities(
        viewer=viewer or AnonymousUser(), query=query, with_topics=False
    )


def service_area_choices() -> list[tuple[str, str]]:
    return kept_lists.service_area_choices()


def get_service_area(slug: str) -> ServiceArea | None:
    return ServiceArea.objects.filter(slug=slug).first() if slug else None


def _facilitator_organisations() -> list[tuple[str, str]]:
    """Organisations with a facilitator in a listed community (one query).

    Only listed communities count, so the list never hints at a private one.
    """
    return list(
        Organisation.objects.filter(
            Exists(
                Membership.objects.filter(
                    role=Membership.Role.FACILITATOR,
                    community__status=Community.Status.LIVE,
                    community__visibility__in=access.LISTED_VISIBILITIES,
                    user__profile__organisation=OuterRef("pk"),
                )
            )
        )
        .order_by("name")
        .values_list("slug", "name")
    )


# The same for every reader, so kept between changes (``core.kept_lists``).
facilitator_organisation_choices = kept_lists.KeptList(
    "facilitator-organisations",
    _facilitator_organisations,
    models=(
        "communities.Community",
        "communities.Membership",
        "organisations.Organisation",
        "profiles.Profile",
    ),
)


# One community ------------------------------------------------------------------


def ancestors_of(community: Community) -> list[Community]:
    """Parent, grandparent…, nearest first, from the rows already loaded."""
    chain: list[Community] = []
    node = community
    while len(chain) < MAX_ANCESTORS and node.parent_id is not None:
        node = node.parent
        chain.append(node)
    return chain


def breadcrumb_trail(*, viewer, community: Community) -> list[Community]:
    """The community's ancestors the viewer may see, top first (no queries
    where the community was loaded by ``communities.pages``)."""
    return [
        ancestor
        for ancestor in reversed(ancestors_of(community))
        if access.can_see_community(viewer, ancestor)
    ]


def facilitators_of(community: Community) -> list[Membership]:
    return _HUB_PEOPLE(False, community_id=community.pk)


@dataclass
class HubPeople:
    facilitators: list[Membership] = field(default_factory=list)
    newest_members: list[Membership] = field(default_factory=list)


def _hub_people_query(with_newest: bool, *, community_id: int):
    active = Membership.objects.filter(
        listed_people_q(prefix="user__"), community_id=community_id
    )
    if not with_newest:
        return (
            active.filter(role=Membership.Role.FACILITATOR)
            .select_related("user__profile__organisation")
            .order_by("user__full_name", "pk")
        )
    newest_ids = active.order_by("-created_at", "-pk").values("pk")[:NEWEST_MEMBERS]
    return (
        active.filter(Q(role=Membership.Role.FACILITATOR) | Q(pk__in=newest_ids))
        .select_related("user__profile__organisation")
        .order_by("-created_at", "-pk")
    )


_HUB_PEOPLE = PreparedQuery(_hub_people_query)


def hub_people(*, community: Community, with_newest: bool) -> HubPeople:
    """Facilitators and, for readers, the newest members: one query for both.

    The newest members are fetched through a ``pk__in`` subquery with a limit;
    whatever else comes back is a facilitator, so the newest of all rows are
    exactly the newest members.
    """
    if not with_newest:
        return HubPeople(facilitators=facilitators_of(community))
    rows = _HUB_PEOPLE(True, community_id=community.pk)
    return HubPeople(
        facilitators=sorted(
            (row for row in rows if row.role == Membership.Role.FACILITATOR),
            key=lambda row: (row.user.full_name, row.pk),
        ),
        newest_members=rows[:NEWEST_MEMBERS],
    )


def _pinned_notices_query(shape, *, community_id: int):
    return (
        Notice.objects.filter(community_id=community_id, is_pinned=True)
        .select_related("author")
        .order_by("-created_at", "-pk")[:PINNED_NOTICES]
    )


_PINNED_NOTICES = PreparedQuery(_pinned_notices_query)


def pinned_notices(community: Community) -> list[Notice]:
    return _PINNED_NOTICES(community_id=community.pk)


def _community_tags_query(shape, *, community_id: int):
    return Tag.objects.filter(communities__pk=community_id).order_by("name")


_COMMUNITY_TAGS = PreparedQuery(_community_tags_query)


def community_tags(community: Community) -> list[Tag]:
    """The community's topics, A–Z."""
    return _COMMUNITY_TAGS(community_id=community.pk)


def community_notices(community: Community) -> QuerySet[Notice]:
    """Every notice, pinned or not, newest first (for paginating)."""
    return community.notices.select_related("author").order_by("-created_at", "-pk")


def get_notice(*, community: Community, notice_id: int) -> Notice:
    notice = get_object_or_404(community.notices, pk=notice_id)
    notice.community = community
    return notice


def _sub_communities_query(shape: tuple[bool, bool, bool], *, parent_id: int, **who):
    signed_in, is_staff, has_memberships = shape
    visible = (
        access.visible_q_for(
            user_id=who.get("user_id", 0),
            is_staff=is_staff,
            member_of=who["member_of"] if has_memberships else (),
        )
        if signed_in
        else access.visible_q_for()
    )
    return (
        Community.objects.filter(visible, parent_id=parent_id)
        .only(
            "parent", "name", "slug", "purpose", "visibility", "status", "member_count"
        )
        .order_by(Lower("name"), "pk")[:SUB_COMMUNITIES]
    )


_SUB_COMMUNITIES = PreparedQuery(_sub_communities_query)


def sub_communities_of(*, viewer, community: Community) -> list[Community]:
    """The sub-communities the viewer may know about, A–Z."""
    if not viewer.is_authenticated:
        return _SUB_COMMUNITIES((False, False, False), parent_id=community.pk)
    member_of = sorted(access.access_for(viewer).member_of)
    # Administrators see every pending community, not only their own.
    who = {} if viewer.is_staff else {"user_id": viewer.pk}
    if member_of:
        who["member_of"] = member_of
    return _SUB_COMMUNITIES(
        (True, viewer.is_staff, bool(member_of)), parent_id=community.pk, **who
    )


def hub_slots(*, community: Community, viewer) -> list:
    """The latest content of each kind for the hub.

    Each content kind (forums, events, the library...) registers a loader in
    ``commonroom.communities.hub``; the hub calls this only for people who may
    read the community.
    """
    return hub.hub_slots(community=community, viewer=viewer)


# Approval -----------------------------------------------------------------------


def pending_communities() -> QuerySet[Community]:
    """Communities waiting for an administrator, oldest first."""
    return (
        Community.objects.filter(status=Community.Status.PENDING)
        .select_related("created_by", "parent")
        .order_by("created_at", "pk")
    )


def get_pending_community(*, community_id: int) -> Community:
    return get_object_or_404(
        Community.objects.select_related(
            "created_by__profile__organisation", "parent", "service_area"
        ).prefetch_related("tags"),
        pk=community_id,
        status=Community.Status.PENDING,
    )


def topic_sightings(reader, tag_ids: set[int]) -> set[int]:
    """Tags ``reader`` may already see as topics of a community they may know
    of (a ``tags`` tag source: see ``tags.services.tags_for``)."""
    return set(
        Tag.objects.filter(pk__in=tag_ids)
        .filter(access.visible_q(reader, field="communities"))
        .values_list("pk", flat=True)
    )


# Changing the settings ------------------------------------------------------------


@dataclass(frozen=True)
class VisibilityChange:
    """Who a change of visibility affects, for the facilitator to confirm.

    ``more_private``: someone loses access, so the change needs confirming.
    """

    more_private: bool
    visitors_lose_reading: bool = False
    # Signed-in people (listed, not members) who can read it now and will not.
    readers_lost: int = 0
    leaves_directory: bool = False
    must_ask_to_join: bool = False
    requests_declined: int = 0
    requests_approved: int = 0
    invitations_kept: int = 0


def visibility_change(
    *, community: Community, visibility: str, public_reading: bool
) -> VisibilityChange:
    """What changing ``community`` to ``visibility`` would do (three queries at
    most, none when the visibility stays as it is)."""
    before = openness(
        visibility=community.visibility, public_reading=community.public_reading
    )
    after = openness(visibility=visibility, public_reading=public_reading)
    if before == after and community.visibility == visibility:
        return VisibilityChange(more_private=False)
    Visibility = Community.Visibility
    was_open = community.visibility == Visibility.OPEN
    readers_lost = 0
    if was_open and visibility != Visibility.OPEN:
        members = community.memberships.filter(listed_people_q(prefix="user__"))
        everyone = get_user_model().objects.listed()
        readers_lost = everyone.exclude(pk__in=members.values("user_id")).count()
    open_requests = community.membership_requests.filter(
        status__in=MembershipRequest.OPEN_STATUSES
    ).count()
    invitations = community.invitations.filter(status=Invitation.Status.PENDING).count()
    return VisibilityChange(
        more_private=after > before,
        visitors_lose_reading=community.public_reading and not public_reading,
        readers_lost=readers_lost,
        leaves_directory=(
            visibility == Visibility.PRIVATE
            and community.visibility != Visibility.PRIVATE
        ),
        must_ask_to_join=was_open and visibility == Visibility.RESTRICTED,
        requests_declined=open_requests if visibility == Visibility.PRIVATE else 0,
        requests_approved=open_requests if visibility == Visibility.OPEN else 0,
        invitations_kept=invitations,
    )
