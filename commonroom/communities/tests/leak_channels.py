"""Channels of the communities app (and the pages that list communities)."""

from commonroom.core.testing.leak_matrix import (
    CONTENT,
    EXISTENCE,
    LISTING,
    PERSONAL,
    channel,
    name_marker,
    purpose_marker,
)


@channel(name="directory", level=LISTING, marker=lambda world, spec: name_marker(spec))
def directory(world, spec):
    return "/communities/"


@channel(
    name="directory search", level=LISTING, marker=lambda world, spec: name_marker(spec)
)
def directory_search(world, spec):
    return "/communities/?q=leakmark"


@channel(
    name="site search", level=LISTING, marker=lambda world, spec: name_marker(spec)
)
def site_search(world, spec):
    return "/search/?q=leakmark"


@channel(
    name="community page",
    level=EXISTENCE,
    marker=lambda world, spec: purpose_marker(spec),
)
def community_page(world, spec):
    return f"/communities/{world.communities[spec.key].slug}/"


@channel(
    name="pinned notices on the hub",
    level=CONTENT,
    marker=lambda world, spec: f"leakmark-{spec.key}-notice",
)
def hub_notices(world, spec):
    return f"/communities/{world.communities[spec.key].slug}/"


@channel(
    name="memberships on a member's profile",
    level=CONTENT,
    marker=lambda world, spec: name_marker(spec),
    # Profiles are for signed-in members only.
    extra_rule=lambda role, spec: role not in ("visitor", "pending_account"),
)
def profile_memberships(world, spec):
    return f"/people/{world.person(spec, 'member').pk}/"


@channel(
    name="member list",
    level=CONTENT,
    marker=lambda world, spec: f"Member of {spec.key}",
    # Member lists are for signed-in people only.
    extra_rule=lambda role, spec: role != "visitor",
)
def member_list(world, spec):
    return f"/communities/{world.communities[spec.key].slug}/members/"


@channel(
    name="facilitators' request queue",
    level=CONTENT,
    marker=lambda world, spec: "Pending Applicant of " + spec.key,
    extra_rule=lambda role, spec: role == "facilitator",
)
def request_queue(world, spec):
    return f"/communities/{world.communities[spec.key].slug}/requests/"


@channel(
    name="facilitators' invitations page",
    level=CONTENT,
    marker=lambda world, spec: f"invited.{spec.key}@leeds.gov.uk",
    extra_rule=lambda role, spec: role == "facilitator",
)
def invitations_page(world, spec):
    return f"/communities/{world.communities[spec.key].slug}/invitations/"


@channel(
    name="invitation page",
    level=PERSONAL,
    marker=lambda world, spec: purpose_marker(spec),
    # Only the invited person sees what the invitation is for: even for an
    # open community, a token in someone else's hands shows nothing.
    extra_rule=lambda role, spec: role == "invited",
)
def invitation_page(world, spec):
    return f"/communities/invitations/leakmark-invitation-for-{spec.key}/"


@channel(
    name="organisation page",
    level=CONTENT,
    marker=lambda world, spec: name_marker(spec),
    # It lists an organisation's members, never their communities.
    extra_rule=lambda role, spec: False,
)
def organisation_page(world, spec):
    member = world.person(spec, "member")
    return f"/organisations/{member.profile.organisation.slug}/"
