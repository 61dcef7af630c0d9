from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.core.service_areas import service_area_name


class BaseModel(models.Model):
    """Every model's base: when a row was created and last changed (UTC)."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class ServiceArea(BaseModel):
    """A council service area ("Adult social care", "Planning and building control").

    Reference data shared by communities and profiles; the list is created by a
    data migration so that every installation has the same slugs.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language: what pages show."""
        return service_area_name(self.name)


class SentEmail(BaseModel):
    """A marker that one email has gone, so a job run twice sends it once.

    ``key`` names the event the email tells about (``"invitation:12:<token
    digest>"``), never the address or the text: ``core.email.send_email``
    writes the marker in the same transaction as it sends.
    """

    key = models.CharField(_("key"), max_length=255, unique=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")

    def __str__(self) -> str:
        return self.key


class ContentLink(models.Model):
    """Points at one piece of community content, whatever its kind."""

    community = models.ForeignKey(
        "communities.Community", on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")

    # False for rows that record what happened in a community (its moderation
    # log): they stay where they were written when the content moves.
    moves_with_content = True

    class Meta:
        abstract = True

    @classmethod
    def dropped_on_move(cls, rows: models.QuerySet) -> models.QuerySet:
        """Which of ``rows`` are removed, not moved, when their content moves
        to another community (``content.services.move_content``).

        Rows follow their content unless they would tell the new community's
        facilitators something its readers were never shown (earlier
        versions, reports and who made them): those are removed.
        """
        return rows.none()
