"""The load benchmark's data: the forum benchmark's, plus a crowd around it.

``forum_benchmark`` seeds a community with a 10,000-reply thread and 5,000
threads. Around it this adds what makes the other pages honest: thousands of
communities (the directory, search and the access kernel), thousands of
members (the people finder), memberships for the reader, replies spread over
the threads so the table holds a realistic number of posts, and, on request,
a separate community with one very deep thread, to see that query plans stay
the same as the table grows to a million posts.

Everything is written with ``bulk_create`` in batches, and everything is
found again by its addresses and e-mail domain, so a second run reuses it.
"""

import sys
from dataclasses import dataclass
from datetime import timedelta
from random import Random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from tqdm import tqdm

from commonroom.communities import access
from commonroom.communities.models import Community, Membership
from commonroom.core.markdown import render_markdown
from commonroom.core.models import ServiceArea
from commonroom.forums.management.commands import forum_benchmark
from commonroom.forums.models import Reply, Thread, ThreadFollow
from commonroom.profiles.models import Profile
from commonroom.search import indexing
from commonroom.search.models import SearchEntry

COMMUNITY_PREFIX = "benchmark-community-"
DEEP_SLUG = "benchmark-deep"
# Every account the benchmark makes has an address on this domain.
BENCHMARK_DOMAIN = "benchmark.commonroom.localhost"
PEOPLE_DOMAIN = f"people.{BENCHMARK_DOMAIN}"
MEMBER_EMAIL = forum_benchmark.MEMBER_EMAIL
SEARCH_WORD = "planning"
BATCH = 2000
TOPICS = [
    "Planning",
    "Housing",
    "Waste and recycling",
    "Adult social care",
    "Libraries",
    "Highways",
    "Revenues and benefits",
    "Environmental health",
    "Licensing",
    "Digital services",
]


@dataclass(frozen=True)
class Sizes:
    communities: int = 2000
    people: int = 2000
    replies: int = 10_000  # in the long thread
    threads: int = 5000
    posts: int = 100_000  # threads and replies, in the whole table
    deep: int = 0  # replies in the deep thread (0: none)


@dataclass(frozen=True)
class Data:
    forum: Community
    thread: Thread
    member: object
    deep_thread: Thread | None


class Seeder:
    def __init__(self, *, stdout, quiet: bool):
        self.stdout = stdout
        self.quiet = quiet

    def progress(self, total: int, desc: str):
        return tqdm(
            total=total,
            desc=f"{desc:<24}",
            file=sys.stderr,
            disable=self.quiet,
            unit="",
            dynamic_ncols=True,
        )

    def seed(self, sizes: Sizes, *, reseed: bool) -> Data:
        forum_command = forum_benchmark.Command(stdout=self.stdout)
        forum_command.quiet = self.quiet
        forum, thread = forum_command._data(
            replies=sizes.replies, threads=sizes.threads, reseed=reseed
        )
        member = get_user_model().objects.get(email=MEMBER_EMAIL)
        self.people(sizes.people)
        self.confirm_addresses()
        self.communities(sizes.communities, member)
        self.spread_replies(forum, thread, sizes.posts)
        deep = self.deep_thread(sizes.deep, member) if sizes.deep else None
        self.member_home(member, forum)
        if deep is None:
            deep = Thread.objects.filter(community__slug=DEEP_SLUG).first()
        self.search_index()
        analyse()
        return Data(forum=forum, thread=thread, member=member, deep_thread=deep)

    # Search -------------------------------------------------------------------

    def search_index(self) -> None:
        """The data above is written in bulk, past the services that keep the
        search index in step: rebuild it when it misses posts or people."""
        indexed = SearchEntry.objects.filter(kind__in=("thread", "reply", "person"))
        people = indexed.filter(kind="person").values("object_id").distinct().count()
        posts = indexed.exclude(kind="person").count()
        live_posts = (
            Thread.objects.filter(deleted_at=None, hidden_at=None).count()
            + Reply.objects.filter(deleted_at=None, hidden_at=None).count()
        )
        if posts >= live_posts and people >= get_user_model().objects.count() // 2:
            return
        with self.progress(indexing.total_to_index(), "Search index") as bar:
            for count in indexing.rebuild_in_batches():
                bar.update(count)

    # Members ------------------------------------------------------------------

    @transaction.atomic
    def people(self, wanted: int) -> None:
        User = get_user_model()
        have = User.objects.filter(email__endswith="@" + PEOPLE_DOMAIN).count()
        if have >= wanted:
            return
        rng = Random(1832)  # noqa: S311 - benchmark data
        with self.progress(wanted - have, "Members") as bar:
            for first in range(have, wanted, BATCH):
                numbers = range(first, min(first + BATCH, wanted))
                users = User.objects.bulk_create(
                    [
                        User(
                            email=f"person{n}@{PEOPLE_DOMAIN}",
                            full_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                            approval_status=User.ApprovalStatus.APPROVED,
                            password="!benchmark",  # noqa: S106 - unusable
                        )
                        for n in numbers
                    ]
                )
                Profile.objects.bulk_create(
                    [
                        Profile(
                            user=user,
                            handle=f"benchmark-person-{n}",
                            job_title=rng.choice(TOPICS) + " officer",
                        )
                        for n, user in zip(numbers, users, strict=True)
                    ]
                )
                bar.update(len(users))

    @transaction.atomic
    def confirm_addresses(self) -> None:
        """Every benchmark account has confirmed its address, as members have:
        the unconfirmed are listed nowhere, so the people finder would be empty."""
        User = get_user_model()
        unconfirmed = User.objects.filter(
            email__endswith=BENCHMARK_DOMAIN, emailaddress__isnull=True
        ).values_list("pk", "email")
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user_id=pk, email=email, verified=True, primary=True)
                for pk, email in unconfirmed
            ],
            batch_size=BATCH,
        )

    # Communities --------------------------------------------------------------

    @transaction.atomic
    def communities(self, wanted: int, member) -> None:
        have = Community.objects.filter(slug__startswith=COMMUNITY_PREFIX).count()
        if have >= wanted:
            return
        rng = Random(1974)  # noqa: S311 - benchmark data
        owner = member
        now = timezone.now()
        with self.progress(wanted - have, "Communities") as bar:
            for first in range(have, wanted, BATCH):
                batch = []
                for n in range(first, min(first + BATCH, wanted)):
                    # Seven in ten open, two restricted, one private.
                    visibility = (
                        Community.Visibility.PRIVATE
                        if n % 10 == 9
                        else Community.Visibility.RESTRICTED
                        if n % 10 in (7, 8)
                        else Community.Visibility.OPEN
                    )
                    topic = TOPICS[n % len(TOPICS)]
                    batch.append(
                        Community(
                            name=f"{topic} network {n:04d}",
                            slug=f"{COMMUNITY_PREFIX}{n:04d}",
                            purpose=f"Officers working on {topic.lower()} share "
                            "what works, ask questions and compare notes.",
                            visibility=visibility,
                            public_reading=visibility == Community.Visibility.OPEN
                            and n % 2 == 0,
                            owner=owner,
                            created_by=owner,
                            member_count=rng.randint(3, 900),
                            post_count=rng.randint(0, 20_000),
                            last_activity_at=now
                            - timedelta(minutes=rng.randint(1, 60 * 24 * 365)),
                        )
                    )
                created = Community.objects.bulk_create(batch)
                # The reader belongs to one in twenty, facilitating a few.
                Membership.objects.bulk_create(
                    [
                        Membership(
                            community=community,
                            user=member,
                            role=Membership.Role.FACILITATOR
                            if i % 100 == 0
                            else Membership.Role.MEMBER,
                        )
                        for i, community in enumerate(created, start=first)
                        if i % 20 == 0
                    ]
                )
                bar.update(len(created))
        access.bump_communities_version()

    # Posts ----------------------------------------------------------------------

    def spread_replies(self, forum: Community, long: Thread, posts: int) -> None:
        """Replies over the forum's other threads, up to ``posts`` in the table."""
        have = Reply.objects.count() + Thread.objects.count()
        missing = posts - have
        if missing <= 0:
            return
        threads = list(
            Thread.objects.filter(community=forum)
            .exclude(pk=long.pk)
            .values_list("pk", "last_position", "author_id")
        )
        if not threads:
            return
        per_thread = -(-missing // len(threads))
        authors = list(
            get_user_model()
            .objects.filter(email__endswith="@" + PEOPLE_DOMAIN)
            .values_list("pk", flat=True)[:200]
        ) or [threads[0][2]]
        text, html = REPLY
        with self.progress(missing, "Replies over threads") as bar:
            done = 0
            for start in range(0, len(threads), max(1, BATCH // per_thread)):
                chunk = threads[start : start + max(1, BATCH // per_thread)]
                batch = []
                for pk, last, _author in chunk:
                    count = min(per_thread, missing - done - len(batch))
                    batch.extend(
                        Reply(
                            community=forum,
                            thread_id=pk,
                            author_id=authors[(pk + k) % len(authors)],
                            body=text,
                            body_html=html,
                            position=last + k,
                        )
                        for k in range(1, count + 1)
                    )
                if not batch:
                    break
                with transaction.atomic():
                    Reply.objects.bulk_create(batch)
                    _set_counts(chunk, batch)
                done += len(batch)
                bar.update(len(batch))

    @transaction.atomic
    def member_home(self, member, forum: Community) -> None:
        """What the member home shows the reader: a service area that is the
        forum's, one thread in ten of the forum an open question, and a
        hundred followed threads."""
        if ThreadFollow.objects.filter(user=member).exists():
            return
        area = ServiceArea.objects.order_by("slug").first()
        if area is not None:
            Community.objects.filter(pk=forum.pk).update(service_area=area)
            profile, _ = Profile.objects.get_or_create(
                user=member, defaults={"handle": "benchmark-reader"}
            )
            profile.service_areas.add(area)
        threads = list(
            Thread.objects.filter(community=forum)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Thread.objects.filter(
            pk__in=threads[::10], accepted_answer__isnull=True
        ).update(kind=Thread.Kind.QUESTION)
        ThreadFollow.objects.bulk_create(
            [ThreadFollow(thread_id=pk, user=member) for pk in threads[::7][:100]],
            ignore_conflicts=True,
        )

    def deep_thread(self, replies: int, member) -> Thread:
        """One thread of ``replies`` replies in a community of its own."""
        community, _ = Community.objects.get_or_create(
            slug=DEEP_SLUG,
            defaults={
                "name": "Benchmark deep thread",
                "purpose": "One very long thread, to check query plans stay flat.",
                "visibility": Community.Visibility.OPEN,
                "owner": member,
                "created_by": member,
            },
        )
        Membership.objects.get_or_create(community=community, user=member)
        access.bump_communities_version()
        thread = Thread.objects.filter(community=community).first()
        if thread is None:
            thread = Thread.objects.create(
                community=community,
                author=member,
                title="A very deep thread",
                body="How deep can a thread go?",
                body_html=render_markdown("How deep can a thread go?").html,
            )
        have = (
            Reply.objects.filter(thread=thread).aggregate(m=Max("position"))["m"] or 0
        )
        text, html = REPLY
        with self.progress(max(0, replies - have), "Deep thread") as bar:
            for first in range(have + 1, replies + 1, BATCH * 2):
                batch = [
                    Reply(
                        community=community,
                        thread=thread,
                        author=member,
                        body=text,
                        body_html=html,
                        position=position,
                    )
                    for position in range(first, min(first + BATCH * 2, replies + 1))
                ]
                with transaction.atomic():
                    Reply.objects.bulk_create(batch)
                    Thread.objects.filter(pk=thread.pk).update(
                        last_position=batch[-1].position,
                        reply_count=batch[-1].position,
                    )
                bar.update(len(batch))
        thread.refresh_from_db()
        return thread


def _set_counts(chunk, batch) -> None:
    last = {}
    for reply in batch:
        last[reply.thread_id] = max(last.get(reply.thread_id, 0), reply.position)
    threads = Thread.objects.in_bulk(list(last))
    for pk, position in last.items():
        threads[pk].last_position = position
        threads[pk].reply_count = position
    Thread.objects.bulk_update(threads.values(), ["last_position", "reply_count"])


def analyse() -> None:
    """Fresh planner statistics, as a database in use would have."""
    if connection.vendor != "postgresql":
        return
    tables = [
        model._meta.db_table
        for model in (
            Thread,
            Reply,
            Community,
            Membership,
            get_user_model(),
            Profile,
            SearchEntry,
        )
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, tables)))


REPLY = (
    "Thanks, this is useful. We did something similar and **it worked**.",
    render_markdown(
        "Thanks, this is useful. We did something similar and **it worked**."
    ).html,
)
FIRST = ["Alex", "Bethan", "Chris", "Dewi", "Eleri", "Farah", "Gareth", "Hannah"]
LAST = ["Evans", "Jones", "Khan", "Morgan", "Patel", "Price", "Smith", "Williams"]
