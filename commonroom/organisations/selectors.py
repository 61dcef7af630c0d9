from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404

from commonroom.organisations.members import OrganisationMembers, member_source
from commonroom.organisations.models import Organisation, OrganisationDomain


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


def members_of(*, viewer, organisation: Organisation) -> OrganisationMembers:
    """The organisation's members ``viewer`` may see, and how many are hidden
    (``members.OrganisationMembers``), from where profiles keeps them."""
    return member_source().members_of(viewer=viewer, organisation=organisation)
