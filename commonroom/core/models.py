from django.db import models
from django.utils.translation import gettext_lazy as _


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
        return self.name


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
