"""What other apps put on a community's hub, handed over at start-up.

The hub belongs to communities, but most of what it shows is kept by apps
above it, which communities never imports:

- slots ("latest discussions", "unanswered questions", "upcoming events"...):
  a kind of content registers a loader (``register_hub_slot``; forums does in
  ``forums/hub.py``), and the hub asks every registered loader, in order, for
  what the viewer may read;
- the facilitators' count of reports waiting (``register_open_report_count``;
  moderation does in its ``AppConfig.ready()``);
- the community's topics together with its tag cloud, in one query
  (``register_topic_cloud``; content does, which knows which content is live).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from commonroom.communities.models import Community

# Slots --------------------------------------------------------------------------


@dataclass(frozen=True)
class HubSlot:
    """One filled slot: a heading, a link to everything, and a few items."""

    name: str
    heading: str
    template_name: str
    items: list[Any] = field(default_factory=list)
    more_url: str = ""
    empty_text: str = ""


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


def hub_slots(*, community: Community, viewer) -> list[HubSlot]:
    """Every registered slot's content for this community and viewer, in order."""
    slots = []
    for kind in sorted(_hub_slots.values(), key=lambda k: (k.order, k.name)):
        slot = kind.loader(community=community, viewer=viewer)
        if slot is not None:
            slots.append(slot)
    return slots


# Reports waiting ----------------------------------------------------------------

_open_report_count: Callable[[Community], int] | None = None


def register_open_report_count(counter: Callable[[Community], int] | None) -> None:
    """Use ``counter(community)`` for the number of reports waiting."""
    global _open_report_count
    _open_report_count = counter


def open_report_count(community: Community) -> int:
    """How many reports wait for the community's facilitators (0 if nobody counts)."""
    return _open_report_count(community) if _open_report_count is not None else 0


# Topics and the tag cloud -------------------------------------------------------


@dataclass(frozen=True)
class TopicCloud:
    """The community's topics (A–Z) and, for readers, its tag cloud: the most
    used tags on its live content (``content.selectors.CloudTag``, A–Z)."""

    topics: list[Any]
    cloud: list[Any] = field(default_factory=list)


# loader(community=..., viewer=...) -> TopicCloud. Only called for people who
# may read the community.
_topic_cloud: Callable[..., TopicCloud] | None = None


def register_topic_cloud(loader: Callable[..., TopicCloud] | None) -> None:
    """Use ``loader`` for the hub's topics and tag cloud, for readers."""
    global _topic_cloud
    _topic_cloud = loader


def topic_cloud(*, community: Community, viewer) -> TopicCloud | None:
    """The topics and the cloud, or None if nobody registered a loader."""
    if _topic_cloud is None:
        return None
    return _topic_cloud(community=community, viewer=viewer)
