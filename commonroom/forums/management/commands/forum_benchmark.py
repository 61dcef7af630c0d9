"""How long the forum's pages take on the server, however deep the page.

Seeds a thread with 10,000 replies and a community with 5,000 threads (in a
community of its own, "benchmark-forum"), then requests the first, a middle
and the last page of each through Django's test client and prints the median
and 90th percentile time and the number of SQL queries. A benchmark, not a
test: it prints figures and asserts nothing (DESIGN.md, "Performance targets").

    .venv/bin/python manage.py forum_benchmark
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/commonroom_bench \\
        .venv/bin/python manage.py forum_benchmark
"""

import statistics
import sys
import time
from argparse import SUPPRESS
from datetime import timedelta
from random import Random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from tqdm import tqdm

from commonroom.communities.models import Community, Membership
from commonroom.core.markdown import render_markdown
from commonroom.forums.models import REPLIES_PER_PAGE, THREADS_PER_PAGE, Reply, Thread
from commonroom.profiles.models import Profile

SLUG = "benchmark-forum"
MEMBER_EMAIL = "benchmark.member@benchmark.commonroom.localhost"
AUTHORS = 24
BATCH = 1000
WARM_UP = 3

REPLY_TEXTS = [
    "We had the same problem at our council. What helped most was agreeing the "
    "**process with legal first**, then writing the guidance for officers.",
    "Thanks for sharing this. A few things we learnt:\n\n"
    "1. Start small, with one team\n2. Measure before you change anything\n"
    "3. Tell members early\n\nHappy to share our template.",
    "> Measure before you change anything\n\nThis is the bit everyone skips, and "
    "the bit that made our business case.",
    "The [statutory guidance](https://www.gov.uk/government/publications) is "
    "clearer than it used to be, but it still leaves a lot to local discretion.",
    "Following with interest: we are about six months behind you.",
    "We brought it back in-house last year. Costs were roughly neutral, and we "
    "have far more control over quality now.",
]
THREAD_TITLES = [
    "Resourcing enforcement with a smaller team",
    "Template for a local validation checklist?",
    "Reporting performance to scrutiny",
    "Lessons learnt from our service review",
    "Shared services: who has done it?",
    "Training for officers new to the role",
    "Budget pressures: what are you protecting?",
    "Peer review offer",
]


class Command(BaseCommand):
    help = (
        "Seed a thread with 10,000 replies and a community with 5,000 threads, "
        "and print the median server time of their first, middle and last pages "
        "(a benchmark, not a timed test)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repeat",
            type=int,
            default=30,
            help="Timed requests per page, after a few to warm up (default 30).",
        )
        parser.add_argument(
            "--reseed",
            action="store_true",
            help="Delete the benchmark community and seed it again.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with COMMONROOM_PRODUCTION=true (it writes a community).",
        )
        # Smaller data sets, for the command's own test.
        parser.add_argument("--replies", type=int, default=10_000, help=SUPPRESS)
        parser.add_argument("--threads", type=int, default=5_000, help=SUPPRESS)

    def handle(self, *args, repeat, reseed, force, replies, threads, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "This is a production installation (COMMONROOM_PRODUCTION=true): "
                "the benchmark would add thousands of posts. Use --force if you "
                "really mean it."
            )
        if replies < 1 or threads < 1 or repeat < 1:
            raise CommandError("--replies, --threads and --repeat must be at least 1.")
        self.quiet = options["verbosity"] == 0
        self.stdout.write(f"Database: {_describe_database()}")
        if settings.DEBUG:
            self.stdout.write(
                "DEBUG is on, which slows every request: run with DEBUG=false for "
                "figures comparable with production."
            )
        community, thread = self._data(replies=replies, threads=threads, reseed=reseed)
        member = get_user_model().objects.get(email=MEMBER_EMAIL)
        _analyze()
        self._measure(community, thread, member, repeat=repeat)

    # Seeding -------------------------------------------------------------------

    def _data(self, *, replies: int, threads: int, reseed: bool):
        community = Community.objects.filter(slug=SLUG).first()
        thread = None
        if community is not None:
            thread = (
                Thread.objects.filter(community=community)
                .order_by("-last_position")
                .first()
            )
            count = Thread.objects.filter(community=community).count()
            matches = thread is not None and (thread.last_position, count) == (
                replies,
                threads,
            )
            if not reseed and matches:
                self.stdout.write(
                    f"Reusing the “{community.name}” community "
                    "(--reseed to make it again)."
                )
                return community, thread
            if not reseed:
                self.stdout.write(
                    "The benchmark community has other sizes than asked for: "
                    "seeding it again."
                )
            self._delete(community)
        return self._seed(replies=replies, threads=threads)

    def _delete(self, community: Community) -> None:
        self.stdout.write("Deleting the old benchmark data…")
        with transaction.atomic():
            Reply.objects.filter(community=community).delete()
            Thread.objects.filter(community=community).delete()
            community.delete()

    def _progress(self, total: int, desc: str):
        return tqdm(
            total=total,
            desc=f"{desc:<24}",
            file=sys.stderr,
            disable=self.quiet,
            unit="",
            dynamic_ncols=True,
        )

    @transaction.atomic
    def _seed(self, *, replies: int, threads: int):
        rng = Random(2006)  # noqa: S311 - benchmark data
        now = timezone.now()
        member, authors = _people()
        community = Community.objects.create(
            name="Benchmark Forum",
            slug=SLUG,
            purpose="Made by the forum_benchmark command to time deep pages.",
            visibility=Community.Visibility.OPEN,
            owner=authors[0],
            created_by=authors[0],
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    community=community,
                    user=user,
                    role=(
                        Membership.Role.FACILITATOR
                        if user == authors[0]
                        else Membership.Role.MEMBER
                    ),
                )
                for user in [member, *authors]
            ]
        )
        # The long thread first, then the others around it in time.
        started = now - timedelta(days=400)
        long = Thread.objects.create(
            community=community,
            author=authors[0],
            title=f"A thread with {replies:,} replies",
            body="Tell us how you are getting on.",
            body_html=render_markdown("Tell us how you are getting on.").html,
            kind=Thread.Kind.DISCUSSION,
        )
        rendered = [(text, render_markdown(text).html) for text in REPLY_TEXTS]
        step = (now - started) / (replies + 1)
        with self._progress(replies, "Replies") as bar:
            for first in range(1, replies + 1, BATCH):
                batch, times = [], []
                for position in range(first, min(first + BATCH, replies + 1)):
                    body, html = rendered[position % len(rendered)]
                    at = started + step * position
                    batch.append(
                        Reply(
                            community=community,
                            thread=long,
                            author=authors[position % len(authors)],
                            body=body,
                            body_html=html,
                            position=position,
                        )
                    )
                    times.append(at)
                Reply.objects.bulk_create(batch)
                _set_times(
                    Reply, [(r.pk, at) for r, at in zip(batch, times, strict=True)]
                )
                bar.update(len(batch))
        last_reply_at = started + step * replies
        Thread.objects.filter(pk=long.pk).update(
            created_at=started,
            updated_at=last_reply_at,
            last_activity_at=last_reply_at,
            last_position=replies,
            reply_count=replies,
            last_reply_by=authors[replies % len(authors)],
        )
        body = "What is everyone doing about this? Any **examples** welcome."
        html = render_markdown(body).html
        with self._progress(threads - 1, "Threads") as bar:
            for first in range(1, threads, BATCH):
                batch, times = [], []
                for n in range(first, min(first + BATCH, threads)):
                    # Started (and last active) any time in the past two years.
                    created = now - timedelta(minutes=rng.randint(60, 730 * 24 * 60))
                    times.append(created)
                    batch.append(
                        Thread(
                            community=community,
                            author=authors[n % len(authors)],
                            title=f"{THREAD_TITLES[n % len(THREAD_TITLES)]} ({n})",
                            body=body,
                            body_html=html,
                            kind=(
                                Thread.Kind.QUESTION
                                if n % 3 == 0
                                else Thread.Kind.DISCUSSION
                            ),
                            is_pinned=n <= 2,
                            last_activity_at=created,
                        )
                    )
                Thread.objects.bulk_create(batch)
                _set_times(
                    Thread, [(t.pk, at) for t, at in zip(batch, times, strict=True)]
                )
                bar.update(len(batch))
        Community.objects.filter(pk=community.pk).update(
            member_count=1 + len(authors),
            post_count=threads + replies,
            last_activity_at=now,
        )
        long.refresh_from_db()
        return community, long

    # Measuring -----------------------------------------------------------------

    def _measure(self, community, thread, member, *, repeat: int) -> None:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(member)
        thread_pages = thread.page_count
        list_pages = max(
            1,
            -(-Thread.objects.filter(community=community).count() // THREADS_PER_PAGE),
        )
        thread_url = reverse("forum-thread", args=[community.slug, thread.pk])
        list_url = reverse("forum-thread-list", args=[community.slug])
        pages = []
        for label, url, count in (
            ("thread page", thread_url, thread_pages),
            ("thread list", list_url, list_pages),
        ):
            for where, number in (
                ("first", 1),
                ("middle", (count + 1) // 2),
                ("last", count),
            ):
                pages.append(
                    (f"{label} {number} of {count} ({where})", f"{url}?page={number}")
                )

        self.stdout.write(
            f"A thread with {thread.last_position:,} replies "
            f"({REPLIES_PER_PAGE} a page) and a community with "
            f"{Thread.objects.filter(community=community).count():,} threads "
            f"({THREADS_PER_PAGE} a page); {repeat} timed requests per page "
            f"after {WARM_UP} to warm up.\n"
        )
        header = (
            f"{'page':<40} {'median ms':>10} {'p90 ms':>8} {'queries':>8} {'status':>7}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for label, url in pages:
            status = 0
            for _ in range(WARM_UP):
                status = client.get(url).status_code
            # With DEBUG on, the log of queries may be full; count from empty.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            # Counted now: each later request empties Django's log of queries.
            query_count = len(queries)
            timings = []
            for _ in range(repeat):
                start = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            self.stdout.write(
                f"{label:<40} {statistics.median(timings):>10.1f} "
                f"{_percentile(timings, 90):>8.1f} {query_count:>8} {status:>7}"
            )


def _set_times(model, rows: list) -> None:
    """Set created_at and updated_at, which bulk_create stamps with "now"."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = f"{quote('created_at')} = %s, {quote('updated_at')} = %s"
    # Only model and field names go into the statement; the values are parameters.
    sql = f"UPDATE {table} SET {columns} WHERE {quote('id')} = %s"  # noqa: S608
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(adapt(at), adapt(at), pk) for pk, at in rows])


def _analyze() -> None:
    """Up-to-date planner statistics, as a database in use would have.

    Right after a bulk load PostgreSQL knows nothing about the new rows until
    autovacuum gets to them, and may choose plans no real site would see.
    """
    tables = [model._meta.db_table for model in (Thread, Reply)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ANALYZE " + ", ".join(map(connection.ops.quote_name, tables))
            )
        elif connection.vendor == "sqlite":
            for table in tables:
                cursor.execute("ANALYZE " + connection.ops.quote_name(table))


def _percentile(values: list[float], percent: int) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(percent / 100 * len(ordered)) - 1))
    return ordered[index]


def _describe_database() -> str:
    vendor = connection.display_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            version = cursor.fetchone()[0]
        else:
            version = ""
    name = connection.settings_dict["NAME"]
    return f"{vendor} {version} ({connection.settings_dict['ENGINE']}, {name})".replace(
        "  ", " "
    )


def _people():
    """The member who reads the pages, and the people who wrote them."""
    User = get_user_model()

    def person(email: str, name: str):
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "approval_status": User.ApprovalStatus.APPROVED,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Profile.objects.get_or_create(
            user=user, defaults={"job_title": "Benchmark Officer"}
        )
        return user

    member = person(MEMBER_EMAIL, "Benchmark Reader")
    authors = [
        person(
            f"benchmark.author{n}@benchmark.commonroom.localhost",
            f"Benchmark Author {n}",
        )
        for n in range(1, AUTHORS + 1)
    ]
    return member, authors
