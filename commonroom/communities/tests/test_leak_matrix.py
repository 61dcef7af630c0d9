"""The leak matrix (DESIGN.md, "The access kernel").

Every registered channel is requested as every role for every kind of
community, and the community's marker must appear exactly where the rules in
commonroom/core/testing/leak_matrix.py allow — nowhere else.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.utils import timezone

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import (
    Community,
    Invitation,
    Membership,
    MembershipRequest,
    Notice,
)
from commonroom.communities.selectors.membership import token_digest
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.core.testing import leak_matrix
from commonroom.core.testing.leak_matrix import COMMUNITIES, ROLES, World

pytestmark = pytest.mark.django_db


ROLES_PER_COMMUNITY = [
    "member_elsewhere",
    "pending_applicant",
    "invited",
    "removed",
    "member",
    "facilitator",
]


def build_world() -> World:
    world = World()
    elsewhere = CommunityFactory(name="Unrelated Network", slug="unrelated-network")
    for spec in COMMUNITIES:
        community = CommunityFactory(
            name=leak_matrix.name_marker(spec),
            slug=f"leakmark-{spec.key}",
            purpose=f"Purpose {leak_matrix.purpose_marker(spec)} of the community.",
            visibility=spec.visibility,
            public_reading=spec.public_reading,
            parent=world.communities.get(spec.parent),
        )
        world.communities[spec.key] = community
        for role in ROLES_PER_COMMUNITY:
            person = UserFactory(
                full_name=f"{role.replace('_', ' ').title()} of {spec.key}",
                email=f"{role}.{spec.key}@leeds.gov.uk",
            )
            world.people[(spec.key, role)] = person
        parent = world.communities.get(spec.parent)
        for role in (
            "member",
            "facilitator",
            "removed",
            "pending_applicant",
            "invited",
        ):
            # Joining a sub-community needs membership of its parent.
            if parent is not None:
                Membership.objects.create(
                    community=parent, user=world.people[(spec.key, role)]
                )
        Membership.objects.create(
            community=community, user=world.people[(spec.key, "member")]
        )
        Membership.objects.create(
            community=community,
            user=world.people[(spec.key, "facilitator")],
            role=Membership.Role.FACILITATOR,
        )
        Membership.objects.create(
            community=elsewhere, user=world.people[(spec.key, "member_elsewhere")]
        )
        removed = world.people[(spec.key, "removed")]
        Membership.objects.create(community=community, user=removed).delete()
        MembershipRequest.objects.create(
            community=community,
            user=world.people[(spec.key, "pending_applicant")],
            message=f"leakmark-{spec.key}-request",
        )
        invited = world.people[(spec.key, "invited")]
        Invitation.objects.create(
            community=community,
            invited_by=world.people[(spec.key, "facilitator")],
            email=invited.email,
            user=invited,
            token=token_digest(f"leakmark-invitation-for-{spec.key}"),
            expires_at=timezone.now() + timezone.timedelta(days=14),
        )
        Notice.objects.create(
            community=community,
            author=world.people[(spec.key, "facilitator")],
            title=f"leakmark-{spec.key}-notice",
            body=f"leakmark-{spec.key}-notice-body",
        )
    # Each content kind plants its marked content, once every community and
    # its people exist (a planter may need a parent or another community).
    planters = leak_matrix.all_planters()
    for spec in COMMUNITIES:
        for plant in planters:
            plant(world, spec, world.communities[spec.key])
    world.extras["pending_account"] = UserFactory(
        approval_status="pending", email="pending@example.org"
    )
    administrator = UserFactory(is_staff=True, email="admin@commonroom.example")
    TOTP.activate(administrator, generate_totp_secret())
    world.extras["administrator"] = administrator
    from commonroom.communities.services.communities import synchronize_member_counts

    synchronize_member_counts()
    return world


def client_for(world: World, spec, role: str) -> Client:
    # A page that fails is listed with the others rather than ending the run.
    client = Client(raise_request_exception=False)
    if role == "visitor":
        return client
    user = world.extras.get(role) or world.person(spec, role)
    client.force_login(user)
    return client


def body_of(response) -> str:
    """The response's text, whether a page or a downloaded file."""
    if response.streaming:
        # Reading to the end closes the file (the test client's wrapper);
        # response.close() here would also close the database connection.
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode(errors="replace")


def test_every_channel_shows_each_marker_exactly_where_the_rules_allow():
    world = build_world()
    channels = leak_matrix.all_channels()
    assert len(channels) >= 11
    failures = []
    checked = 0
    for spec in COMMUNITIES:
        for role in ROLES:
            client = client_for(world, spec, role)
            for chan in channels:
                url = chan.url(world, spec)
                if url is None:
                    continue
                response = client.get(url, follow=chan.follow)
                html = body_of(response)
                marker = chan.marker(world, spec)
                expected = chan.expected(role, spec)
                shown = response.status_code == 200 and marker in html
                leaked = marker in html and not expected
                checked += 1
                if response.status_code >= 500:
                    failures.append(
                        f"ERROR   {chan.name} / {spec.key} / {role}: "
                        f"{url} -> {response.status_code}"
                    )
                elif expected and not shown:
                    failures.append(
                        f"MISSING {chan.name} / {spec.key} / {role}: "
                        f"{url} -> {response.status_code}"
                    )
                elif leaked:
                    failures.append(
                        f"LEAK    {chan.name} / {spec.key} / {role}: "
                        f"{url} -> {response.status_code}"
                    )
    assert not failures, f"{len(failures)} of {checked} checks failed:\n" + "\n".join(
        failures
    )


def test_the_world_really_has_every_role():
    world = build_world()
    open_ = world.communities["open"]

    assert Community.objects.filter(slug__startswith="leakmark-").count() == len(
        COMMUNITIES
    )
    assert not Membership.objects.filter(
        community=open_, user=world.person(COMMUNITIES[0], "removed")
    ).exists()
    assert MembershipRequest.objects.filter(status="pending").count() == len(
        COMMUNITIES
    )
    assert world.extras["pending_account"].approval_status == "pending"
