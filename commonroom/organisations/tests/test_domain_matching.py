import pytest

from commonroom.organisations.domains import candidate_domains, organisation_for_email
from commonroom.organisations.tests.factories import (
    OrganisationDomainFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def leeds():
    leeds = OrganisationFactory(name="Leeds City Council")
    OrganisationDomainFactory(organisation=leeds, domain="leeds.gov.uk")
    return leeds


@pytest.mark.parametrize(
    "email",
    [
        "asha.patel@leeds.gov.uk",
        "asha.patel@planning.leeds.gov.uk",
        "ASHA.PATEL@LEEDS.GOV.UK",
        "asha@Leeds.Gov.Uk.",
        "asha@a.b.leeds.gov.uk",
    ],
)
def test_allowlisted_domain_and_its_subdomains_match(leeds, email):
    assert organisation_for_email(email) == leeds


@pytest.mark.parametrize(
    "email",
    [
        "mallory@evil-leeds.gov.uk",
        "mallory@leeds.gov.uk.example.com",
        "mallory@eeds.gov.uk",
        "mallory@gov.uk",
        "mallory@leedsgov.uk",
        "mallory@xn--leds-qoa.gov.uk",
        "mallory@",
        "not-an-email",
        "mallory@leeds..gov.uk",
    ],
)
def test_look_alikes_do_not_match(leeds, email):
    assert organisation_for_email(email) is None


def test_international_domains_match_after_idna_normalisation():
    cyngor = OrganisationFactory(name="Cyngor Example")
    OrganisationDomainFactory(organisation=cyngor, domain="xn--cyngor-gob.cymru")

    assert organisation_for_email("rhys@cyngorŵ.cymru") == cyngor
    assert organisation_for_email("rhys@CYNGORŴ.CYMRU") == cyngor
    assert organisation_for_email("rhys@adran.cyngorŵ.cymru") == cyngor
    assert organisation_for_email("rhys@cyngorâ.cymru") is None
    assert organisation_for_email("rhys@cyngorw.cymru") is None


def test_the_most_specific_domain_wins(leeds):
    nhs = OrganisationFactory(name="Leeds Teaching Hospitals")
    OrganisationDomainFactory(organisation=nhs, domain="nhs.leeds.gov.uk")

    assert organisation_for_email("a@ward.nhs.leeds.gov.uk") == nhs
    assert organisation_for_email("a@planning.leeds.gov.uk") == leeds


def test_candidates_are_whole_labels_longest_first():
    assert candidate_domains("planning.leeds.gov.uk") == [
        "planning.leeds.gov.uk",
        "leeds.gov.uk",
        "gov.uk",
    ]
