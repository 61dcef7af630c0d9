"""Sub-communities: never more open than their parent, listed and breadcrumbed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities import permissions
from commonroom.communities.models import Community, Membership
from commonroom.communities.services import communities as services
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def facilitated(**kwargs):
    community = CommunityFactory(**kwargs)
    facilitator = MembershipFactory(community=community, role="facilitator").user
    return community, facilitator


def create_sub(actor, parent, **overrides):
    values = {
        "name": "Steering Group",
        "purpose": "The network's steering group.",
        "visibility": "private",
    }
    return services.create_sub_community(
        actor=actor, parent=parent, **{**values, **overrides}
    )


@pytest.mark.parametrize(
    ("parent", "allowed"),
    [
        ("open", ["open", "restricted", "private"]),
        ("restricted", ["restricted", "private"]),
        ("private", ["private"]),
    ],
)
def test_a_sub_community_is_never_more_open_than_its_parent(parent, allowed):
    community, facilitator = facilitated(visibility=parent)

    assert services.allowed_under(community) == allowed
    for visibility in ("open", "restricted", "private"):
        name = f"Sub {visibility}"
        if visibility in allowed:
            sub = create_sub(facilitator, community, name=name, visibility=visibility)
            assert sub.parent == community
        else:
            with pytest.raises(ValidationError) as error:
                create_sub(facilitator, community, name=name, visibility=visibility)
            assert (
                "cannot be more open than" in error.value.message_dict["visibility"][0]
            )


def test_visitors_read_a_sub_community_only_if_they_read_its_parent():
    community, facilitator = facilitated(visibility="open")
    with pytest.raises(ValidationError) as error:
        create_sub(facilitator, community, visibility="open", public_reading=True)
    assert "public_reading" in error.value.message_dict

    public, facilitator = facilitated(visibility="open", public_reading=True)
    sub = create_sub(
        facilitator, public, name="Public sub", visibility="open", public_reading=True
    )
    assert sub.public_reading


def test_the_creator_facilitates_it_and_it_follows_the_approval_setting(settings):
    community, facilitator = facilitated(visibility="restricted")
    settings.COMMUNITY_APPROVAL_REQUIRED = True

    sub = create_sub(facilitator, community)

    assert sub.status == Community.Status.PENDING
    assert Membership.objects.get(community=sub).user == facilitator
    assert sub.owner == facilitator


def test_only_facilitators_of_a_live_community_create_them():
    community, _ = facilitated()
    member = MembershipFactory(community=community).user
    with pytest.raises(PermissionDenied):
        create_sub(member, community)

    archived, facilitator = facilitated(status="archived")
    with pytest.raises(PermissionDenied):
        create_sub(facilitator, archived)


def test_nesting_stops_two_levels_down():
    top, facilitator = facilitated(name="Top")
    child = create_sub(facilitator, top, name="Child")
    grandchild = create_sub(facilitator, child, name="Grandchild")
    grandchild = Community.objects.select_related("parent__parent").get(
        pk=grandchild.pk
    )

    assert not permissions.can_have_sub_communities(grandchild)
    with pytest.raises(PermissionDenied):
        create_sub(facilitator, grandchild, name="Too deep")


def test_the_form_offers_only_allowed_visibilities_and_explains(client):
    community, facilitator = facilitated(
        name="Heads of Housing", visibility="restricted"
    )
    client.force_login(facilitator)
    url = f"/communities/{community.slug}/sub-communities/new/"

    html = client.get(url).content.decode()

    assert 'value="open"' not in html
    assert 'value="restricted"' in html
    assert 'value="private"' in html
    assert "never more open. Heads of Housing is restricted." in html
    assert "Visitors can read it" not in html


def test_the_form_refuses_a_more_open_choice_and_keeps_the_input(client):
    community, facilitator = facilitated(visibility="private")
    client.force_login(facilitator)
    url = f"/communities/{community.slug}/sub-communities/new/"

    response = client.post(
        url, {"name": "Typed name", "purpose": "Typed purpose", "visibility": "open"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in html or "Choose who can find and read" in html
    assert 'value="Typed name"' in html
    assert "Typed purpose" in html
    assert not Community.objects.filter(name="Typed name").exists()


def test_the_form_creates_and_goes_to_it(client):
    community, facilitator = facilitated(visibility="restricted")
    client.force_login(facilitator)

    response = client.post(
        f"/communities/{community.slug}/sub-communities/new/",
        {
            "name": "Steering Group",
            "purpose": "Plans the year.",
            "topics": "governance",
            "visibility": "private",
        },
        follow=True,
    )

    sub = Community.objects.get(name="Steering Group")
    assert response.redirect_chain[-1][0] == f"/communities/{sub.slug}/"
    assert sub.parent == community
    assert [t.name for t in sub.tags.all()] == ["governance"]


@pytest.mark.parametrize("role", ["visitor", "outsider", "member"])
def test_only_facilitators_reach_the_form(client, role):
    community, _ = facilitated()
    if role == "outsider":
        client.force_login(UserFactory())
    elif role == "member":
        client.force_login(MembershipFactory(community=community).user)

    response = client.get(f"/communities/{community.slug}/sub-communities/new/")

    assert response.status_code == (302 if role == "visitor" else 403)


def test_the_parent_lists_only_the_sub_communities_the_viewer_may_see(client):
    parent = CommunityFactory(name="Planning Network")
    CommunityFactory(name="Open Working Group", parent=parent)
    CommunityFactory(name="Restricted Panel", parent=parent, visibility="restricted")
    secret = CommunityFactory(
        name="Secret Steering", parent=parent, visibility="private"
    )
    insider = MembershipFactory(community=secret).user
    MembershipFactory(community=parent, user=insider)

    client.force_login(UserFactory())
    html = client.get(f"/communities/{parent.slug}/").content.decode()
    assert "Open Working Group" in html
    assert "Restricted Panel" in html
    assert "Secret Steering" not in html

    client.force_login(insider)
    html = client.get(f"/communities/{parent.slug}/").content.decode()
    assert "Secret Steering" in html


def test_breadcrumbs_show_the_parent_chain_on_every_page(client):
    top = CommunityFactory(name="Planning Network", slug="planning")
    middle = CommunityFactory(name="Enforcement Group", slug="enforcement", parent=top)
    bottom = CommunityFactory(name="Steering Panel", slug="steering", parent=middle)
    facilitator = MembershipFactory(community=bottom, role="facilitator").user
    client.force_login(facilitator)

    pages = ("", "notices/", "notices/new/", "theme/", "archive/")
    # Membership and moderation pages have the same breadcrumbs.
    pages += ("members/", "requests/", "invitations/", "leave/", "reports/")
    pages += (f"members/{facilitator.pk}/", "moderation-log/", "discussions/")
    for path in pages:
        html = client.get(f"/communities/steering/{path}").content.decode()
        crumbs = html[
            html.index("govuk-breadcrumbs") : html.index(
                "</nav>", html.index("govuk-breadcrumbs")
            )
        ]
        assert crumbs.index('href="/communities/planning/"') < crumbs.index(
            'href="/communities/enforcement/"'
        ), path
        assert ('href="/communities/steering/"' in crumbs) == (path != ""), path
    assert (
        "Sub-community of Enforcement Group"
        in client.get("/communities/steering/").content.decode()
    )


def test_breadcrumbs_leave_out_a_parent_the_viewer_may_not_see(client):
    private = CommunityFactory(name="Hidden Parent", visibility="private")
    sub = CommunityFactory(name="Visible Child", parent=private)
    client.force_login(UserFactory())

    html = client.get(f"/communities/{sub.slug}/").content.decode()

    assert "Visible Child" in html
    assert "Hidden Parent" not in html
