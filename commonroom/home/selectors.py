"""Reads for the home page: the visitors' landing page and the member home.

The member home has a fixed number of queries, whatever the number of
communities, threads and follows the member has: every list is bounded
(``HOME_LIST``) and every read of community content goes through the access
kernel (``communities.access``).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from commonroom.communities import access
from commonroom.communities.models import (
    Community,
    Invitation,
    MembershipRequest,
)
from commonroom.communities.selectors.membership import q_invited
from commonroom.core import kept_lists
from commonroom.forums.models import Thread, ThreadFollow
from commonroom.organisations.models import Organisation
from commonroom.profiles.models import Profile
from commonroom.tags.models import TaggedItem

HOME_LIST = 5  # items in each of the member home's lists
NEW_FOR = timedelta(days=7)  # "active this week" on the member home


@dataclass(frozen=True)
class PlatformFigures:
    communities: int
    members: int
    organisations: int


def _count_platform() -> list[PlatformFigures]:
    return [
        PlatformFigures(
            communities=Community.objects.listed().count(),
            members=get_user_model().objects.listed().count(),
            organisations=Organisation.objects.with_members().count(),
        )
    ]


# The same three counts for every visitor, and nothing confidential: kept
# between changes (``core.kept_lists``): dropped when a community, an account,
# an email address or an organisation is saved, and never over a minute old
# (an organisation's member count is updated without signals).
_platform_figures = kept_lists.KeptList(
    "platform-figures",
    _count_platform,
    models=(
        "communities.Community",
        "accounts.User",
        "account.EmailAddress",
        "organisations.Organisation",
    ),
)


def get_platform_figures() -> PlatformFigures:
    """The landing page's figures: three counts, kept between changes."""
    return _platform_figures()[0]


def get_most_active_communities(*, limit: int = 6) -> list[Community]:
    """The busiest listed communities, for visitors to see what is going on."""
    return list(
        Community.objects.listed()
        .most_active()
        .select_related("service_area")
        .only(
            "name",
            "slug",
            "purpose",
            "visibility",
            "member_count",
            "post_count",
            "service_area__name",
        )[:limit]
    )


# The member home ----------------------------------------------------------------


@dataclass(frozen=True)
class MemberHome:
    communities: list[Community]
    community_count: int
    has_interests: bool
    questions: list[Thread]
    followed: list[Thread]
    invitations: list[Invitation]
    requests: list[MembershipRequest]
    # For facilitators: (community, number of requests waiting), busiest first.
    waiting: list[dict] = field(default_factory=list)


def _live_threads_in(community_ref) -> QuerySet[Thread]:
    return Thread.objects.live().filter(community_id=community_ref).order_by()


def your_communities(*, viewer, limit: int = HOME_LIST) -> list[Community]:
    """The member's communities, most recently active first, each with its
    latest discussion and how many discussions were active this week.

    One query: the latest thread and the week's count are subqueries on the
    thread index by community and last activity (``thread_latest``).
    """
    member_of = access.access_for(viewer).member_of
    if not member_of:
        return []
    latest = _live_threads_in(OuterRef("pk")).order_by("-last_activity_at", "-pk")
    week = (
        _live_threads_in(OuterRef("pk"))
        .filter(last_activity_at__gte=timezone.now() - NEW_FOR)
        .values("community_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        Community.objects.filter(access.readable_q(viewer), pk__in=member_of)
        .annotate(
            latest_thread_id=Subquery(latest.values("pk")[:1]),
            latest_thread_title=Subquery(latest.values("title")[:1]),
            active_this_week=Coalesce(
                Subquery(week, output_field=IntegerField()), Value(0)
            ),
        )
        .only("name", "slug", "status", "visibility", "last_activity_at")
        .order_by(F("last_activity_at").desc(nulls_last=True), "pk")[:limit]
    )


@dataclass(frozen=True)
class Interests:
    tag_ids: frozenset[int]
    service_area_ids: frozenset[int]

    def __bool__(self) -> bool:
        return bool(self.tag_ids or self.service_area_ids)


def interests_of(viewer) -> Interests:
    """The member's expertise tags and service areas, in one query."""
    expertise = (
        Profile.expertise.through.objects.filter(profile__user_id=viewer.pk)
        .annotate(kind=Value("tag"))
        .values_list("tag_id", "kind")
    )
    areas = (
        Profile.service_areas.through.objects.filter(profile__user_id=viewer.pk)
        .annotate(kind=Value("area"))
        .values_list("servicearea_id", "kind")
    )
    rows = list(expertise.union(areas, all=True))
    return Interests(
        tag_ids=frozenset(pk for pk, kind in rows if kind == "tag"),
        service_area_ids=frozenset(pk for pk, kind in rows if kind == "area"),
    )


def unanswered_in_interests(
    *, viewer, interests: Interests, limit: int = HOME_LIST
) -> list[Thread]:
    """Questions without an accepted answer, newest first, in any community the
    viewer may read, that touch their expertise or service areas: the question
    is tagged with one of their expertise tags, or its community has one as a
    topic, or its community is about one of their service areas. Not their own.
    """
    if not interests:
        return []
    touches = Q()
    if interests.service_area_ids:
        touches |= Q(community__service_area_id__in=interests.service_area_ids)
    if interests.tag_ids:
        touches |= Q(
            Exists(
                TaggedItem.objects.filter(
                    content_type__app_label=Thread._meta.app_label,
                    content_type__model=Thread._meta.model_name,
                    object_id=OuterRef("pk"),
                    tag_id__in=interests.tag_ids,
                )
            )
        ) | Q(
            Exists(
                Community.tags.through.objects.filter(
                    community_id=OuterRef("community_id"),
                    tag_id__in=interests.tag_ids,
                )
            )
        )
    return list(
        Thread.objects.readable_by(viewer)
        .live()
        .filter(touches, kind=Thread.Kind.QUESTION, accepted_answer__isnull=True)
        .exclude(author_id=viewer.pk)
        .select_related("community")
        .only(
            "title",
            "reply_count",
            "created_at",
            "community__name",
            "community__slug",
        )
        .order_by("-created_at", "-pk")[:limit]
    )


def followed_threads(*, viewer, limit: int = HOME_LIST) -> list[Thread]:
    """Threads the member follows and may still read, most recently active first."""
    return list(
        Thread.objects.readable_by(viewer)
        .live()
        .filter(
            Exists(ThreadFollow.objects.filter(thread_id=OuterRef("pk"), user=viewer))
        )
        .select_related("community", "last_reply_by")
        .only(
            "title",
            "reply_count",
            "last_position",
            "last_activity_at",
            "community__name",
            "community__slug",
            "last_reply_by__full_name",
        )
        .order_by("-last_activity_at", "-pk")[:limit]
    )


def open_invitations(*, viewer, limit: int = HOME_LIST) -> list[Invitation]:
    """Invitations waiting for the member's answer, newest first."""
    return list(
        Invitation.objects.filter(
            q_invited(user=viewer),
            status=Invitation.Status.PENDING,
            expires_at__gt=timezone.now(),
            community__status__in=access.READABLE_STATUSES,
        )
        .select_related("community", "invited_by")
        .only(
            "email",
            "expires_at",
            "created_at",
            "community__name",
            "community__slug",
            "community__visibility",
            "community__status",
            "invited_by__full_name",
        )
        .order_by("-created_at", "-pk")[:limit]
    )


def open_requests_of(*, viewer, limit: int = HOME_LIST) -> list[MembershipRequest]:
    """The member's own requests to join, not yet decided, newest first."""
    return list(
        MembershipRequest.objects.filter(
            # Only where the person may know the community exists: a request
            # left open in a community since made private names nothing.
            access.visible_q(viewer, field="community"),
            user_id=viewer.pk,
            status__in=MembershipRequest.OPEN_STATUSES,
        )
        .select_related("community")
        .only("status", "created_at", "community__name", "community__slug")
        .order_by("-created_at", "-pk")[:limit]
    )


def requests_waiting_for(*, viewer, limit: int = HOME_LIST) -> list[dict]:
    """For a facilitator: their communities with requests to decide, and how many."""
    facilitates = access.access_for(viewer).facilitates
    if not facilitates:
        return []
    return list(
        MembershipRequest.objects.filter(
            community_id__in=facilitates, status__in=MembershipRequest.OPEN_STATUSES
        )
        .values("community__name", "community__slug")
        .annotate(count=Count("pk"))
        .order_by("-count", "community__name")[:limit]
    )


def get_member_home(*, viewer) -> MemberHome:
    """Everything the member home shows: at most eight queries (the member's
    memberships, their communities, their interests, questions, follows,
    invitations, their requests, and requests waiting for a facilitator)."""
    interests = interests_of(viewer)
    return MemberHome(
        communities=your_communities(viewer=viewer),
        community_count=len(access.access_for(viewer).member_of),
        has_interests=bool(interests),
        questions=unanswered_in_interests(viewer=viewer, interests=interests),
        followed=followed_threads(viewer=viewer),
        invitations=open_invitations(viewer=viewer),
        requests=open_requests_of(viewer=viewer),
        waiting=requests_waiting_for(viewer=viewer),
    )
