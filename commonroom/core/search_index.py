"""The search index's hook: services say what changed, search keeps its index.

Search sits above every app whose writes it follows, so the services cannot
import it. Instead they call ``changed(obj)`` inside their transaction after
changing ``obj`` (a post of any registered kind, a community, a person); search
hands over the function that brings the index in step at start-up
(``register_indexer``, in ``search/apps.py``). What the index holds then
follows the object as it now is: a deleted or hidden post leaves it, a
restored one comes back, a moved one changes community, and content inside
it (a thread's replies) follows.

Changes the permission filter reads at query time need no call: memberships,
a community's visibility or status, a person's privacy, an account's active
flag (``docs/decisions/0010-search-index.md``).
"""

from collections.abc import Callable

Indexer = Callable[..., None]

_indexer: Indexer | None = None


def register_indexer(indexer: Indexer | None) -> None:
    """Bring the index in step with ``indexer(*objs)`` (search's ``index``)."""
    global _indexer
    _indexer = indexer


def changed(*objs) -> None:
    """``objs`` were created or changed: put them in the index as they now are."""
    if _indexer is None:
        raise LookupError("No search indexer: search registers it at start-up")
    _indexer(*objs)
