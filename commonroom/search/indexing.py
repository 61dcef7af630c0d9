"""What goes in the search index, and keeping it in step.

A *source* is one kind of thing search finds: every kind in the content
registry (threads, replies, and each later kind that registers), people and
communities. Each source says how to make index rows of its objects, which
rows a reader may read (a ``Q`` the search joins in its own query), and how
to load its objects for a page of results.

The services call ``core.search_index.changed(obj)`` in their transactions;
that lands in ``index``, which makes the object's rows match the object as it
now is (content that is hidden or deleted, or whose container is, has none),
and does the same for the content inside it (a thread's replies).
"""

import heapq
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commonroom.accounts.querysets import listed_people_q
from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.content import registry
from commonroom.core.prepared import PreparedQuery
from commonroom.profiles.models import Profile
from commonroom.profiles.permissions import details_visible_q
from commonroom.search.backends import backend
from commonroom.search.models import SearchEntry
from commonroom.tags.selectors import tags_of

# Longest text kept of one field (a post's message is at most 20,000 characters).
MAX_FIELD_LENGTH = 20_000
# Characters no stored text may hold: NUL, the snippet marks, and those the
# PostgreSQL backend stands angle brackets in with.
_BLANKED = {0: " ", 2: " ", 3: " ", 0x0E: " ", 0x0F: " "}


def clean(text: str) -> str:
    return " ".join(str(text).translate(_BLANKED).split())[:MAX_FIELD_LENGTH]


@dataclass(frozen=True)
class Source:
    """One kind of thing search finds."""

    name: str
    label: Any
    label_plural: Any
    model: type
    # objs -> unsaved rows for those that belong in the index
    entries: Callable[[list], list[SearchEntry]]
    # viewer -> which rows of this kind they may read (with kind=name added)
    readable_q: Callable[[Any], Q]
    # ids -> {id: obj}, one query
    load: Callable[[Iterable[int]], dict]
    url: Callable[[Any], str]
    title: Callable[[Any], str]
    # every object, for rebuilding the index
    everything: Callable[[], QuerySet]
    # what obj contains, whose rows follow it
    contained: Callable[[Any], list[QuerySet]] = lambda obj: []
    tagged: bool = False
    # anything else to bring in step once the rows of ``objs`` are written
    also: Callable[[list], None] = lambda objs: None
    # when it was made
    created: Callable[[Any], Any] = lambda obj: obj.created_at


# Community content, from the registry ------------------------------------------


def _live_with_containers(obj) -> bool:
    return all(item.is_live for item in registry.with_containers(obj))


def _content_entries(kind: registry.ContentKind) -> Callable[[list], list]:
    def entries(objs: list) -> list[SearchEntry]:
        objs = [obj for obj in objs if _live_with_containers(obj)]
        if kind.tagged:
            tags_of(objs)
        rows = []
        for obj in objs:
            document = kind.search_document(obj)
            profile = getattr(obj.author, "profile", None) if obj.author else None
            rows.append(
                SearchEntry(
                    kind=kind.name,
                    object_id=obj.pk,
                    audience=SearchEntry.Audience.READERS,
                    community_id=obj.community_id,
                    author_id=obj.author_id,
                    organisation_id=profile.organisation_id if profile else None,
                    title=clean(document.title),
                    body=clean(document.body),
                    tags=clean(" ".join(document.tags)),
                    evidence=document.evidence,
                    created_at=obj.created_at,
                    updated_at=obj.updated_at,
                )
            )
        return rows

    return entries


def _content_source(kind: registry.ContentKind) -> Source:
    def queryset():
        related = {*kind.select_related, "author__profile__organisation"}
        if kind.container:
            related.add(kind.container)
        return kind.model.objects.select_related(*sorted(related))

    # A page of results, compiled once (several tables joined: a few ms of
    # Python to build afresh for each search).
    page = PreparedQuery(lambda shape, *, ids: queryset().filter(pk__in=ids).order_by())

    return Source(
        name=kind.name,
        label=kind.label,
        label_plural=kind.label_plural,
        model=kind.model,
        entries=_content_entries(kind),
        # Only live content is indexed, so the community's rule is the rule:
        # the kernel's readable communities, as ids (cached by a version key
        # that any change of visibility or status moves on), so the database
        # can go by the community index without joining communities.
        readable_q=_content_readable,
        load=lambda ids: {obj.pk: obj for obj in page(ids=sorted(set(ids)))},
        url=kind.url,
        title=kind.title,
        everything=lambda: queryset().order_by("created_at", "pk"),
        contained=lambda obj: [
            rows.select_related(*_related_for(rows.model))
            for rows in registry.contained_in(obj)
        ],
        tagged=kind.tagged,
    )


def _content_readable(viewer) -> Q:
    return backend().community_in_q(access.communities_readable_by(viewer))


def _related_for(model) -> list[str]:
    kind = registry.kind_for(model)
    related = {*kind.select_related, "author__profile__organisation"}
    if kind.container:
        related.add(kind.container)
    return sorted(related)


# People --------------------------------------------------------------------------


def _people():
    return get_user_model().objects.select_related("profile__organisation")


def _person_entries(users: list) -> list[SearchEntry]:
    """Two rows each: name and organisation, and the same with the details.

    A reader gets exactly one of them: the details row if the person's privacy
    setting lets them see the details, the other if not (``_person_readable``).
    """
    profiles = {
        profile.user_id: profile
        for profile in Profile.objects.filter(user__in=users)
        .select_related("organisation")
        .prefetch_related("service_areas", "expertise")
    }
    rows = []
    for user in users:
        profile = profiles.get(user.pk)
        organisation = profile.organisation if profile else None
        basics = organisation.name if organisation else ""
        common = {
            "kind": "person",
            "object_id": user.pk,
            "person_id": user.pk,
            "organisation_id": organisation.pk if organisation else None,
            "title": clean(user.full_name),
            "created_at": user.date_joined,
            "updated_at": profile.updated_at if profile else user.date_joined,
        }
        details = [basics]
        expertise = []
        if profile is not None:
            details += [
                profile.job_title,
                *(area.name for area in profile.service_areas.all()),
                profile.bio,
            ]
            expertise = [tag.name for tag in profile.expertise.all()]
        rows.append(
            SearchEntry(audience=SearchEntry.Audience.MEMBERS, body=basics, **common)
        )
        rows.append(
            SearchEntry(
                audience=SearchEntry.Audience.DETAILS,
                body=clean(" ".join(details)),
                tags=clean(" ".join(expertise)),
                **common,
            )
        )
    return rows


def _person_readable(viewer) -> Q:
    """Signed-in members who take part find listed people; visitors nobody."""
    if not access.access_for(viewer).takes_part:
        return Q(pk__in=[])
    listed = listed_people_q(prefix="person__")
    details = details_visible_q(viewer, prefix="person__")
    if not details:  # administrators see everyone's details
        return listed & Q(audience=SearchEntry.Audience.DETAILS)
    return listed & (
        (Q(audience=SearchEntry.Audience.DETAILS) & details)
        | (Q(audience=SearchEntry.Audience.MEMBERS) & ~details)
    )


PERSON = Source(
    name="person",
    label=_("person"),
    label_plural=_("people"),
    model=get_user_model(),
    entries=_person_entries,
    readable_q=_person_readable,
    load=lambda ids: _people().in_bulk(list(ids)),
    url=lambda user: reverse("person-profile", args=[user.pk]),
    title=lambda user: user.full_name,
    everything=lambda: get_user_model().objects.order_by("date_joined", "pk"),
    also=lambda users: [_follow_organisation(user) for user in users],
    created=lambda user: user.date_joined,
)


# Communities ---------------------------------------------------------------------


def _community_entries(communities: list) -> list[SearchEntry]:
    topics = defaultdict(list)
    for community_id, name in Community.tags.through.objects.filter(
        community__in=communities
    ).values_list("community_id", "tag__name"):
        topics[community_id].append(name)
    return [
        SearchEntry(
            kind="community",
            object_id=community.pk,
            audience=SearchEntry.Audience.READERS,
            community_id=community.pk,
            title=clean(community.name),
            body=clean(community.purpose),
            tags=clean(" ".join(sorted(topics[community.pk]))),
            created_at=community.created_at,
            updated_at=community.updated_at,
        )
        for community in communities
    ]


COMMUNITY = Source(
    name="community",
    label=_("community"),
    label_plural=_("communities"),
    model=Community,
    entries=_community_entries,
    # Whether a community may be known about is read at query time: a change
    # of visibility or status needs no reindexing.
    readable_q=lambda viewer: access.visible_q(viewer, field="community"),
    load=lambda ids: Community.objects.in_bulk(list(ids)),
    url=lambda community: reverse("community-detail", args=[community.slug]),
    title=lambda community: community.name,
    everything=lambda: Community.objects.order_by("created_at", "pk"),
)


# The sources ---------------------------------------------------------------------


_made: dict[tuple, list[Source]] = {}


def sources() -> list[Source]:
    """Every source: the registry's searchable kinds, then people, communities
    (made once for each set of registered kinds)."""
    kinds = [kind for kind in registry.kinds() if kind.searchable]
    # By identity: hashing a kind would translate its labels.
    key = tuple(id(kind) for kind in kinds)
    if key not in _made:
        _made.clear()
        _made[key] = [*(_content_source(kind) for kind in kinds), PERSON, COMMUNITY]
    return _made[key]


def source_named(name: str) -> Source:
    for source in sources():
        if source.name == name:
            return source
    raise LookupError(f"No search source is called {name!r}")


def source_for(obj) -> Source:
    model = type(obj)._meta.concrete_model
    if model is Profile:
        raise TypeError("Index the profile's user, not the profile")
    for source in sources():
        if source.model is model:
            return source
    raise LookupError(f"{model.__name__} is not searchable")


def readable_q(viewer) -> Q:
    """Index rows ``viewer`` may read: each source's rule, for its own rows.

    People signed in whose account does not take part yet (waiting for
    approval) read nothing: the site shows them only the waiting page.
    """
    q = Q(pk__in=[])
    if viewer.is_authenticated and not access.access_for(viewer).takes_part:
        return q
    # Kinds sharing one rule (every kind of community content) share it once.
    kinds_by_rule: dict[Callable, list[str]] = {}
    for source in sources():
        kinds_by_rule.setdefault(source.readable_q, []).append(source.name)
    for rule, kinds in kinds_by_rule.items():
        q |= Q(kind__in=kinds) & rule(viewer)
    return q


# Keeping it in step --------------------------------------------------------------

_UPDATED = [
    "community",
    "person",
    "author",
    "organisation",
    "title",
    "body",
    "tags",
    "evidence",
    "created_at",
    "updated_at",
]


def write(source: Source, objs: list) -> None:
    """Make the rows of ``objs`` (of one source) match what they now are."""
    if not objs:
        return
    rows = source.entries(objs)
    wanted = {(row.object_id, row.audience) for row in rows}
    stale = [
        pk
        for pk, object_id, audience in SearchEntry.objects.filter(
            kind=source.name, object_id__in=[obj.pk for obj in objs]
        ).values_list("pk", "object_id", "audience")
        if (object_id, audience) not in wanted
    ]
    if stale:
        SearchEntry.objects.filter(pk__in=stale).delete()
    if rows:
        SearchEntry.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["kind", "object_id", "audience"],
            update_fields=_UPDATED,
        )


def index(*objs) -> None:
    """Bring the index in step with ``objs`` and what they contain."""
    by_source: dict[str, tuple[Source, list]] = {}
    for obj in objs:
        if isinstance(obj, Profile):
            obj = obj.user
        source = source_for(obj)
        by_source.setdefault(source.name, (source, []))[1].append(obj)
        for rows in source.contained(obj):
            contained = list(rows)
            if contained:
                inner = source_for(contained[0])
                by_source.setdefault(inner.name, (inner, []))[1].extend(contained)
    with transaction.atomic():
        for source, items in by_source.values():
            write(source, items)
            source.also(items)


def _follow_organisation(user) -> None:
    """A person's organisation changed: their posts' rows follow it."""
    profile = Profile.objects.filter(user=user).only("organisation_id").first()
    SearchEntry.objects.filter(author=user).update(
        organisation_id=profile.organisation_id if profile else None
    )


# Rebuilding ----------------------------------------------------------------------

BATCH = 1000


def _created(obj):
    return getattr(obj, "created_at", None) or obj.date_joined


def rebuild(*, batch: int = BATCH) -> int:
    """Empty the index and index everything again; returns the objects indexed."""
    return sum(rebuild_in_batches(batch=batch))


def rebuild_in_batches(*, batch: int = BATCH) -> Iterator[int]:
    """``rebuild``, yielding how many objects each batch held (for a progress
    bar), all in one transaction.

    Everything is read oldest first across every source, so the row ids (which
    the capped ranking reads as "newest") follow when things were made.
    """
    by_order = dict(enumerate(sources()))
    streams = [_stream(order, source, batch) for order, source in by_order.items()]
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        merged = heapq.merge(*streams, key=lambda item: (item[0], item[1]))
        while chunk := list(itertools.islice(merged, batch)):
            _write_chunk(chunk, by_order)
            yield len(chunk)
    # Fresh statistics: without them SQLite plans the permission filter by
    # reading every row of a kind (34 ms for a word with one match, not 0.5).
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")


def _stream(order: int, source: Source, batch: int) -> Iterator[tuple]:
    for obj in source.everything().iterator(batch):
        yield _created(obj), order, obj


def _write_chunk(chunk: list, by_order: dict) -> int:
    rows = []
    # Consecutive runs of one source keep their order.
    for order, run in itertools.groupby(chunk, key=lambda item: item[1]):
        rows += by_order[order].entries([obj for _at, _order, obj in run])
    SearchEntry.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def total_to_index() -> int:
    return sum(source.everything().count() for source in sources())
