"""Activity: one entry per thing that happened to community content.

Services record an entry whenever they create or change content (DESIGN.md,
"Events → activity → notifications"). Notification jobs read entries later and
choose recipients through the access kernel at send time, so an entry never
decides who may see it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.content.models import ContentLink


class Activity(ContentLink):
    """Who did what to what, where, and when."""

    class Verb(models.TextChoices):
        POSTED = "posted", _("posted")
        REPLIED = "replied", _("replied to")
        EDITED = "edited", _("edited")
        DELETED = "deleted", _("deleted")
        MENTIONED = "mentioned", _("mentioned someone in")
        ACCEPTED_ANSWER = "accepted_answer", _("accepted an answer to")
        CLEARED_ANSWER = "cleared_answer", _("cleared the accepted answer of")
        MARKED_HELPFUL = "marked_helpful", _("found helpful")
        UNMARKED_HELPFUL = "unmarked_helpful", _("no longer found helpful")
        FOLLOWED = "followed", _("followed")
        UNFOLLOWED = "unfollowed", _("stopped following")
        PINNED = "pinned", _("pinned")
        UNPINNED = "unpinned", _("unpinned")
        LOCKED = "locked", _("locked")
        UNLOCKED = "unlocked", _("unlocked")
        MOVED = "moved", _("moved")
        HIDDEN = "hidden", _("hid")
        RESTORED = "restored", _("restored")
        REPORTED = "reported", _("reported")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    verb = models.CharField(max_length=30, choices=Verb.choices)
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

    def __str__(self) -> str:
        return f"{self.actor_id} {self.verb} {self.content_type_id}:{self.object_id}"

    @classmethod
    def dropped_on_move(cls, rows: models.QuerySet) -> models.QuerySet:
        # "Reported" entries name the reporter: they stay out of the new community.
        return rows.filter(verb=cls.Verb.REPORTED)
