"""Values kept in the cache until a version key moves on.

A ``Versioned`` keeps any number of values under one version key: each value
is stored with the version it was made at, and read in the same round trip as
the version, so one made at an older version is made again; ``bump()`` moves
the version on. Unlike ``core.kept_lists`` (per process, up to a minute old),
every process sees a bump at once: fit for values that must be exact, such as
the ids the access kernel filters by or the count a paginator divides.
"""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache

KEPT_FOR = 24 * 60 * 60  # seconds; a bump makes them stale before then


class Versioned:
    def __init__(self, version_key: str):
        self.version_key = version_key

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        found = cache.get_many([self.version_key, key])
        version = found.get(self.version_key)
        if version is None:
            version = self._version()
        kept = found.get(key)
        if kept is not None and kept[0] == version:
            return kept[1]
        value = make()
        cache.set(key, (version, value), timeout=KEPT_FOR)
        return value

    def bump(self) -> None:
        try:
            cache.incr(self.version_key)
        except ValueError:
            cache.set(self.version_key, 2, timeout=None)

    def _version(self) -> int:
        version = cache.get(self.version_key)
        if version is None:
            version = 1
            cache.add(self.version_key, version, timeout=None)
            version = cache.get(self.version_key, version)
        return version
