"""Reading community content of any kind, through the access kernel."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.communities.pages import community_related
from commonroom.content.models import Attachment, Reaction, Revision
from commonroom.content.registry import get_kind, kind_for, kinds
from commonroom.tags.models import Tag, TaggedItem
from commonroom.tags.services import tags_shown_to


def get_content(
    *,
    viewer,
    kind_name: str,
    object_id: int,
    community_slug: str = "",
    community: Community | None = None,
):
    """One post of a registered kind, if ``viewer`` may read it.

    "Not found" for a kind nobody registered, for a post in another community
    or removed from view, and where the community's existence is private.

    Pass the ``community`` a page has already loaded (``communities.pages``)
    rather than its slug, and it is not loaded again. Given the slug, the
    community comes with what its page's breadcrumbs need.
    """
    kind = get_kind(kind_name)
    if community is not None:
        related = [name for name in kind.select_related if name != "community"]
        where = {"community": community}
    else:
        related = [*kind.select_related, *community_related("community")]
        where = {"community__slug": community_slug}
    obj = get_object_or_404(
        kind.model.objects.select_related(*related), pk=object_id, **where
    )
    if community is not None:
        obj.community = community
    access.check_read_content(viewer, obj)
    return obj


def get_attachment(*, viewer, community_slug: str, attachment_id: int) -> Attachment:
    """An attached file, if ``viewer`` may read the post it belongs to.

    The post must be readable too: not deleted, not hidden (but for the
    community's facilitators), and neither may the thread a reply is in be.
    """
    attachment = get_object_or_404(
        Attachment.objects.select_related("community", "content_type"),
        pk=attachment_id,
    )
    community = attachment.community
    if community.slug != community_slug:
        raise Http404("No file here")
    access.check_read_community(viewer, community)
    post = attachment.target
    if (
        post is None
        or post.community_id != community.pk
        or not access.can_read_content(viewer, post)
    ):
        raise Http404("No file here")
    return attachment


def content_prefix(community_slug: str) -> str:
    """``/communities/<slug>/content/``: where every post's shared pages start.

    Templates listing many posts append ``<kind>/<id>/history/`` (``helpful/``,
    ``report/``, ``hide/``...) to it, so a page reverses one address rather
    than several for each post.
    """
    return reverse("content-history", args=[community_slug, "kind", 1]).removesuffix(
        "kind/1/history/"
    )


def key_of(obj) -> tuple[int, int]:
    """(content type id, object id): how links to content are keyed."""
    return (ContentType.objects.get_for_model(obj).pk, obj.pk)


def revisions_q(obj):
    """Earlier versions of ``obj``, newest first, with who wrote each (a
    queryset, for pages to paginate)."""
    content_type = ContentType.objects.get_for_model(obj)
    return (
        Revision.objects.filter(content_type=content_type, object_id=obj.pk)
        .select_related("written_by", "replaced_by")
        .order_by("-created_at", "-pk")
    )


def revisions_of(obj) -> list[Revision]:
    """Earlier versions, newest first, with who wrote each."""
    return list(revisions_q(obj))


def version_fields(kind, revision: Revision) -> list[tuple[str, str]]:
    """(field name, text) for each of the kind's editable fields the version
    kept, in the kind's order."""
    return [
        (name, str(revision.fields[name]))
        for name in kind.editable_fields
        if name in revision.fields
    ]


def marked_helpful_by(viewer, objects: Iterable) -> set[tuple[int, int]]:
    """Which of ``objects`` the viewer marked helpful, in one query."""
    objects = [obj for obj in objects if obj is not None]
    if not viewer.is_authenticated or not objects:
        return set()
    keys = {key_of(obj) for obj in objects}
    content_type_ids = {content_type_id for content_type_id, _ in keys}
    object_ids = {object_id for _, object_id in keys}
    rows = Reaction.objects.filter(
        user=viewer,
        kind=Reaction.Kind.HELPFUL,
        content_type_id__in=content_type_ids,
        object_id__in=object_ids,
    ).values_list("content_type_id", "object_id")
    return {row for row in rows if row in keys}


# Tags across kinds ------------------------------------------------------------


def readable_tagged_items(viewer, *, live: bool = False):
    """``TaggedItem`` rows on content ``viewer`` may read, of every tagged kind.

    Each kind's own rule (``kind.readable_q``, from the access kernel) picks
    its items, so a tag on a hidden, deleted or private post is not among
    them. ``live`` leaves out hidden posts even for their facilitators (what
    a list shows; reading "may read" includes hidden posts for facilitators).
    """
    tagged = [kind for kind in kinds() if kind.tagged]
    types = ContentType.objects.get_for_models(*(kind.model for kind in tagged))
    q = Q(pk__in=[])
    for kind in tagged:
        readable = kind.model.objects.filter(kind.readable_q(viewer))
        if live:
            readable = readable.live()
        q |= Q(
            content_type=types[kind.model],
            object_id__in=readable.values("pk"),
        )
    return TaggedItem.objects.filter(q)


def tag_sightings(reader, tag_ids: set[int]) -> set[int]:
    """Tags ``reader`` may already see on content (a ``tags`` tag source)."""
    return set(
        readable_tagged_items(reader)
        .filter(tag_id__in=tag_ids)
        .order_by()
        .values_list("tag_id", flat=True)
        .distinct()
    )


def tag_page_items(*, viewer, tag):
    """What the tag page lists: live content of every tagged kind ``viewer``
    may read, newest tagging first (a queryset of ``TaggedItem`` to page)."""
    return (
        readable_tagged_items(viewer, live=True)
        .filter(tag=tag)
        .order_by("-created_at", "-pk")
    )


def with_targets(items: Iterable) -> list:
    """Load each tagged item's content, one query per kind on the page, with
    what its kind needs to show a title and a link (``select_related``)."""
    items = list(items)
    by_type: dict[int, list] = {}
    for item in items:
        by_type.setdefault(item.content_type_id, []).append(item)
    for content_type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        kind = kind_for(model)
        objs = model.objects.select_related(*kind.select_related).in_bulk(
            [item.object_id for item in group]
        )
        for item in group:
            item.content = objs.get(item.object_id)
            item.kind = kind
            item.title = kind.title(item.content) if item.content else ""
    return [item for item in items if item.content is not None]


def get_tag_for_page(*, viewer, slug: str):
    """The tag whose page this is, if ``viewer`` may see it anywhere (on
    something they may read, a community they may know of, a profile).

    "Not found" otherwise, the same as for a tag nobody has, so a tag used
    only in a private community stays unknown, spelling and all.
    """
    tag = get_object_or_404(Tag, slug=slug)
    if not tags_shown_to(viewer, {tag.pk}):
        raise Http404("No such tag")
    return tag
