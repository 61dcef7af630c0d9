"""Community content: the shared base every kind builds on, and what hangs off it.

Forum threads and replies, documents, wiki pages, events, blog posts, polls and
shouts all subclass ``CommunityContent`` (DESIGN.md, "Community content: one
base, a registry"). Attachments, reactions and earlier versions belong to any
kind, so they point at their content through a content type and an id, and
carry the community so that the access kernel can filter them directly.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from commonroom.content.attachments import attachment_storage
from commonroom.core.markdown import MAX_BODY_LENGTH
from commonroom.core.models import BaseModel, ContentLink
from commonroom.tags.models import Tag, TaggedItem
from commonroom.tags.selectors import TagList, tags_of

# ``ContentLink`` and ``Tag`` live below content (in core and tags) so that the
# apps content builds on can use them without importing content; they are
# named here too because this is where people look for them.
__all__ = [
    "MAX_BODY_LENGTH",
    "Attachment",
    "CommunityContent",
    "ContentLink",
    "Reaction",
    "Revision",
    "Tag",
    "TaggedItem",
]


class ContentQuerySet(models.QuerySet):
    def live(self):
        """Neither deleted nor hidden by a facilitator."""
        return self.filter(deleted_at__isnull=True, hidden_at__isnull=True)

    def readable_by(self, user):
        """What ``user`` may read: the kind's one rule, from the access kernel.

        This means "may read", which for a facilitator includes hidden content;
        lists of live items for ordinary reading add ``.live()``.
        """
        from commonroom.communities.access import content_readable_q

        return self.filter(content_readable_q(user, self.model))


class CommunityContent(BaseModel):
    """Community, author, timestamps, tags, soft deletion and a rendered body.

    ``body`` is the Markdown the author wrote; ``body_html`` is what
    ``commonroom.core.markdown.render`` made of it when it was saved, so pages
    never render Markdown while they are being read.
    """

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("message"), max_length=MAX_BODY_LENGTH)
    body_html = models.TextField(editable=False, blank=True)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)
    helpful_count = models.PositiveIntegerField(default=0)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_live(self) -> bool:
        return self.deleted_at is None and self.hidden_at is None

    @cached_property
    def tags(self) -> TagList:
        """Its tags, by name: one query, or none after ``tags_of`` filled them
        in for a whole list. Changed with ``tags.services.set_tags``."""
        if self.pk is None:
            return TagList()
        return next(iter(tags_of([self]).values()))

    @property
    def content_kind(self):
        """Its entry in the content registry (``kind`` is free for subclasses:
        a thread's kind is "discussion" or "question")."""
        from commonroom.content.registry import kind_for

        return kind_for(self)

    def get_absolute_url(self) -> str:
        return self.content_kind.url(self)


def _attachment_name(instance, filename: str) -> str:
    # The person's file name is never used on disk (it is kept in
    # original_name); see content/attachments.py.
    from commonroom.content.attachments import storage_name

    return storage_name()


class Attachment(ContentLink, BaseModel):
    """A file attached to a post. Served only through the access kernel."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    file = models.FileField(
        upload_to=_attachment_name, storage=attachment_storage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    media_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Reaction(ContentLink, BaseModel):
    """A "helpful" mark one member gave one post."""

    class Kind(models.TextChoices):
        HELPFUL = "helpful", _("Helpful")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.HELPFUL)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user", "kind"],
                name="one_reaction_of_a_kind_per_person",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return (
            f"{self.kind} by {self.user_id} on {self.content_type_id}:{self.object_id}"
        )


class Revision(ContentLink, BaseModel):
    """An earlier version of a post, kept when it is edited.

    ``fields`` holds what the version said of each of its kind's
    ``editable_fields`` (``{"title": ..., "body": ...}`` for a thread), so
    any kind keeps its own snapshot without a column per field.
    """

    fields = models.JSONField(default=dict, blank=True)
    # Who wrote this version, and when it stopped being the current one.
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    written_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"Version of {self.content_type_id}:{self.object_id} ({self.written_at})"

    @classmethod
    def dropped_on_move(cls, rows: models.QuerySet) -> models.QuerySet:
        return rows  # earlier versions stay with the community they were written in

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def body(self) -> str:
        return self.fields.get("body", "")
