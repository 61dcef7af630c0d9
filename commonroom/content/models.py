from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.core.models import BaseModel


class Tag(BaseModel):
    """A topic label ("local plans", "s106") shared by communities and content."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name
