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

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from commonroom.communities.models import Community, Membership

READABLE_STATUSES = (Community.Status.LIVE, Community.Status.ARCHIVED)
LISTED_VISIBILITIES = (Community.Visibility.OPEN, Community.Visibility.RESTRICTED)
_CACHE_ATTRIBUTE = "_commonroom_community_access"


@dataclass(frozen=True)
class CommunityAccess:
    """What one person may do, as sets of community ids."""

    readable: frozenset[int]
    member_of: frozenset[int]
    facilitates: frozenset[int]
    takes_part: bool

    def can_read(self, community_id: int) -> bool:
        return community_id in self.readable

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


def access_for(user) -> CommunityAccess:
    """The person's access, computed once per request (at most two queries)."""
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if not _takes_part(user):
        # Visitors, and people waiting for approval, read what visitors read.
        readable = frozenset(
            Community.objects.filter(
                status__in=READABLE_STATUSES,
                visibility=Community.Visibility.OPEN,
                public_reading=True,
            ).values_list("pk", flat=True)
        )
        access = CommunityAccess(readable, frozenset(), frozenset(), takes_part=False)
    else:
        memberships = list(
            Membership.objects.filter(
                user_id=user.pk, community__status__in=READABLE_STATUSES
            ).values_list("community_id", "role")
        )
        member_of = frozenset(community_id for community_id, _ in memberships)
        facilitates = frozenset(
            community_id
            for community_id, role in memberships
            if role == Membership.Role.FACILITATOR
        )
        open_ids = frozenset(
            Community.objects.filter(
                status__in=READABLE_STATUSES, visibility=Community.Visibility.OPEN
            ).values_list("pk", flat=True)
        )
        access = CommunityAccess(
            readable=open_ids | member_of,
            member_of=member_of,
            facilitates=facilitates,
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


def communities_readable_by(user) -> frozenset[int]:
    """Ids of the communities whose content ``user`` may read."""
    return access_for(user).readable


# Querysets ---------------------------------------------------------------------


def readable_q(user, *, field: str = "pk") -> Q:
    """Rows (communities, or content through ``field``) the person may read."""
    return Q(**{f"{field}__in": communities_readable_by(user)})


def visible_q(user, *, field: str = "") -> Q:
    """Communities whose existence the person may know about.

    Listed live or archived communities, plus any they belong to, plus (for the
    creator and administrators) those waiting for approval.
    """
    prefix = f"{field}__" if field else ""
    pk = f"{field}__pk" if field else "pk"
    q = Q(
        **{
            f"{prefix}status__in": READABLE_STATUSES,
            f"{prefix}visibility__in": LISTED_VISIBILITIES,
        }
    )
    if user.is_authenticated:
        q |= Q(**{f"{pk}__in": access_for(user).member_of})
        if user.is_staff:
            q |= Q(**{f"{prefix}status": Community.Status.PENDING})
        else:
            q |= Q(
                **{
                    f"{prefix}status": Community.Status.PENDING,
                    f"{prefix}created_by_id": user.pk,
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
    return access_for(user).can_read(community.pk)


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
# Content (threads, replies, and later documents, events...) is readable when
# its community is, unless it was deleted, or hidden by a facilitator — hidden
# content stays visible to the community's facilitators so they can restore
# it. Content inside other content (a reply in a thread) also needs its
# container to be readable.


def can_read_content(user, obj) -> bool:
    if not can_read_community(user, obj.community):
        return False
    container = getattr(obj, "thread", None)
    for item in (container, obj):
        if item is None:
            continue
        if item.deleted_at is not None:
            return False
        if item.hidden_at is not None and not can_facilitate(user, obj.community):
            return False
    return True


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
