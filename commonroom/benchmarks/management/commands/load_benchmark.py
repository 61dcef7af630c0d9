"""Each page's speed under load, side by side with the floor, in one run.

Seeds (or reuses) the benchmark data on PostgreSQL, starts the site under
gunicorn (2 sync workers, DEBUG off, ``commonroom.benchmarks.settings``) on a
free port of 127.0.0.1, and drives it with wrk (``-t2 -c16``) in turns: the
floor, a page, the floor, the next page... so whatever else the machine is
doing slows the floor and the page alike. Each page's ratio is its rate over
the mean of the floors measured just before and just after it. Then it prints
each page's requests a second, the floor's, the ratio, the median and 99th
percentile latency and the number of SQL queries, for a visitor and for a
signed-in member (wrk sends the member's session cookie). A benchmark, not a
test: it prints figures and asserts nothing (DESIGN.md, "Performance targets").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/commonroom_bench \\
    REDIS_URL=redis://127.0.0.1:6379/10 \\
        .venv/bin/python manage.py load_benchmark [--explain] [--duration 10]
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from argparse import SUPPRESS
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commonroom.benchmarks.data import Data, Seeder, Sizes
from commonroom.benchmarks.pages import Page, WrkResult, benchmark_pages, parse_wrk
from commonroom.benchmarks.urls import FLOOR_PATH
from commonroom.communities.models import Community

SETTINGS_MODULE = "commonroom.benchmarks.settings"
AUDIENCES = ("visitor", "signed in")


@dataclass
class Row:
    page: Page
    audience: str
    queries: int
    status: int
    result: WrkResult | None = None
    floor: float = 0.0


class Command(BaseCommand):
    help = (
        "Seed the benchmark data, serve the site under gunicorn and print each "
        "page's requests a second as a ratio to a bare Django page (the floor), "
        "with latency and queries, for visitors and signed-in members."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--duration",
            type=int,
            default=10,
            help="Seconds of load for each page and each floor (default 10).",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Print EXPLAIN ANALYZE of every SELECT each page runs (signed in).",
        )
        parser.add_argument(
            "--no-load",
            action="store_true",
            help="Seed and count queries, but start no server and run no wrk.",
        )
        parser.add_argument(
            "--only",
            default="",
            help="Only the pages whose name contains this (e.g. 'thread').",
        )
        parser.add_argument(
            "--reseed",
            action="store_true",
            help="Seed the forum benchmark's community again.",
        )
        parser.add_argument(
            "--deep",
            type=int,
            default=0,
            help="Also seed (or grow) a separate thread with this many replies, "
            "and measure it: e.g. 1000000 to check that plans stay flat.",
        )
        parser.add_argument(
            "--posts",
            type=int,
            default=100_000,
            help="Top the table up to this many posts, spread over the "
            "benchmark forum's threads (default 100,000).",
        )
        parser.add_argument(
            "--allow-sqlite",
            action="store_true",
            help="Run on SQLite, whose figures say little about production.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with COMMONROOM_PRODUCTION=true (it writes data).",
        )
        # Smaller data sets, for the command's own test.
        parser.add_argument("--communities", type=int, default=2000, help=SUPPRESS)
        parser.add_argument("--people", type=int, default=2000, help=SUPPRESS)
        parser.add_argument("--replies", type=int, default=10_000, help=SUPPRESS)
        parser.add_argument("--threads", type=int, default=5000, help=SUPPRESS)

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["force"]:
            raise CommandError(
                "This is a production installation (COMMONROOM_PRODUCTION=true): "
                "the benchmark would add thousands of rows. Use --force if you "
                "really mean it."
            )
        if connection.vendor != "postgresql" and not options["allow_sqlite"]:
            raise CommandError(
                "The load benchmark measures PostgreSQL, as production runs: set "
                "DATABASE_URL=postgres://... (or pass --allow-sqlite for figures "
                "that say little)."
            )
        wrk = shutil.which("wrk")
        if not options["no_load"] and wrk is None:
            raise CommandError(
                "wrk is not installed: apt-get install wrk (Debian's package)."
            )
        if options["duration"] < 1:
            raise CommandError("--duration must be at least 1 second.")
        self.quiet = options["verbosity"] == 0
        sizes = Sizes(
            communities=options["communities"],
            people=options["people"],
            replies=options["replies"],
            threads=options["threads"],
            posts=options["posts"],
            deep=options["deep"],
        )
        data = Seeder(stdout=self.stdout, quiet=self.quiet).seed(
            sizes, reseed=options["reseed"]
        )
        # Visitors may read the forum, so their pages are pages, not redirects.
        Community.objects.filter(pk=data.forum.pk).update(public_reading=True)
        pages = [
            page
            for page in benchmark_pages(data)
            if options["only"].lower() in page.name.lower()
        ]
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(data.member)
        name = settings.SESSION_COOKIE_NAME
        cookie = f"{name}={client.cookies[name].value}"
        rows = self._count_queries(pages, client)
        self._describe(data)
        if options["explain"]:
            self._explain(pages, client)
        if not options["no_load"]:
            self._load(rows, wrk=wrk, cookie=cookie, duration=options["duration"])
        self._print(rows)

    # Queries ------------------------------------------------------------------

    def _count_queries(self, pages: list[Page], member_client: Client) -> list[Row]:
        visitor_client = Client(HTTP_HOST="127.0.0.1")
        rows = []
        for audience in AUDIENCES:
            client = member_client if audience == "signed in" else visitor_client
            for page in pages:
                if audience == "visitor" and page.signed_in_only:
                    continue
                if audience == "signed in" and page.visitors_only:
                    continue
                # Warm: the first request fills caches a running site has full.
                client.get(page.url)
                reset_queries()
                with CaptureQueriesContext(connection) as queries:
                    status = client.get(page.url).status_code
                rows.append(Row(page, audience, len(queries), status))
        return rows

    def _explain(self, pages: list[Page], client: Client) -> None:
        if connection.vendor != "postgresql":
            self.stdout.write("EXPLAIN ANALYZE needs PostgreSQL: skipped.")
            return
        for page in pages:
            client.get(page.url)
            with CaptureQueriesContext(connection) as queries:
                client.get(page.url)
            self.stdout.write(f"\n=== {page.name}: {page.url}")
            with connection.cursor() as cursor:
                for number, query in enumerate(queries.captured_queries, start=1):
                    sql = query["sql"]
                    self.stdout.write(f"\n--- {number}. {sql}")
                    if not sql.lstrip().upper().startswith("SELECT"):
                        self.stdout.write("(not a SELECT: not explained)")
                        continue
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    for (line,) in cursor.fetchall():
                        self.stdout.write(line)

    # Load -----------------------------------------------------------------------

    def _load(self, rows: list[Row], *, wrk: str, cookie: str, duration: int):
        self._collect_static()
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = self._start_gunicorn(port)
        try:
            _wait_until_up(f"{base}/{FLOOR_PATH}", server)

            def run(url: str, audience: str) -> WrkResult:
                command = [wrk, "-t2", "-c16", f"-d{duration}s", "--latency"]
                if audience == "signed in":
                    command += ["-H", f"Cookie: {cookie}"]
                done = subprocess.run(  # noqa: S603 - our own arguments
                    [*command, base + url],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                return parse_wrk(done.stdout)

            measured = [row for row in rows if row.status == 200]
            for audience in AUDIENCES:
                turns = [row for row in measured if row.audience == audience]
                floor_before = run(f"/{FLOOR_PATH}", audience).requests_per_second
                for row in turns:
                    if not self.quiet:
                        self.stderr.write(f"{audience}: {row.page.name}…")
                    row.result = run(row.page.url, audience)
                    floor_after = run(f"/{FLOOR_PATH}", audience).requests_per_second
                    row.floor = (floor_before + floor_after) / 2
                    floor_before = floor_after
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()

    def _environment(self) -> dict:
        return os.environ | {
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "DEBUG": "false",
        }

    def _collect_static(self) -> None:
        subprocess.run(  # noqa: S603 - our own arguments
            [sys.executable, "-m", "django", "collectstatic", "--no-input", "-v0"],
            env=self._environment(),
            check=True,
        )

    def _start_gunicorn(self, port: int) -> subprocess.Popen:
        return subprocess.Popen(  # noqa: S603 - our own arguments
            [
                sys.executable,
                "-m",
                "gunicorn",
                "commonroom.wsgi:application",
                "--workers=2",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
            ],
            env=self._environment(),
            cwd=settings.BASE_DIR,
        )

    # Report ---------------------------------------------------------------------

    def _describe(self, data: Data) -> None:
        from commonroom.forums.models import Reply, Thread

        self.stdout.write(
            f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); "
            f"{Community.objects.count():,} communities, "
            f"{Thread.objects.count():,} threads, {Reply.objects.count():,} replies; "
            f"the long thread has {data.thread.last_position:,} replies"
            + (
                f", the deep one {data.deep_thread.last_position:,}"
                if data.deep_thread
                else ""
            )
            + "."
        )

    def _print(self, rows: list[Row]) -> None:
        header = (
            f"{'page':<28} {'who':<9} {'req/s':>8} {'floor':>8} {'ratio':>6} "
            f"{'p50 ms':>7} {'p99 ms':>7} {'queries':>7} {'status':>6}"
        )
        self.stdout.write("\n" + header)
        self.stdout.write("-" * len(header))
        for row in rows:
            if row.result is None:
                figures = f"{'-':>8} {'-':>8} {'-':>6} {'-':>7} {'-':>7}"
            else:
                r = row.result
                ratio = r.requests_per_second / row.floor if row.floor else 0
                figures = (
                    f"{r.requests_per_second:>8.1f} {row.floor:>8.1f} {ratio:>6.2f} "
                    f"{r.p50_ms:>7.1f} {r.p99_ms:>7.1f}"
                )
            note = ""
            if row.result and (row.result.bad_responses or row.result.errors):
                note = (
                    f"  ({row.result.bad_responses} bad responses, "
                    f"{row.result.errors} errors)"
                )
            self.stdout.write(
                f"{row.page.name:<28} {row.audience:<9} {figures} "
                f"{row.queries:>7} {row.status:>6}{note}"
            )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError("gunicorn stopped before it answered.")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback
                return
        except OSError:  # refused, reset, or slow to answer while it starts
            time.sleep(0.3)
    raise CommandError(f"gunicorn did not answer {url} within {timeout:.0f}s.")
