from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from commonroom.audit import selectors as audit_selectors
from commonroom.audit.models import AuditEvent
from commonroom.communities import access
from commonroom.communities.models import Community


def pending_sign_ups() -> QuerySet:
    """People waiting for approval, oldest first (first come, first served)."""
    User = get_user_model()
    return (
        User.objects.filter(
            approval_status=User.ApprovalStatus.PENDING,
            is_active=True,
            emailaddress__verified=True,
        )
        .distinct()
        .only("full_name", "email", "requested_organisation", "date_joined")
        .order_by("date_joined", "pk")
    )


def get_sign_up(*, user_id: int):
    User = get_user_model()
    return get_object_or_404(
        User.objects.exclude(
            approval_status=User.ApprovalStatus.APPROVED
        ).select_related("approval_decided_by"),
        pk=user_id,
    )


# The audit log ------------------------------------------------------------------
#
# Administrators see enough of a community to approve and support it, nothing
# of a private one's content or membership (decision 0004). An entry about a
# community they may not know exists says only "a private community": neither
# its name, nor who did what to whom, nor the entry's note.


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    community_name: str  # blank when the entry is about no community
    withheld: bool  # a community the administrator may not know exists


def audit_events_for(viewer, **filters) -> QuerySet[AuditEvent]:
    """The log, filtered. Filtering by a person or an address leaves out
    entries about communities ``viewer`` may not see, so a filter cannot tell
    that someone belongs to one."""
    events = audit_selectors.audit_events(**filters)
    if filters.get("person") or filters.get("ip_address"):
        events = events.filter(
            Q(community_id__isnull=True)
            | Q(
                community_id__in=Community.objects.filter(
                    access.visible_q(viewer)
                ).values("pk")
            )
        )
    return events


def audit_rows(viewer, events) -> list[AuditRow]:
    """One page of entries, with the names the viewer may see (one query)."""
    events = list(events)
    ids = {event.community_id for event in events if event.community_id}
    names = (
        dict(
            Community.objects.filter(access.visible_q(viewer), pk__in=ids)
            .order_by()
            .values_list("pk", "name")
        )
        if ids
        else {}
    )
    rows = []
    for event in events:
        community_id = event.community_id
        # A rejected community was deleted; administrators saw it waiting for
        # approval, and the entry's note keeps its name.
        withheld = (
            community_id is not None
            and community_id not in names
            and event.action != AuditEvent.Action.COMMUNITY_REJECTED
        )
        rows.append(
            AuditRow(
                event=event,
                community_name=names.get(community_id, ""),
                withheld=withheld,
            )
        )
    return rows
