from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commonroom.core.models import BaseModel, ServiceArea
from commonroom.organisations.models import Organisation
from commonroom.profiles.handles import HANDLE_MAX_LENGTH, assign_handle, assign_handles
from commonroom.tags.models import Tag


class ProfileManager(models.Manager["Profile"]):
    def bulk_create(self, objs, *args, **kwargs):
        # bulk_create skips save(), which is where a new profile gets its handle.
        objs = list(objs)
        assign_handles(objs)
        return super().bulk_create(objs, *args, **kwargs)


class Profile(BaseModel):
    """What a member tells other members about their work."""

    class RoleType(models.TextChoices):
        OFFICER = "officer", _("Officer")
        MANAGER = "manager", _("Manager")
        COUNCILLOR = "councillor", _("Councillor")
        PARTNER = "partner", _("Partner")

    class Privacy(models.TextChoices):
        ALL_MEMBERS = "all_members", _("All signed-in members")
        MY_COMMUNITIES = "my_communities", _("Only members of my communities")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # What others write after "@" to mention this member (see handles.py). Set
    # from the full name when the profile is first saved; it never changes.
    handle = models.SlugField(
        _("mention name"),
        max_length=HANDLE_MAX_LENGTH,
        unique=True,
        null=True,
        blank=True,
        editable=False,
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
    expertise = models.ManyToManyField(Tag, blank=True, related_name="experts")
    bio = models.TextField(_("about me"), max_length=2000, blank=True)
    # A server-generated file name; the image is checked, resized and stripped
    # of metadata before it is stored (see services.set_photo).
    photo = models.ImageField(_("photo"), upload_to="profiles/photos/", blank=True)
    privacy = models.CharField(
        _("who can see my profile details"),
        max_length=20,
        choices=Privacy.choices,
        default=Privacy.ALL_MEMBERS,
    )
    show_online_presence = models.BooleanField(
        _("show when I was last online"), default=False
    )

    objects = ProfileManager()

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    def save(self, *args, **kwargs):
        if not self.handle:
            assign_handle(self)
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "handle"}
        super().save(*args, **kwargs)


class Contact(BaseModel):
    """A member someone has added to their contacts."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_of"
    )

    class Meta:
        ordering = ["owner", "contact__full_name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "contact"], name="profiles_one_contact_each"
            ),
            models.CheckConstraint(
                condition=~models.Q(owner=models.F("contact")),
                name="profiles_not_own_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact} in {self.owner}'s contacts"
