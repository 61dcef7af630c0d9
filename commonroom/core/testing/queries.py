from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


class QueryBudgetExceeded(AssertionError):
    pass


@contextmanager
def query_budget(expected: int) -> Iterator[CaptureQueriesContext]:
    """Assert that the block runs exactly ``expected`` SQL queries.

    On failure the message lists every captured statement, numbered, so the
    extra (or missing) query can be seen without re-running anything.
    """
    with CaptureQueriesContext(connection) as captured:
        yield captured
    count = len(captured.captured_queries)
    if count != expected:
        statements = "\n".join(
            f"{number:3}. {query['sql']}"
            for number, query in enumerate(captured.captured_queries, start=1)
        )
        raise QueryBudgetExceeded(
            f"Expected {expected} queries, ran {count}:\n{statements}"
        )


def session_queries() -> int:
    """Queries a signed-in request spends loading its session: none from Redis."""
    from django.conf import settings

    return 0 if settings.SESSION_ENGINE.endswith(".cache") else 1


def cache_queries(reads: int = 1) -> int:
    """Queries ``reads`` cache reads spend: none from Redis, one each from the
    database cache (the embedded default)."""
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"]
    return reads if backend.endswith("DatabaseCache") else 0
