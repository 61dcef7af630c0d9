from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet):
    """Refuses bulk changes, except forgetting a deleted account's link."""

    def update(self, **kwargs):
        if set(kwargs) <= {"actor", "subject", "actor_id", "subject_id"} and not any(
            kwargs.values()
        ):
            return super().update(**kwargs)
        raise PermissionError("Audit events are append-only.")

    def delete(self):
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One security event. Append-only: rows are never changed or deleted.

    ``actor_email`` and ``subject_email`` are copies, so the log still says who
    it was after an account is deleted. Never put a password in ``detail``, nor
    a community's name or what someone wrote: an event about a community keeps
    its id in ``community_id``, and the log shows the name (and the people)
    only to administrators who may know the community exists (decision 0004).
    """

    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        SIGN_IN_RATE_LIMITED = (
            "sign_in_rate_limited",
            _("Sign-in blocked by rate limit"),
        )
        SIGN_OUT = "sign_out", _("Signed out")
        SIGN_UP = "sign_up", _("Signed up")
        EMAIL_CONFIRMED = "email_confirmed", _("Email address confirmed")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset")
        EMAIL_CHANGED = "email_changed", _("Email address changed")
        MFA_ENABLED = "mfa_enabled", _("Two-factor authentication turned on")
        MFA_DISABLED = "mfa_disabled", _("Two-factor authentication turned off")
        MFA_RECOVERY_CODES = "mfa_recovery_codes", _("Recovery codes generated")
        SIGN_UP_APPROVED = "sign_up_approved", _("Sign-up approved")
        SIGN_UP_REJECTED = "sign_up_rejected", _("Sign-up rejected")
        MEMBER_JOINED = "member_joined", _("Joined a community")
        MEMBER_LEFT = "member_left", _("Left a community")
        MEMBER_REMOVED = "member_removed", _("Removed from a community")
        JOIN_REQUESTED = "join_requested", _("Asked to join a community")
        JOIN_APPROVED = "join_approved", _("Request to join approved")
        JOIN_REJECTED = "join_rejected", _("Request to join rejected")
        JOIN_MORE_INFORMATION = (
            "join_more_information",
            _("More information asked for a request to join"),
        )
        JOIN_REQUEST_ANSWERED = (
            "join_request_answered",
            _("Answered the facilitators about a request to join"),
        )
        JOIN_WITHDRAWN = "join_withdrawn", _("Request to join withdrawn")
        INVITATION_SENT = "invitation_sent", _("Invitation sent")
        INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
        INVITATION_DECLINED = "invitation_declined", _("Invitation declined")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
        FACILITATOR_PROMOTED = "facilitator_promoted", _("Made a facilitator")
        FACILITATOR_DEMOTED = "facilitator_demoted", _("No longer a facilitator")
        OWNERSHIP_TRANSFERRED = (
            "ownership_transferred",
            _("Community ownership transferred"),
        )
        COMMUNITY_CREATED = "community_created", _("Community created")
        COMMUNITY_APPROVED = "community_approved", _("Community approved")
        COMMUNITY_REJECTED = "community_rejected", _("Community rejected")
        COMMUNITY_ARCHIVED = "community_archived", _("Community archived")
        COMMUNITY_RESTORED = "community_restored", _("Community restored")
        COMMUNITY_SETTINGS_CHANGED = (
            "community_settings_changed",
            _("Community settings changed"),
        )

    created_at = models.DateTimeField(_("time (UTC)"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_email = models.CharField(_("actor"), max_length=254, blank=True)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    subject_email = models.CharField(_("about"), max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    # A plain id rather than a foreign key: the audit app sits below the
    # communities app, and the entry outlives a deleted community.
    community_id = models.PositiveBigIntegerField(
        _("community"), null=True, blank=True, db_index=True
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["action", "-created_at"], name="audit_action_idx"),
            models.Index(fields=["actor_email", "-created_at"], name="audit_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_email}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")
