"""Reading tags."""

from collections import defaultdict
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType

from commonroom.core.prepared import PreparedQuery, by_content_type, items_condition
from commonroom.tags.models import TaggedItem


def _tagged_query(shape, **wanted):
    return (
        TaggedItem.objects.filter(items_condition(wanted))
        .select_related("tag")
        .order_by("tag__name")
    )


_TAGGED = PreparedQuery(_tagged_query)


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
        for row in _TAGGED(**by_content_type(wanted)):
            found[(row.content_type_id, row.object_id)].append(row.tag)
    result = {}
    for obj in objs:
        key = (types[type(obj)].pk, obj.pk)
        result[key] = obj.__dict__["tags"] = found.get(key, TagList())
    return result
