"""The leak matrix (DESIGN.md, "The access kernel").

Every registered channel is requested as every role for every kind of
community, and the community's marker must appear exactly where the rules in
commonroom/core/testing/leak_matrix.py allow — nowhere else. Every planted
marker must be looked for, and shown to at least one person who may read it.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.base import ContentFile
from django.utils import timezone

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities import access
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
from commonroom.core.testing.leak_matrix import COMMUNITIES, World
from commonroom.profiles.models import Contact

pytestmark = pytest.mark.django_db


ROLES_PER_COMMUNITY = [
    "member_elsewhere",
    "pending_applicant",
    "invited",
    "removed",
    "member",
    "facilitator",
]


def logo_marker(spec) -> str:
    return f"leakmark-{spec.key}-logo"


def colour_marker(spec) -> str:
    """A dark accent colour of its own for each community."""
    return f"#0b5e{leak_matrix.COMMUNITIES.index(spec):02d}"


def build_world() -> World:
    world = World()
    elsewhere = CommunityFactory(name="Unrelated Network", slug="unrelated-network")
    world.extras["elsewhere"] = elsewhere
    for spec in COMMUNITIES:
        community = CommunityFactory(
            name=world.plant(leak_matrix.name_marker(spec)),
            slug=f"leakmark-{spec.key}",
            purpose=f"Purpose {world.plant(leak_matrix.purpose_marker(spec))} of "
            "the community.",
            visibility=spec.visibility,
            public_reading=spec.public_reading,
            parent=world.communities.get(spec.parent),
            accent_colour=world.plant(colour_marker(spec)),
        )
        # A logo whose bytes carry the marker (the download is what is checked).
        community.logo.save(
            f"leakmark-{spec.key}.png",
            ContentFile(b"\x89PNG\r\n\x1a\n" + world.plant(logo_marker(spec)).encode()),
            save=True,
        )
        world.communities[spec.key] = community
        for role in ROLES_PER_COMMUNITY:
            person = UserFactory(
                full_name=f"{role.replace('_', ' ').title()} of {spec.key}",
                email=f"{role}.{spec.key}@leeds.gov.uk",
            )
            world.people[(spec.key, role)] = person
        # Nobody reads a community waiting for approval, its people included.
        people_readable = spec.status != "pending"
        world.plant(f"Member of {spec.key}", readable=people_readable)
        world.plant(f"Pending Applicant of {spec.key}", readable=people_readable)
        world.plant(f"invited.{spec.key}@leeds.gov.uk", readable=people_readable)
        # The address a name clashing with this one's would once have had.
        world.plant(f"/communities/leakmark-{spec.key}-2/", readable=False)
        facilitator = world.people[(spec.key, "facilitator")]
        # The facilitator started it: a community waiting for approval
        # exists for its creator.
        Community.objects.filter(pk=community.pk).update(
            created_by=facilitator, owner=facilitator
        )
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
            user=facilitator,
            role=Membership.Role.FACILITATOR,
        )
        # Facilitating elsewhere, this person can try names in the
        # sub-community form there.
        Membership.objects.create(
            community=elsewhere,
            user=world.people[(spec.key, "member_elsewhere")],
            role=Membership.Role.FACILITATOR,
        )
        removed = world.people[(spec.key, "removed")]
        Membership.objects.create(community=community, user=removed).delete()
        MembershipRequest.objects.create(
            community=community,
            user=world.people[(spec.key, "pending_applicant")],
            # Read on its own page by the facilitators of a live community.
            message=world.plant(
                f"leakmark-{spec.key}-request", readable=spec.status == "live"
            ),
        )
        invited = world.people[(spec.key, "invited")]
        Invitation.objects.create(
            community=community,
            invited_by=facilitator,
            email=invited.email,
            user=invited,
            token=token_digest(f"leakmark-invitation-for-{spec.key}"),
            expires_at=timezone.now() + timezone.timedelta(days=14),
        )
        notice = Notice.objects.create(
            community=community,
            author=facilitator,
            title=world.plant(f"leakmark-{spec.key}-notice", readable=people_readable),
            body=f"leakmark-{spec.key}-notice-body",
        )
        world.extras[("notice", spec.key)] = notice.pk
        Notice.objects.create(
            community=community,
            author=facilitator,
            title=world.plant(
                f"leakmark-{spec.key}-unpinned-notice", readable=people_readable
            ),
            body="Not pinned to the hub.",
            is_pinned=False,
        )
    # Each content kind plants its marked content, once every community and
    # its people exist (a planter may need a parent or another community).
    planters = leak_matrix.all_planters()
    for spec in COMMUNITIES:
        for plant in planters:
            plant(world, spec, world.communities[spec.key])
    # Then the communities that are no longer (or not yet) live.
    for spec in COMMUNITIES:
        if spec.status != "live":
            Community.objects.filter(pk=world.communities[spec.key].pk).update(
                status=spec.status,
                archived_at=timezone.now() if spec.status == "archived" else None,
            )
            world.communities[spec.key].refresh_from_db()
    access.bump_communities_version()
    world.extras["pending_account"] = UserFactory(
        approval_status="pending", email=world.plant("pending@example.org")
    )
    administrator = UserFactory(is_staff=True, email="admin@commonroom.example")
    TOTP.activate(administrator, generate_totp_secret())
    world.extras["administrator"] = administrator
    # Everyone has each community's byline author among their contacts.
    Contact.objects.bulk_create(
        Contact(owner=person, contact_id=world.extras[("forum", key)]["byline"])
        for (key, _role), person in world.people.items()
    )
    Contact.objects.bulk_create(
        Contact(
            owner=administrator, contact_id=world.extras[("forum", spec.key)]["byline"]
        )
        for spec in COMMUNITIES
    )
    from commonroom.communities.services.communities import synchronize_member_counts

    synchronize_member_counts()
    return world


@pytest.fixture
def world(media_root):
    return build_world()


def test_every_channel_shows_each_marker_exactly_where_the_rules_allow(world):
    channels = leak_matrix.all_channels()
    assert len(channels) >= 80

    result = leak_matrix.run_matrix(world, channels)

    assert not result.failures, (
        f"{len(result.failures)} of {result.checked} checks failed:\n"
        + "\n".join(result.failures)
    )


def test_the_world_really_has_every_role(world):
    open_ = world.communities["open"]

    assert Community.objects.filter(slug__startswith="leakmark-").count() == len(
        COMMUNITIES
    )
    assert not Membership.objects.filter(
        community=open_, user=world.person(COMMUNITIES[0], "removed")
    ).exists()
    assert MembershipRequest.objects.filter(
        status="pending", message__startswith="leakmark-"
    ).count() == len(COMMUNITIES)
    assert world.extras["pending_account"].approval_status == "pending"
    statuses = dict(
        Community.objects.filter(slug__startswith="leakmark-").values_list(
            "slug", "status"
        )
    )
    assert statuses["leakmark-archived"] == "archived"
    assert statuses["leakmark-pending"] == "pending"
    assert statuses["leakmark-private"] == "live"
