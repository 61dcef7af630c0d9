"""Channels of the communities app (and the pages that list communities)."""

from commonroom.core.testing.leak_matrix import (
    ANYONE,
    CONTENT,
    EXISTENCE,
    LISTING,
    PERSONAL,
    channel,
    facilitates,
    is_listed_for,
    may_facilitate,
    may_know_exists,
    may_read,
    name_marker,
    nobody,
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


# Search finds every community the reader may know exists (its hub answers
# them), archived ones too. Only communities, so the page holds them all; in
# lower case, so the search box's own words are not the marker.
@channel(
    name="site search", level=EXISTENCE, marker=lambda world, spec: name_marker(spec)
)
def site_search(world, spec):
    words = name_marker(spec).lower().replace(" ", "+")
    return f"/search/?q={words}&kind=community"


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


# Notices, logo and theme -------------------------------------------------------


def _base(world, spec) -> str:
    return f"/communities/{world.communities[spec.key].slug}/"


def _colour(world, spec) -> str:
    return world.communities[spec.key].accent_colour


@channel(
    name="an unpinned notice on the notices page",
    level=CONTENT,
    marker=lambda world, spec: f"leakmark-{spec.key}-unpinned-notice",
)
def unpinned_notice(world, spec):
    return _base(world, spec) + "notices/"


@channel(
    name="an unpinned notice is not on the hub",
    level=CONTENT,
    marker=lambda world, spec: f"leakmark-{spec.key}-unpinned-notice",
    extra_rule=nobody,
)
def unpinned_notice_not_on_hub(world, spec):
    return _base(world, spec)


@channel(
    name="the community's logo",
    level=EXISTENCE,
    marker=lambda world, spec: f"leakmark-{spec.key}-logo",
)
def logo(world, spec):
    return _base(world, spec) + "logo/"


@channel(name="the community's theme stylesheet", level=EXISTENCE, marker=_colour)
def theme_css(world, spec):
    return _base(world, spec) + "theme.css"


@channel(
    name="the theme page",
    level=ANYONE,
    marker=_colour,
    extra_rule=may_facilitate,
    # Every page of a community someone may see links its stylesheet, whose
    # address carries the colour.
    may_show=may_know_exists,
)
def theme_page(world, spec):
    return _base(world, spec) + "theme/"


def _named_page(name: str, path: str, rule, may_show=may_know_exists):
    """A form or confirmation page that names the community to those it is for.

    A refusal may name it too, to people who may know it exists.
    """

    @channel(
        name=name,
        level=ANYONE,
        marker=lambda world, spec: name_marker(spec),
        extra_rule=rule,
        may_show=may_show,
    )
    def url(world, spec):
        return _base(world, spec) + path

    url.__qualname__ = f"named_page:{name}"
    return url


_named_page("the new notice form", "notices/new/", may_facilitate)
_named_page("the archive page", "archive/", may_facilitate)
_named_page("the settings page", "settings/", may_facilitate)
_named_page(
    "the restore page",
    "restore/",
    lambda role, spec: role == "facilitator" and spec.status == "archived",
)
_named_page("the sub-community form", "sub-communities/new/", may_facilitate)
_named_page("the join page", "join/", nobody)
_named_page("the request-to-join page", "join/request/", nobody)
_named_page(
    "the leave page",
    "leave/",
    lambda role, spec: role == "member" and spec.status == "live",
)


@channel(
    name="the notice delete page",
    level=ANYONE,
    marker=lambda world, spec: f"leakmark-{spec.key}-notice",
    extra_rule=may_facilitate,
    may_show=may_read,
)
def notice_delete_page(world, spec):
    return _base(world, spec) + f"notices/{world.extras[('notice', spec.key)]}/delete/"


# Membership pages for facilitators --------------------------------------------


@channel(
    name="facilitators' page for a request to join",
    level=ANYONE,
    marker=lambda world, spec: f"leakmark-{spec.key}-request",
    extra_rule=may_facilitate,
    may_show=facilitates,
)
def request_decision_page(world, spec):
    from commonroom.communities.models import MembershipRequest

    request_id = world.extras.setdefault(
        ("request", spec.key),
        MembershipRequest.objects.get(message=f"leakmark-{spec.key}-request").pk,
    )
    return _base(world, spec) + f"requests/{request_id}/"


@channel(
    name="facilitators' page for a member",
    level=ANYONE,
    marker=lambda world, spec: f"Member of {spec.key}",
    extra_rule=facilitates,
)
def member_page(world, spec):
    return _base(world, spec) + f"members/{world.person(spec, 'member').pk}/"


@channel(
    name="the remove-a-member page",
    level=ANYONE,
    marker=lambda world, spec: f"Member of {spec.key}",
    extra_rule=may_facilitate,
    may_show=facilitates,
)
def remove_member_page(world, spec):
    return _base(world, spec) + f"members/{world.person(spec, 'member').pk}/remove/"


# The home page -------------------------------------------------------------------


def _home_may_name(role, spec) -> bool:
    """The visitors' page lists the most active communities; a member's home
    lists their own communities (archived ones too), the invitations waiting
    for them (an invitation names its community to the invitee) and their own
    requests to join (where they may know the community exists)."""
    if is_listed_for(role, spec):
        return True
    if role == "pending_applicant":
        return may_know_exists(role, spec)
    return spec.status != "pending" and role in ("member", "facilitator", "invited")


@channel(
    name="the home page",
    level=ANYONE,
    marker=lambda world, spec: name_marker(spec),
    extra_rule=nobody,
    may_show=_home_may_name,
)
def home(world, spec):
    return "/"


# Names and addresses of new communities ------------------------------------------
#
# Typing an existing community's name is refused; only someone who may know
# that community exists is told it is one. A name whose address is taken gets
# a random ending, never "-2", which would confirm that a community (perhaps a
# private one) has the address.


def _takes_part(role, spec) -> bool:
    return role not in ("visitor", "pending_account")


def _clash_message(world, spec) -> str:
    return f"There is already a community called “{name_marker(spec)}”"


@channel(
    name="the create-a-community wizard: a name in use",
    level=EXISTENCE,
    marker=_clash_message,
    extra_rule=_takes_part,
    method="post",
    data=lambda world, spec: {"name": name_marker(spec), "purpose": "Something new."},
)
def wizard_name_clash(world, spec):
    return "/communities/new/"


def _new_community_data(world, spec) -> dict:
    return {
        "name": f"Leakmark-{spec.key}",
        "purpose": "A new community.",
        "topics": "",
        "visibility": "private",
    }


@channel(
    name="the sub-community form: a name in use",
    level=EXISTENCE,
    marker=_clash_message,
    # Only this person facilitates the community whose form is used.
    extra_rule=lambda role, spec: role == "member_elsewhere",
    method="post",
    data=lambda world, spec: {
        **_new_community_data(world, spec),
        "name": name_marker(spec),
    },
)
def sub_community_name_clash(world, spec):
    return "/communities/unrelated-network/sub-communities/new/"


def _wizard(client, world, spec):
    data = _new_community_data(world, spec)
    client.post("/communities/new/", {"name": data["name"], "purpose": data["purpose"]})
    client.post(
        "/communities/new/topics-and-visibility/",
        {"topics": "", "service_area": "", "visibility": "private"},
    )
    return client.post("/communities/new/agreement/", {"agree": "on"}, follow=True)


@channel(
    name="the create-a-community wizard: an address in use",
    level=ANYONE,
    marker=lambda world, spec: f"/communities/leakmark-{spec.key}-2/",
    extra_rule=nobody,
    fetch=_wizard,
    covers=("community-create-visibility", "community-create-agreement"),
)
def wizard_address_clash(world, spec):
    return "/communities/new/"


@channel(
    name="the sub-community form: an address in use",
    level=ANYONE,
    marker=lambda world, spec: f"/communities/leakmark-{spec.key}-2/",
    extra_rule=nobody,
    method="post",
    data=_new_community_data,
    follow=True,
)
def sub_community_address_clash(world, spec):
    return "/communities/unrelated-network/sub-communities/new/"
