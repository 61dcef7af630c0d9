from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.core.models import BaseModel, ServiceArea
from commonroom.organisations.models import Organisation


class Profile(BaseModel):
    """What a member tells other members about their work."""

    class RoleType(models.TextChoices):
        OFFICER = "officer", _("Officer")
        MANAGER = "manager", _("Manager")
        COUNCILLOR = "councillor", _("Councillor")
        PARTNER = "partner", _("Partner")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    role_type = models.CharField(
        _("role"), max_length=20, choices=RoleType.choices, default=RoleType.OFFICER
    )
    service_areas = models.ManyToManyField(
        ServiceArea, blank=True, related_name="profiles"
    )
    bio = models.TextField(_("about me"), max_length=2000, blank=True)

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"Profile of {self.user}"
