"""The load benchmark's pieces, run small on SQLite (no server, no timing)."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from commonroom.benchmarks.data import (
    COMMUNITY_PREFIX,
    MEMBER_EMAIL,
    PEOPLE_DOMAIN,
    SEARCH_WORD,
)
from commonroom.benchmarks.pages import parse_wrk
from commonroom.communities.models import Community
from commonroom.forums.models import Reply, Thread
from commonroom.search.models import SearchEntry

pytestmark = pytest.mark.django_db

SMALL = {
    "communities": 30,
    "people": 12,
    "replies": 45,
    "threads": 30,
    "posts": 150,
    "verbosity": 0,
}

PAGES = [
    "directory",
    "hub",
    "thread list first",
    r"thread list last \(2\)",
    r"thread first \(1\)",
    r"thread middle \(2\)",
    r"thread last \(3\)",
    "search",
]


def load_benchmark(**options) -> str:
    out = io.StringIO()
    call_command("load_benchmark", stdout=out, **(SMALL | options))
    return out.getvalue()


def test_it_seeds_and_counts_the_queries_of_every_page_for_both_audiences():
    output = load_benchmark(no_load=True, allow_sqlite=True)

    for audience in ("visitor", "signed in"):
        for page in PAGES:
            line = re.search(
                rf"^{page}\s+{audience}\s+(?:-\s+){{5}}(\d+)\s+(\d+)$", output, re.M
            )
            assert line, f"no {audience} line for {page!r} in:\n{output}"
            assert 0 < int(line.group(1)) <= 10
            assert line.group(2) == "200"
    # One address, two pages: visitors get the landing page, members their home.
    assert re.search(r"^landing\s+visitor .* 200$", output, re.M)
    assert not re.search(r"^landing\s+signed in", output, re.M)
    home = re.search(
        r"^member home\s+signed in\s+(?:-\s+){5}(\d+)\s+200$", output, re.M
    )
    assert home, output
    assert int(home.group(1)) <= 10
    assert not re.search(r"^member home\s+visitor", output, re.M)
    # The people finder is for members: visitors are not measured on it.
    assert re.search(r"^people finder\s+signed in .* 200$", output, re.M)
    assert not re.search(r"^people finder\s+visitor", output, re.M)
    assert Community.objects.filter(slug__startswith=COMMUNITY_PREFIX).count() == 30
    assert Thread.objects.count() + Reply.objects.count() >= 150


def test_every_benchmark_account_is_listed_so_the_people_finder_is_full(client):
    load_benchmark(no_load=True, allow_sqlite=True)
    User = get_user_model()
    accounts = User.objects.filter(email__endswith="benchmark.commonroom.localhost")

    assert accounts.count() >= SMALL["people"]
    assert User.objects.listed().count() == accounts.count()
    client.force_login(User.objects.get(email=MEMBER_EMAIL))
    shown = client.get("/people/").context["pagination"].object_list
    assert len(shown) == min(20, accounts.count())


def test_a_second_run_reuses_the_data():
    load_benchmark(no_load=True, allow_sqlite=True)
    communities = set(Community.objects.values_list("pk", flat=True))
    replies = Reply.objects.count()

    load_benchmark(no_load=True, allow_sqlite=True)

    assert set(Community.objects.values_list("pk", flat=True)) == communities
    assert Reply.objects.count() == replies


def test_it_can_seed_a_deep_thread_and_measures_it_too():
    output = load_benchmark(no_load=True, allow_sqlite=True, deep=70)

    deep = Thread.objects.get(community__slug="benchmark-deep")
    assert deep.last_position == 70
    assert list(
        Reply.objects.filter(thread=deep).values_list("position", flat=True)
    ) == list(range(1, 71))
    assert re.search(r"^deep thread last \(4\)\s+signed in .* 200$", output, re.M)


def test_it_refuses_sqlite_unless_asked(monkeypatch):
    # The suite runs on both databases: on PostgreSQL, say it is SQLite.
    monkeypatch.setattr(connection, "vendor", "sqlite")

    with pytest.raises(CommandError, match="PostgreSQL"):
        load_benchmark(no_load=True)

    assert not Community.objects.filter(slug__startswith=COMMUNITY_PREFIX).exists()


def test_it_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        load_benchmark(no_load=True, allow_sqlite=True)


@override_settings(ROOT_URLCONF="commonroom.benchmarks.urls")
def test_the_floor_renders_fifty_rows_from_the_database(client):
    load_benchmark(no_load=True, allow_sqlite=True, threads=60)
    newest = Thread.objects.order_by("-pk")[0]

    response = client.get(reverse("benchmark-floor"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<tr><td>") == 50
    assert newest.title in html


def test_the_floor_is_not_a_route_of_the_site():
    with pytest.raises(NoReverseMatch):
        reverse("benchmark-floor")
    with pytest.raises(Resolver404):
        resolve("/benchmark-floor/")


def test_the_benchmark_settings_are_the_sites_with_debug_off():
    from commonroom.benchmarks import settings as benchmark

    assert benchmark.DEBUG is False
    assert benchmark.ROOT_URLCONF == "commonroom.benchmarks.urls"
    assert benchmark.INSTALLED_APPS[-1] == "commonroom.benchmarks"


def test_people_are_seeded_with_profiles():
    load_benchmark(no_load=True, allow_sqlite=True)
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(email__endswith="@" + PEOPLE_DOMAIN)
    assert people.count() == 12
    assert all(person.profile.job_title for person in people)


WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40123/benchmark-floor/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    25.10ms    8.13ms  98.20ms   80.00%
    Req/Sec   320.11     40.02   410.00     71.00%
  Latency Distribution
     50%   23.41ms
     75%   28.00ms
     90%   34.90ms
     99%    1.20s
  6402 requests in 10.01s, 9.88MB read
  Socket errors: connect 0, read 6402, write 0, timeout 3
  Non-2xx or 3xx responses: 2
Requests/sec:    639.58
Transfer/sec:      0.99MB
"""


def test_wrk_reports_are_read():
    result = parse_wrk(WRK_OUTPUT)

    assert result.requests_per_second == 639.58
    assert result.p50_ms == 23.41
    assert result.p99_ms == 1200.0
    assert result.requests == 6402
    assert result.bad_responses == 2
    # Read errors are sync workers closing connections; timeouts are errors.
    assert result.errors == 3


def test_the_bulk_data_is_in_the_search_index_so_search_is_measured(client):
    load_benchmark(no_load=True, allow_sqlite=True)

    live = Reply.objects.filter(deleted_at=None, hidden_at=None)
    assert SearchEntry.objects.filter(kind="reply").count() == live.count()
    client.force_login(get_user_model().objects.get(email=MEMBER_EMAIL))
    response = client.get("/search/", {"q": SEARCH_WORD})
    assert response.context["found"].total > 0
