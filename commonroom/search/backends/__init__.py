"""The full-text backends, one per database (picked by ``connection.vendor``)."""

from django.db import connection

from commonroom.search.backends.base import Backend


def backend() -> Backend:
    """The backend for the database in use."""
    if connection.vendor == "sqlite":
        from commonroom.search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    if connection.vendor == "postgresql":
        from commonroom.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    raise LookupError(f"Search has no backend for {connection.vendor}")


__all__ = ["Backend", "backend"]
