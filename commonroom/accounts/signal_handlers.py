"""Security events from Django and django-allauth, written to the audit log,
and the kept count of listed people forgotten when it may change.

Signals are the only hooks these libraries offer for such events; each receiver
does nothing but record (a decoupled side effect), except the language one,
which keeps the language a person chose, and the last two. (A changed address
is rechecked against the allowlist by profiles, and a confirmed one accepts
waiting invitations in communities: each listens to allauth itself.)
"""

from allauth.account import signals as account_signals
from allauth.account.models import EmailAddress
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from commonroom.accounts import audit_details, selectors, services
from commonroom.accounts.models import User
from commonroom.audit.models import AuditEvent
from commonroom.audit.services import record_event
from commonroom.core.signals import language_chosen

Action = AuditEvent.Action


@receiver(auth_signals.user_logged_in, dispatch_uid="audit_sign_in")
def audit_sign_in(sender, request, user, **kwargs):
    record_event(Action.SIGN_IN, request=request, actor=user, subject=user)


@receiver(auth_signals.user_login_failed, dispatch_uid="audit_sign_in_failed")
def audit_sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked any password in ``credentials``; keep only who.
    identifier = str(credentials.get("email") or credentials.get("username") or "")
    record_event(
        Action.SIGN_IN_FAILED,
        request=request,
        actor_email=identifier,
        detail=audit_details.WRONG_PASSWORD.note(),
    )


@receiver(auth_signals.user_logged_out, dispatch_uid="audit_sign_out")
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(Action.SIGN_OUT, request=request, actor=user, subject=user)


@receiver(account_signals.email_confirmed, dispatch_uid="audit_email_confirmed")
def audit_email_confirmed(sender, request, email_address, **kwargs):
    user = email_address.user
    record_event(
        Action.EMAIL_CONFIRMED,
        request=request,
        actor=user,
        subject=user,
        detail=email_address.email,
    )


@receiver(account_signals.password_changed, dispatch_uid="audit_password_changed")
def audit_password_changed(sender, request, user, **kwargs):
    record_event(Action.PASSWORD_CHANGED, request=request, actor=user, subject=user)


@receiver(account_signals.password_reset, dispatch_uid="audit_password_reset")
def audit_password_reset(sender, request, user, **kwargs):
    record_event(Action.PASSWORD_RESET, request=request, actor=user, subject=user)


def _record_mfa_change(action: str):
    def receiver(sender, request, user, authenticator, **kwargs):
        record_event(
            action, request=request, actor=user, subject=user, detail=authenticator.type
        )

    return receiver


for signal, action in [
    (mfa_signals.authenticator_added, Action.MFA_ENABLED),
    (mfa_signals.authenticator_removed, Action.MFA_DISABLED),
    (mfa_signals.authenticator_reset, Action.MFA_RECOVERY_CODES),
]:
    signal.connect(
        _record_mfa_change(action), weak=False, dispatch_uid=f"audit_{action}"
    )


@receiver(language_chosen, dispatch_uid="remember_language")
def remember_language(sender, request, language_code, **kwargs):
    """A signed-in person's choice of language is kept, for their emails."""
    if request.user.is_authenticated:
        services.set_language(user=request.user, language=language_code)


# Fields of an account that list or unlist its owner (``listed_people_q``).
_LISTING_FIELDS = frozenset({"is_active", "approval_status"})


@receiver(post_save, sender=User, dispatch_uid="listed_people_account_saved")
def _account_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or update_fields is None or _LISTING_FIELDS & set(update_fields):
        selectors.forget_listed_people()


@receiver(post_delete, sender=User, dispatch_uid="listed_people_account_deleted")
@receiver(post_save, sender=EmailAddress, dispatch_uid="listed_people_email_saved")
@receiver(post_delete, sender=EmailAddress, dispatch_uid="listed_people_email_deleted")
def _listing_may_have_changed(sender, **kwargs):
    selectors.forget_listed_people()
