"""Reads for the profile pages, the contact list and the people finder.

Every read starts from ``listed_people_q`` (active, approved members with a
confirmed email address: ``accounts.querysets``) and
asks ``permissions`` whose details the viewer may see, in the same query.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404
from django.utils.text import slugify

from commonroom.accounts.permissions import can_take_part
from commonroom.accounts.querysets import listed_people_q
from commonroom.communities.access import readable_q
from commonroom.communities.models import Community
from commonroom.core import kept_lists
from commonroom.core.models import ServiceArea
from commonroom.organisations.members import OrganisationMembers
from commonroom.organisations.models import Organisation
from commonroom.profiles.models import Contact, Profile
from commonroom.profiles.permissions import (
    can_see_details,
    details_visible_expression,
    details_visible_q,
)
from commonroom.profiles.topics import ranked_on_topic
from commonroom.tags.models import Tag

User = get_user_model()


@dataclass(frozen=True)
class PersonProfile:
    """What the profile page shows about ``person`` to ``viewer``."""

    person: User
    profile: Profile | None
    is_self: bool
    details_visible: bool
    is_contact: bool
    service_areas: list[ServiceArea] = field(default_factory=list)
    expertise: list[Tag] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)


def get_listed_person(*, user_id: int) -> User:
    """An active, approved member, with profile and organisation; else 404."""
    person = (
        User.objects.filter(listed_people_q(), pk=user_id)
        .select_related("profile__organisation")
        .first()
    )
    if person is None:
        raise Http404("No such member")
    return person


def get_person_profile(*, viewer, user_id: int) -> PersonProfile:
    """The profile page: the person, then only the details viewer may see.

    At most five queries: the person, the shared-community check (only for
    "my communities" profiles), service areas, expertise and the contact row.
    """
    person = get_listed_person(user_id=user_id)
    profile: Profile | None = getattr(person, "profile", None)
    is_self = person.pk == viewer.pk
    visible = can_see_details(viewer, person)
    service_areas: list[ServiceArea] = []
    expertise: list[Tag] = []
    communities: list[Community] = []
    if visible and profile is not None:
        service_areas = sorted(
            profile.service_areas.all(), key=lambda area: area.display_name.casefold()
        )
        expertise = list(profile.expertise.order_by("name"))
        # Only communities whose members the viewer may see: open ones, and
        # restricted or private ones the viewer belongs to (the access kernel).
        communities = list(
            Community.objects.filter(readable_q(viewer), memberships__user=person)
            .only("name", "slug")
            .order_by("name")
        )
    is_contact = (
        not is_self
        and Contact.objects.filter(owner_id=viewer.pk, contact_id=person.pk).exists()
    )
    return PersonProfile(
        person=person,
        profile=profile,
        is_self=is_self,
        details_visible=visible,
        is_contact=is_contact,
        service_areas=service_areas,
        expertise=expertise,
        communities=communities,
    )


def get_profile_for_editing(*, actor) -> Profile:
    """The actor's own profile, or a new unsaved one if they have none yet."""
    profile = (
        Profile.objects.select_related("organisation")
        .prefetch_related("service_areas", "expertise")
        .filter(user_id=actor.pk)
        .first()
    )
    return profile if profile is not None else Profile(user=actor)


def contacts_of(*, viewer) -> QuerySet[Contact]:
    """The viewer's contacts, A–Z, each flagged with whether details show.

    Two queries however many there are (count and page, once paginated).
    """
    return (
        Contact.objects.filter(listed_people_q(prefix="contact__"), owner_id=viewer.pk)
        .select_related("contact__profile__organisation")
        .annotate(
            details_visible=details_visible_expression(viewer, prefix="contact__")
        )
        .order_by("contact__full_name", "contact_id")
    )


def service_area_choices() -> list[tuple[str, str]]:
    return kept_lists.service_area_choices()


def find_people(
    *,
    viewer,
    query: str = "",
    organisation: str = "",
    region: str = "",
    role_type: str = "",
    service_area: str = "",
    expertise: str = "",
) -> QuerySet:
    """The people finder: listed members, A–Z, matching every filter given.

    Name and organisation match everyone. Filters on profile details (job
    title, role, service area, expertise) only match people whose details
    ``viewer`` may see, so searching cannot reveal a hidden detail. Each row
    carries ``details_visible`` for the template; two queries per page.
    """
    visible = details_visible_q(viewer)
    people = (
        User.objects.filter(listed_people_q())
        .select_related("profile__organisation")
        .only(
            "full_name",
            "profile__job_title",
            "profile__role_type",
            "profile__organisation__name",
            "profile__organisation__slug",
        )
        .annotate(details_visible=details_visible_expression(viewer))
    )
    for word in query.split()[:10]:
        people = people.filter(
            Q(full_name__icontains=word)
            | (Q(profile__job_title__icontains=word) & visible)
        )
    if organisation:
        people = people.filter(profile__organisation__name__icontains=organisation)
    if region:
        people = people.filter(profile__organisation__region=region)

    details = Q()
    if role_type:
        details &= Q(profile__role_type=role_type)
    if service_area:
        details &= Q(
            Exists(
                Profile.service_areas.through.objects.filter(
                    profile__user_id=OuterRef("pk"), servicearea__slug=service_area
                )
            )
        )
    if expertise:
        details &= Q(
            Exists(
                Profile.expertise.through.objects.filter(
                    Q(tag__slug=slugify(expertise)) | Q(tag__name__iexact=expertise),
                    profile__user_id=OuterRef("pk"),
                )
            )
        )
    if details:
        people = people.filter(details & visible)
    return people.order_by("full_name", "id")


# How many of the best contributors on a topic the people finder ranks.
TOPIC_RANKED = 200


def find_people_on_topic(*, viewer, topic: str, **filters) -> tuple[QuerySet, dict]:
    """The people finder ranked by what each person has written on ``topic``
    that ``viewer`` may read (``search.experts``, through ``profiles.topics``):
    accepted answers first,
    then helpful replies, then other posts. Only people with something on the
    topic are listed, and every other filter still applies. Returns the
    people and their evidence by id (one query for the ranking, then the
    page's two).
    """
    ranked = ranked_on_topic(viewer, topic, limit=TOPIC_RANKED)
    people = find_people(viewer=viewer, **filters)
    if not ranked:
        return people.none(), {}
    order = Case(
        *(
            When(pk=author_id, then=Value(position))
            for position, (author_id, _e) in enumerate(ranked)
        ),
        output_field=IntegerField(),
    )
    people = people.filter(pk__in=[author_id for author_id, _e in ranked]).order_by(
        order, "id"
    )
    return people, dict(ranked)


def expertise_sightings(reader, tag_ids: set[int]) -> set[int]:
    """Tags ``reader`` may already see as someone's expertise (a ``tags`` tag
    source): on the profile of a listed member whose details they may see.

    Visitors see no profiles (and people waiting for approval see nothing
    yet), so no tag is shown to them this way: a tag that is only someone's
    expertise, or used only in private content, is "not found" for them.
    """
    if not can_take_part(reader):
        return set()
    experts = Profile.objects.filter(
        listed_people_q(prefix="user__"), details_visible_q(reader, prefix="user__")
    )
    return set(
        Tag.objects.filter(pk__in=tag_ids, experts__in=experts)
        .values_list("pk", flat=True)
        .distinct()
    )


# Organisations' members ---------------------------------------------------------
#
# An organisation's members are the people whose profiles name it; the
# organisation page and its member count ask here (``organisations.members``).


def organisation_members(*, viewer, organisation: Organisation) -> OrganisationMembers:
    """One query for the counts (none for administrators, who see everyone).

    Paginating ``people`` then costs a count and a page.

    Only listed people (active, approved, email confirmed) are counted or shown.
    """
    members = User.objects.filter(listed_people_q(), profile__organisation=organisation)
    visible = details_visible_q(viewer)
    hidden_count = 0
    if visible:  # an empty Q (platform administrators) hides nobody
        counts = members.aggregate(
            total=Count("pk"), visible=Count("pk", filter=visible)
        )
        hidden_count = counts["total"] - counts["visible"]
    people = (
        members.filter(visible)
        .select_related("profile")
        .only("full_name", "profile__job_title")
        .order_by("full_name", "pk")
    )
    return OrganisationMembers(people=people, hidden_count=hidden_count)


def organisation_member_count() -> Subquery:
    """An organisation's listed members: a subquery over
    ``OuterRef("pk")`` of ``Organisation``."""
    return Subquery(
        Profile.objects.filter(
            listed_people_q(prefix="user__"), organisation=OuterRef("pk")
        )
        .order_by()
        .values("organisation")
        .annotate(n=Count("pk"))
        .values("n")
    )
