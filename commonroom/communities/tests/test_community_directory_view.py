import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.models import ServiceArea
from commonroom.core.testing.queries import session_queries
from commonroom.organisations.tests.factories import OrganisationFactory
from commonroom.tags.models import Tag

pytestmark = pytest.mark.django_db

# The count, the page, its topics.
DIRECTORY_QUERIES = 3
# The filters' lists, until kept (``core.kept_lists``): service areas, and
# facilitators' organisations (loaded again after a change to a community).
SERVICE_AREAS = ORGANISATIONS = 1
# Signed in: the user and their memberships (the session is counted apart).
SIGNED_IN_QUERIES = DIRECTORY_QUERIES + 2


def names(response) -> list[str]:
    return [c.name for c in response.context["pagination"].page.object_list]


@pytest.fixture
def housing():
    return ServiceArea.objects.get_or_create(
        slug="housing", defaults={"name": "Housing"}
    )[0]


def test_directory_lists_open_and_restricted_but_never_private(client):
    CommunityFactory(name="Open Planning Network")
    CommunityFactory(name="Restricted Heads of Housing", visibility="restricted")
    CommunityFactory(name="Private Steering Group", visibility="private")
    CommunityFactory(name="Pending Climate Network", status="pending")
    CommunityFactory(name="Archived Census Group", status="archived")

    html = client.get("/communities/").content.decode()

    assert "Open Planning Network" in html
    assert "Restricted Heads of Housing" in html
    assert "Private Steering Group" not in html
    assert "Pending Climate Network" not in html
    assert "Archived Census Group" not in html
    assert "2 communities" in html


def test_private_communities_are_listed_for_their_members_only(client):
    private = CommunityFactory(name="Cyber Incident Response", visibility="private")
    member = MembershipFactory(community=private).user

    client.force_login(UserFactory())
    assert "Cyber Incident Response" not in client.get("/communities/").content.decode()
    assert (
        "Cyber Incident Response"
        not in client.get("/communities/?visibility=private").content.decode()
    )

    client.force_login(member)
    response = client.get("/communities/?visibility=private")
    assert names(response) == ["Cyber Incident Response"]


def test_search_matches_every_word_in_name_or_purpose(client):
    CommunityFactory(
        name="Food Waste Rollout", purpose="Weekly food waste collections."
    )
    CommunityFactory(name="Libraries Network", purpose="Library digital services.")
    CommunityFactory(name="Waste Strategy", purpose="Recycling targets.")

    response = client.get("/communities/?q=food+waste")

    assert names(response) == ["Food Waste Rollout"]
    assert "1 community matches" in response.content.decode()


def test_filters_combine(client, housing):
    flooding = Tag.objects.create(name="Flood risk", slug="flood-risk")
    leeds = OrganisationFactory(name="Leeds City Council", slug="leeds")
    match = CommunityFactory(name="Flooding and Homes", service_area=housing)
    match.tags.add(flooding)
    MembershipFactory(
        community=match, role="facilitator", user__profile__organisation=leeds
    )
    wrong_area = CommunityFactory(name="Flooding Elsewhere")
    wrong_area.tags.add(flooding)
    MembershipFactory(
        community=wrong_area, role="facilitator", user__profile__organisation=leeds
    )
    wrong_organisation = CommunityFactory(
        name="Flooding Far Away", service_area=housing
    )
    wrong_organisation.tags.add(flooding)
    MembershipFactory(community=wrong_organisation, role="facilitator")
    # A plain member from Leeds does not make it a Leeds community.
    MembershipFactory(community=wrong_organisation, user__profile__organisation=leeds)
    restricted = CommunityFactory(
        name="Flooding Restricted", service_area=housing, visibility="restricted"
    )
    restricted.tags.add(flooding)
    MembershipFactory(
        community=restricted, role="facilitator", user__profile__organisation=leeds
    )

    url = "/communities/?tag=flood-risk&service_area=housing&organisation=leeds"
    assert names(client.get(url)) == ["Flooding and Homes", "Flooding Restricted"]
    assert names(client.get(url + "&visibility=open")) == ["Flooding and Homes"]
    assert names(client.get(url + "&visibility=restricted&q=restricted")) == [
        "Flooding Restricted"
    ]
    # A topic typed as words finds the same tag.
    assert names(client.get("/communities/?tag=Flood+Risk&organisation=leeds")) == [
        "Flooding and Homes",
        "Flooding Elsewhere",
        "Flooding Restricted",
    ]


def test_a_community_with_several_matching_rows_is_listed_once(client):
    community = CommunityFactory(name="Leeds Planners")
    leeds = OrganisationFactory(slug="leeds")
    MembershipFactory.create_batch(
        3, community=community, role="facilitator", user__profile__organisation=leeds
    )

    response = client.get("/communities/?organisation=leeds")

    assert names(response) == ["Leeds Planners"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Alpha", "Bravo", "Charlie"]),
        ("name", ["Alpha", "Bravo", "Charlie"]),
        ("active", ["Charlie", "Bravo", "Alpha"]),  # posts, then members
        ("newest", ["Alpha", "Charlie", "Bravo"]),
        ("largest", ["Bravo", "Alpha", "Charlie"]),
    ],
)
def test_sort(client, sort, expected):
    CommunityFactory(name="Bravo", post_count=10, member_count=30)
    CommunityFactory(name="Charlie", post_count=50, member_count=5)
    CommunityFactory(name="Alpha", post_count=10, member_count=20)

    assert names(client.get(f"/communities/?sort={sort}")) == expected


def test_rows_show_member_and_post_counts_and_topics(client, housing):
    community = CommunityFactory(
        name="Homelessness Prevention",
        member_count=1,
        post_count=42,
        service_area=housing,
        visibility="restricted",
    )
    community.tags.add(Tag.objects.create(name="Rough sleeping", slug="rough-sleeping"))

    html = client.get("/communities/").content.decode()

    assert "1 member\n" in html or "1 member " in html
    assert "42 posts" in html
    assert "Housing" in html
    # Each topic links to its tag page (which links back to this filter).
    assert 'href="/tags/rough-sleeping/">Rough sleeping</a>' in html
    assert "Restricted</strong>" in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("service_area=nowhere", "service_area", "Select a service area from the list"),
        ("organisation=nobody", "organisation", "Select an organisation from the list"),
        ("visibility=secret", "visibility", "Select who can read it from the list"),
        ("sort=random", "sort", "Select how to sort from the list"),
        ("tag=%21%21%21", "tag", "Topic must include letters or numbers"),
        ("q=" + "x" * 201, "q", "Search must be 200 characters or fewer"),
    ],
)
def test_bad_filters_say_what_is_wrong_and_are_ignored(client, query, field, message):
    CommunityFactory(name="Still Listed")

    response = client.get(f"/communities/?{query}")

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "govuk-error-summary" in html
    assert response.context["form"].errors[field] == [message]
    assert names(response) == ["Still Listed"]


def test_filters_keep_their_values(client, housing):
    html = client.get(
        "/communities/?q=waste&tag=recycling&service_area=housing&sort=newest"
    ).content.decode()

    assert 'value="waste"' in html
    assert 'value="recycling"' in html
    assert '<option value="housing" selected>' in html
    assert '<option value="newest" selected>' in html
    assert "Clear filters" in html


def test_the_organisation_list_never_hints_at_a_private_community(client):
    secret = OrganisationFactory(name="Secret Borough Council", slug="secret")
    private = CommunityFactory(visibility="private")
    MembershipFactory(
        community=private, role="facilitator", user__profile__organisation=secret
    )
    listed = OrganisationFactory(name="Listed Borough Council", slug="listed")
    MembershipFactory(role="facilitator", user__profile__organisation=listed)

    html = client.get("/communities/").content.decode()

    assert "Listed Borough Council" in html
    assert "Secret Borough Council" not in html


def test_start_a_community_is_offered_to_members_who_take_part(client):
    assert "Start a community" not in client.get("/communities/").content.decode()
    client.force_login(UserFactory())
    assert "Start a community" in client.get("/communities/").content.decode()


def test_paginates_with_a_fixed_query_budget(client, queries):
    CommunityFactory().tags.add(Tag.objects.create(name="One", slug="one"))
    with queries(DIRECTORY_QUERIES + SERVICE_AREAS + ORGANISATIONS):
        client.get("/communities/")

    for community in CommunityFactory.create_batch(25):
        community.tags.add(*Tag.objects.all())
    with queries(DIRECTORY_QUERIES + ORGANISATIONS):
        response = client.get("/communities/?page=2")
    assert len(response.context["pagination"].page.object_list) == 6
    assert 'aria-current="page">2</a>' in response.content.decode()


def test_filtered_and_signed_in_budget_does_not_grow_with_the_page(client, queries):
    member = UserFactory()
    client.force_login(member)
    leeds = OrganisationFactory(slug="leeds")
    tag = Tag.objects.create(name="Planning", slug="planning")

    def add(count):
        for community in CommunityFactory.create_batch(count):
            community.tags.add(
                tag,
                Tag.objects.create(name=f"T{community.pk}", slug=f"t{community.pk}"),
            )
            MembershipFactory(
                community=community,
                role="facilitator",
                user__profile__organisation=leeds,
            )
            MembershipFactory(community=community, user=member)

    url = "/communities/?tag=planning&organisation=leeds&sort=active&q=network"
    add(1)
    with queries(SIGNED_IN_QUERIES + SERVICE_AREAS + ORGANISATIONS + session_queries()):
        assert len(names(client.get(url))) == 1
    add(15)
    with queries(SIGNED_IN_QUERIES + ORGANISATIONS + session_queries()):
        assert len(names(client.get(url))) == 16


def test_the_filters_lists_are_loaded_once_and_again_after_a_change(client, queries):
    area = ServiceArea.objects.create(slug="bridges", name="Bridges and tunnels")
    community = CommunityFactory(service_area=area)
    MembershipFactory(
        community=community,
        role="facilitator",
        user__profile__organisation=OrganisationFactory(name="Halton Council"),
    )
    with queries(DIRECTORY_QUERIES + SERVICE_AREAS + ORGANISATIONS):
        client.get("/communities/")
    with queries(DIRECTORY_QUERIES):
        page = client.get("/communities/").content.decode()
    assert "Bridges and tunnels" in page
    assert "Halton Council" in page

    area.name = "Bridges, tunnels and culverts"
    area.save()
    community.visibility = "private"
    community.save()
    page = client.get("/communities/").content.decode()
    assert "Bridges, tunnels and culverts" in page
    # Its only community is private now: the organisation is no longer offered.
    assert "Halton Council" not in page


def test_private_community_is_not_found_for_outsiders_but_seen_by_members(client):
    private = CommunityFactory(name="Cyber Incident Response", visibility="private")
    member = MembershipFactory(community=private).user

    assert client.get(f"/communities/{private.slug}/").status_code == 404
    client.force_login(UserFactory())
    assert client.get(f"/communities/{private.slug}/").status_code == 404
    client.force_login(member)
    assert (
        "Cyber Incident Response"
        in client.get(f"/communities/{private.slug}/").content.decode()
    )
