"""Creating, approving, theming, archiving communities, and their notices.

Every function started by a person takes ``actor`` and checks permission
itself (through the access kernel, ``commonroom.communities.access``), so the
HTML views, an API or a management command all behave the same.
"""

import re
import secrets
import uuid
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from commonroom.accounts.permissions import check_platform_admin, check_take_part
from commonroom.accounts.querysets import listed_people_q
from commonroom.audit.models import AuditEvent
from commonroom.audit.services import record_event
from commonroom.communities import access, audit_details, permissions
from commonroom.communities.models import Community, Membership, Notice
from commonroom.communities.tasks import send_community_decision_task
from commonroom.core import search_index
from commonroom.core.images import PreparedImage
from commonroom.core.models import ServiceArea
from commonroom.tags.services import tags_for

# Addresses under /communities/ that are pages, not communities.
RESERVED_SLUGS = frozenset({"new"})
MIN_CONTRAST = 4.5
COLOUR_PATTERN = re.compile(r"^#[0-9a-f]{6}$")


def approval_required() -> bool:
    """The platform setting: do new communities wait for an administrator?"""
    return bool(getattr(settings, "COMMUNITY_APPROVAL_REQUIRED", False))


# Visibility ---------------------------------------------------------------------


def openness(*, visibility: str, public_reading: bool = False) -> int:
    """How open a community is: 0 (visitors read it) to 3 (private)."""
    if visibility == Community.Visibility.OPEN:
        return 0 if public_reading else 1
    if visibility == Community.Visibility.RESTRICTED:
        return 2
    return 3


def allowed_under(parent: Community) -> list[str]:
    """The visibilities a sub-community of ``parent`` may have (never more open)."""
    limit = openness(visibility=parent.visibility)
    return [
        value
        for value in Community.Visibility.values
        if openness(visibility=value) >= limit
    ]


def check_not_more_open(
    *, parent: Community, visibility: str, public_reading: bool
) -> None:
    """Raise ``ValidationError`` if a sub-community would be more open than
    its parent."""
    if visibility not in allowed_under(parent):
        raise ValidationError(
            {
                "visibility": _(
                    "A sub-community cannot be more open than %(parent)s, which "
                    "is %(visibility)s. Choose %(visibility)s or more private."
                )
                % {
                    "parent": parent.name,
                    "visibility": parent.get_visibility_display().lower(),
                }
            }
        )
    if public_reading and not parent.public_reading:
        raise ValidationError(
            {
                "public_reading": _(
                    "Visitors cannot read %(parent)s, so they cannot read its "
                    "sub-communities either."
                )
                % {"parent": parent.name}
            }
        )


# Colour -------------------------------------------------------------------------


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.04045 else ((srgb + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of ``#rrggbb``."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_with_white(colour: str) -> float:
    """The contrast ratio of white text on ``#rrggbb`` (1 to 21)."""
    return 1.05 / (relative_luminance(colour) + 0.05)


def normalise_colour(text: str) -> str:
    """``#0B5E61``, ``0b5e61`` and `` #0b5e61 `` all become ``#0b5e61``."""
    colour = text.strip().lower()
    if colour and not colour.startswith("#"):
        colour = f"#{colour}"
    return colour


def check_accent_colour(colour: str) -> None:
    """Raise ``ValidationError`` unless white text on ``colour`` is readable."""
    if not colour:
        return
    if not COLOUR_PATTERN.match(colour):
        raise ValidationError(
            _("Enter a colour as # and six hexadecimal digits, like #0b5e61"),
            code="invalid_colour",
        )
    ratio = contrast_with_white(colour)
    if ratio < MIN_CONTRAST:
        # Rounded down, so 4.47 shows as 4.4 rather than a confusing 4.5.
        shown = int(ratio * 10) / 10
        raise ValidationError(
            _(
                "White text on %(colour)s has a contrast ratio of %(ratio)s:1; "
                "choose a darker colour (at least 4.5:1)"
            )
            % {"colour": colour, "ratio": f"{shown:.1f}"},
            code="low_contrast",
        )


# Creating -----------------------------------------------------------------------


def tidy_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def name_taken_error(name: str) -> ValidationError:
    """The clash is with a community the person may know about: say so."""
    return ValidationError(
        {
            "name": _(
                "There is already a community called “%(name)s”. Choose a "
                "different name."
            )
            % {"name": name}
        },
        code="name_taken",
    )


def name_unavailable_error() -> ValidationError:
    """The clash is with a community the person may not know exists.

    Names stay unique, so the name is refused, but without saying that a
    community has it, or whose (decision 0004, "Names and addresses").
    """
    return ValidationError(
        {"name": _("That name can’t be used. Choose another.")},
        code="name_unavailable",
    )


def _name_clash_error(name: str, actor) -> ValidationError:
    clash = (
        Community.objects.filter(name__iexact=name)
        .only("status", "visibility", "created_by_id")
        .first()
    )
    if (
        clash is not None
        and actor is not None
        and access.can_see_community(actor, clash)
    ):
        return name_taken_error(name)
    return name_unavailable_error()


def check_name_free(name: str, *, actor=None) -> None:
    """Names are unique whatever their capitals.

    Only a clash with a community ``actor`` may see is named as such; any
    other clash (a private community, one waiting for approval) gets the same
    neutral refusal, so trying names cannot confirm that one exists.
    """
    name = tidy_name(name)
    if Community.objects.filter(name__iexact=name).exists():
        raise _name_clash_error(name, actor)


# Random address endings: lower-case letters and digits, without ones that are
# easily mistaken for each other (l, 1, o, 0).
SLUG_SUFFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
SLUG_SUFFIX_LENGTH = 6


def unique_slug(name: str) -> str:
    """A web address from the name: ``food-waste``, else ``food-waste-k7m2qx``.

    A taken address gets a random ending, never ``-2``, ``-3``…: a counted
    ending would tell the creator how many communities (private ones
    included) already have that address.
    """
    base = slugify(name)[:80].strip("-") or "community"
    if base not in RESERVED_SLUGS and not Community.objects.filter(slug=base).exists():
        return base
    stem = base[: 80 - SLUG_SUFFIX_LENGTH - 1].rstrip("-")
    while True:
        suffix = "".join(
            secrets.choice(SLUG_SUFFIX_ALPHABET) for _ in range(SLUG_SUFFIX_LENGTH)
        )
        candidate = f"{stem}-{suffix}"
        if not Community.objects.filter(slug=candidate).exists():
            return candidate


@transaction.atomic
def create_community(
    *,
    actor,
    name: str,
    purpose: str,
    topics: Sequence[str] = (),
    visibility: str,
    public_reading: bool = False,
    agreed_to_principles: bool,
    service_area: ServiceArea | None = None,
    request: HttpRequest | None = None,
) -> Community:
    """A member starts a community and becomes its owner and first facilitator.

    With ``COMMUNITY_APPROVAL_REQUIRED`` it waits (status pending) for a platform
    administrator; otherwise it is live at once.
    """
    check_take_part(actor)
    if not agreed_to_principles:
        raise ValidationError(
            {
                "agree": _(
                    "Confirm that you agree to the facilitator’s principles and "
                    "responsibilities"
                )
            }
        )
    return _create(
        actor=actor,
        parent=None,
        name=name,
        purpose=purpose,
        topics=topics,
        visibility=visibility,
        public_reading=public_reading,
        service_area=service_area,
        request=request,
    )


@transaction.atomic
def create_sub_community(
    *,
    actor,
    parent: Community,
    name: str,
    purpose: str,
    topics: Sequence[str] = (),
    visibility: str,
    public_reading: bool = False,
    request: HttpRequest | None = None,
) -> Community:
    """A facilitator of ``parent`` starts a sub-community (e.g. a steering group).

    It is as restricted as its parent or more, never more open. The same
    approval setting applies as for any new community.
    """
    permissions.check_create_sub_community(actor, parent)
    check_not_more_open(
        parent=parent, visibility=visibility, public_reading=public_reading
    )
    return _create(
        actor=actor,
        parent=parent,
        name=name,
        purpose=purpose,
        topics=topics,
        visibility=visibility,
        public_reading=public_reading,
        service_area=parent.service_area,
        request=request,
    )


def _create(
    *,
    actor,
    parent: Community | None,
    name: str,
    purpose: str,
    topics: Sequence[str],
    visibility: str,
    public_reading: bool,
    service_area: ServiceArea | None,
    request: HttpRequest | None,
) -> Community:
    name = tidy_name(name)
    check_name_free(name, actor=actor)
    if public_reading and visibility != Community.Visibility.OPEN:
        raise ValidationError(
            {"public_reading": _("Only open communities can be read by visitors")}
        )
    now = timezone.now()
    community = Community(
        parent=parent,
        name=name,
        slug=unique_slug(name),
        purpose=purpose.strip(),
        visibility=visibility,
        public_reading=public_reading,
        service_area=service_area,
        status=Community.Status.PENDING
        if approval_required()
        else Community.Status.LIVE,
        owner=actor,
        created_by=actor,
        member_count=1,
        last_activity_at=now,
    )
    community.full_clean()
    try:
        with transaction.atomic():
            community.save()
    except IntegrityError as error:  # someone took the name a moment ago
        raise _name_clash_error(name, actor) from error
    if topics:
        community.tags.set(tags_for(topics, reader=actor))
    search_index.changed(community)
    membership = Membership(
        community=community, user=actor, role=Membership.Role.FACILITATOR
    )
    membership.full_clean()
    membership.save()
    access.forget(actor)
    record_event(
        AuditEvent.Action.COMMUNITY_CREATED,
        request=request,
        actor=actor,
        community=community,
        detail=_detail(community),
    )
    return community


def _detail(community: Community) -> str:
    """The audit entry's note: only the visibility, never the name.

    The entry carries the community's id; the audit log shows its name only
    to administrators who may know it exists (decision 0004).
    """
    return audit_details.VISIBILITY.note(visibility=community.visibility)


# Approval -----------------------------------------------------------------------


def _check_pending(community: Community) -> None:
    if community.status != Community.Status.PENDING:
        raise ValidationError(
            _("%(name)s is not waiting for approval.") % {"name": community.name},
            code="not_pending",
        )


@transaction.atomic
def approve_community(
    *, actor, community: Community, request: HttpRequest | None = None
) -> Community:
    """A platform administrator lets a new community go live; its creator is told."""
    check_platform_admin(actor)
    _check_pending(community)
    community.status = Community.Status.LIVE
    community.last_activity_at = timezone.now()
    community.full_clean()
    community.save(update_fields=["status", "last_activity_at", "updated_at"])
    record_event(
        AuditEvent.Action.COMMUNITY_APPROVED,
        request=request,
        actor=actor,
        subject=community.created_by,
        community=community,
        detail=_detail(community),
    )
    if community.created_by_id:
        creator_id, community_id = community.created_by_id, community.pk
        transaction.on_commit(
            lambda: send_community_decision_task(
                user_id=creator_id,
                community_name=community.name,
                community_id=community_id,
                reason="",
            )
        )
    return community


@transaction.atomic
def reject_community(
    *, actor, community: Community, reason: str, request: HttpRequest | None = None
) -> None:
    """A platform administrator turns a new community down, saying why.

    The community is deleted (it never went live, so nothing was posted), which
    frees its name; the audit log and the email to its creator keep the record.
    """
    check_platform_admin(actor)
    _check_pending(community)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Enter the reason for rejecting the community")}
        )
    record_event(
        AuditEvent.Action.COMMUNITY_REJECTED,
        request=request,
        actor=actor,
        subject=community.created_by,
        community=community,
        # The community is deleted, so its id will lead nowhere: keep the name
        # (administrators saw it in the approval queue), not the reason's text.
        detail=audit_details.REJECTED_COMMUNITY.note(
            community=community.name, visibility=community.visibility
        ),
    )
    creator_id, name = community.created_by_id, community.name
    if community.logo:
        storage, logo_name = community.logo.storage, community.logo.name
        transaction.on_commit(lambda: storage.delete(logo_name))
    community.delete()
    if creator_id:
        decided_at = timezone.now().isoformat()
        transaction.on_commit(
            lambda: send_community_decision_task(
                user_id=creator_id,
                community_name=name,
                community_id=None,
                reason=reason,
                decided_at=decided_at,
            )
        )


# Theme --------------------------------------------------------------------------


def update_theme(
    *,
    actor,
    community: Community,
    accent_colour: str,
    logo: PreparedImage | None = None,
    remove_logo: bool = False,
) -> Community:
    """Set the accent colour (white text must stay readable) and the logo.

    ``logo`` is an image already checked and resized (``forms.themes.prepare_logo``);
    it is stored under a random name. A replaced logo file is deleted once the
    change is committed, and a new one again if saving fails. Nothing to change:
    no queries.
    """
    access.check_facilitate(actor, community)
    permissions.check_live(community)
    accent_colour = normalise_colour(accent_colour)
    check_accent_colour(accent_colour)
    changing_logo = logo is not None or (remove_logo and bool(community.logo))
    if accent_colour == community.accent_colour and not changing_logo:
        return community
    with transaction.atomic():
        return _save_theme(
            community=community,
            accent_colour=accent_colour,
            logo=logo,
            changing_logo=changing_logo,
        )


def _save_theme(
    *,
    community: Community,
    accent_colour: str,
    logo: PreparedImage | None,
    changing_logo: bool,
) -> Community:
    old_logo = community.logo.name if community.logo and changing_logo else ""
    community.accent_colour = accent_colour
    if logo is not None:
        community.logo.save(
            f"{uuid.uuid4().hex}.{logo.extension}",
            ContentFile(logo.content),
            save=False,
        )
    elif changing_logo:
        community.logo = ""
    new_logo = community.logo.name if logo is not None else ""
    try:
        community.full_clean()
        community.save(update_fields=["accent_colour", "logo", "updated_at"])
    except Exception:
        if new_logo:
            community.logo.storage.delete(new_logo)
        raise
    if old_logo:
        storage = community.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return community


# Archive ------------------------------------------------------------------------


def archive_community(
    *, actor, community: Community, request: HttpRequest | None = None
) -> Community:
    """Make a community read-only. Its members can still read everything."""
    access.check_facilitate(actor, community)
    if community.status == Community.Status.ARCHIVED:
        return community
    permissions.check_live(community)
    with transaction.atomic():
        community.status = Community.Status.ARCHIVED
        community.archived_at = timezone.now()
        community.full_clean()
        community.save(update_fields=["status", "archived_at", "updated_at"])
        record_event(
            AuditEvent.Action.COMMUNITY_ARCHIVED,
            request=request,
            actor=actor,
            community=community,
            detail=_detail(community),
        )
    return community


def restore_community(
    *, actor, community: Community, request: HttpRequest | None = None
) -> Community:
    """Bring an archived community back: members can post again."""
    access.check_facilitate(actor, community)
    if community.status != Community.Status.ARCHIVED:
        return community
    with transaction.atomic():
        community.status = Community.Status.LIVE
        community.archived_at = None
        community.full_clean()
        community.save(update_fields=["status", "archived_at", "updated_at"])
        record_event(
            AuditEvent.Action.COMMUNITY_RESTORED,
            request=request,
            actor=actor,
            community=community,
            detail=_detail(community),
        )
    return community


# Notices ------------------------------------------------------------------------


@transaction.atomic
def post_notice(
    *, actor, community: Community, title: str, body: str, is_pinned: bool = True
) -> Notice:
    """A facilitator posts a notice; pinned ones show on the community's page."""
    access.check_facilitate(actor, community)
    permissions.check_live(community)
    notice = Notice(
        community=community,
        author=actor,
        title=title.strip(),
        body=body.strip(),
        is_pinned=is_pinned,
    )
    notice.full_clean()
    notice.save()
    return notice


def set_notice_pinned(*, actor, notice: Notice, is_pinned: bool) -> Notice:
    """Pin a notice to the community's page, or unpin it (it stays in the list)."""
    access.check_facilitate(actor, notice.community)
    permissions.check_live(notice.community)
    if notice.is_pinned == is_pinned:
        return notice
    notice.is_pinned = is_pinned
    notice.save(update_fields=["is_pinned", "updated_at"])
    return notice


@transaction.atomic
def delete_notice(*, actor, notice: Notice) -> None:
    access.check_facilitate(actor, notice.community)
    permissions.check_live(notice.community)
    notice.delete()


# Counters -----------------------------------------------------------------------


def synchronize_member_counts() -> None:
    """Rebuild every community's member count from its memberships."""
    counts = (
        Membership.objects.filter(
            listed_people_q(prefix="user__"), community=OuterRef("pk")
        )
        .order_by()
        .values("community")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Community.objects.update(member_count=Coalesce(Subquery(counts), 0))
