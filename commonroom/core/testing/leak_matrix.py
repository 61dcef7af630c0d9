"""The leak matrix: every channel, as every role, for every kind of community.

A *world* holds communities of each visibility (and sub-communities), each with
a unique marker in every field a person can write, and one person per role for
each community. A *channel* is a way of reading (a page, a search, a feed, a
download). Each channel says which marker it would show and for which
community; the matrix test requests every channel as every role and asserts the
marker appears exactly where the rules allow.

The rules below are written from SPEC.md section 5 on purpose, independently of
the access kernel, so that the matrix checks the kernel rather than repeating it.

A new channel or content kind joins by registering in its app's
``tests/leak_channels.py`` with ``@channel(...)``; the test finds those modules.
A content kind also registers a *planter* there with ``@planter(...)``: a
function ``plant(world, spec, community)`` that puts its marked content in each
community of the world (through its services), once the community and its
people exist.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps

ROLES = [
    "visitor",
    "pending_account",  # signed in, sign-up waiting for approval
    "member_elsewhere",
    "pending_applicant",  # asked to join, not yet decided
    "invited",  # invited, has not accepted
    "removed",  # was a member, removed by a facilitator
    "member",
    "facilitator",
    "administrator",
]

# What a marker says about a community.
EXISTENCE = "existence"  # name, purpose: may the person know it exists?
LISTING = "listing"  # directories: is it listed for the person?
CONTENT = "content"  # notices, members, posts: may the person read it?
PERSONAL = "personal"  # shown to one person whatever the community (extra_rule)


@dataclass(frozen=True)
class CommunitySpec:
    key: str
    visibility: str
    public_reading: bool = False
    parent: str | None = None


COMMUNITIES = [
    CommunitySpec("open", "open"),
    CommunitySpec("public", "open", public_reading=True),
    CommunitySpec("restricted", "restricted"),
    CommunitySpec("private", "private"),
    CommunitySpec("subrestricted", "restricted", parent="open"),
    CommunitySpec("subprivate", "private", parent="restricted"),
]


# People whose sign-up is waiting for approval see only the "waiting" page.
NOTHING_YET = ("pending_account",)


def may_know_exists(role: str, spec: CommunitySpec) -> bool:
    if role in NOTHING_YET:
        return False
    if spec.visibility in ("open", "restricted"):
        return True
    return role in ("member", "facilitator")


def is_listed_for(role: str, spec: CommunitySpec) -> bool:
    return may_know_exists(role, spec)


def may_read(role: str, spec: CommunitySpec) -> bool:
    if role in NOTHING_YET:
        return False
    if role in ("member", "facilitator"):
        return True
    if spec.visibility != "open":
        return False
    if role == "visitor":
        return spec.public_reading
    return True


RULES: dict[str, Callable[[str, CommunitySpec], bool]] = {
    EXISTENCE: may_know_exists,
    LISTING: is_listed_for,
    CONTENT: may_read,
    PERSONAL: lambda role, spec: role not in NOTHING_YET,
}


@dataclass(frozen=True)
class Channel:
    """One way of reading.

    ``url(world, spec)`` gives the address to request for that community (or
    ``None`` where the channel does not apply); ``marker(world, spec)`` the text
    that must appear exactly when ``RULES[level]`` allows; ``extra_rule`` narrows
    who should see it further (for example: facilitators only).
    """

    name: str
    level: str
    url: Callable
    marker: Callable
    extra_rule: Callable[[str, CommunitySpec], bool] | None = None
    # Follow redirects (a permalink that redirects to the page showing it).
    follow: bool = False

    def expected(self, role: str, spec: CommunitySpec) -> bool:
        allowed = RULES[self.level](role, spec)
        if self.extra_rule is not None:
            allowed = allowed and self.extra_rule(role, spec)
        return allowed


_channels: dict[str, Channel] = {}


def channel(*, name: str, level: str, marker: Callable, extra_rule=None, follow=False):
    """Register a channel: decorate the function that builds its URL."""

    def register(url: Callable) -> Callable:
        _channels[name] = Channel(name, level, url, marker, extra_rule, follow)
        return url

    return register


_planters: dict[str, Callable] = {}


def planter(name: str):
    """Register a planter: ``plant(world, spec, community)`` puts a content
    kind's marked content in one community of the world."""

    def register(plant: Callable) -> Callable:
        _planters[name] = plant
        return plant

    return register


def _import_leak_modules() -> None:
    for app in apps.get_app_configs():
        if app.name.startswith("commonroom."):
            try:
                import_module(f"{app.name}.tests.leak_channels")
            except ModuleNotFoundError as error:
                if error.name != f"{app.name}.tests.leak_channels":
                    raise


def all_channels() -> list[Channel]:
    _import_leak_modules()
    return sorted(_channels.values(), key=lambda c: c.name)


def all_planters() -> list[Callable]:
    """Every registered planter, in the order of their names."""
    _import_leak_modules()
    return [_planters[name] for name in sorted(_planters)]


@dataclass
class World:
    """What the matrix test built: communities by key, people by role."""

    communities: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)  # (community key, role) -> user
    extras: dict = field(default_factory=dict)  # anything a channel needs

    def person(self, spec: CommunitySpec, role: str):
        return self.people.get((spec.key, role))


def name_marker(spec: CommunitySpec) -> str:
    return f"Leakmark {spec.key} name"


def purpose_marker(spec: CommunitySpec) -> str:
    return f"leakmark-{spec.key}-purpose"
