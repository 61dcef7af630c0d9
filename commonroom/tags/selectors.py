"""Reading tags."""

from collections import defaultdict
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType

from commonroom.tags.models import TaggedItem


class TagList(list):
    """An item's tags, already loaded. ``all()`` answers like a related
    manager's, so templates and callers can say ``thread.tags.all``."""

    def all(self) -> "TagList":
        return self


def tags_of(objs: Sequence) -> dict[tuple[int, int], TagList]:
    """The tags of each of ``objs`` (content of any kinds), by name, in one query.

    Each object's ``tags`` is filled in as well, so a list can show every
    item's tags without a query each. Keys are ``(content type id, pk)``.
    Whoever shows the list has already chosen objects the reader may read;
    a tag is shown only on them.
    """
    objs = [obj for obj in objs if obj.pk is not None]
    types = ContentType.objects.get_for_models(*{type(obj) for obj in objs})
    found: dict[tuple[int, int], TagList] = defaultdict(TagList)
    if objs:
        wanted: dict[int, set[int]] = defaultdict(set)
        for obj in objs:
            wanted[types[type(obj)].pk].add(obj.pk)
        rows = TaggedItem.objects.none()
        for content_type_id, ids in wanted.items():
            rows |= TaggedItem.objects.filter(
                content_type_id=content_type_id, object_id__in=ids
            )
        for row in rows.select_related("tag").order_by("tag__name"):
            found[(row.content_type_id, row.object_id)].append(row.tag)
    result = {}
    for obj in objs:
        key = (types[type(obj)].pk, obj.pk)
        result[key] = obj.__dict__["tags"] = found.get(key, TagList())
    return result
