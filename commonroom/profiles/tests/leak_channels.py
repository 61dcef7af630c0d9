"""People's pages in the leak matrix: details follow the profile rule.

The forum's planter gives each community a member who shows their profile
details only to members of their communities, with a marked job title and
photo (``commonroom/forums/tests/leak_channels.py``). Every page that can show
those details must follow the same rule as the profile page.
"""

from commonroom.core.testing.leak_matrix import ANYONE, channel, name_marker, nobody


def _mark(spec, what: str) -> str:
    return f"leakmark-{spec.key}-{what}"


def _author(world, spec) -> int:
    return world.extras[("forum", spec.key)]["byline"]


def profile_rule(role, spec) -> bool:
    """Who shares a community with the author (or is an administrator).

    The author belongs to the community and, for a sub-community, its parent,
    where the sub-community's applicant, invitee and removed member still are.
    Sharing is by membership, whatever the community's status.
    """
    if role in ("member", "facilitator", "administrator"):
        return True
    return spec.parent is not None and role in (
        "pending_applicant",
        "invited",
        "removed",
    )


@channel(
    name="people finder: a job title",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "job-title"),
    extra_rule=profile_rule,
)
def finder_job_title(world, spec):
    return f"/people/?q=Byline+author+in+{spec.key}"


@channel(
    name="profile page: a job title",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "job-title"),
    extra_rule=profile_rule,
)
def profile_job_title(world, spec):
    return f"/people/{_author(world, spec)}/"


@channel(
    name="profile photo",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "photo"),
    extra_rule=profile_rule,
)
def profile_photo(world, spec):
    return f"/people/{_author(world, spec)}/photo/"


@channel(
    name="contact list: a contact's job title",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "job-title"),
    # Everyone in the world has the author among their contacts.
    extra_rule=profile_rule,
)
def contact_job_title(world, spec):
    return "/people/contacts/"


@channel(
    name="organisation directory",
    level=ANYONE,
    marker=lambda world, spec: name_marker(spec),
    # Organisations are listed; communities never are, here.
    extra_rule=nobody,
)
def organisation_directory(world, spec):
    return "/organisations/"
