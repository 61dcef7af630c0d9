"""Short lists that every reader sees the same, kept in memory between changes.

The community directory and the people finder offer the same service areas and
organisations to everyone, and loading them cost two queries a page. A
``KeptList`` loads its list once per process and language, and keeps it until a
row of one of the models it is built from is saved or deleted in this process
(at once, and again when the transaction commits, so a list loaded while the
change was being written is not kept), or until it is ``MAX_AGE`` seconds old,
which bounds how long another process, or a change made without signals
(``QuerySet.update``), can leave it behind.

Only lists that are the same for every reader and say nothing confidential
belong here. Reading a kept list costs no query and no cache round trip (the
default cache is a database table).
"""

import threading
import time
from collections.abc import Callable

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

MAX_AGE = 60.0

_every: list["KeptList"] = []


class KeptList:
    def __init__(self, name: str, load: Callable[[], list], *, models: tuple[str, ...]):
        self.name = name
        self.load = load
        self._kept: dict[str | None, tuple[float, list]] = {}
        self._lock = threading.Lock()
        for model in models:
            for signal in (post_save, post_delete):
                signal.connect(
                    self._changed,
                    sender=model,
                    weak=False,
                    dispatch_uid=f"kept-list-{name}-{id(signal)}-{model}",
                )
        _every.append(self)

    def __call__(self) -> list:
        language = get_language()
        now = time.monotonic()
        found = self._kept.get(language)
        if found is not None and now - found[0] < MAX_AGE:
            return found[1]
        items = list(self.load())
        with self._lock:
            self._kept[language] = (now, items)
        return items

    def forget(self) -> None:
        with self._lock:
            self._kept.clear()

    def _changed(self, **kwargs) -> None:
        self.forget()
        transaction.on_commit(self.forget)


def forget_all() -> None:
    """Drop every kept list (tests: a rolled-back row must not stay listed)."""
    for kept in _every:
        kept.forget()


def _service_areas() -> list[tuple[str, str]]:
    from commonroom.core.models import ServiceArea
    from commonroom.core.service_areas import translated_choices

    # Kept per language: the names in the reader's, in their order.
    return translated_choices(ServiceArea.objects.values_list("slug", "name"))


# The service areas, as (slug, name), A–Z in the reader's language: every
# filter and profile form's list.
service_area_choices = KeptList(
    "service-areas", _service_areas, models=("core.ServiceArea",)
)
