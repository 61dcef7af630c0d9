"""The search benchmark command, run small (it prints figures, asserts none)."""

import io
import re

import pytest
from django.core.management import call_command

from commonroom.communities.models import Community, Membership
from commonroom.forums.models import Reply, Thread
from commonroom.search.management.commands import search_benchmark as command
from commonroom.search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(command, "COMMUNITIES", 12)
    monkeypatch.setattr(command, "THREADS_PER_COMMUNITY", 5)
    monkeypatch.setattr(command, "REPLIES_PER_THREAD", 2)
    monkeypatch.setattr(command, "AUTHORS", 5)
    monkeypatch.setattr(command, "VOCABULARY_SIZE", 2000)
    monkeypatch.setattr(command, "READERS", {"reader of 2": 2, "reader of 10": 10})


def benchmark() -> str:
    out = io.StringIO()
    call_command("search_benchmark", runs=2, quiet=True, stdout=out)
    return out.getvalue()


def test_it_builds_its_posts_once_and_times_every_query(small):
    output = benchmark()

    assert Thread.objects.count() == 60 and Reply.objects.count() == 120
    assert SearchEntry.objects.filter(kind__in=["thread", "reply"]).count() == 180
    # Members only, each post in a community of its own round.
    assert set(Community.objects.values_list("visibility", flat=True)) == {"restricted"}
    assert Membership.objects.filter(user__email__startswith="reader10@").count() == 10
    for probe in ["rare word", "medium word", "very common word", "phrase", "prefix"]:
        for reader in ["reader of 2", "reader of 10"]:
            line = re.search(
                rf"^{probe} \(.*?\)\s+{reader}\s+([\d.]+)ms\s+([\d.]+)ms\s+\d+\+?$",
                output,
                re.M,
            )
            assert line, f"no figures for {probe} / {reader} in:\n{output}"
            assert float(line[1]) <= float(line[2]) + 1e-9
    assert re.search(r"^asked before\? .*reader of 10\s+[\d.]+ms", output, re.M)
    # The very common word is found by both readers.
    common = re.search(r"^very common word .*reader of 10 .*?(\d+)\+?$", output, re.M)
    assert int(common[1]) > 0

    # A second run reuses everything.
    first_thread = Thread.objects.order_by("pk").first().pk
    benchmark()
    assert Thread.objects.count() == 60
    assert Thread.objects.order_by("pk").first().pk == first_thread
