"""Reading community content of any kind, through the access kernel."""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from commonroom.accounts.permissions import can_take_part
from commonroom.accounts.querysets import listed_people_q
from commonroom.communities import access
from commonroom.communities.hub import TopicCloud
from commonroom.communities.models import Community
from commonroom.communities.pages import community_related
from commonroom.content.models import Attachment, Reaction, Revision
from commonroom.content.registry import get_kind, kind_for, kinds
from commonroom.core.prepared import PreparedQuery
from commonroom.profiles.permissions import details_visible_q
from commonroom.tags.models import Tag, TaggedItem
from commonroom.tags.services import tags_shown_to

User = get_user_model()


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
            readable = readable.filter(live_q(kind.model))
        q |= Q(
            content_type=types[kind.model],
            object_id__in=readable.values("pk"),
        )
    return TaggedItem.objects.filter(q)


def live_q(model, *, prefix: str = "") -> Q:
    """Rows of ``model`` (a registered kind) that are live, and whose
    containers are live too: neither deleted nor hidden, all the way out (a
    list shows a reply only while its thread is shown there as well)."""
    q = Q(**{f"{prefix}deleted_at__isnull": True, f"{prefix}hidden_at__isnull": True})
    container = kind_for(model).container
    if container:
        container_model = model._meta.get_field(container).related_model
        q &= live_q(container_model, prefix=f"{prefix}{container}__")
    return q


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


# Tag clouds -------------------------------------------------------------------

# The most used tags a cloud shows, and how many sizes it shows them in.
CLOUD_SIZE = 50
CLOUD_STEPS = 5


@dataclass(frozen=True)
class CloudTag:
    """One tag in a cloud: how often it is used on what the reader may read,
    and its size step, from 1 (least used) to ``CLOUD_STEPS`` (most)."""

    name: str
    slug: str
    uses: int
    step: int
    url: str


def _cloud(rows) -> list[CloudTag]:
    """(name, slug, uses) rows as a cloud, A–Z, sized on a log scale (a few
    very common tags would otherwise shrink every other to the smallest)."""
    if not rows:
        return []
    prefix = reverse("tag-page", args=["tag"]).removesuffix("tag/")
    low = math.log(min(uses for _, _, uses in rows))
    spread = math.log(max(uses for _, _, uses in rows)) - low
    tags = [
        CloudTag(
            name=name,
            slug=slug,
            uses=uses,
            step=1 + round((math.log(uses) - low) / spread * (CLOUD_STEPS - 1))
            if spread
            else 1,
            url=f"{prefix}{slug}/",
        )
        for name, slug, uses in rows
    ]
    return sorted(tags, key=lambda tag: (tag.name.casefold(), tag.slug))


def _most_used(items, limit: int):
    """The ``limit`` tags with most of ``items`` (``TaggedItem`` rows), as
    (name, slug, uses), counted and capped by the database in one query."""
    return (
        items.order_by()
        .values("tag_id", "tag__name", "tag__slug")
        .annotate(uses=Count("pk"))
        .order_by("-uses", "tag__name")
        .values_list("tag__name", "tag__slug", "uses")[:limit]
    )


def site_tag_cloud(*, viewer, limit: int = CLOUD_SIZE) -> list[CloudTag]:
    """The most used tags on live content of every kind ``viewer`` may read,
    across the site, in one query. A tag used only where the reader may not
    read is not among them, and neither is its count."""
    return _cloud(list(_most_used(readable_tagged_items(viewer, live=True), limit)))


def _topic_cloud_query(shape: tuple[tuple[str, ...], int], *, community_id: int):
    """The community's topics and its ``limit`` most used tags on live
    content, as ``Tag`` rows with ``is_topic`` and ``uses``: one query."""
    kind_names, limit = shape
    tagged = [get_kind(name) for name in kind_names]
    types = ContentType.objects.get_for_models(*(kind.model for kind in tagged))
    q = Q(pk__in=[])
    for kind in tagged:
        live = kind.model.objects.filter(live_q(kind.model), community_id=community_id)
        q |= Q(content_type=types[kind.model], object_id__in=live.values("pk"))
    live_items = TaggedItem.objects.filter(q, community_id=community_id).order_by()
    topics = Community.tags.through.objects.filter(community_id=community_id)
    most_used = (
        live_items.values("tag_id")
        .annotate(uses=Count("pk"))
        .order_by("-uses", "tag_id")
        .values("tag_id")[:limit]
    )
    uses = (
        live_items.filter(tag_id=OuterRef("pk"))
        .values("tag_id")
        .annotate(uses=Count("pk"))
        .values("uses")
    )
    return (
        Tag.objects.filter(
            Q(pk__in=topics.values("tag_id")) | Q(pk__in=Subquery(most_used))
        )
        .annotate(
            is_topic=Exists(topics.filter(tag_id=OuterRef("pk"))),
            uses=Coalesce(Subquery(uses), 0),
        )
        .only("name", "slug")
        .order_by("name", "pk")
    )


_TOPIC_CLOUD = PreparedQuery(_topic_cloud_query)


def topic_cloud(*, community: Community, viewer, limit: int = CLOUD_SIZE) -> TopicCloud:
    """The hub's topics and tag cloud, in one query (``communities.hub``).

    Only for people who may read the community. For them, what is live there
    is the same for all (hidden posts are left out even for facilitators, as
    in every list), so the query depends on the community alone and is
    prepared once (``core/prepared.py``). The cloud: the ``limit`` tags used
    most on its live content of every tagged kind; the topics: every one.
    """
    if not access.can_read_community(viewer, community):
        return TopicCloud(topics=community_topics(community))
    kind_names = tuple(kind.name for kind in kinds() if kind.tagged)
    if not kind_names:
        return TopicCloud(topics=community_topics(community))
    rows = _TOPIC_CLOUD((kind_names, limit), community_id=community.pk)
    used = sorted((tag for tag in rows if tag.uses), key=lambda t: (-t.uses, t.name))
    return TopicCloud(
        topics=[tag for tag in rows if tag.is_topic],
        cloud=_cloud([(tag.name, tag.slug, tag.uses) for tag in used[:limit]]),
    )


def community_topics(community: Community) -> list[Tag]:
    return list(community.tags.order_by("name", "pk"))


# What else has a tag ------------------------------------------------------------

# How many communities and people a tag page names before linking to the rest.
TAG_PAGE_COMMUNITIES = 6
TAG_PAGE_PEOPLE = 6


def communities_with_topic(*, viewer, tag: Tag, limit: int = TAG_PAGE_COMMUNITIES):
    """Communities whose topics include ``tag`` that ``viewer`` may know
    exist (``access.visible_q``), A–Z, the first ``limit`` (one query)."""
    return list(
        Community.objects.filter(access.visible_q(viewer), tags=tag)
        .only("name", "slug", "purpose", "visibility", "status")
        .order_by("name", "pk")[:limit]
    )


def experts_on(*, viewer, tag: Tag, limit: int = TAG_PAGE_PEOPLE):
    """Listed people with ``tag`` among their expertise whose details
    ``viewer`` may see (the profile rules: ``profiles.permissions``), A–Z, the
    first ``limit`` (one query; none for visitors, who see no profiles)."""
    if not can_take_part(viewer):
        return []
    return list(
        User.objects.filter(
            listed_people_q(),
            details_visible_q(viewer),
            profile__expertise=tag,
        )
        .select_related("profile__organisation")
        .order_by("full_name", "pk")[:limit]
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


@dataclass(frozen=True)
class TagPage:
    tag: Tag
    communities: list  # whose topics include it, that the reader may know of
    experts: list  # whose expertise includes it, whose details the reader sees
    items: object  # TaggedItem queryset: what has it, newest first, to page


def tag_page(*, viewer, slug: str) -> TagPage:
    """What the tag page shows, before paging its items.

    The page itself says whether the reader may see the tag: on a community,
    a person or a live item it lists. Only when it shows none of those does
    ``tags_shown_to`` ask the other places a tag may be seen (a hidden post
    its facilitators may read), before "not found" (``tag_page_exists``).
    """
    tag = get_object_or_404(Tag, slug=slug)
    return TagPage(
        tag=tag,
        communities=communities_with_topic(viewer=viewer, tag=tag),
        experts=experts_on(viewer=viewer, tag=tag),
        items=tag_page_items(viewer=viewer, tag=tag),
    )


def check_tag_page_shown(*, viewer, page: TagPage, item_count: int) -> None:
    """ "Not found", as for a tag nobody has, where the reader may see the
    tag nowhere."""
    if page.communities or page.experts or item_count:
        return
    if not tags_shown_to(viewer, {page.tag.pk}):
        raise Http404("No such tag")
