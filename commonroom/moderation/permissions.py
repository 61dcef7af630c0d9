"""Who may report posts, and who may moderate them.

Built on the access kernel (``commonroom.communities.access``); nothing here
queries the database beyond what ``access_for`` caches for the request, so
templates can be given these flags for every post on a page.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from commonroom.communities import access


def can_report_content(user, obj) -> bool:
    """Members who may post in the community report what others wrote."""
    return (
        access.can_read_content(user, obj)
        and access.can_post_in(user, obj.community)
        and obj.author_id != user.pk
        and obj.hidden_at is None
    )


def check_report_content(user, obj) -> None:
    """ "Not found" for what the person may not read; "forbidden" otherwise."""
    access.check_read_content(user, obj)
    if not access.can_post_in(user, obj.community):
        raise PermissionDenied(_("Only members of this community can report posts."))
    if obj.author_id == user.pk:
        raise PermissionDenied(_("You cannot report your own post."))
    if obj.hidden_at is not None:
        raise PermissionDenied(
            _("A facilitator has already hidden this post. Only they can see it.")
        )


def can_moderate_content(user, obj) -> bool:
    """The community's facilitators hide and restore posts."""
    return access.can_read_content(user, obj) and access.can_facilitate(
        user, obj.community
    )


def check_moderate_content(user, obj) -> None:
    access.check_read_content(user, obj)
    access.check_facilitate(user, obj.community)
