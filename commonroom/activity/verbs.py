"""Verbs: what an activity entry or a moderation log entry says happened.

Two vocabularies, each a small registry of stored value -> label:

- ``ACTIVITY`` for ``Activity.verb`` ("posted", "hid", "reported"...), labels
  that read after a person's name ("Sam *replied to* …");
- ``MODERATION`` for ``ModerationAction.action`` ("hid", "pinned"...), labels
  shown on their own in the moderation log ("Hid", "Pinned").

The verbs every kind of content shares are registered here, below. A kind
registers its own extra verbs from its own module (forums: pinning, locking,
accepted answers, following; see ``commonroom/forums/kinds.py``), so shared
code that writes or shows a verb walks these registries and never names a kind.

Stored values are plain strings; the model fields carry no ``choices``.
Writing an entry with a verb nobody registered raises ``UnknownVerb``.
"""

from django.utils.translation import gettext_lazy as _


class UnknownVerb(ValueError):
    """A verb that no kind registered."""


class Vocabulary:
    """A registry of verbs: stored value -> translatable label."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._labels: dict[str, str] = {}

    def register(self, value: str, label) -> str:
        """Register ``value`` with ``label``; returns ``value`` for use as a constant.

        Registering the same value again with the same label is harmless (a
        module imported twice); with a different label it is a mistake.
        """
        if len(value) > 30:
            raise ValueError(f"{self.name} {value!r} is longer than 30 characters")
        known = self._labels.get(value)
        if known is not None and str(known) != str(label):
            raise ValueError(f"{self.name} {value!r} is already {known!r}")
        self._labels[value] = label
        return value

    def unregister(self, value: str) -> None:
        self._labels.pop(value, None)

    def __contains__(self, value: str) -> bool:
        return value in self._labels

    def values(self) -> list[str]:
        return sorted(self._labels)

    def check(self, value: str) -> str:
        """``value`` if it is registered; otherwise ``UnknownVerb`` saying so."""
        if value not in self._labels:
            raise UnknownVerb(
                f"Unknown {self.name} {value!r}: register it with "
                f"{self.name.split()[0].upper()}.register() in the kind's module "
                f"(known: {', '.join(self.values())})"
            )
        return value

    def label(self, value: str):
        """The label for ``value`` (a value no longer registered shows as itself)."""
        return self._labels.get(value, value)


ACTIVITY = Vocabulary("activity verb")
MODERATION = Vocabulary("moderation action")


class Verb:
    """Activity verbs any kind of content shares."""

    POSTED = ACTIVITY.register("posted", _("posted"))
    EDITED = ACTIVITY.register("edited", _("edited"))
    DELETED = ACTIVITY.register("deleted", _("deleted"))
    MENTIONED = ACTIVITY.register("mentioned", _("mentioned someone in"))
    MARKED_HELPFUL = ACTIVITY.register("marked_helpful", _("found helpful"))
    UNMARKED_HELPFUL = ACTIVITY.register(
        "unmarked_helpful", _("no longer found helpful")
    )
    MOVED = ACTIVITY.register("moved", _("moved"))
    HIDDEN = ACTIVITY.register("hidden", _("hid"))
    RESTORED = ACTIVITY.register("restored", _("restored"))
    REPORTED = ACTIVITY.register("reported", _("reported"))


class Action:
    """Moderation actions any kind of content shares."""

    HID = MODERATION.register("hid", _("Hid"))
    RESTORED = MODERATION.register("restored", _("Restored"))
    DELETED = MODERATION.register("deleted", _("Deleted"))
    EDITED = MODERATION.register("edited", _("Edited"))
    MOVED = MODERATION.register("moved", _("Moved"))
    DISMISSED_REPORT = MODERATION.register("dismissed_report", _("Dismissed a report"))
