"""Who may take part, and who administers the platform."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def can_take_part(user) -> bool:
    """Signed in, active and approved: may join communities and post."""
    return bool(user.is_authenticated and user.is_active and user.is_approved)


def check_take_part(user) -> None:
    if not can_take_part(user):
        raise PermissionDenied(
            _("Your account is waiting for approval, so you cannot do this yet.")
        )


def is_platform_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def check_platform_admin(user) -> None:
    if not is_platform_admin(user):
        raise PermissionDenied(_("Only platform administrators can do this."))
