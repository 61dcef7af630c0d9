"""Who may edit, delete and see the history of a post, of any kind.

Each kind says who may edit and delete it (``ContentKind.can_edit`` and
``can_delete`` in the registry); the shared pages and services check through
here, so that the link a page offers and the page behind it agree. Built on the
access kernel; nothing here queries the database beyond what ``access_for``
caches for the request.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.content.registry import kind_for


def _refuse_change(obj) -> None:
    if obj.community.status != Community.Status.LIVE:
        raise PermissionDenied(
            _("This community is archived: nothing new can be posted.")
        )
    raise PermissionDenied(
        _("Only the person who wrote this, or a facilitator, can change it.")
    )


def can_edit(user, obj) -> bool:
    return kind_for(obj).can_edit(user, obj)


def check_edit(user, obj) -> None:
    """ "Not found" for what the person may not read; "forbidden" otherwise."""
    access.check_read_content(user, obj)
    if not can_edit(user, obj):
        _refuse_change(obj)


def can_delete(user, obj) -> bool:
    return kind_for(obj).can_delete(user, obj)


def check_delete(user, obj) -> None:
    access.check_read_content(user, obj)
    if not can_delete(user, obj):
        _refuse_change(obj)


def can_see_history(user, obj) -> bool:
    """Earlier versions are for the post's author and the community's
    facilitators (everyone who reads it sees that it was edited, and when)."""
    if not access.can_read_content(user, obj):
        return False
    return (
        user.is_authenticated and obj.author_id == user.pk
    ) or access.can_facilitate(user, obj.community)


def check_see_history(user, obj) -> None:
    access.check_read_content(user, obj)
    if not can_see_history(user, obj):
        raise PermissionDenied(
            _(
                "Only the author and the community’s facilitators can see "
                "earlier versions."
            )
        )
