"""Demo forum discussions: threads and replies across the demo communities.

Everything is posted through the forum services, so counters, activity,
follows and mentions are what real use would have made; afterwards the
timestamps are spread over the past months (services stamp "now") and the
counters rebuilt from the rows.

Each community gets 2 to 12 threads, more in bigger communities: discussions,
questions answered and accepted by whoever asked, questions still waiting for
an answer, a pinned welcome in some, and in the three biggest communities one
long thread (45 to 70 replies) so that thread pages paginate. The text comes
from ``data/demo_discussions.toml``. A community that already has threads is
left alone, so running the step again creates nothing new.

Afterwards members read the discussions (view counts), and a few replies are
reported, so facilitators trying Commonroom see what a report looks like.
"""

import re
import tomllib
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from random import Random

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from tqdm import tqdm

from commonroom.activity.models import Activity
from commonroom.communities.models import Community, Membership
from commonroom.content.models import Reaction
from commonroom.content.services import set_helpful
from commonroom.core.demo import DemoContext, demo_step
from commonroom.forums.kinds import ForumVerb
from commonroom.forums.models import Reply, Thread, ThreadFollow, ThreadVisit
from commonroom.forums.services import counters
from commonroom.forums.services import threads as services
from commonroom.moderation.models import ModerationAction, Report
from commonroom.moderation.services import report_content
from commonroom.tags.models import TaggedItem

TEXT = Path(__file__).parent / "data" / "demo_discussions.toml"

MIN_THREADS, MAX_THREADS = 2, 12
LONG_THREADS = 3  # communities with one long thread each
LONG_REPLIES = (45, 70)
DAYS_BACK = 300  # threads start within the past ten months or so
SEED_REUSE = 2  # a service area's thread appears in at most this many communities
ATTACHMENT_SEED_REUSE = 4  # generic threads with a file, across all communities
BUSY_THREADS = 6  # communities with this many threads have a file in one
PINNED_SHARE = 0.3  # communities with a pinned welcome (besides the long ones)
UNANSWERED_SHARE = 0.15  # questions nobody has answered yet


# People and text ---------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    user: object
    handle: str
    name: str
    organisation: str
    role: str
    facilitator: bool

    @property
    def mention(self) -> str:
        return f"@{self.handle}" if self.handle else self.name


@dataclass
class Post:
    author: Person
    body: str
    at: datetime
    quote_of: int | None = None  # index of an earlier reply in the thread
    attach: str = ""  # "csv", "txt", "png" or "pdf"
    attach_name: str = ""


@dataclass
class PlannedThread:
    title: str
    kind: str
    opening: Post
    replies: list[Post] = field(default_factory=list)
    accepted: int | None = None  # index into replies
    pinned_by: Person | None = None
    helpful: list[tuple[int | None, Person]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _load_text() -> dict:
    with TEXT.open("rb") as source:
        return tomllib.load(source)


class _Writer:
    """Fills in a template for one post in one thread."""

    def __init__(self, rng: Random, community: Community, tag: str, people, asker):
        self.rng = rng
        self.community = community
        self.tag = tag
        self.people = people
        self.asker = asker
        self.spoken: list[Person] = [asker]

    def someone_else(self, writer: Person) -> Person | None:
        earlier = [p for p in self.spoken if p.user.pk != writer.user.pk]
        if earlier and self.rng.random() < 0.75:
            return self.rng.choice(earlier)
        others = [p for p in self.people if p.user.pk != writer.user.pk]
        return self.rng.choice(others) if others else None

    def fill(
        self, template: str, writer: Person, at: datetime, *, mention=None, tag=""
    ) -> str:
        other = mention or self.someone_else(writer)
        month = at + timedelta(days=self.rng.randint(30, 90))
        text = template.strip().format(
            org=writer.organisation,
            role=writer.role,
            name=writer.name,
            tag=tag or self.tag,
            community=self.community.name,
            mention=other.mention if other else "colleagues",
            asker=self.asker.mention,
            month=month.strftime("%B"),
        )
        if writer not in self.spoken:
            self.spoken.append(writer)
        return text


def _title(text: str) -> str:
    return (text[:1].upper() + text[1:])[:150]


def _first_sentence(text: str) -> str:
    line = next((ln for ln in text.splitlines() if ln.strip()), text).strip()
    # Without list markers, quote markers or bold.
    line = re.sub(r"^(?:(?:[-*>]|\d+\.)\s+)+", "", line).replace("**", "")
    for end in (". ", "? ", "! "):
        if end in line:
            line = line.split(end, 1)[0] + end.strip()
            break
    return line.split(" — ", 1)[0][:200]


# Times -------------------------------------------------------------------------


def _reply_times(rng: Random, start: datetime, count: int, *, mean_hours: float):
    """``count`` ascending times after ``start``, none later than now."""
    if not count:
        return []
    gaps = [rng.expovariate(1 / mean_hours) + 0.1 for _ in range(count)]
    latest = timezone.now() - timedelta(minutes=10)
    room = (latest - start).total_seconds() / 3600
    scale = min(1.0, room / sum(gaps)) if room > 0 else 0
    times, at = [], start
    for gap in gaps:
        at = at + timedelta(hours=gap * scale, seconds=1)
        times.append(at)
    return times


def _thread_start(rng: Random, *, earliest_days: float = 2) -> datetime:
    # More threads recently than long ago, as on a living network.
    days = earliest_days + (DAYS_BACK - earliest_days) * rng.random() ** 1.6
    return timezone.now() - timedelta(days=days, minutes=rng.randint(0, 600))


# Planning ----------------------------------------------------------------------


def _eligible(seed: dict, community: Community, words: str) -> bool:
    if seed.get("sub") and community.parent_id is None:
        return False
    if seed.get("private") and community.visibility == Community.Visibility.OPEN:
        return False
    area = seed["area"]
    if area != "any" and (
        community.service_area is None or community.service_area.slug != area
    ):
        return False
    return not seed.get("match") or any(word in words for word in seed["match"])


# Topics are stored in lower case; people write these words in capitals.
ACRONYMS = {
    "asb",
    "cil",
    "dfe",
    "ehcp",
    "gdpr",
    "hmo",
    "hmos",
    "hr",
    "ict",
    "it",
    "ldn",
    "mhclg",
    "nhs",
    "s106",
    "sen",
    "send",
    "slt",
    "suds",
    "ulez",
    "ev",
    "foi",
}


def _as_written(topic: str) -> str:
    return " ".join(
        word.upper() if word in ACRONYMS else word for word in topic.split(" ")
    )


def _topics(community: Community) -> list[str]:
    """The community's topics; a sub-community talks about its parent's."""
    if tags := _topic_tags(community):
        return tags
    if community.service_area is not None:
        return [community.service_area.name.lower()]
    return ["this work"]


def _topic_tags(community: Community) -> list[str]:
    """The topics a thread in the community may be tagged with: its own, or
    for a sub-community its parent's."""
    for source in (community, community.parent):
        if source is not None and (
            tags := [_as_written(t.name) for t in source.tags.all()]
        ):
            return tags
    return []


class Planner:
    def __init__(self, text: dict):
        self.text = text
        self.seeds = text["seed"]
        self.uses = [0] * len(self.seeds)

    def choose_seeds(self, rng: Random, community: Community, count: int) -> list:
        words = " ".join(
            [community.name.lower(), *(t.name.lower() for t in community.tags.all())]
        )
        specific, generic = [], []
        for index, seed in enumerate(self.seeds):
            if not _eligible(seed, community, words):
                continue
            if seed["area"] != "any" or seed.get("sub"):
                if self.uses[index] < SEED_REUSE:
                    specific.append(index)
            elif (
                not (seed.get("attach") or seed.get("answer_attach"))
                or self.uses[index] < ATTACHMENT_SEED_REUSE
            ):
                generic.append(index)
        rng.shuffle(specific)
        specific.sort(key=lambda i: self.uses[i])  # unused ones first
        rng.shuffle(generic)
        chosen = (specific + generic)[:count]
        # Busy communities share papers: one of their threads comes with a file.
        with_file = [i for i in specific + generic if self.seeds[i].get("attach")]
        if (
            count >= BUSY_THREADS
            and with_file
            and not any(self.seeds[i].get("attach") for i in chosen)
        ):
            chosen[-1] = with_file[0]
        for index in chosen:
            self.uses[index] += 1
        return [self.seeds[index] for index in chosen]

    # One community's threads -----------------------------------------------

    def plan_community(
        self,
        rng: Random,
        community: Community,
        people: list[Person],
        *,
        long_kind: str = "",
    ) -> list[PlannedThread]:
        tags = _topics(community)
        facilitators = [p for p in people if p.facilitator] or people
        size = MIN_THREADS + len(people) // 8 + rng.randint(-2, 2)
        count = max(MIN_THREADS, min(MAX_THREADS, size))
        planned = []
        if long_kind == "welcome":
            planned.append(
                self.welcome(rng, community, people, facilitators, tags, long=True)
            )
        elif long_kind == "rollcall":
            planned.append(self.rollcall(rng, community, people, tags))
        elif (
            community.parent_id is None
            and len(people) > 2
            and rng.random() < PINNED_SHARE
        ):
            planned.append(self.welcome(rng, community, people, facilitators, tags))
        seeds = self.choose_seeds(rng, community, count - len(planned))
        # Some questions wait for an answer; where there are a few, at least one.
        questions = [i for i, s in enumerate(seeds) if s["kind"] == "question"]
        unanswered = {i for i in questions if rng.random() < UNANSWERED_SHARE}
        if len(questions) >= 3 and not unanswered:
            unanswered.add(questions[-1])
        if len(questions) >= 3 and len(unanswered) == len(questions):
            unanswered.discard(questions[0])
        planned += [
            self.from_seed(
                rng, community, people, tags, seed, answered=i not in unanswered
            )
            for i, seed in enumerate(seeds)
        ]
        return planned

    def welcome(self, rng, community, people, facilitators, tags, *, long=False):
        host = rng.choice(facilitators)
        start = _thread_start(rng, earliest_days=120 if long else 20)
        writer = _Writer(rng, community, rng.choice(tags), people, host)
        thread = PlannedThread(
            title=_title(writer.fill(self.text["welcome_title"], host, start)),
            kind=Thread.Kind.DISCUSSION,
            opening=Post(
                host, writer.fill(self.text["welcome_body"], host, start), start
            ),
            pinned_by=host,
        )
        others = [p for p in people if p.user.pk != host.user.pk]
        rng.shuffle(others)
        count = (
            rng.randint(*LONG_REPLIES) if long else min(len(others), rng.randint(2, 7))
        )
        times = _reply_times(rng, start, count, mean_hours=30 if long else 60)
        newcomers = list(others)
        introductions = []
        for at in times:
            last = thread.replies[-1] if thread.replies else None
            welcoming = (
                last is not None
                and last.author.user.pk != host.user.pk
                and rng.random() < 0.25
            )
            if welcoming or not newcomers:
                # A welcome for the last newcomer, from the host or a member.
                author = (
                    host if rng.random() < 0.6 or not others else rng.choice(others)
                )
                if last is not None and author.user.pk == last.author.user.pk:
                    author = host
                body = writer.fill(
                    rng.choice(self.text["welcome_replies"]),
                    author,
                    at,
                    mention=last.author if last is not None else None,
                )
            else:
                author = newcomers.pop()
                if not introductions:
                    introductions = list(self.text["introductions"])
                    rng.shuffle(introductions)
                body = writer.fill(
                    introductions.pop(), author, at, tag=rng.choice(tags)
                )
            thread.replies.append(Post(author, body, at))
        return thread

    def rollcall(self, rng, community, people, tags):
        asker = rng.choice([p for p in people if p.facilitator] or people)
        start = _thread_start(rng, earliest_days=90)
        writer = _Writer(rng, community, rng.choice(tags), people, asker)
        thread = PlannedThread(
            title=_title(writer.fill(self.text["rollcall_title"], asker, start)),
            kind=Thread.Kind.DISCUSSION,
            opening=Post(
                asker, writer.fill(self.text["rollcall_body"], asker, start), start
            ),
        )
        statuses = self.text["rollcall_statuses"] + self.text["rollcall_statuses_more"]
        count = rng.randint(*LONG_REPLIES)
        order = list(people)
        rng.shuffle(order)
        unused = list(statuses)
        rng.shuffle(unused)
        for position, at in enumerate(_reply_times(rng, start, count, mean_hours=20)):
            author = order[position % len(order)]
            roll = rng.random()
            if position >= 3 and roll < 0.12:
                body = writer.fill(
                    rng.choice(self.text["rollcall_followups"]), author, at
                )
                thread.replies.append(Post(author, body, at))
            elif position >= 3 and roll < 0.22:
                quoted = rng.randrange(len(thread.replies))
                response = writer.fill(
                    rng.choice(self.text["quote_responses"]), author, at
                )
                body = f"> {_first_sentence(thread.replies[quoted].body)}\n\n{response}"
                thread.replies.append(Post(author, body, at, quote_of=quoted))
            else:
                if not unused:
                    unused = list(statuses)
                    rng.shuffle(unused)
                body = writer.fill(unused.pop(), author, at)
                thread.replies.append(Post(author, body, at))
        for index, reply in enumerate(thread.replies):
            if rng.random() < 0.08:
                self._mark_helpful(rng, thread, index, reply.author, people)
        return thread

    def from_seed(
        self, rng, community, people, tags, seed, *, answered=True
    ) -> PlannedThread:
        asker = rng.choice(people)
        start = _thread_start(rng)
        writer = _Writer(rng, community, rng.choice(tags), people, asker)
        opening = Post(
            asker,
            writer.fill(seed["body"], asker, start),
            start,
            attach=seed.get("attach", ""),
            attach_name=seed.get("attach_name", ""),
        )
        thread = PlannedThread(
            title=_title(writer.fill(seed["title"], asker, start)),
            kind=seed["kind"],
            opening=opening,
            # Tagged with the topic it is about, where that is a real topic of
            # the community's (not a fallback such as its service area).
            tags=[writer.tag] if writer.tag in _topic_tags(community) else [],
        )
        others = [p for p in people if p.user.pk != asker.user.pk]
        if not others:
            return thread
        if rng.random() < 0.1:
            self._mark_helpful(rng, thread, None, asker, people)
        if seed["kind"] == Thread.Kind.QUESTION:
            if answered:
                self._answered(rng, thread, seed, writer, asker, others, people)
            else:
                self._unanswered(rng, thread, writer, others)
        else:
            self._discussion(rng, thread, seed, writer, asker, others, people)
        return thread

    def _replies(self, rng, thread, writer, items, *, mean_hours=18):
        """Post ``items`` [(author, template, extra)] after the opening post.

        ``extra`` holds the Post's attachment, and "mention" for whoever
        ``{mention}`` should name.
        """
        times = _reply_times(rng, thread.opening.at, len(items), mean_hours=mean_hours)
        for (author, template, extra), at in zip(items, times, strict=True):
            extra = dict(extra)
            body = writer.fill(template, author, at, mention=extra.pop("mention", None))
            thread.replies.append(Post(author, body, at, **extra))

    def _answered(self, rng, thread, seed, writer, asker, others, people):
        items = []
        if rng.random() < 0.3:
            # "Following" before the answer comes (never "bumping" so soon).
            followups = [
                f for f in self.text["question_followups"] if "Bumping" not in f
            ]
            items.append((rng.choice(others), rng.choice(followups), {}))
        answerer = rng.choice(others)
        answer_at = len(items)
        items.append(
            (
                answerer,
                seed["answer"],
                {
                    "attach": seed.get("answer_attach", ""),
                    "attach_name": seed.get("answer_attach_name", ""),
                },
            )
        )
        items += [
            (rng.choice(others), template, {})
            for template in seed.get("replies", [])
            if rng.random() < 0.8
        ]
        if rng.random() < 0.7:
            thanks = rng.choice(self.text["answer_thanks"])
            items.append((asker, thanks, {"mention": answerer}))
        self._replies(rng, thread, writer, items)
        thread.accepted = answer_at
        self._mark_helpful(rng, thread, answer_at, answerer, people, first=asker)
        for index, reply in enumerate(thread.replies):
            if index != answer_at and reply.author != asker and rng.random() < 0.1:
                self._mark_helpful(rng, thread, index, reply.author, people)

    def _unanswered(self, rng, thread, writer, others):
        pool = list(self.text["question_followups"])
        rng.shuffle(pool)
        count = rng.choice([0, 0, 1, 1, 2])
        items = [(rng.choice(others), template, {}) for template in pool[:count]]
        self._replies(rng, thread, writer, items, mean_hours=40)

    def _discussion(self, rng, thread, seed, writer, asker, others, people):
        templates = list(seed.get("replies", []))
        generic = list(self.text["discussion_replies"])
        rng.shuffle(generic)
        templates += generic[: rng.choice([0, 0, 1, 2, 3, 4])]
        items = []
        last = asker
        for template in templates:
            choices = [p for p in others if p.user.pk != last.user.pk] or others
            last = rng.choice(choices)
            items.append((last, template, {}))
        if items and rng.random() < 0.4:
            # The person who started it comes back.
            position = rng.randint(1, len(items))
            items.insert(position, (asker, rng.choice(generic[-5:]), {}))
        self._replies(rng, thread, writer, items)
        if len(thread.replies) >= 2 and rng.random() < 0.35:
            quoted = rng.randrange(len(thread.replies) - 1)
            author = rng.choice(
                [p for p in others if p != thread.replies[quoted].author] or others
            )
            at = thread.replies[-1].at + timedelta(hours=rng.uniform(1, 30))
            at = min(at, timezone.now() - timedelta(minutes=5))
            response = writer.fill(rng.choice(self.text["quote_responses"]), author, at)
            body = f"> {_first_sentence(thread.replies[quoted].body)}\n\n{response}"
            thread.replies.append(Post(author, body, at, quote_of=quoted))
        for index, reply in enumerate(thread.replies):
            if reply.author != asker and rng.random() < 0.1:
                self._mark_helpful(rng, thread, index, reply.author, people)

    @staticmethod
    def _mark_helpful(rng, thread, index, author, people, *, first=None):
        markers = [p for p in people if p.user.pk != author.user.pk]
        rng.shuffle(markers)
        chosen = markers[: rng.choice([1, 1, 1, 2, 3])]
        if first is not None and first.user.pk != author.user.pk and rng.random() < 0.8:
            chosen = [first, *[p for p in chosen if p.user.pk != first.user.pk]]
        for person in chosen:
            thread.helpful.append((index, person))


# Files -------------------------------------------------------------------------


def _csv(rng: Random, people: list[Person]) -> bytes:
    councils = sorted({p.organisation for p in people})[:12] or ["Our council"]
    lines = ["Council,Cases 2023/24,Cases 2024/25,Change %,Staff (FTE),Median days"]
    for council in councils:
        before = rng.randint(120, 2400)
        after = int(before * rng.uniform(0.85, 1.3))
        change = round((after - before) * 100 / before, 1)
        staff = round(rng.uniform(1.5, 14), 1)
        days = rng.randint(8, 65)
        name = f'"{council}"' if "," in council else council
        lines.append(f"{name},{before},{after},{change},{staff},{days}")
    return ("\r\n".join(lines) + "\r\n").encode()


def _notes(rng: Random, title: str, people: list[Person], at: datetime) -> bytes:
    present = sorted(
        {
            f"{p.name} ({p.organisation})"
            for p in rng.sample(people, k=min(6, len(people)))
        }
    )
    lines = [
        title,
        f"Date: {at:%d %B %Y}",
        "",
        "Present: " + "; ".join(present),
        "",
        "1. Welcome and introductions",
        "2. Updates from members: round the table",
        "3. Presentation and discussion",
        "4. Actions",
        "   - Circulate the slides and these notes",
        "   - Small group to draft shared guidance before the next meeting",
        "   - Facilitators to set the date of the next meeting",
        "",
        "These notes are for members of the community only.",
    ]
    return ("\n".join(lines) + "\n").encode()


def _png(rng: Random) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 140), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(20, 120), (230, 120)], fill="#0b0c0c", width=2)
    draw.line([(20, 10), (20, 120)], fill="#0b0c0c", width=2)
    for bar in range(6):
        height = rng.randint(15, 100)
        left = 30 + bar * 33
        draw.rectangle([left, 120 - height, left + 22, 119], fill="#1d70b8")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _pdf_text(text: str) -> bytes:
    """A PDF string: WinAnsi (Windows-1252) bytes, with \\, ( and ) escaped."""
    data = text.encode("cp1252", "replace")
    return (
        b"("
        + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        + b")"
    )


def _pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a title and a few lines of text (Helvetica)."""
    content = [
        b"BT",
        b"/F1 16 Tf",
        b"72 770 Td",
        _pdf_text(title) + b" Tj",
        b"/F1 11 Tf",
    ]
    for line in lines:
        content += [b"0 -18 Td", _pdf_text(line) + b" Tj"]
    content.append(b"ET")
    stream = zlib.compress(b"\n".join(content))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream)
        + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _file(rng: Random, post: Post, title: str, people: list[Person]):
    if post.attach == "csv":
        content = _csv(rng, people)
    elif post.attach == "txt":
        content = _notes(rng, title, people, post.at)
    elif post.attach == "png":
        content = _png(rng)
    elif post.attach == "pdf":
        content = _pdf(
            title,
            [
                f"Prepared by {post.author.name}, {post.author.organisation}",
                f"{post.at:%B %Y}",
                "",
                *[
                    _first_sentence(line)
                    for line in post.body.splitlines()
                    if line.strip()
                ][:8],
            ],
        )
    else:
        raise ValueError(f"No demo file of kind {post.attach!r}")
    name = post.attach_name or f"attachment.{post.attach}"
    return SimpleUploadedFile(name, content)


# Running it --------------------------------------------------------------------


def _people_by_community(community_ids) -> dict[int, list[Person]]:
    people: dict[int, list[Person]] = {}
    users: dict[int, object] = {}  # one object per person: access is cached on it
    memberships = (
        Membership.objects.filter(
            community_id__in=community_ids,
            user__is_active=True,
            user__approval_status="approved",
        )
        .select_related("user__profile__organisation")
        .order_by("community_id", "user__email")
    )
    for membership in memberships:
        user = users.setdefault(membership.user_id, membership.user)
        profile = getattr(user, "profile", None)
        organisation = profile.organisation if profile else None
        people.setdefault(membership.community_id, []).append(
            Person(
                user=user,
                handle=(profile.handle or "") if profile else "",
                name=user.full_name or user.email.split("@")[0],
                organisation=organisation.name if organisation else "our council",
                role=(profile.job_title if profile else "") or "officer",
                facilitator=membership.role == Membership.Role.FACILITATOR,
            )
        )
    return people


def _create(rng: Random, community: Community, plan: PlannedThread, people, stamps):
    """Post one planned thread through the services; note the times to set."""
    opening = plan.opening
    files = [_file(rng, opening, plan.title, people)] if opening.attach else []
    thread = services.create_thread(
        actor=opening.author.user,
        community=community,
        title=plan.title,
        body=opening.body,
        kind=plan.kind,
        files=files,
        tags=plan.tags,
    )
    stamps["thread"][thread.pk] = opening.at
    replies = []
    for post in plan.replies:
        files = [_file(rng, post, plan.title, people)] if post.attach else []
        reply = services.post_reply(
            actor=post.author.user,
            thread=thread,
            body=post.body,
            quote_of=replies[post.quote_of] if post.quote_of is not None else None,
            files=files,
        )
        reply.community = community
        replies.append(reply)
        stamps["reply"][reply.pk] = post.at
    if plan.accepted is not None:
        services.accept_answer(
            actor=opening.author.user, thread=thread, reply=replies[plan.accepted]
        )
    if plan.pinned_by is not None:
        services.set_pinned(actor=plan.pinned_by.user, thread=thread, pinned=True)
    for index, person in plan.helpful:
        target = thread if index is None else replies[index]
        set_helpful(actor=person.user, obj=target, helpful=True)
    return thread


def _set_times(model, times: dict[int, datetime], *fields: str) -> None:
    """Set ``fields`` of each row to its time: one UPDATE, run for every row.

    (``bulk_update`` builds a CASE expression per row, which takes Python far
    longer than the database takes for a few thousand small updates.)
    """
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(name)} = %s" for name in fields)
    table = quote(model._meta.db_table)
    # Only model and field names go into the statement; the values are parameters.
    sql = f"UPDATE {table} SET {columns} WHERE {quote('id')} = %s"  # noqa: S608
    rows = [
        [*[connection.ops.adapt_datetimefield_value(at)] * len(fields), pk]
        for pk, at in times.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _spread_over_time(stamps: dict, community_ids: list[int]) -> None:
    """Give what the services stamped "now" the times the plan chose."""
    _set_times(Thread, stamps["thread"], "created_at", "updated_at", "last_activity_at")
    _set_times(Reply, stamps["reply"], "created_at", "updated_at")

    def created(model, field="created_at", pk="object_id"):
        # Rows about content that has since gone keep the time they have.
        when = model.objects.filter(pk=OuterRef(pk)).values(field)[:1]
        return Coalesce(Subquery(when), F("created_at"))

    thread_type = ContentType.objects.get_for_model(Thread)
    reply_type = ContentType.objects.get_for_model(Reply)
    here = {"community_id__in": community_ids}
    for content_type, model in ((thread_type, Thread), (reply_type, Reply)):
        # A tag is put on when its post is written (the tag page's order).
        for about in (Activity, Reaction, ModerationAction, TaggedItem):
            about.objects.filter(content_type=content_type, **here).update(
                created_at=created(model)
            )
    # An answer is accepted after it was written.
    Activity.objects.filter(
        content_type=thread_type, verb=ForumVerb.ACCEPTED_ANSWER, **here
    ).update(created_at=created(Thread, "accepted_answer__created_at"))
    ThreadFollow.objects.filter(thread__community_id__in=community_ids).update(
        created_at=created(Thread, pk="thread_id")
    )


def _progress(ctx: DemoContext) -> Callable[[str], None]:
    def report(message: str) -> None:
        if not ctx.quiet:
            tqdm.write(f"  {message}", file=ctx.stderr)

    return report


@demo_step(order=40, name="forum discussions")
def create_discussions(ctx: DemoContext) -> None:
    text = _load_text()
    communities = list(
        Community.objects.filter(status=Community.Status.LIVE)
        .select_related("service_area", "parent")
        .prefetch_related("tags", "parent__tags")
        .order_by("slug")
    )
    people = _people_by_community([c.pk for c in communities])
    has_threads = set(Thread.objects.values_list("community_id", flat=True).distinct())
    # The biggest communities get a long thread each.
    biggest = sorted(
        (c for c in communities if len(people.get(c.pk, [])) >= 3),
        key=lambda c: (-len(people[c.pk]), c.slug),
    )[:LONG_THREADS]
    long_kinds = {c.pk: ("welcome", "rollcall")[n % 2] for n, c in enumerate(biggest)}

    planner = Planner(text)
    plans = []
    for community in communities:
        # One generator per community, drawn in a fixed order, so that what a
        # community gets does not depend on which others were skipped.
        rng = Random(ctx.random.getrandbits(64))  # noqa: S311 - demo data
        members = people.get(community.pk, [])
        if not members:
            continue
        planned = planner.plan_community(
            rng, community, members, long_kind=long_kinds.get(community.pk, "")
        )
        if community.pk not in has_threads:
            plans.append((community, rng, planned))

    stamps: dict[str, dict[int, datetime]] = {"thread": {}, "reply": {}}
    total = sum(len(planned) for _c, _r, planned in plans)
    bar = ctx.progress(
        ((c, r, p) for c, r, planned in plans for p in planned),
        desc="Forum discussions",
        total=total,
    )
    for community, rng, plan in bar:
        _create(rng, community, plan, people[community.pk], stamps)
    if not plans:
        return
    touched = [community.pk for community, _r, _p in plans]
    _spread_over_time(stamps, touched)
    counters.rebuild_all(progress=_progress(ctx))
    Community.objects.filter(pk__in=touched).update(
        last_activity_at=Subquery(
            Thread.objects.filter(community=OuterRef("pk"))
            .order_by()
            .values("community")
            .annotate(latest=Max("last_activity_at"))
            .values("latest")
        )
    )


@demo_step(order=42, name="forum readers")
def record_readers(ctx: DemoContext) -> None:
    """Members have read the discussions: a share of each community's members
    has opened each thread, so view counts mean something."""
    if ThreadVisit.objects.exists():
        return
    threads = list(Thread.objects.values_list("pk", "community_id").order_by("pk"))
    members: dict[int, list[int]] = {}
    for community_id, user_id in Membership.objects.values_list(
        "community_id", "user_id"
    ).order_by("community_id", "user_id"):
        members.setdefault(community_id, []).append(user_id)
    visits = []
    for thread_id, community_id in ctx.progress(threads, desc="Forum readers"):
        readers = members.get(community_id, [])
        share = ctx.random.uniform(0.2, 0.9)
        chosen = ctx.random.sample(readers, round(len(readers) * share))
        visits.extend(ThreadVisit(thread_id=thread_id, user_id=u) for u in chosen)
    ThreadVisit.objects.bulk_create(visits, batch_size=2000, ignore_conflicts=True)
    counters.rebuild_all(progress=_progress(ctx))


# Reports ------------------------------------------------------------------------

REPORTS = 12
DETAILS = {
    Report.Reason.CONFIDENTIAL: (
        "This names a family we are both working with. Could it be hidden "
        "until the names are taken out?"
    ),
    Report.Reason.OFF_TOPIC: (
        "This is about procurement rather than the question asked; it might "
        "be better as its own discussion."
    ),
    Report.Reason.SPAM: "Looks like an advert for a consultancy.",
    Report.Reason.ABUSIVE: "The tone of this towards a colleague is not on.",
}


@demo_step(order=45, name="reports for facilitators")
def create_reports(ctx: DemoContext) -> None:
    if Report.objects.exists():
        return
    replies = list(
        Reply.objects.live()
        .filter(thread__deleted_at__isnull=True, thread__hidden_at__isnull=True)
        .select_related("community", "author", "thread")
        .order_by("pk")
    )
    if not replies:
        return
    for reply in ctx.progress(
        ctx.random.sample(replies, min(REPORTS, len(replies))),
        desc="Reports for facilitators",
    ):
        reporters = list(
            Membership.objects.filter(community=reply.community)
            .exclude(user_id=reply.author_id)
            .select_related("user")
            .order_by("pk")[:20]
        )
        if not reporters:
            continue
        reason = ctx.random.choice(list(DETAILS))
        report_content(
            actor=ctx.random.choice(reporters).user,
            obj=reply,
            reason=reason,
            detail=DETAILS[reason],
        )
