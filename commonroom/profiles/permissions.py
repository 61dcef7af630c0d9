"""Who may see a member's profile details, change a profile, and add contacts.

A member chooses whether their details (job title, role, photo, biography,
service areas, expertise, online presence) are seen by all signed-in members or only by
members of communities they belong to. Name and organisation are always shown to
signed-in members. Visitors see no profiles. Only listed people (active,
approved, email confirmed: ``accounts.querysets.listed_people_q``) are shown.
Members change only their own profile.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from commonroom.accounts.permissions import can_take_part
from commonroom.communities.models import Membership
from commonroom.profiles.models import Profile


def shares_a_community_q(viewer, *, user_field: str = "pk") -> Q:
    """Rows whose user (``user_field``) shares at least one community with viewer."""
    viewer_communities = Membership.objects.filter(user_id=viewer.pk).values(
        "community_id"
    )
    return Q(
        Exists(
            Membership.objects.filter(
                user_id=OuterRef(user_field), community_id__in=viewer_communities
            )
        )
    )


def details_visible_q(viewer, *, prefix: str = "") -> Q:
    """Users (or rows reaching a user through ``prefix``) whose details viewer sees.

    For a User queryset use no prefix; for a Profile queryset pass
    ``prefix="user__"``. Platform administrators see everyone's details.
    """
    if not viewer.is_authenticated:
        return Q(pk__in=[])
    if viewer.is_staff:
        return Q()
    user_field = f"{prefix}pk"
    return (
        Q(**{f"{prefix}profile__privacy": Profile.Privacy.ALL_MEMBERS})
        | Q(**{user_field: viewer.pk})
        | shares_a_community_q(viewer, user_field=user_field)
    )


def can_see_details(viewer, user) -> bool:
    """May ``viewer`` see ``user``'s profile details? (one query at most)"""
    return user.pk in details_visible_among(viewer, [user])


def details_visible_expression(viewer, *, prefix: str = "") -> Case | Value:
    """``details_visible_q`` as a boolean to annotate rows with (no extra query)."""
    condition = details_visible_q(viewer, prefix=prefix)
    if not condition:  # platform administrators: an empty Q() matches everyone
        return Value(True, output_field=BooleanField())
    return Case(
        When(condition, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def details_visible_among(viewer, users) -> set[int]:
    """Of ``users`` (their profiles loaded), the ids of those whose details
    ``viewer`` may see: ``details_visible_q`` for the authors on a page of
    posts, in one query at most, and none when every author shows their
    details to all members (the default)."""
    if not viewer.is_authenticated:
        return set()
    if viewer.is_staff:
        return {user.pk for user in users}
    visible, restricted = set(), set()
    for user in users:
        profile = getattr(user, "profile", None)
        if (
            user.pk == viewer.pk
            or profile is None
            or profile.privacy == Profile.Privacy.ALL_MEMBERS
        ):
            visible.add(user.pk)
        else:
            restricted.add(user.pk)
    if restricted:
        visible.update(
            Membership.objects.filter(
                user_id__in=restricted,
                community_id__in=Membership.objects.filter(user_id=viewer.pk).values(
                    "community_id"
                ),
            ).values_list("user_id", flat=True)
        )
    return visible


# The profile details a byline shows beside a post author's name (which, with
# the organisation, every reader sees).
BYLINE_DETAILS = ("job_title",)


def withhold_details(user) -> None:
    """Blank, in memory, the details of ``user`` that a reader may not see.

    For rows annotated with ``details_visible_expression``: a list of posts
    checks every author in its own query, then withholds here, so a byline
    obeys the profile page's rule and no template can show the detail.
    """
    profile = getattr(user, "profile", None)
    if profile is not None:
        for name in BYLINE_DETAILS:
            setattr(profile, name, "")


def can_edit_profile(actor, profile: Profile) -> bool:
    """Members change their own profile and nobody else's."""
    return bool(
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and profile.user_id == actor.pk
    )


def check_edit_profile(actor, profile: Profile) -> None:
    if not can_edit_profile(actor, profile):
        raise PermissionDenied(_("You can only change your own profile."))


def can_add_contact(actor, contact) -> bool:
    """Members who take part may add any other listed member as a contact."""
    return (
        can_take_part(actor)
        and contact.pk != actor.pk
        and contact.is_active
        and contact.is_approved
    )


def check_add_contact(actor, contact) -> None:
    """Raises ``ValidationError`` for yourself, ``PermissionDenied`` otherwise."""
    if actor is not None and actor.is_authenticated and contact.pk == actor.pk:
        raise ValidationError(
            _("You cannot add yourself to your contacts"), code="own_contact"
        )
    if not can_add_contact(actor, contact):
        raise PermissionDenied(_("You cannot add this person to your contacts."))


def check_remove_contact(actor) -> None:
    """Anyone signed in may tidy their own contact list."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to change your contacts."))
