from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, QuerySet
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from commonroom.organisations.models import Organisation, OrganisationDomain
from commonroom.profiles.permissions import details_visible_q, listed_people_q


def find_organisations(
    *, query: str = "", kind: str = "", region: str = ""
) -> QuerySet[Organisation]:
    """The directory: organisations A–Z, matching every word and filter given."""
    organisations = Organisation.objects.only(
        "name", "slug", "kind", "region", "member_count"
    )
    for word in query.split()[:10]:
        organisations = organisations.filter(name__icontains=word)
    if kind:
        organisations = organisations.filter(kind=kind)
    if region:
        organisations = organisations.filter(region=region)
    return organisations.order_by(Lower("name"), "pk")


def get_organisation(*, slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug)


def email_domains_of(organisation: Organisation) -> list[str]:
    return list(
        OrganisationDomain.objects.filter(organisation=organisation).values_list(
            "domain", flat=True
        )
    )


@dataclass(frozen=True)
class OrganisationMembers:
    """The members of an organisation that a viewer may see.

    ``people`` are the listed members, A–Z, each with ``profile`` joined in.
    Listing uses the same rule as profile details, so the job title of every
    listed member may be shown. ``hidden_count`` is how many other members
    chose to show their profile only to people in their communities.
    """

    people: QuerySet
    hidden_count: int


def members_of(*, viewer, organisation: Organisation) -> OrganisationMembers:
    """One query for the counts (none for administrators, who see everyone).

    Paginating ``people`` then costs a count and a page.

    Only listed people (active, approved accounts) are counted or shown.
    """
    members = get_user_model().objects.filter(
        listed_people_q(), profile__organisation=organisation
    )
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
