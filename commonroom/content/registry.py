"""The content registry: how kinds of community content plug into shared code.

Each kind (forum thread, forum reply, and later documents, wiki pages, events,
blog posts, polls, shouts) registers a ``ContentKind`` saying what search,
tags, activity, notifications, moderation and the leak matrix need to know about
it, so that those walk the registry instead of repeating code per kind. The
verbs a kind adds to activity and the moderation log are registered beside it in
``commonroom/activity/verbs.py``'s ``ACTIVITY`` and ``MODERATION``.

The community hub's slots ("latest discussions", "upcoming events"...) are
registered with the hub itself (``communities/hub.py``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import Http404

from commonroom.content.attachments import POST_UPLOADS, UploadPolicy
from commonroom.core.markdown import MAX_BODY_LENGTH

# Content kinds ------------------------------------------------------------------


@dataclass(frozen=True)
class SearchDocument:
    """What the search index keeps of one object.

    ``title`` and ``body`` are plain text (no Markdown, no HTML); ``tags`` the
    names of its tags; ``evidence`` what it shows about its author for "who
    knows about this?" ("accepted_answer", "helpful_reply", "reply",
    "question", "discussion"...).
    """

    title: str
    body: str
    tags: tuple[str, ...] = ()
    evidence: str = ""


def plain_text(obj) -> str:
    """A post's message as plain text: its rendered HTML without the tags."""
    import html

    from django.utils.html import strip_tags

    text = html.unescape(strip_tags(obj.body_html)) if obj.body_html else obj.body
    return " ".join(text.split())


def default_search_document(obj) -> SearchDocument:
    """Its title (if it has one), message and tags; no evidence."""
    kind = kind_for(obj)
    return SearchDocument(
        title=str(getattr(obj, "title", "")) if "title" in kind.search_fields else "",
        body=plain_text(obj) if "body" in kind.search_fields else "",
        tags=tuple(tag.name for tag in obj.tags) if kind.tagged else (),
    )


@dataclass(frozen=True)
class ContentKind:
    """What shared code needs to know about one kind of community content.

    - ``name`` is the short name used in addresses ("thread", "reply");
    - ``url(obj)`` is where a person reads it (a reply's permalink, say);
    - ``title(obj)`` names it in lists, reports, activity and emails;
    - ``search_fields`` are the text fields search indexes;
    - ``search_document(obj)`` gives what the search index keeps of it (a
      ``SearchDocument``: title, plain text, tags, evidence for "who knows");
      the default takes ``search_fields`` and the tags. ``searchable=False``
      keeps a kind out of search. The services tell the index of every
      change (``core.search_index.changed``);
    - ``tagged`` says whether people tag it;
    - ``editable_fields`` are what an edit may change, and what a ``Revision``
      keeps of each earlier version ("title", "body");
    - ``can_edit(user, obj)`` and ``can_delete(user, obj)`` say whether that
      person may edit or delete it; the shared edit and delete pages
      (``content/post_views.py``) check them, and pages offer the links only
      where they answer yes. Kinds point them at their ``permissions.py``; the
      default is the access kernel's rule (the author while still a member, or
      a facilitator, never once the community is archived);
    - ``edit_form()`` returns the form class the shared edit page shows, one
      field for each of ``editable_fields`` (``content.forms.edit_form_for``
      builds one from the shared pieces when a kind gives none);
    - ``after_visibility_change(obj, was_live=...)`` keeps counters right when
      it is deleted, hidden or restored (``was_live``: readable before);
    - ``community_post_count()`` is this kind's share of a community's post
      count: an expression over ``OuterRef("pk")`` (``content/counters.py``);
      None for kinds that are not posts;
    - ``container`` names the foreign key to the content this lives inside (a
      reply's "thread"; later a comment's document or event), or "" for none.
      Whoever reads it must be able to read its container too
      (``communities.access.content_readable_q`` / ``can_read_content``);
    - ``upload_policy`` says which files may be attached, how big and how many
      (``content.attachments.UploadPolicy``: posts take ``POST_UPLOADS``, the
      library ``LIBRARY_UPLOADS``); ``attach_files`` and the forms follow it;
    - ``body_max_length`` and ``body_required`` are the rules for its message
      (``content.forms.body_field`` and the shared edit and preview pages):
      at most that many characters (no more than ``MAX_BODY_LENGTH``, what the
      database keeps), and whether it may be left empty.
    """

    name: str
    model: type[models.Model]
    label: str
    label_plural: str
    url: Callable[[Any], str]
    title: Callable[[Any], str]
    search_fields: tuple[str, ...] = ("body",)
    search_document: Callable[[Any], SearchDocument] = default_search_document
    searchable: bool = True
    tagged: bool = False
    editable_fields: tuple[str, ...] = ("body",)
    after_visibility_change: Callable[..., None] = lambda obj, **changed: None
    community_post_count: Callable[[], Any] | None = None
    select_related: tuple[str, ...] = ("community", "author")
    container: str = ""
    can_edit: Callable[[Any, Any], bool] | None = None
    can_delete: Callable[[Any, Any], bool] | None = None
    edit_form: Callable[[], type] | None = None
    upload_policy: UploadPolicy = POST_UPLOADS
    body_max_length: int = MAX_BODY_LENGTH
    body_required: bool = True

    def __post_init__(self):
        if not 0 < self.body_max_length <= MAX_BODY_LENGTH:
            raise ImproperlyConfigured(
                f"The {self.name} kind's body_max_length must be between 1 and "
                f"{MAX_BODY_LENGTH}."
            )
        # The kernel sits above content, so its rule is looked up when asked.
        if self.can_edit is None:
            object.__setattr__(self, "can_edit", _kernel_can_edit)
        if self.can_delete is None:
            object.__setattr__(self, "can_delete", _kernel_can_edit)

    def container_of(self, obj):
        """The content ``obj`` lives inside, or None."""
        return getattr(obj, self.container) if self.container else None

    def readable_q(self, viewer, *, prefix: str = "") -> models.Q:
        """Rows of this kind ``viewer`` may read (the access kernel's rule)."""
        from commonroom.communities.access import content_readable_q

        return content_readable_q(viewer, self.model, prefix=prefix)


def _kernel_can_edit(user, obj) -> bool:
    from commonroom.communities.access import can_edit_content

    return can_edit_content(user, obj)


_kinds: dict[str, ContentKind] = {}


def register_kind(kind: ContentKind) -> ContentKind:
    _kinds[kind.name] = kind
    return kind


def kinds() -> list[ContentKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.name)


def get_kind(name: str) -> ContentKind:
    """The kind called ``name``; "not found" for a name nobody registered."""
    try:
        return _kinds[name]
    except KeyError:
        raise Http404("No such kind of content") from None


def with_containers(obj) -> list:
    """``obj`` and everything it lives inside, innermost first."""
    chain = []
    while obj is not None:
        chain.append(obj)
        obj = kind_for(obj).container_of(obj)
    return chain


def kind_for(obj_or_model) -> ContentKind:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    model = model._meta.concrete_model
    for kind in _kinds.values():
        if kind.model is model:
            return kind
    raise LookupError(f"{model.__name__} is not a registered content kind")


# Contained items ----------------------------------------------------------------
#
# Content that lives inside other content (a thread's replies; later a
# document's comments) moves with it. A kind registers a function returning the
# queryset of what ``obj`` contains; ``move_content`` walks it.

_contained: dict[type[models.Model], Callable[[Any], models.QuerySet]] = {}


def register_contained(
    model: type[models.Model], contained: Callable[[Any], models.QuerySet]
) -> None:
    _contained[model] = contained


def contained_in(obj) -> list[models.QuerySet]:
    """Querysets of what ``obj`` contains (empty when its kind contains nothing)."""
    contained = _contained.get(type(obj)._meta.concrete_model)
    return [contained(obj)] if contained is not None else []
