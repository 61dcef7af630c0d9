import dataclasses

import pytest

from commonroom.content import registry


@pytest.fixture
def replaced_kind(monkeypatch):
    """Swap a registered kind for a changed copy, for one test."""

    def replace(name, **changes):
        kind = dataclasses.replace(registry._kinds[name], **changes)
        monkeypatch.setitem(registry._kinds, name, kind)
        return kind

    return replace
