import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils.text import slugify

from commonroom.organisations.members import member_source
from commonroom.organisations.models import Organisation, OrganisationDomain

REFERENCE_CSV = Path(__file__).parent / "data" / "organisations.csv"


@dataclass(frozen=True)
class ReferenceOrganisation:
    name: str
    kind: str
    nation: str
    region: str
    website: str
    domains: tuple[str, ...]


def read_reference_organisations(
    path: Path = REFERENCE_CSV,
) -> Iterator[ReferenceOrganisation]:
    """The UK councils and public bodies Commonroom ships with."""
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield ReferenceOrganisation(
                name=row["name"].strip(),
                kind=row["kind"],
                nation=row["nation"],
                region=row["region"],
                website=row["website"],
                domains=tuple(row["domains"].lower().split()),
            )


@transaction.atomic
def sync_reference_organisations(
    rows: Iterable[ReferenceOrganisation],
) -> tuple[int, int]:
    """Create or update organisations and their email domains, by name.

    Idempotent: a second run with the same rows changes nothing. Returns how
    many organisations and domains were created.
    """
    existing = {org.name: org for org in Organisation.objects.all()}
    known_domains = set(OrganisationDomain.objects.values_list("domain", flat=True))
    created_orgs = created_domains = 0
    for row in rows:
        organisation = existing.get(row.name)
        fields = {
            "kind": row.kind,
            "nation": row.nation,
            "region": row.region,
            "website": row.website,
        }
        if organisation is None:
            organisation = Organisation(name=row.name, slug=slugify(row.name), **fields)
            organisation.full_clean()
            organisation.save()
            existing[row.name] = organisation
            created_orgs += 1
        elif any(getattr(organisation, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(organisation, key, value)
            organisation.full_clean()
            organisation.save(update_fields=[*fields, "updated_at"])
        for domain in row.domains:
            if domain not in known_domains:
                OrganisationDomain(organisation=organisation, domain=domain).save()
                known_domains.add(domain)
                created_domains += 1
    return created_orgs, created_domains


def synchronize_member_counts(*, organisation_ids: list[int] | None = None) -> None:
    """Rebuild member counts (approved, active members) from the profiles.

    Every organisation's, or only those in ``organisation_ids``.
    """
    counts = member_source().member_count()
    organisations = Organisation.objects.all()
    if organisation_ids is not None:
        organisations = organisations.filter(pk__in=organisation_ids)
    organisations.update(member_count=Coalesce(counts, 0))


NATION_OF_REGION = {
    Organisation.Region.WALES: Organisation.Nation.WALES,
    Organisation.Region.SCOTLAND: Organisation.Nation.SCOTLAND,
    Organisation.Region.UK_WIDE: Organisation.Nation.UK,
}


def find_organisation_named(name: str) -> Organisation | None:
    """The organisation called ``name`` (ignoring case and spacing), if any."""
    name = " ".join(name.split())
    if not name:
        return None
    return Organisation.objects.filter(name__iexact=name).first()


@transaction.atomic
def add_organisation(*, name: str, kind: str, region: str) -> Organisation:
    """Add an organisation to the list (a platform administrator approving
    someone whose organisation was not on it); one of that name is reused."""
    name = " ".join(name.split())
    existing = find_organisation_named(name)
    if existing is not None:
        return existing
    base = slugify(name)[:190] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    organisation = Organisation(
        name=name,
        slug=slug,
        kind=kind,
        region=region,
        nation=NATION_OF_REGION.get(region, Organisation.Nation.ENGLAND),
    )
    organisation.full_clean()
    organisation.save()
    return organisation
