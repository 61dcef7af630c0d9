"""Reads for the facilitators' pages: the report queue and the moderation log.

Reports and log entries point at posts of any kind. Their posts are loaded in
bulk — one query per kind on the page, whatever the number of rows — and
attached as ``row.content`` (None when the post no longer exists).
"""

import html
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.html import strip_tags
from django.utils.text import Truncator

from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.content.registry import ContentKind, kind_for, with_containers
from commonroom.moderation.models import ModerationAction, Report

EXCERPT_WORDS = 40


class ContentState:
    LIVE = "live"
    HIDDEN = "hidden"
    DELETED = "deleted"
    GONE = "gone"


def open_reports(community: Community) -> QuerySet[Report]:
    """The queue: reports waiting for the facilitators, newest first."""
    return (
        Report.objects.filter(community=community, status=Report.Status.OPEN)
        .select_related("reporter", "content_type")
        .order_by("-created_at", "-pk")
    )


def open_report_count(community: Community) -> int:
    """How many reports wait, for the facilitators' link on the hub."""
    return Report.objects.filter(community=community, status=Report.Status.OPEN).count()


def get_report(*, community: Community, report_id: int) -> Report:
    return get_object_or_404(
        Report.objects.select_related("reporter", "content_type", "community"),
        pk=report_id,
        community=community,
    )


def moderation_log(community: Community) -> QuerySet[ModerationAction]:
    """Everything the facilitators did, newest first."""
    return (
        ModerationAction.objects.filter(community=community)
        .select_related("actor", "content_type")
        .order_by("-created_at", "-pk")
    )


def excerpt_of(obj, *, words: int = EXCERPT_WORDS) -> str:
    """The start of a post as plain text (never HTML)."""
    text = html.unescape(strip_tags(obj.body_html)) if obj.body_html else obj.body
    return Truncator(" ".join(text.split())).words(words)


def state_of(obj) -> str:
    """Whether the post (and the thread it is in) can still be read."""
    if obj is None:
        return ContentState.GONE
    items = with_containers(obj)
    if any(item.deleted_at is not None for item in items):
        return ContentState.DELETED
    if any(item.hidden_at is not None for item in items):
        return ContentState.HIDDEN
    return ContentState.LIVE


def _kind_of(content_type: ContentType) -> ContentKind | None:
    model = content_type.model_class()
    if model is None:
        return None
    try:
        return kind_for(model)
    except LookupError:
        return None


def with_content(rows: Iterable[Report | ModerationAction], *, viewer=None) -> list:
    """Attach each row's post, kind, title, excerpt and state, in bulk.

    Rows must come with their ``content_type`` (``select_related``). With a
    ``viewer``, ``row.content_url`` is the post's address when they may read it.
    """
    rows = list(rows)
    wanted: dict[int, set[int]] = defaultdict(set)
    kinds: dict[int, ContentKind | None] = {}
    for row in rows:
        kinds.setdefault(row.content_type_id, _kind_of(row.content_type))
        wanted[row.content_type_id].add(row.object_id)
    found: dict[tuple[int, int], object] = {}
    for content_type_id, object_ids in wanted.items():
        kind = kinds[content_type_id]
        if kind is None:
            continue
        for obj in kind.model.objects.select_related(*kind.select_related).filter(
            pk__in=object_ids
        ):
            found[(content_type_id, obj.pk)] = obj
    for row in rows:
        kind = kinds[row.content_type_id]
        obj = found.get((row.content_type_id, row.object_id))
        row.kind = kind
        row.content = obj
        row.content_state = state_of(obj)
        row.content_title = str(kind.title(obj)) if obj is not None and kind else ""
        row.excerpt = excerpt_of(obj) if obj is not None else ""
        row.content_url = (
            kind.url(obj)
            if obj is not None
            and kind is not None
            and viewer is not None
            and access.can_read_content(viewer, obj)
            else ""
        )
    return rows
