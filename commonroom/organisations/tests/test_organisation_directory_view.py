import pytest

from commonroom.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisations():
    OrganisationFactory(
        name="Leeds City Council",
        kind="metropolitan",
        region="Yorkshire and the Humber",
    )
    OrganisationFactory(
        name="Kirklees Council", kind="metropolitan", region="Yorkshire and the Humber"
    )
    OrganisationFactory(name="Wigan Council", kind="metropolitan", region="North West")
    OrganisationFactory(
        name="North Yorkshire Council",
        kind="unitary",
        region="Yorkshire and the Humber",
    )


def names_in(response) -> list[str]:
    return [o.name for o in response.context["pagination"].page.object_list]


def test_visitors_see_every_organisation_a_to_z(client, organisations):
    OrganisationFactory(name="aberdeen City Council", kind="scottish_council")

    response = client.get("/organisations/")

    assert response.status_code == 200
    assert names_in(response) == [
        "aberdeen City Council",
        "Kirklees Council",
        "Leeds City Council",
        "North Yorkshire Council",
        "Wigan Council",
    ]
    html = response.content.decode()
    assert '<p class="govuk-body govuk-!-font-weight-bold" role="status">' in html
    assert "5 organisations" in html
    assert "Clear filters" not in html


def test_rows_show_type_region_and_member_count(client):
    organisation = OrganisationFactory(
        name="Cardiff Council", kind="welsh_principal", region="Wales", member_count=7
    )

    html = client.get("/organisations/").content.decode()

    assert f'href="/organisations/{organisation.slug}/"' in html
    assert "Welsh principal area · Wales" in html
    assert "7 members" in html


def test_search_matches_every_word_of_the_name(client, organisations):
    response = client.get("/organisations/?q=city+leeds")

    assert names_in(response) == ["Leeds City Council"]
    assert "1 organisation" in response.content.decode()


def test_type_and_region_filters_combine(client, organisations):
    by_kind = client.get("/organisations/?kind=metropolitan")
    by_region = client.get("/organisations/?region=Yorkshire+and+the+Humber")
    both = client.get(
        "/organisations/?kind=metropolitan&region=Yorkshire+and+the+Humber"
    )
    all_three = client.get(
        "/organisations/?q=leeds&kind=metropolitan&region=Yorkshire+and+the+Humber"
    )

    assert names_in(by_kind) == [
        "Kirklees Council",
        "Leeds City Council",
        "Wigan Council",
    ]
    assert names_in(by_region) == [
        "Kirklees Council",
        "Leeds City Council",
        "North Yorkshire Council",
    ]
    assert names_in(both) == ["Kirklees Council", "Leeds City Council"]
    assert names_in(all_three) == ["Leeds City Council"]
    html = both.content.decode()
    assert "Clear filters" in html
    assert '<option value="metropolitan" selected>' in html


def test_empty_filters_are_valid(client, organisations):
    response = client.get("/organisations/?q=&kind=&region=")

    assert response.context["form"].is_valid()
    assert len(names_in(response)) == 4
    assert "There is a problem" not in response.content.decode()


def test_an_invalid_filter_value_gets_a_clear_error_not_a_crash(client, organisations):
    response = client.get("/organisations/?kind=parish&region=Yorkshire+and+the+Humber")

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_kind">Select a type of organisation from the list</a>' in html
    assert "<title>Error: Organisations – Commonroom</title>" in html
    # The valid filter still applies; the invalid one is left out.
    assert names_in(response) == [
        "Kirklees Council",
        "Leeds City Council",
        "North Yorkshire Council",
    ]


def test_an_unknown_region_gets_a_clear_error(client, organisations):
    html = client.get("/organisations/?region=Atlantis").content.decode()

    assert "Select a region from the list" in html


def test_directory_has_a_fixed_query_budget(client, queries):
    OrganisationFactory(kind="unitary")
    with queries(2):  # the count and the page
        response = client.get("/organisations/?kind=unitary&q=council")
    assert len(names_in(response)) == 1

    OrganisationFactory.create_batch(24, kind="unitary")
    with queries(2):
        response = client.get("/organisations/?kind=unitary&q=council&page=2")
    assert len(names_in(response)) == 5
    assert 'aria-current="page">2</a>' in response.content.decode()
