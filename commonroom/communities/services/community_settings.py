"""Changing a community after it was started: name, purpose, topics and who
can find and read it.

The web address (slug) stays as it was when the name changes, so every link
and bookmark keeps working.

A change of visibility follows the same rules as starting a community: never
more open than its parent, and never more private than its own
sub-communities are open (they would become more open than their parent).
What happens to people waiting (SPEC, "Visibility and membership"):

- pending invitations are kept whatever the change: a facilitator invited
  those people, and invitations work in every kind of community;
- becoming private (invitation only) declines open requests to join, each
  with a message, emailed to the person like any other decision;
- becoming open (join at once) approves open requests: the people asked to
  join, and anyone may now.

Making a community more private is shown first as its consequences
(``selectors.communities.visibility_change_consequences``); the view asks for
confirmation before calling ``update_community_settings``.
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from commonroom.audit.models import AuditEvent
from commonroom.audit.services import record_event
from commonroom.communities import access, permissions
from commonroom.communities.models import Community, MembershipRequest
from commonroom.communities.services import membership as membership_services
from commonroom.communities.services.communities import (
    _name_clash_error,
    check_not_more_open,
    openness,
    tidy_name,
)
from commonroom.core import search_index
from commonroom.tags.services import tags_for


def check_settings_allowed(
    *, community: Community, visibility: str, public_reading: bool
) -> None:
    """Raise ``ValidationError`` if the visibility breaks a rule of nesting."""
    if public_reading and visibility != Community.Visibility.OPEN:
        raise ValidationError(
            {"public_reading": _("Only open communities can be read by visitors")}
        )
    if community.parent_id is not None:
        check_not_more_open(
            parent=community.parent,
            visibility=visibility,
            public_reading=public_reading,
        )
    limit = openness(visibility=visibility, public_reading=public_reading)
    too_open = [
        child.name
        for child in Community.objects.filter(parent=community).only(
            "name", "visibility", "public_reading"
        )
        if openness(visibility=child.visibility, public_reading=child.public_reading)
        < limit
    ]
    if too_open:
        raise ValidationError(
            {
                "visibility": _(
                    "Its sub-communities cannot be more open than it is. First "
                    "make these at least as private: %(names)s."
                )
                % {"names": ", ".join(sorted(too_open))}
            }
        )


def _check_name(community: Community, name: str, actor) -> str:
    name = tidy_name(name)
    if not name:
        raise ValidationError({"name": _("Enter a name for the community")})
    if Community.objects.filter(name__iexact=name).exclude(pk=community.pk).exists():
        raise _name_clash_error(name, actor)
    return name


def declined_message(community: Community) -> str:
    """What each person whose request was declined by going private is told."""
    return _(
        "%(name)s now takes new members by invitation only, so requests to join "
        "have been closed. A facilitator can invite you."
    ) % {"name": community.name}


@transaction.atomic
def update_community_settings(
    *,
    actor,
    community: Community,
    name: str,
    purpose: str,
    topics: Sequence[str],
    visibility: str,
    public_reading: bool = False,
    request: HttpRequest | None = None,
) -> Community:
    """A facilitator changes the community's name, purpose, topics or visibility.

    Returns the community; a call that changes nothing writes nothing.
    """
    access.check_facilitate(actor, community)
    permissions.check_live(community)
    name = _check_name(community, name, actor)
    purpose = purpose.strip()
    check_settings_allowed(
        community=community, visibility=visibility, public_reading=public_reading
    )
    new_tags = list(tags_for(topics, reader=actor)) if topics else []
    old_tag_ids = set(community.tags.values_list("pk", flat=True))
    changed = [
        field
        for field, value in [
            ("name", name),
            ("purpose", purpose),
            ("visibility", visibility),
            ("public_reading", public_reading),
        ]
        if getattr(community, field) != value
    ]
    tags_changed = {tag.pk for tag in new_tags} != old_tag_ids
    if not changed and not tags_changed:
        return community
    was = community.visibility, community.public_reading
    community.name = name
    community.purpose = purpose
    community.visibility = visibility
    community.public_reading = public_reading
    community.full_clean()
    if changed:
        # The access kernel's caches follow a change of visibility (signal).
        community.save(update_fields=[*changed, "updated_at"])
    if tags_changed:
        community.tags.set(new_tags)
    # What it is called and about; who may see it is read when searching.
    search_index.changed(community)
    handled = _handle_waiting_people(actor=actor, community=community, request=request)
    notes = [f for f in changed if f not in {"visibility", "public_reading"}]
    if tags_changed:
        notes.append("topics")
    if "visibility" in changed or "public_reading" in changed:
        notes.append(
            f"visibility: {was[0]}{' (visitors read)' if was[1] else ''} -> "
            f"{visibility}{' (visitors read)' if public_reading else ''}"
        )
    record_event(
        AuditEvent.Action.COMMUNITY_SETTINGS_CHANGED,
        request=request,
        actor=actor,
        community=community,
        detail="; ".join(
            [f"changed: {', '.join(notes)}", *handled] if notes else handled
        ),
    )
    return community


def _handle_waiting_people(*, actor, community: Community, request) -> list[str]:
    """Answer open requests to join as the new visibility says (see above)."""
    waiting = list(
        community.membership_requests.filter(
            status__in=MembershipRequest.OPEN_STATUSES
        ).select_related("user", "community")
    )
    if not waiting:
        return []
    if community.visibility == Community.Visibility.PRIVATE:
        message = declined_message(community)
        for membership_request in waiting:
            membership_request.community = community
            membership_services.reject_request(
                actor=actor,
                membership_request=membership_request,
                message=message,
                request=request,
            )
        return [f"requests to join declined: {len(waiting)}"]
    if community.visibility == Community.Visibility.OPEN:
        approved = 0
        for membership_request in waiting:
            membership_request.community = community
            try:
                membership_services.approve_request(
                    actor=actor, membership_request=membership_request, request=request
                )
            except ValidationError:
                continue  # e.g. not a member of the parent: stays for a decision
            approved += 1
        return [f"requests to join approved: {approved}"] if approved else []
    return []
