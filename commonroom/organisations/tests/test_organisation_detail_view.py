import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.testing.queries import session_queries
from commonroom.organisations.tests.factories import (
    OrganisationDomainFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN_NOTE = "chosen to show their profile only to people in their communities"


@pytest.fixture
def organisation():
    return OrganisationFactory(
        name="Leeds City Council",
        slug="leeds-city-council",
        kind="metropolitan",
        region="Yorkshire and the Humber",
        website="https://www.leeds.gov.uk",
        member_count=3,
    )


def member_of(organisation, **kwargs):
    """An approved member whose profile says they work at ``organisation``."""
    profile = {
        f"profile__{key}": value for key, value in kwargs.pop("profile", {}).items()
    }
    return UserFactory(profile__organisation=organisation, **profile, **kwargs)


def listed(response) -> list[str]:
    return [p.full_name for p in response.context["pagination"].page.object_list]


def test_unknown_organisation_is_not_found(client):
    assert client.get("/organisations/no-such-council/").status_code == 404


def test_visitors_see_the_details_and_a_sign_in_prompt_but_no_members(
    client, organisation, queries
):
    member_of(organisation, full_name="Asha Patel")

    with queries(1):  # the organisation
        response = client.get("/organisations/leeds-city-council/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Leeds City Council" in html
    assert "Metropolitan borough" in html
    assert "Yorkshire and the Humber" in html
    assert "England" in html
    assert (
        '<a class="govuk-link" href="https://www.leeds.gov.uk" rel="noopener">' in html
    )
    assert "Asha Patel" not in html
    assert "/account/login/?next=/organisations/leeds-city-council/" in html
    assert "pagination" not in response.context


def test_members_see_approved_colleagues_but_not_pending_ones(client, organisation):
    client.force_login(UserFactory())
    asha = member_of(
        organisation, full_name="Asha Patel", profile={"job_title": "Head of Waste"}
    )
    member_of(organisation, full_name="Pending Person", approval_status="pending")
    member_of(organisation, full_name="Former Member", is_active=False)
    UserFactory(full_name="Someone Elsewhere")

    response = client.get("/organisations/leeds-city-council/")

    assert listed(response) == ["Asha Patel"]
    html = response.content.decode()
    assert f'<a class="govuk-link" href="/people/{asha.pk}/">Asha Patel</a>' in html
    assert "Head of Waste" in html
    assert "Pending Person" not in html
    assert "Sign in</a> to see who works here" not in html
    assert HIDDEN_NOTE not in html


def test_members_who_limit_their_profile_are_listed_only_to_people_sharing_a_community(
    client, organisation
):
    private = member_of(
        organisation,
        full_name="Bea Private",
        profile={"privacy": "my_communities", "job_title": "Data Protection Officer"},
    )
    member_of(organisation, full_name="Asha Patel")
    community = CommunityFactory()
    MembershipFactory(community=community, user=private)
    neighbour = MembershipFactory(community=community).user
    stranger = MembershipFactory().user

    client.force_login(neighbour)
    response = client.get("/organisations/leeds-city-council/")
    assert listed(response) == ["Asha Patel", "Bea Private"]
    assert "Data Protection Officer" in response.content.decode()
    assert HIDDEN_NOTE not in response.content.decode()

    client.force_login(stranger)
    response = client.get("/organisations/leeds-city-council/")
    html = response.content.decode()
    assert listed(response) == ["Asha Patel"]
    assert "Bea Private" not in html
    assert "Data Protection Officer" not in html
    assert f"1 other member has {HIDDEN_NOTE}" in " ".join(html.split())


def test_when_nobody_can_be_listed_the_page_says_why(client, organisation):
    client.force_login(UserFactory())
    response = client.get("/organisations/leeds-city-council/")
    assert "Nobody from this organisation has joined Commonroom yet." in (
        response.content.decode()
    )

    member_of(organisation, profile={"privacy": "my_communities"})
    member_of(organisation, profile={"privacy": "my_communities"})
    html = " ".join(
        client.get("/organisations/leeds-city-council/").content.decode().split()
    )
    assert f"2 members have {HIDDEN_NOTE}" in html
    assert "<table" not in html


def test_members_always_see_themselves(client, organisation):
    me = member_of(
        organisation, full_name="Bea Private", profile={"privacy": "my_communities"}
    )
    client.force_login(me)

    assert listed(client.get("/organisations/leeds-city-council/")) == ["Bea Private"]


def test_email_domains_are_shown_only_to_platform_administrators(
    client, organisation, administrator
):
    OrganisationDomainFactory(organisation=organisation, domain="leeds.gov.uk")

    assert (
        "leeds.gov.uk</li>"
        not in client.get("/organisations/leeds-city-council/").content.decode()
    )
    client.force_login(UserFactory())
    html = client.get("/organisations/leeds-city-council/").content.decode()
    assert "leeds.gov.uk</li>" not in html
    assert "Email domains" not in html

    client.force_login(administrator)
    html = client.get("/organisations/leeds-city-council/").content.decode()
    assert "Email domains" in html
    assert "<li>leeds.gov.uk</li>" in html


def test_platform_administrators_see_every_approved_member(
    client, organisation, administrator
):
    member_of(
        organisation, full_name="Bea Private", profile={"privacy": "my_communities"}
    )
    client.force_login(administrator)

    assert listed(client.get("/organisations/leeds-city-council/")) == ["Bea Private"]


def test_members_paginate_twenty_a_page(client, organisation):
    client.force_login(UserFactory())
    for _ in range(21):
        member_of(organisation)

    response = client.get("/organisations/leeds-city-council/?page=2")

    assert len(listed(response)) == 1
    assert 'aria-current="page">2</a>' in response.content.decode()


def test_signed_in_page_has_a_fixed_query_budget(client, organisation, queries):
    client.force_login(UserFactory())
    hidden = member_of(organisation, profile={"privacy": "my_communities"})
    member_of(organisation)
    # user, organisation, member counts, paginator count, page of members
    budget = session_queries() + 5
    with queries(budget):
        response = client.get("/organisations/leeds-city-council/")
    assert len(listed(response)) == 1
    assert response.context["hidden_count"] == 1

    for _ in range(5):
        member_of(organisation, profile={"job_title": "Planning Officer"})
    MembershipFactory.create_batch(3, user=hidden)
    with queries(budget):
        response = client.get("/organisations/leeds-city-council/")
    assert len(listed(response)) == 6


def test_administrators_page_has_a_fixed_query_budget(
    client, organisation, queries, administrator
):
    client.force_login(administrator)
    OrganisationDomainFactory(organisation=organisation)
    member_of(organisation)
    # user, two-factor check, organisation, email domains, paginator count, page:
    # administrators see everyone, so there are no hidden members to count.
    budget = session_queries() + 6
    with queries(budget):
        client.get("/organisations/leeds-city-council/")

    OrganisationDomainFactory.create_batch(4, organisation=organisation)
    for _ in range(5):
        member_of(organisation)
    with queries(budget):
        response = client.get("/organisations/leeds-city-council/")
    assert len(listed(response)) == 6
    assert len(response.context["email_domains"]) == 5
