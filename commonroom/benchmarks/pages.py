"""Which pages the load benchmark drives, and how it reads wrk's report."""

import re
from dataclasses import dataclass

from django.urls import reverse

from commonroom.benchmarks.data import SEARCH_WORD, Data
from commonroom.forums.models import THREADS_PER_PAGE, Thread


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    # Pages only members see: visitors are sent to sign in.
    signed_in_only: bool = False
    # Pages only visitors see: members get another page at the address.
    visitors_only: bool = False


def benchmark_pages(data: Data) -> list[Page]:
    forum, thread = data.forum, data.thread
    list_url = reverse("forum-thread-list", args=[forum.slug])
    list_pages = max(
        1,
        -(-Thread.objects.live().filter(community=forum).count() // THREADS_PER_PAGE),
    )
    pages = [
        # One address: visitors get the landing page, members their home.
        Page("landing", reverse("home"), visitors_only=True),
        Page("member home", reverse("home"), signed_in_only=True),
        Page("directory", reverse("community-directory")),
        Page("hub", reverse("community-detail", args=[forum.slug])),
        Page("thread list first", list_url),
        Page(f"thread list last ({list_pages})", f"{list_url}?page={list_pages}"),
    ]
    threads = [("thread", thread)]
    if data.deep_thread is not None:
        threads.append(("deep thread", data.deep_thread))
    for label, each in threads:
        url = reverse("forum-thread", args=[each.community.slug, each.pk])
        count = each.page_count
        for where, number in (
            ("first", 1),
            ("middle", (count + 1) // 2),
            ("last", count),
        ):
            pages.append(Page(f"{label} {where} ({number})", f"{url}?page={number}"))
    pages += [
        Page("search", f"{reverse('search')}?q={SEARCH_WORD}"),
        Page("people finder", reverse("people-finder"), signed_in_only=True),
    ]
    return pages


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    bad_responses: int
    errors: int


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _duration_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> WrkResult:
    """The figures from ``wrk --latency``'s report."""
    rate = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if rate is None:
        raise ValueError(f"wrk printed no rate:\n{output}")
    latency = dict(re.findall(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+[a-z]+)", output, re.M))
    total = re.search(r"^\s+(\d+) requests in", output, re.M)
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        p50_ms=_duration_ms(latency["50"]),
        p99_ms=_duration_ms(latency["99"]),
        requests=int(total.group(1)) if total else 0,
        bad_responses=int(bad.group(1)) if bad else 0,
        # Read errors are gunicorn's sync workers closing each connection.
        errors=int(errors.group(1)) + int(errors.group(4)) if errors else 0,
    )
