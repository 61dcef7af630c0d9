"""The forum benchmark command, run small (it prints figures, asserts none)."""

import io
import re

import pytest
from django.core.management import CommandError, call_command

from commonroom.communities.models import Community
from commonroom.forums.models import Reply, Thread

pytestmark = pytest.mark.django_db

PAGES = [
    r"thread page 1 of 3 \(first\)",
    r"thread page 2 of 3 \(middle\)",
    r"thread page 3 of 3 \(last\)",
    r"thread list 1 of 2 \(first\)",
    r"thread list 1 of 2 \(middle\)",
    r"thread list 2 of 2 \(last\)",
]


def benchmark(**options) -> str:
    out = io.StringIO()
    options = {"replies": 45, "threads": 30, "repeat": 2, "verbosity": 0} | options
    call_command("forum_benchmark", stdout=out, **options)
    return out.getvalue()


def test_it_prints_time_and_queries_for_each_page():
    output = benchmark()

    assert "Database: " in output
    for page in PAGES:
        # median ms, p90 ms, queries, status
        line = re.search(
            rf"^{page}\s+([\d.]+)\s+([\d.]+)\s+(\d+)\s+(\d+)$", output, re.M
        )
        assert line, f"no figures for {page!r} in:\n{output}"
        assert int(line.group(3)) > 0
    community = Community.objects.get(slug="benchmark-forum")
    thread = Thread.objects.filter(community=community).order_by("-last_position")[0]
    assert thread.last_position == 45
    assert thread.reply_count == 45
    assert list(
        Reply.objects.filter(thread=thread).values_list("position", flat=True)
    ) == list(range(1, 46))
    assert Thread.objects.filter(community=community).count() == 30


def test_it_reuses_the_data_unless_asked_to_seed_again():
    benchmark()
    thread_ids = set(Thread.objects.values_list("pk", flat=True))

    assert "Reusing" in benchmark()
    assert set(Thread.objects.values_list("pk", flat=True)) == thread_ids

    benchmark(reseed=True)
    assert not thread_ids & set(Thread.objects.values_list("pk", flat=True))
    assert Thread.objects.count() == 30


def test_it_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        benchmark()

    assert not Community.objects.filter(slug="benchmark-forum").exists()
