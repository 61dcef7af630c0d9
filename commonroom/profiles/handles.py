"""Mention handles: the ``@priya-shah`` a member is mentioned by in posts.

A handle is made from the member's full name when their profile is first saved
("Priya Shah" -> ``priya-shah``; the next Priya Shah gets ``priya-shah-2``) and
does not change when the name does, so old mentions keep pointing at the same
person.
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.text import slugify

from commonroom.core.markdown import Mention

if TYPE_CHECKING:
    from commonroom.profiles.models import Profile

HANDLE_MAX_LENGTH = 40
# Room for "-" and a number however many namesakes there are.
_BASE_MAX_LENGTH = HANDLE_MAX_LENGTH - 6
_FALLBACK = "member"


def handle_base(full_name: str) -> str:
    """The handle a name asks for before any clash: "Siân O'Neil" -> "sian-oneil"."""
    base = slugify(full_name).replace("_", "-")
    base = "-".join(part for part in base.split("-") if part)
    return base[:_BASE_MAX_LENGTH].strip("-") or _FALLBACK


def first_free(base: str, taken: set[str]) -> str:
    """``base`` itself, or ``base-2``, ``base-3``... whichever is not taken."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


# Names looked up per query: SQLite limits how deep a WHERE clause may nest.
_BASES_PER_QUERY = 100


def _taken_like(bases: Iterable[str], *, exclude_pk=None) -> set[str]:
    """Handles already in use that equal one of ``bases`` or extend it."""
    from django.db.models import Q

    from commonroom.profiles.models import Profile

    unique_bases = sorted(set(bases))
    taken: set[str] = set()
    for start in range(0, len(unique_bases), _BASES_PER_QUERY):
        condition = Q()
        for base in unique_bases[start : start + _BASES_PER_QUERY]:
            condition |= Q(handle=base) | Q(handle__startswith=f"{base}-")
        existing = Profile.objects.filter(condition)
        if exclude_pk is not None:
            existing = existing.exclude(pk=exclude_pk)
        taken.update(existing.values_list("handle", flat=True))
    return taken


def unique_handle(full_name: str, *, exclude_pk=None) -> str:
    """A handle for ``full_name`` that no other profile has (one query)."""
    base = handle_base(full_name)
    return first_free(base, _taken_like([base], exclude_pk=exclude_pk))


def assign_handle(profile: "Profile") -> str:
    """Give ``profile`` a unique handle if it has none (it is not saved here)."""
    if not profile.handle:
        profile.handle = unique_handle(profile.user.full_name, exclude_pk=profile.pk)
    return profile.handle


def assign_handles(profiles: Iterable["Profile"]) -> None:
    """``assign_handle`` for many new profiles at once.

    For ``bulk_create``, which does not call ``save()``: one query per hundred
    names rather than one per profile.
    """
    pending = [profile for profile in profiles if not profile.handle]
    if not pending:
        return
    bases = [handle_base(profile.user.full_name) for profile in pending]
    taken = _taken_like(bases)
    for profile, base in zip(pending, bases, strict=True):
        profile.handle = first_free(base, taken)
        taken.add(profile.handle)


def user_ids_for_handles(handles: Iterable[str]) -> dict[str, int]:
    """Map each handle to its member's user id, in one query.

    Only listed members (``accounts.querysets.listed_people_q``) can be
    mentioned; other handles are left out, as are handles nobody has.
    """
    from commonroom.accounts.querysets import listed_people_q
    from commonroom.profiles.models import Profile

    wanted = {handle.lower() for handle in handles}
    if not wanted:
        return {}
    return dict(
        Profile.objects.filter(
            listed_people_q(prefix="user__"),
            handle__in=wanted,
        ).values_list("handle", "user_id")
    )


def mentions_for_handles(handles: Iterable[str]) -> dict[str, Mention]:
    """The Markdown renderer's mention resolver: each handle's member and the
    link to their profile (registered at start-up in ``ProfilesConfig.ready``)."""
    return {
        handle: Mention(
            user_id=user_id,
            url=reverse("person-profile", kwargs={"user_id": user_id}),
        )
        for handle, user_id in user_ids_for_handles(handles).items()
    }
