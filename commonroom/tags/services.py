"""Changing tags: reading a comma-separated list people typed, finding or
creating the tags it names, and tagging content of any kind.

Used wherever people type tags (community topics, profile expertise, forum
threads). Each use supplies its own limits and wording; the rules are the same.

Whether a reader "may already see" a tag depends on apps above this one (the
access kernel, the content registry, profiles), so each of them registers a
``TagSource`` at start-up and ``tags_for`` asks them all.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from commonroom.tags.models import Tag, TaggedItem

# reader, tag ids -> which of them the reader may already see through this source
TagSource = Callable[[object, set[int]], set[int]]

_sources: dict[str, TagSource] = {}


def register_tag_source(name: str, source: TagSource) -> None:
    """Somewhere tags are shown: communities' topics, people's expertise, content."""
    _sources[name] = source


@dataclass(frozen=True)
class TagListRules:
    max_count: int
    max_length: int
    too_long: str  # with %(name)s and %(limit)d
    too_many: str  # lazy ngettext with %(limit)d
    code_prefix: str  # error codes: <prefix>_too_long, ...


def parse_tag_list(text: str, rules: TagListRules) -> list[str]:
    """Comma-separated names, tidied, without repeats (by slug).

    Raises ``ValidationError`` with every problem found.
    """
    names: dict[str, str] = {}
    errors: list[ValidationError] = []
    for part in text.split(","):
        name = re.sub(r"\s+", " ", part).strip()
        if not name:
            continue
        if len(name) > rules.max_length:
            errors.append(
                ValidationError(
                    rules.too_long,
                    code=f"{rules.code_prefix}_too_long",
                    params={"name": name[:20], "limit": rules.max_length},
                )
            )
            continue
        slug = slugify(name)
        if not slug:
            errors.append(
                ValidationError(
                    _("“%(name)s” must include letters or numbers"),
                    code=f"{rules.code_prefix}_without_letters",
                    params={"name": name},
                )
            )
            continue
        names.setdefault(slug, name)
    if len(names) > rules.max_count:
        errors.append(
            ValidationError(
                rules.too_many,
                code=f"too_many_{rules.code_prefix}s",
                params={"limit": rules.max_count},
            )
        )
    if errors:
        raise ValidationError(errors)
    return list(names.values())


def tags_for(names: Sequence[str], *, reader) -> list[Tag]:
    """Existing tags for ``names`` (matched by slug or name), creating the rest.

    ``reader`` is the person typing them. An existing tag keeps its stored
    spelling only where the reader may already see that tag (on something the
    access kernel lets them read, a community they may know of, or a
    profile); a tag used only out of their sight takes their spelling instead,
    so typing a name never reveals how a private community spelt it.

    Names are expected cleaned (see ``parse_tag_list``): unique by slug,
    60 characters or fewer, each with a non-empty slug.
    """
    wanted = {slugify(name): name for name in names}
    existing = list(
        Tag.objects.filter(Q(slug__in=wanted) | Q(name__in=list(wanted.values())))
    )
    by_slug = {tag.slug: tag for tag in existing}
    by_name = {tag.name.casefold(): tag for tag in existing}
    shown = tags_shown_to(reader, {tag.pk for tag in existing}) if existing else set()
    tags = []
    for slug, name in wanted.items():
        tag = by_slug.get(slug) or by_name.get(name.casefold())
        if tag is None:
            tag = Tag(name=name, slug=slug)
            tag.full_clean()
            try:
                with transaction.atomic():
                    tag.save()
            except IntegrityError:  # someone else created it a moment ago
                tag = Tag.objects.get(slug=slug)
        elif tag.pk not in shown and tag.name != name:
            tag.name = name
            try:
                with transaction.atomic():
                    tag.save(update_fields=["name", "updated_at"])
            except IntegrityError:  # another tag has that spelling already
                tag.refresh_from_db(fields=["name"])
        tags.append(tag)
    return tags


def tags_shown_to(reader, tag_ids: set[int]) -> set[int]:
    """Which of ``tag_ids`` ``reader`` may already see somewhere."""
    shown: set[int] = set()
    for name in sorted(_sources):
        if tag_ids <= shown:
            break
        shown |= _sources[name](reader, tag_ids - shown)
    return shown & tag_ids


def set_tags(obj, tags: Sequence[Tag]) -> None:
    """Make ``tags`` the tags of ``obj`` (community content of any kind).

    Rows stay where they are for tags kept, so their dates say when each tag
    was first put on.
    """
    content_type = ContentType.objects.get_for_model(obj)
    rows = TaggedItem.objects.filter(content_type=content_type, object_id=obj.pk)
    wanted = {tag.pk for tag in tags}
    rows.exclude(tag_id__in=wanted).delete()
    have = set(rows.values_list("tag_id", flat=True))
    TaggedItem.objects.bulk_create(
        [
            TaggedItem(
                community_id=obj.community_id,
                content_type=content_type,
                object_id=obj.pk,
                tag_id=tag_id,
            )
            for tag_id in sorted(wanted - have)
        ],
        ignore_conflicts=True,
    )
    obj.__dict__.pop("tags", None)
