"""Reports of posts, and the log of what facilitators did about content."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.activity.verbs import MODERATION, Action
from commonroom.core.models import BaseModel, ContentLink


class Report(ContentLink, BaseModel):
    """A member telling the facilitators that a post needs their attention."""

    class Reason(models.TextChoices):
        ABUSIVE = "abusive", _("Abusive, offensive or harassing")
        CONFIDENTIAL = "confidential", _("Shares personal or confidential information")
        SPAM = "spam", _("Spam or advertising")
        OFF_TOPIC = "off_topic", _("Off topic or in the wrong place")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting")
        ACTIONED = "actioned", _("Acted on")
        DISMISSED = "dismissed", _("Dismissed")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    detail = models.TextField(_("details"), max_length=2000, blank=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["community", "status", "-created_at"])]
        constraints = [
            # One open report per person per post; it also finds a post's open
            # reports quickly when a facilitator hides the post.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"],
                condition=models.Q(status="open"),
                name="one_open_report_per_person_per_post",
            )
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.get_status_display()})"

    @classmethod
    def dropped_on_move(cls, rows: models.QuerySet) -> models.QuerySet:
        return rows  # reports (and who made them) never reach another community


class ModerationAction(ContentLink):
    """One entry in a community's moderation log. Never changed or removed."""

    moves_with_content = False  # it stays in the log of the community it was in

    # Generic actions; a kind registers its own in ``activity.verbs.MODERATION``.
    Action = Action

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(max_length=30)  # a value registered in MODERATION
    # The title of what was acted on, as it was: the log must still read well
    # after the post is edited or moved.
    target_title = models.CharField(max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["community", "-created_at"])]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")

    def save(self, *args, **kwargs) -> None:
        MODERATION.check(self.action)
        super().save(*args, **kwargs)

    @property
    def action_label(self):
        """What the facilitator did, as the moderation log shows it ("Hid")."""
        return MODERATION.label(self.action)

    def __str__(self) -> str:
        return f"{self.actor_id} {self.action} {self.target_title}"
