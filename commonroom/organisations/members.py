"""Who works for an organisation.

People's organisations are kept on their profiles, and profiles sits above
this app (a profile names its organisation), so profiles hands over at
start-up how to list an organisation's members for a viewer and how to count
them (``register_members``). The organisation page and the member counts ask
through here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Expression, QuerySet


@dataclass(frozen=True)
class OrganisationMembers:
    """The members of an organisation that a viewer may see.

    ``people`` are the listed members, A–Z, each with ``profile`` joined in.
    Listing uses the same rule as profile details, so the job title of every
    listed member may be shown. ``hidden_count`` is how many other members
    chose to show their profile only to people in their communities.
    """

    people: QuerySet
    hidden_count: int


@dataclass(frozen=True)
class MemberSource:
    # members_of(viewer=..., organisation=...) -> OrganisationMembers
    members_of: Callable[..., OrganisationMembers]
    # member_count() -> how many members an organisation counts: an expression
    # over ``OuterRef("pk")`` of ``Organisation``
    member_count: Callable[[], Expression]


_source: MemberSource | None = None


def register_members(source: MemberSource | None) -> None:
    """Where an organisation's members are kept (profiles registers)."""
    global _source
    _source = source


def member_source() -> MemberSource:
    if _source is None:
        raise LookupError("No members for organisations: profiles registers them")
    return _source
