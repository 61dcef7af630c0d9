import pytest

from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import MembershipFactory
from commonroom.core.models import ServiceArea
from commonroom.core.testing.queries import cache_queries, session_queries
from commonroom.organisations.models import Organisation
from commonroom.organisations.tests.factories import OrganisationFactory
from commonroom.profiles.models import Profile
from commonroom.tags.models import Tag

pytestmark = pytest.mark.django_db

MY_COMMUNITIES = Profile.Privacy.MY_COMMUNITIES


def names(response) -> set[str]:
    return {person.full_name for person in response.context["pagination"].object_list}


def find(client, **params):
    response = client.get("/people/", params)
    assert response.status_code == 200
    return response


def expert(full_name, *, tags=(), areas=(), **profile):
    user = UserFactory(
        full_name=full_name, **{f"profile__{k}": v for k, v in profile.items()}
    )
    for name in tags:
        tag, _ = Tag.objects.get_or_create(
            slug=name.lower().replace(" ", "-"), defaults={"name": name}
        )
        user.profile.expertise.add(tag)
    user.profile.service_areas.add(*areas)
    return user


@pytest.fixture
def viewer(client):
    user = UserFactory(full_name="Asha Patel")
    client.force_login(user)
    return user


def test_visitors_are_asked_to_sign_in(client):
    response = client.get("/people/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/people/")


def test_only_active_approved_members_are_listed(client, viewer):
    UserFactory(full_name="Gareth Jones")
    UserFactory(full_name="Pending Person", approval_status=User.ApprovalStatus.PENDING)
    UserFactory(
        full_name="Rejected Person", approval_status=User.ApprovalStatus.REJECTED
    )
    UserFactory(full_name="Gone Person", is_active=False)

    assert names(find(client)) == {"Asha Patel", "Gareth Jones"}


def test_search_by_name(client, viewer):
    UserFactory(full_name="Gareth Jones")
    UserFactory(full_name="Gwen Jones")
    UserFactory(full_name="Bryn Evans")

    assert names(find(client, q="jones")) == {"Gareth Jones", "Gwen Jones"}
    assert names(find(client, q="gareth jones")) == {"Gareth Jones"}


def test_search_matches_job_titles_that_the_viewer_may_see(client, viewer):
    expert("Open Officer", job_title="Waste Strategy Officer")
    expert("Hidden Officer", job_title="Waste Strategy Officer", privacy=MY_COMMUNITIES)

    assert names(find(client, q="waste")) == {"Open Officer"}
    assert names(find(client, q="hidden")) == {"Hidden Officer"}


def test_filter_by_organisation_name(client, viewer):
    leeds = OrganisationFactory(name="Leeds City Council")
    expert("Lee Leeds", organisation=leeds)
    expert("Ola Other")

    assert names(find(client, organisation="leeds city")) == {"Lee Leeds"}


def test_filter_by_region(client, viewer):
    north = OrganisationFactory(
        name="Gateshead Council", region=Organisation.Region.NORTH_EAST
    )
    expert("Nia North", organisation=north)
    expert("Wes West")  # the factory's West Midlands

    assert names(find(client, region="North East")) == {"Nia North"}


def test_filter_by_role_type(client, viewer):
    expert("Cal Councillor", role_type=Profile.RoleType.COUNCILLOR)
    expert("Olly Officer", role_type=Profile.RoleType.OFFICER)

    assert names(find(client, role_type="councillor")) == {"Cal Councillor"}


def test_filter_by_service_area(client, viewer):
    planning, housing = ServiceArea.objects.order_by("slug")[:2]
    expert("Pat Planner", areas=[planning])
    expert("Hal Housing", areas=[housing])
    expert("Bo Both", areas=[planning, housing])

    assert names(find(client, service_area=planning.slug)) == {"Pat Planner", "Bo Both"}


@pytest.mark.parametrize("value", ["flood-risk", "Flood risk", "FLOOD RISK"])
def test_filter_by_expertise_slug_or_name(client, viewer, value):
    expert("Fran Flood", tags=["Flood risk", "Drainage"])
    expert("Dee Drain", tags=["Drainage"])

    assert names(find(client, expertise=value)) == {"Fran Flood"}


def test_filters_combine(client, viewer):
    north = OrganisationFactory(
        name="Gateshead Council", region=Organisation.Region.NORTH_EAST
    )
    expert("Right One", organisation=north, role_type="manager", tags=["Flood risk"])
    expert("Wrong Region", role_type="manager", tags=["Flood risk"])
    expert("Wrong Role", organisation=north, role_type="officer", tags=["Flood risk"])
    expert("Wrong Topic", organisation=north, role_type="manager", tags=["Housing"])

    response = find(
        client, region="North East", role_type="manager", expertise="flood risk"
    )

    assert names(response) == {"Right One"}
    html = response.content.decode()
    assert "1 person matches your filters" in html
    assert 'role="status"' in html
    assert "Clear filters" in html


def test_hidden_details_cannot_be_discovered_by_filtering(client, viewer):
    """A "my communities" profile: found by name by anyone, by expertise only
    by people who share a community."""
    hidden = expert(
        "Morgan Hidden",
        privacy=MY_COMMUNITIES,
        role_type="councillor",
        job_title="Flood Lead",
        tags=["Flooding"],
        areas=[ServiceArea.objects.order_by("slug").first()],
    )
    area = hidden.profile.service_areas.get()

    assert names(find(client, expertise="flooding")) == set()
    assert names(find(client, role_type="councillor")) == set()
    assert names(find(client, service_area=area.slug)) == set()
    assert names(find(client, q="flood")) == set()
    found = find(client, q="morgan hidden")
    assert names(found) == {"Morgan Hidden"}
    assert "Flood Lead" not in found.content.decode()

    community = MembershipFactory(user=hidden).community
    MembershipFactory(user=viewer, community=community)

    assert names(find(client, expertise="flooding")) == {"Morgan Hidden"}
    assert names(find(client, role_type="councillor")) == {"Morgan Hidden"}
    assert names(find(client, service_area=area.slug)) == {"Morgan Hidden"}
    assert "Flood Lead" in find(client, q="flood").content.decode()


def test_job_titles_show_only_where_details_are_visible(client, viewer):
    expert("Open Officer", job_title="Parks Officer")
    expert("Hidden Officer", job_title="Secret Squirrel", privacy=MY_COMMUNITIES)

    html = find(client).content.decode()

    assert "Parks Officer" in html
    assert "Hidden Officer" in html
    assert "Secret Squirrel" not in html


def test_a_filter_with_a_bad_value_says_so_and_the_rest_still_apply(client, viewer):
    UserFactory(full_name="Gareth Jones")
    UserFactory(full_name="Bryn Evans")

    response = find(client, q="gareth", region="Atlantis")

    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select a region from the list" in html
    assert names(response) == {"Gareth Jones"}


def test_without_filters_there_is_no_clear_link(client, viewer):
    html = find(client).content.decode()

    assert "Clear filters" not in html
    assert "1 person" in html


def test_people_finder_has_a_fixed_query_budget(client, queries, viewer):
    # session, user, page, and one cache read for the number of people (kept
    # once counted, like the form's service areas).
    find(client)
    budget = session_queries() + 2 + cache_queries()
    with queries(budget):
        response = client.get("/people/")
    assert len(response.context["pagination"].object_list) == 1

    for n in range(25):
        expert(f"Person {n:02}", privacy=MY_COMMUNITIES if n % 2 else "all_members")
    assert "26 people" in find(client).content.decode()  # counted again
    with queries(budget):
        response = client.get("/people/?page=2")
    assert len(response.context["pagination"].object_list) == 6
    with queries(budget):
        response = client.get("/people/")
    assert len(response.context["pagination"].object_list) == 20


def test_the_number_of_people_follows_people_joining_and_leaving(client, viewer):
    assert "1 person" in find(client).content.decode()
    newcomer = expert("Nia Newcomer")
    page = find(client)
    assert "2 people" in page.content.decode()
    assert names(page) == {viewer.full_name, "Nia Newcomer"}

    newcomer.is_active = False
    newcomer.save()
    assert "1 person" in find(client).content.decode()
    newcomer.emailaddress_set.update(verified=False)  # no signal: not counted
    newcomer.is_active = True
    newcomer.save(update_fields=["is_active"])
    page = find(client)
    assert "1 person" in page.content.decode()
    assert names(page) == {viewer.full_name}


def test_filtering_does_not_add_queries(client, queries, viewer):
    area = ServiceArea.objects.order_by("slug").first()
    for n in range(5):
        expert(f"Person {n}", role_type="manager", tags=["Flood risk"], areas=[area])

    with queries(session_queries() + 4):
        response = client.get(
            "/people/",
            {
                "q": "person",
                "organisation": "borsetshire",
                "region": "West Midlands",
                "role_type": "manager",
                "service_area": area.slug,
                "expertise": "flood risk",
            },
        )
    assert len(response.context["pagination"].object_list) == 5
