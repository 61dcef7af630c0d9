"""Activity: one entry per thing that happened to community content.

Services record an entry whenever they create or change content (DESIGN.md,
"Events → activity → notifications"). Notification jobs read entries later and
choose recipients through the access kernel at send time, so an entry never
decides who may see it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.activity.verbs import ACTIVITY, Verb
from commonroom.core.models import ContentLink


class Activity(ContentLink):
    """Who did what to what, where, and when."""

    # Generic verbs; a kind registers its own in ``activity.verbs.ACTIVITY``.
    Verb = Verb

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    verb = models.CharField(max_length=30)  # a value registered in ACTIVITY
    # Who the entry is about besides the actor: the person mentioned, the
    # author whose answer was accepted.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["community", "-created_at"]),
            models.Index(fields=["content_type", "object_id"]),
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activity")

    def save(self, *args, **kwargs) -> None:
        ACTIVITY.check(self.verb)
        super().save(*args, **kwargs)

    @property
    def verb_label(self):
        """What the actor did, to read after their name ("replied to")."""
        return ACTIVITY.label(self.verb)

    def __str__(self) -> str:
        return f"{self.actor_id} {self.verb} {self.content_type_id}:{self.object_id}"

    @classmethod
    def dropped_on_move(cls, rows: models.QuerySet) -> models.QuerySet:
        # "Reported" entries name the reporter: they stay out of the new community.
        return rows.filter(verb=cls.Verb.REPORTED)
