from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from commonroom.communities.querysets import CommunityQuerySet
from commonroom.core.models import BaseModel, ServiceArea
from commonroom.tags.models import Tag


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

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent community"),
    )
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
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_communities",
        help_text=_("The facilitator who holds overall responsibility."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="created_communities",
    )
    # Theme: a logo (checked and resized like profile photos) and an accent
    # colour that must keep white text readable (WCAG AA, 4.5:1).
    logo = models.ImageField(_("logo"), upload_to="communities/logos/", blank=True)
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        blank=True,
        validators=[
            RegexValidator(
                r"^#[0-9a-f]{6}$",
                _("Enter a colour as # and six hexadecimal digits, like #0b5e61"),
            )
        ],
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
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
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="communities_not_own_parent",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "visibility", "-post_count", "-member_count"],
                name="communities_activity_idx",
            ),
            # The directory's A–Z order: its first page reads twenty rows of
            # this index instead of sorting every listed community.
            models.Index(Lower("name"), "id", name="communities_name_order_idx"),
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


class MembershipRequest(BaseModel):
    """Someone asking to join a restricted community, and the facilitators' answer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        MORE_INFORMATION = "more_information", _("More information requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.PENDING, Status.MORE_INFORMATION)

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="membership_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="membership_requests",
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    response = models.TextField(_("reply"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["community", "created_at"]
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "user"],
                condition=models.Q(status__in=["pending", "more_information"]),
                name="communities_one_open_request_each",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.community}"


class Invitation(BaseModel):
    """An invitation to join, to a member or to an email address.

    People not yet registered join automatically once they sign up and confirm
    the invited address. Invitations expire and can be revoked.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a reply")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
    )
    email = models.EmailField(_("email address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    token = models.CharField(max_length=64, unique=True)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    expires_at = models.DateTimeField(_("expires"))
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["community", "-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "email"],
                condition=models.Q(status="pending"),
                name="communities_one_pending_invitation_each",
            )
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.email} for {self.community}"


class Notice(BaseModel):
    """A notice facilitators pin to the community hub."""

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="notices"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("notice"), max_length=2000)
    is_pinned = models.BooleanField(_("pinned to the hub"), default=True)

    class Meta:
        ordering = ["community", "-created_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return self.title
