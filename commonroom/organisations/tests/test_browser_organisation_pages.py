"""The organisation pages pass axe-core in a real browser."""

import pytest
from playwright.sync_api import expect

from commonroom.accounts.tests.factories import UserFactory
from commonroom.organisations.tests.factories import (
    OrganisationDomainFactory,
    OrganisationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def leeds():
    organisation = OrganisationFactory(
        name="Leeds City Council",
        slug="leeds-city-council",
        kind="metropolitan",
        region="Yorkshire and the Humber",
        website="https://www.leeds.gov.uk",
        member_count=25,
    )
    OrganisationDomainFactory(organisation=organisation, domain="leeds.gov.uk")
    for n in range(30):
        UserFactory(
            profile__organisation=organisation,
            profile__privacy="my_communities" if n % 7 == 0 else "all_members",
        )
    OrganisationFactory.create_batch(25, kind="metropolitan", region="North West")
    return organisation


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/",
        "/organisations/?q=council&kind=metropolitan&region=North+West",
        "/organisations/?q=nothing-matches-this",
        "/organisations/?kind=parish",
    ],
)
def test_directory_has_no_axe_violations(page, axe, leeds, path):
    response = page.goto(path)

    assert response.status == 200
    axe(page)


def test_organisation_page_has_no_axe_violations_for_visitors(page, axe, leeds):
    response = page.goto("/organisations/leeds-city-council/")

    assert response.status == 200
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    axe(page)


def test_organisation_page_has_no_axe_violations_for_members(page, axe, sign_in, leeds):
    sign_in(UserFactory())

    response = page.goto("/organisations/leeds-city-council/")

    assert response.status == 200
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_role("navigation", name="Pagination")).to_be_visible()
    axe(page)


def test_organisation_page_has_no_axe_violations_for_administrators(
    page, axe, sign_in, leeds, administrator
):
    sign_in(administrator)

    response = page.goto("/organisations/leeds-city-council/")

    assert response.status == 200
    expect(page.get_by_text("leeds.gov.uk", exact=True)).to_be_visible()
    axe(page)
