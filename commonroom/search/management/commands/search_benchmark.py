"""``manage.py search_benchmark``: how fast search answers on 100,000 posts.

Builds its own data set once (found again by its addresses, so a second run
reuses it): 200 members-only communities with 500 posts each (100 threads,
one in five a question, with four replies each), titles of 5 to 10 words and
messages of 40 to 250, drawn from a Zipf-like vocabulary, all written with
``bulk_create``, then the search index rebuilt (``search.indexing``). Then it
times ``search.selectors.search()`` (the first page, its snippets included)
for a rare word, a medium one, a very common one, a phrase and a prefix, as a
member of 10 of the communities and as a member of 150, and prints the median
and 90th percentile of each, on the database it runs against.

Run it against a database of its own, never one in use::

    DATABASE_URL=postgres://.../commonroom_searchbench manage.py migrate
    DATABASE_URL=postgres://.../commonroom_searchbench manage.py search_benchmark
"""

import statistics
import sys
import time
from bisect import bisect
from itertools import accumulate
from random import Random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from tqdm import tqdm

from commonroom.communities import access
from commonroom.communities.models import Community, Membership
from commonroom.forums.models import Reply, Thread
from commonroom.profiles.models import Profile
from commonroom.search import indexing
from commonroom.search.models import SearchEntry
from commonroom.search.query import parse
from commonroom.search.selectors import search
from commonroom.search.similar import similar_questions

PREFIX = "searchbench-"
DOMAIN = "searchbench.commonroom.localhost"
COMMUNITIES = 200
THREADS_PER_COMMUNITY = 100
REPLIES_PER_THREAD = 4
AUTHORS = 400
READERS = {"reader of 10 communities": 10, "reader of 150 communities": 150}
BATCH = 5000
INDEX_BATCH = 500
TARGET_MS = 50.0

# The most used words first; then made-up ones, rarer and rarer (Zipf's law:
# the word of rank r is used about 1/r as often as the commonest).
COMMON = (
    "council service housing planning support team budget policy social care "
    "school transport waste contract officer data report review staff local "
    "community funding residents digital system process training advice "
    "children adult health safety licence permit tenancy repair highway road "
    "library leisure parking enforcement consultation strategy framework "
    "procurement supplier risk audit finance revenue benefit payment customer "
    "complaint survey meeting project partner network guidance evidence case "
    "assessment referral placement provider market capacity demand pressure "
    "recruitment retention volunteer insurance maintenance fleet vehicle route "
    "collection recycling landfill flood drainage climate carbon energy heat"
).split()
SYLLABLES = (
    "ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo lu ma me "
    "mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to "
    "va ve vi wa we wi za zo"
).split()
VOCABULARY_SIZE = 30_000
ZIPF_EXPONENT = 1.05


def vocabulary() -> list[str]:
    rng = Random(9)  # noqa: S311 - benchmark data
    words = list(COMMON)
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Writer:
    """Text drawn from the vocabulary, word ranks following Zipf's law."""

    def __init__(self, words: list[str]):
        self.words = words
        self.cumulative = list(
            accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, len(words) + 1))
        )
        self.rng = Random(1832)  # noqa: S311 - benchmark data

    def text(self, low: int, high: int) -> str:
        total = self.cumulative[-1]
        count = self.rng.randint(low, high)
        return " ".join(
            self.words[bisect(self.cumulative, self.rng.random() * total)]
            for _ in range(count)
        )


class Command(BaseCommand):
    help = "Time search on 100,000 posts in 200 communities (builds them once)."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15, help="Timed runs each.")
        parser.add_argument("--quiet", action="store_true", help="No progress bars.")
        parser.add_argument(
            "--reindex", action="store_true", help="Rebuild the search index first."
        )

    def handle(self, *args, runs: int, quiet: bool, reindex: bool, **options):
        self.quiet = quiet
        words = vocabulary()
        readers = self.build(words, reindex=reindex)
        queries = self.probes(words)
        self.stdout.write(
            f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); "
            f"{SearchEntry.objects.count()} rows in the search index; "
            f"{runs} timed runs each, after two untimed ones."
        )
        header = f"{'query':<34} {'reader':<27} {'median':>8} {'p90':>8} {'hits':>6}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        slow = []
        for label, text in queries:
            for reader_label, reader in readers.items():
                median, p90, total, capped = self.time(reader, text, runs)
                hits = f"{total}{'+' if capped else ''}"
                self.stdout.write(
                    f"{label:<34} {reader_label:<27} {median:7.1f}ms {p90:7.1f}ms "
                    f"{hits:>6}"
                )
                if p90 > TARGET_MS:
                    slow.append(f"{label} / {reader_label}")
        title = " ".join(
            words[min(i, len(words) - 1)] for i in (5, 40, 900, 4000, 12000)
        )
        for reader_label, reader in readers.items():
            median, p90 = self.time_similar(reader, title, runs)
            self.stdout.write(
                f"{'asked before? (5-word title)':<34} {reader_label:<27} "
                f"{median:7.1f}ms {p90:7.1f}ms"
            )
            if p90 > TARGET_MS:
                slow.append(f"asked before? / {reader_label}")
        if slow:
            self.stdout.write(
                self.style.WARNING(f"Over {TARGET_MS:.0f} ms: " + "; ".join(slow))
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Every query under {TARGET_MS:.0f} ms (p90).")
            )

    # The probes -----------------------------------------------------------------

    def probes(self, words: list[str]) -> list[tuple[str, str]]:
        size = len(words)
        rare, medium, common = words[size * 2 // 3], words[size // 12], words[0]
        return [
            (f"rare word ({rare})", rare),
            (f"medium word ({medium})", medium),
            (f"very common word ({common})", common),
            (f'phrase ("{words[1]} {words[2]}")', f'"{words[1]} {words[2]}"'),
            (f"prefix ({words[20][:4]}*)", f"{words[20][:4]}*"),
        ]

    def time(self, reader, text: str, runs: int):
        query = parse(text)
        timings = []
        for number in range(runs + 2):
            access.forget(reader)  # each request loads the reader's access
            started = time.perf_counter()
            results = search(reader, query, page=1, per_page=20)
            elapsed = (time.perf_counter() - started) * 1000
            if number >= 2:
                timings.append(elapsed)
        return (*_summary(timings), results.total, results.capped)

    def time_similar(self, reader, title: str, runs: int):
        timings = []
        for number in range(runs + 2):
            access.forget(reader)
            started = time.perf_counter()
            similar_questions(reader, title)
            elapsed = (time.perf_counter() - started) * 1000
            if number >= 2:
                timings.append(elapsed)
        return _summary(timings)

    # The data ---------------------------------------------------------------------

    def progress(self, total: int, desc: str):
        return tqdm(
            total=total,
            desc=f"{desc:<22}",
            file=sys.stderr,
            disable=self.quiet,
            unit="",
            dynamic_ncols=True,
        )

    def build(self, words: list[str], *, reindex: bool) -> dict:
        User = get_user_model()
        authors = self.people()
        communities = self.communities(authors[0])
        readers = {}
        for label, count in READERS.items():
            reader, _ = User.objects.get_or_create(
                email=f"reader{count}@{DOMAIN}",
                defaults={
                    "full_name": f"Reader of {count}",
                    "approval_status": User.ApprovalStatus.APPROVED,
                    "password": "!benchmark",  # noqa: S106 - unusable
                },
            )
            Membership.objects.bulk_create(
                [
                    Membership(community_id=pk, user=reader)
                    for pk in communities[:count]
                ],
                ignore_conflicts=True,
            )
            readers[label] = reader
        access.bump_communities_version()
        built = self.posts(words, communities, authors)
        wanted = Thread.objects.filter(community__slug__startswith=PREFIX).count()
        indexed = SearchEntry.objects.filter(
            kind="thread", community__slug__startswith=PREFIX
        ).count()
        if built or reindex or indexed < wanted:
            with self.progress(indexing.total_to_index(), "Search index") as bar:
                # Batches under 1,000: core.prepared's stand-ins for lists of
                # 1,000 ids or more overlap, and tags_of() refuses them.
                for count in indexing.rebuild_in_batches(batch=INDEX_BATCH):
                    bar.update(count)
        # Fresh planner statistics, as a database in use would have (SQLite
        # has none until ANALYZE runs, and plans the permission filter badly).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return readers

    @transaction.atomic
    def people(self) -> list[int]:
        User = get_user_model()
        emails = [f"author{n}@{DOMAIN}" for n in range(AUTHORS)]
        have = set(
            User.objects.filter(email__in=emails).values_list("email", flat=True)
        )
        missing = [email for email in emails if email not in have]
        users = User.objects.bulk_create(
            [
                User(
                    email=email,
                    full_name=f"Author {email.split('@')[0][6:]}",
                    approval_status=User.ApprovalStatus.APPROVED,
                    password="!benchmark",  # noqa: S106 - unusable
                )
                for email in missing
            ]
        )
        Profile.objects.bulk_create(
            [
                Profile(user=user, handle=f"searchbench-{user.email.split('@')[0]}")
                for user in users
            ]
        )
        return list(
            User.objects.filter(email__in=emails)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    @transaction.atomic
    def communities(self, owner_id: int) -> list[int]:
        slugs = [f"{PREFIX}{n:03d}" for n in range(COMMUNITIES)]
        have = set(
            Community.objects.filter(slug__in=slugs).values_list("slug", flat=True)
        )
        Community.objects.bulk_create(
            [
                Community(
                    name=f"Search benchmark {slug[-3:]}",
                    slug=slug,
                    purpose="Posts for the search benchmark.",
                    # Members only: what a reader may read is their memberships.
                    visibility=Community.Visibility.RESTRICTED,
                    owner_id=owner_id,
                    created_by_id=owner_id,
                )
                for slug in slugs
                if slug not in have
            ]
        )
        return list(
            Community.objects.filter(slug__in=slugs)
            .order_by("slug")
            .values_list("pk", flat=True)
        )

    def posts(self, words, communities: list[int], authors: list[int]) -> bool:
        """Threads and replies; False if they are all there already.

        Posted in rounds, one thread in every community each round, so that
        each community's posts are spread over the whole table (as they are
        over time) rather than the newest all being one community's.
        """
        wanted = len(communities) * THREADS_PER_COMMUNITY
        have = Thread.objects.filter(community_id__in=communities).count()
        if have == wanted:
            return False
        if have:  # an interrupted build: start again
            Thread.objects.filter(community_id__in=communities).delete()
        writer = Writer(words)
        per_round = len(communities) * (1 + REPLIES_PER_THREAD)
        step = max(1, BATCH // per_round)
        with self.progress(wanted * (1 + REPLIES_PER_THREAD), "Posts") as bar:
            for start in range(0, THREADS_PER_COMMUNITY, step):
                rounds = range(start, min(start + step, THREADS_PER_COMMUNITY))
                with transaction.atomic():
                    count = self._post_batch(writer, rounds, communities, authors)
                bar.update(count)
        return True

    def _post_batch(self, writer: Writer, rounds, communities, authors) -> int:
        rng = writer.rng
        threads = Thread.objects.bulk_create(
            [
                Thread(
                    community_id=community_id,
                    author_id=rng.choice(authors),
                    title=writer.text(5, 10).capitalize()[:150],
                    body=writer.text(40, 250),
                    body_html="",
                    kind=Thread.Kind.QUESTION
                    if number % 5 == 0
                    else Thread.Kind.DISCUSSION,
                    reply_count=REPLIES_PER_THREAD,
                    last_position=REPLIES_PER_THREAD,
                )
                for number in rounds
                for community_id in communities
            ]
        )
        replies = Reply.objects.bulk_create(
            [
                Reply(
                    community_id=thread.community_id,
                    thread=thread,
                    author_id=rng.choice(authors),
                    body=writer.text(40, 250),
                    body_html="",
                    position=position,
                )
                for thread in threads
                for position in range(1, REPLIES_PER_THREAD + 1)
            ],
            batch_size=BATCH,
        )
        return len(threads) + len(replies)


def _summary(timings: list[float]) -> tuple[float, float]:
    return statistics.median(timings), statistics.quantiles(timings, n=10)[8]
