"""Tags: topic labels ("local plans", "s106") and what carries them.

This app sits just above core, below communities, profiles and content, so
that all of them can use one ``Tag`` without importing one another
(``core/tests/test_import_layers.py``).

- Communities' topics (``Community.tags``) and people's expertise
  (``Profile.expertise``) are plain many-to-many fields on those models: they
  describe a community or a person, not something posted.
- Content of every kind is tagged through one table, ``TaggedItem``, which
  points at its content the way every other link does (``ContentLink``:
  community, content type, id). A tag page can then page across kinds in one
  query, the access kernel filters it by community like anything else, and
  ``content.services.move_content`` moves it with its content.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.core.models import BaseModel, ContentLink


class Tag(BaseModel):
    """A topic label ("local plans", "s106") shared by communities and content."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        # The table was made when tags belonged to the content app; keeping its
        # name let the model move here without copying any rows.
        db_table = "content_tag"
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class TaggedItem(ContentLink, BaseModel):
    """One tag on one piece of community content, whatever its kind."""

    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="items")

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "tag"],
                name="one_tagging_per_tag_and_item",
            )
        ]
        indexes = [
            # A tag page: this tag's items, community by community, newest first.
            models.Index(
                fields=["tag", "community", "-created_at"],
                name="taggeditem_tag_page",
            ),
        ]
        # One item's tags (a thread page, ``tags_of``) use the unique
        # constraint's index, which starts with the item.
        verbose_name = _("tagged item")
        verbose_name_plural = _("tagged items")

    def __str__(self) -> str:
        return f"{self.tag_id} on {self.content_type_id}:{self.object_id}"
