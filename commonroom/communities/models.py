from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.communities.querysets import CommunityQuerySet
from commonroom.content.models import Tag
from commonroom.core.models import BaseModel, ServiceArea


class Community(BaseModel):
    """A community of practice: people who share a problem or an interest."""

    class Visibility(models.TextChoices):
        OPEN = "open", _("Open")
        RESTRICTED = "restricted", _("Restricted")
        PRIVATE = "private", _("Private")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        LIVE = "live", _("Live")
        ARCHIVED = "archived", _("Archived")

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    purpose = models.TextField(_("purpose"), max_length=1000)
    service_area = models.ForeignKey(
        ServiceArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="communities",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="communities")
    visibility = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.OPEN,
    )
    public_reading = models.BooleanField(
        _("visitors can read"),
        default=False,
        help_text=_("Open communities only: people who are not signed in can read."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.LIVE
    )
    # Display counters, kept by services; synchronize_counters() rebuilds them.
    member_count = models.PositiveIntegerField(_("members"), default=0)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, blank=True)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(public_reading=False) | models.Q(visibility="open"),
                name="communities_public_reading_only_when_open",
            )
        ]
        indexes = [
            models.Index(
                fields=["status", "visibility", "-post_count", "-member_count"],
                name="communities_activity_idx",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """A person's place in a community, and their role there."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FACILITATOR = "facilitator", _("Facilitator")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )

    class Meta:
        ordering = ["community", "-created_at"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"], name="communities_one_membership_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.community}"
