"""The access kernel: the one place that decides who may see which community.

Every channel — pages, search, tag pages, feeds, calendars, the API, activity,
notifications, emails, downloads — asks this module, never its own rule.

Rules (SPEC.md section 5):

- **open** communities are listed, and their content is readable by every
  signed-in member who may take part, and by visitors when ``public_reading``;
- **restricted** communities are listed (name, purpose, facilitators, member
  count), but only members read their content;
- **private** communities are not listed and, to anyone but their members, do
  not exist ("not found");
- a community waiting for approval exists only for its creator and platform
  administrators; an archived one stays readable but read-only.

Platform administrators get no special right to read content: confidential
communities stay confidential (docs/decisions/0004-access-kernel.md).

``access_for(user)`` loads what a person may read in at most two queries and
keeps it on the user object for the rest of the request.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q
from django.http import Http404
from django.utils.translation import gettext as _

from commonroom.communities.models import Community, Membership
from commonroom.core.prepared import PreparedQuery
from commonroom.core.versioned import Versioned

READABLE_STATUSES = (Community.Status.LIVE, Community.Status.ARCHIVED)
LISTED_VISIBILITIES = (Community.Visibility.OPEN, Community.Visibility.RESTRICTED)
_CACHE_ATTRIBUTE = "_commonroom_community_access"


@dataclass(frozen=True)
class CommunityAccess:
    """What one person may do, as sets of community ids.

    Which communities anyone may read follows from each community's own fields
    (visibility, status, public reading) plus these memberships, so the cost of
    working it out does not grow with the number of communities.
    """

    member_of: frozenset[int]
    facilitates: frozenset[int]
    takes_part: bool

    def is_member(self, community_id: int) -> bool:
        return community_id in self.member_of

    def is_facilitator(self, community_id: int) -> bool:
        return community_id in self.facilitates


def _takes_part(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and getattr(user, "approval_status", "") == "approved"
    )


def _memberships_query(shape, *, user_id: int):
    return (
        Membership.objects.filter(
            user_id=user_id, community__status__in=READABLE_STATUSES
        )
        # Unordered: sorting by community name (the model's order) would
        # join every community rather than look up the person's few.
        .order_by()
        .values_list("community_id", "role")
    )


_MEMBERSHIPS = PreparedQuery(_memberships_query)

_NOBODY = CommunityAccess(frozenset(), frozenset(), takes_part=False)


def access_for(user) -> CommunityAccess:
    """The person's memberships, loaded once per request (at most one query)."""
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if not _takes_part(user):
        # Visitors, and people waiting for approval, read what visitors read.
        access = _NOBODY
    else:
        memberships = _MEMBERSHIPS(user_id=user.pk)
        access = CommunityAccess(
            member_of=frozenset(community_id for community_id, _ in memberships),
            facilitates=frozenset(
                community_id
                for community_id, role in memberships
                if role == Membership.Role.FACILITATOR
            ),
            takes_part=True,
        )
    # Visitors too: each request has its own AnonymousUser, so the answer
    # lives exactly as long as the request.
    setattr(user, _CACHE_ATTRIBUTE, access)
    return access


def forget(user) -> None:
    """Drop the cached access after a change to the person's memberships."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _community_readable(user, community: Community) -> bool:
    """The Python twin of ``readable_q``, from the community's own fields."""
    if community.status not in READABLE_STATUSES:
        return False
    access = access_for(user)
    if access.is_member(community.pk):
        return True
    if community.visibility != Community.Visibility.OPEN:
        return False
    return access.takes_part or community.public_reading


# Querysets ---------------------------------------------------------------------


def readable_q(user, *, field: str = "") -> Q:
    """Communities (or, through ``field``, rows of a community) the person reads.

    A join on the community's fields plus the person's membership ids: the
    query's size is constant in the number of communities.
    """
    prefix = f"{field}__" if field else ""
    access = access_for(user)
    open_q = Q(
        **{
            f"{prefix}status__in": READABLE_STATUSES,
            f"{prefix}visibility": Community.Visibility.OPEN,
        }
    )
    if not access.takes_part:
        open_q &= Q(**{f"{prefix}public_reading": True})
    if access.member_of:
        # Memberships are only loaded for live or archived communities.
        open_q |= Q(**{f"{field + '_id' if field else 'pk'}__in": access.member_of})
    return open_q


def communities_readable_by(user) -> frozenset[int]:
    """Ids of the communities whose content ``user`` may read.

    Most callers want ``readable_q``, which needs no ids. Where a set of ids is
    needed, the ids of readable open communities are cached under a version
    key that changes whenever any community's visibility, status or public
    reading changes (``bump_communities_version``).
    """
    access = access_for(user)
    return frozenset(open_community_ids(public=not access.takes_part)) | (
        access.member_of
    )


# Sets of community ids, made again whenever a community's visibility, status
# or public reading changes (``communities.signal_handlers``).
_ACCESS_VERSION = Versioned("communities:access-version")


def bump_communities_version() -> None:
    """Forget cached id sets: a community's visibility or status changed."""
    _ACCESS_VERSION.bump()


def open_community_ids(*, public: bool) -> frozenset[int]:
    """Readable open communities (only publicly readable ones if ``public``),
    kept in the cache until the version moves on (``core.versioned``)."""

    def make() -> frozenset[int]:
        qs = Community.objects.filter(
            status__in=READABLE_STATUSES, visibility=Community.Visibility.OPEN
        )
        if public:
            qs = qs.filter(public_reading=True)
        return frozenset(qs.values_list("pk", flat=True))

    return _ACCESS_VERSION.get(f"communities:open-ids:{int(public)}", make)


def visible_q(user, *, field: str = "") -> Q:
    """Communities whose existence the person may know about.

    Listed live or archived communities, plus any they belong to, plus (for the
    creator and administrators) those waiting for approval.
    """
    if not user.is_authenticated:
        return visible_q_for(field=field)
    return visible_q_for(
        user_id=user.pk,
        is_staff=user.is_staff,
        member_of=list(access_for(user).member_of),
        field=field,
    )


def visible_q_for(
    *,
    user_id: int | None = None,
    is_staff: bool = False,
    member_of=(),
    field: str = "",
) -> Q:
    """``visible_q`` from the person's id, staff flag and memberships (for a
    prepared query, which binds them as values); ``user_id=None`` for visitors."""
    prefix = f"{field}__" if field else ""
    pk = f"{field}__pk" if field else "pk"
    q = Q(
        **{
            f"{prefix}status__in": READABLE_STATUSES,
            f"{prefix}visibility__in": LISTED_VISIBILITIES,
        }
    )
    if user_id is not None:
        if member_of:
            q |= Q(**{f"{pk}__in": member_of})
        if is_staff:
            q |= Q(**{f"{prefix}status": Community.Status.PENDING})
        else:
            q |= Q(
                **{
                    f"{prefix}status": Community.Status.PENDING,
                    f"{prefix}created_by_id": user_id,
                }
            )
    return q


def listed_q(user) -> Q:
    """The directory: listed communities, and private ones the person is in."""
    q = Q(status=Community.Status.LIVE, visibility__in=LISTED_VISIBILITIES)
    if user.is_authenticated:
        q |= Q(status=Community.Status.LIVE, pk__in=access_for(user).member_of)
    return q


# Checks ------------------------------------------------------------------------


def can_see_community(user, community: Community) -> bool:
    """May the person know the community exists (its name and purpose)?"""
    if (
        community.status in READABLE_STATUSES
        and community.visibility in LISTED_VISIBILITIES
    ):
        return True
    if not user.is_authenticated:
        return False
    if community.status == Community.Status.PENDING:
        return user.is_staff or community.created_by_id == user.pk
    return access_for(user).is_member(community.pk)


def check_see_community(user, community: Community) -> None:
    """Raise "not found" where even the community's existence is private."""
    if not can_see_community(user, community):
        raise Http404("No community here")


def can_read_community(user, community: Community) -> bool:
    return _community_readable(user, community)


def check_read_community(user, community: Community) -> None:
    """ "Not found" if its existence is private, "forbidden" if members-only."""
    check_see_community(user, community)
    if not can_read_community(user, community):
        raise PermissionDenied(
            _("Only members of this community can see what is posted in it.")
        )


def can_facilitate(user, community: Community) -> bool:
    return _takes_part(user) and access_for(user).is_facilitator(community.pk)


def check_facilitate(user, community: Community) -> None:
    check_see_community(user, community)
    if not can_facilitate(user, community):
        raise PermissionDenied(_("Only the community’s facilitators can do this."))


def can_post_in(user, community: Community) -> bool:
    """Members who may take part post, in communities that are not archived."""
    return (
        _takes_part(user)
        and community.status == Community.Status.LIVE
        and access_for(user).is_member(community.pk)
    )


# Community content -------------------------------------------------------------
#
# One rule for every registered kind of content (threads, replies, and later
# documents, events...), in SQL and in Python from the same definition:
#
# - its community must be readable;
# - deleted content is gone for everyone;
# - hidden content stays visible to the community's facilitators (so they can
#   restore it), and to nobody else;
# - content inside other content (a reply in its thread, a comment on its
#   document) also needs its container to be readable, by the same rule.
#
# The container comes from the content registry (``ContentKind.container``),
# never from a check on the kind's name. The registry sits above the kernel, so
# it hands over the lookup at start-up (``register_container_field``).

# model of a registered kind -> the foreign key to its container, or ""
ContainerField = Callable[[type[Model]], str]

_container_field: ContainerField | None = None


def register_container_field(lookup: ContainerField | None) -> None:
    """Use ``lookup(model)`` to find what a kind of content lives inside."""
    global _container_field
    _container_field = lookup


def _container_of(model: type[Model]) -> str:
    if _container_field is None:
        raise LookupError("No content registry: content registers it at start-up")
    return _container_field(model)


def content_readable_q(user, model, *, prefix: str = "") -> Q:
    """Rows of ``model`` (a registered kind) that the person may read.

    ``prefix`` reaches the content through a relation ("thread__"), which is
    how a container's own rule is applied to what it contains.
    """
    container = _container_of(model)
    facilitates = access_for(user).facilitates
    shown = Q(**{f"{prefix}hidden_at__isnull": True})
    if facilitates:
        shown |= Q(**{f"{prefix}community_id__in": facilitates})
    q = (
        readable_q(user, field=f"{prefix}community")
        & Q(**{f"{prefix}deleted_at__isnull": True})
        & shown
    )
    if container:
        container_model = model._meta.get_field(container).related_model
        q &= content_readable_q(user, container_model, prefix=f"{prefix}{container}__")
    return q


def can_read_content(user, obj) -> bool:
    """The Python twin of ``content_readable_q``: the same rule for one row."""
    return _can_read_content(user, obj, obj.community)


def _can_read_content(user, obj, community: Community) -> bool:
    if not can_read_community(user, community):
        return False
    if obj.deleted_at is not None:
        return False
    if obj.hidden_at is not None and not can_facilitate(user, community):
        return False
    field = _container_of(type(obj))
    container = getattr(obj, field) if field else None
    if container is None:
        return True
    # A container is normally in the same community: don't load it again.
    if container.community_id != community.pk:
        community = container.community
    return _can_read_content(user, container, community)


def check_read_content(user, obj) -> None:
    """Like ``check_read_community``, and "not found" for removed content."""
    check_read_community(user, obj.community)
    if not can_read_content(user, obj):
        raise Http404("No content here")


def can_edit_content(user, obj) -> bool:
    """The author, while still a member, or a facilitator; never once archived."""
    if not can_read_content(user, obj) or not can_post_in(user, obj.community):
        return False
    return obj.author_id == user.pk or can_facilitate(user, obj.community)


def check_edit_content(user, obj) -> None:
    check_read_content(user, obj)
    if not can_edit_content(user, obj):
        raise PermissionDenied(
            _("Only the person who wrote this, or a facilitator, can change it.")
        )


def check_post_in(user, community: Community) -> None:
    check_read_community(user, community)
    if not can_post_in(user, community):
        if community.status != Community.Status.LIVE:
            message = _("This community is archived: nothing new can be posted.")
        else:
            message = _("Only members of this community can post in it.")
        raise PermissionDenied(message)
