"""The content registry: how kinds of community content plug into shared pages.

For now it holds the community hub's slots ("latest discussions", "unanswered
questions", "upcoming events"...). A content kind registers a loader; the hub
asks every registered loader, in order, for what the viewer may read. Issue [4]
grows this into the full registry (search, tags, activity, moderation and the
leak matrix walk it too).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class HubSlot:
    """One filled slot: a heading, a link to everything, and a few items."""

    name: str
    heading: str
    template_name: str
    items: list[Any] = field(default_factory=list)
    more_url: str = ""


@dataclass(frozen=True)
class HubSlotKind:
    name: str
    order: int
    # loader(community=..., viewer=...) -> HubSlot | None. It is only called for
    # people who may read the community, and must filter what it returns with
    # the access kernel all the same.
    loader: Callable[..., HubSlot | None]


_hub_slots: dict[str, HubSlotKind] = {}


def register_hub_slot(*, name: str, order: int = 100) -> Callable:
    def register(loader: Callable[..., HubSlot | None]):
        _hub_slots[name] = HubSlotKind(name=name, order=order, loader=loader)
        return loader

    return register


def unregister_hub_slot(name: str) -> None:
    _hub_slots.pop(name, None)


def hub_slots(*, community, viewer) -> list[HubSlot]:
    """Every registered slot's content for this community and viewer, in order."""
    slots = []
    for kind in sorted(_hub_slots.values(), key=lambda k: (k.order, k.name)):
        slot = kind.loader(community=community, viewer=viewer)
        if slot is not None:
            slots.append(slot)
    return slots
