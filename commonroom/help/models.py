from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.core.models import BaseModel


class Feedback(BaseModel):
    """Feedback sent through the footer's form, kept for the Commonroom team."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
    )
    name = models.CharField(_("your name"), max_length=150, blank=True)
    email = models.EmailField(_("your email address"), blank=True)
    message = models.TextField(_("your feedback"), max_length=5000)
    sent_at = models.DateTimeField(_("sent to the team"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"Feedback {self.pk} from {self.name or 'a visitor'}"
