"""Matching work email addresses to organisations by their email domains.

A domain on the allowlist matches itself and its subdomains, label by label:
``planning.leeds.gov.uk`` matches ``leeds.gov.uk``; ``evil-leeds.gov.uk`` and
``leeds.gov.uk.example.com`` do not. Addresses are compared after lower-casing
and IDNA (punycode) normalisation.
"""

from commonroom.organisations.models import Organisation, OrganisationDomain


class InvalidDomain(ValueError):
    pass


def normalise_domain(domain: str) -> str:
    """Lower-case ASCII form of a domain (IDNA for non-ASCII labels)."""
    domain = domain.strip().rstrip(".").lower()
    if not domain or ".." in domain:
        raise InvalidDomain(domain)
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise InvalidDomain(domain) from error
    return ascii_domain.lower()


def email_domain(email: str) -> str:
    _, _, domain = email.rpartition("@")
    return normalise_domain(domain)


def candidate_domains(domain: str) -> list[str]:
    """The domain and each parent made of whole labels, longest first."""
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(len(labels) - 1)]


def organisation_for_email(email: str) -> Organisation | None:
    """The organisation whose allowlisted domain covers this address (one query)."""
    try:
        candidates = candidate_domains(email_domain(email))
    except InvalidDomain:
        return None
    matches = {
        match.domain: match.organisation
        for match in OrganisationDomain.objects.filter(
            domain__in=candidates
        ).select_related("organisation")
    }
    for candidate in candidates:  # the most specific domain wins
        if candidate in matches:
            return matches[candidate]
    return None
