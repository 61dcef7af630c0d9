from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonroom.accounts.querysets import listed_people_q


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **fields) -> "User":
        if not email:
            raise ValueError("Every account needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def listed(self):
        """People shown and counted anywhere (``querysets.listed_people_q``)."""
        return self.get_queryset().filter(listed_people_q())

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields |= {
            "is_staff": True,
            "is_superuser": True,
            "approval_status": User.ApprovalStatus.APPROVED,
        }
        return self._create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with a Commonroom account, known by their work email address.

    ``is_staff`` marks platform administrators (the knowledge team). Only
    approved people take part: sign-ups from allowlisted email domains are
    approved at once, others wait for a platform administrator.
    """

    class ApprovalStatus(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    email = models.EmailField(_("email address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("platform administrator"),
        default=False,
        help_text=_("Can use the administration screens."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    approval_status = models.CharField(
        _("approval"),
        max_length=20,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.PENDING,
        db_index=True,
    )
    # What a person from an unknown email domain told us about where they work.
    requested_organisation = models.CharField(
        _("organisation given at sign-up"), max_length=200, blank=True
    )
    approval_decided_at = models.DateTimeField(null=True, blank=True)
    approval_decided_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approval_decisions",
    )
    rejection_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    last_seen_at = models.DateTimeField(_("last seen"), null=True, blank=True)
    # The language the person chose (one of settings.LANGUAGES); emails follow
    # it. Empty: they never chose, and get the site's default.
    language = models.CharField(_("language"), max_length=10, blank=True)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), name="accounts_user_email_ci_unique"
            )
        ]
        # People are listed A–Z (the people finder, member lists): a page
        # reads its twenty rows from this index rather than sorting everyone.
        indexes = [models.Index(fields=["full_name", "id"], name="user_name_order")]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_approved(self) -> bool:
        return self.approval_status == self.ApprovalStatus.APPROVED

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
