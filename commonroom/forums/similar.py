"""Similar questions for the forum's pages ("asked before?"), found by search.

Search sits above the forum (it indexes the forum's posts), so the forum's
views cannot import it. Search hands over its finder at start-up instead
(``register_similar_questions``, in ``search/apps.py``): ``search.similar``.
"""

from collections.abc import Callable, Iterable

SimilarFinder = Callable[..., list]

_finder: SimilarFinder | None = None


def register_similar_questions(finder: SimilarFinder | None) -> None:
    """Find similar questions with ``finder(viewer, title, limit=, exclude=)``."""
    global _finder
    _finder = finder


def similar_questions(
    viewer, title: str, *, limit: int = 5, exclude: Iterable[int] | None = None
) -> list:
    """Up to ``limit`` questions like ``title`` that ``viewer`` may read,
    answered ones first (``search.similar.SimilarQuestion`` items)."""
    if _finder is None:
        raise LookupError("No similar-questions finder: search registers it")
    return _finder(viewer, title, limit=limit, exclude=exclude)
