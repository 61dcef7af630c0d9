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
people exist. Every marker a planter puts in is declared with
``world.plant(marker)``; the matrix fails on a planted marker no channel looks
for, on one that no rightful reader was ever shown, and on a channel looking
for a marker nobody planted.

Every route of the site is either requested by a channel or listed, with its
reason, in ``EXEMPT_ROUTES`` (``commonroom/communities/tests/test_url_walk.py``
walks the URL configuration and fails on any other).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.db import transaction
from django.test import Client

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
ANYONE = "anyone"  # the channel's extra_rule alone decides


@dataclass(frozen=True)
class CommunitySpec:
    key: str
    visibility: str
    public_reading: bool = False
    parent: str | None = None
    # "live", "archived" (read-only), or "pending" (waiting for approval). The
    # world plants content while every community is live, then sets this.
    status: str = "live"


COMMUNITIES = [
    CommunitySpec("open", "open"),
    CommunitySpec("public", "open", public_reading=True),
    CommunitySpec("restricted", "restricted"),
    CommunitySpec("private", "private"),
    CommunitySpec("subrestricted", "restricted", parent="open"),
    CommunitySpec("subprivate", "private", parent="restricted"),
    CommunitySpec("archived", "open", status="archived"),
    # Open, but waiting for approval: it exists only for its creator (the
    # facilitator role) and administrators, and nobody reads it yet.
    CommunitySpec("pending", "open", status="pending"),
]


# People whose sign-up is waiting for approval see only the "waiting" page.
NOTHING_YET = ("pending_account",)


def may_know_exists(role: str, spec: CommunitySpec) -> bool:
    if role in NOTHING_YET:
        return False
    if spec.status == "pending":
        return role in ("facilitator", "administrator")
    if spec.visibility in ("open", "restricted"):
        return True
    return role in ("member", "facilitator")


def is_listed_for(role: str, spec: CommunitySpec) -> bool:
    """Directories list live communities only (archived ones are not listed)."""
    return spec.status == "live" and may_know_exists(role, spec)


def may_read(role: str, spec: CommunitySpec) -> bool:
    if role in NOTHING_YET or spec.status == "pending":
        return False
    if role in ("member", "facilitator"):
        return True
    if spec.visibility != "open":
        return False
    if role == "visitor":
        return spec.public_reading
    return True


def may_post(role: str, spec: CommunitySpec) -> bool:
    """Members post in live communities; archived ones are read-only."""
    return spec.status == "live" and role in ("member", "facilitator")


def may_facilitate(role: str, spec: CommunitySpec) -> bool:
    """Facilitators change a live community (its content, members, notices)."""
    return spec.status == "live" and role == "facilitator"


def facilitates(role: str, spec: CommunitySpec) -> bool:
    """Facilitators' read-only pages (queues, logs) stay open once archived."""
    return spec.status != "pending" and role == "facilitator"


def is_administrator(role: str, spec: CommunitySpec) -> bool:
    return role == "administrator"


def nobody(role: str, spec: CommunitySpec) -> bool:
    return False


RULES: dict[str, Callable[[str, CommunitySpec], bool]] = {
    EXISTENCE: may_know_exists,
    LISTING: is_listed_for,
    CONTENT: may_read,
    PERSONAL: lambda role, spec: role not in NOTHING_YET,
    ANYONE: lambda role, spec: True,
}


@dataclass(frozen=True)
class Channel:
    """One way of reading.

    ``url(world, spec)`` gives the address to request for that community (or
    ``None`` where the channel does not apply); ``marker(world, spec)`` the text
    that must appear exactly when ``RULES[level]`` allows; ``extra_rule`` narrows
    who should see it further (for example: facilitators only).

    ``may_show`` names people who may see the marker without having to (a
    refusal that names a community the person may know exists, say): the
    marker is then neither missing nor a leak for them.

    A channel that changes something (``method="post"`` with ``data``, or its
    own ``fetch(client, world, spec)`` for several requests) runs inside a
    savepoint that is rolled back, so it leaves the world as it found it.
    ``covers`` names the routes a ``fetch`` requests besides ``url``'s.
    """

    name: str
    level: str
    url: Callable
    marker: Callable
    extra_rule: Callable[[str, CommunitySpec], bool] | None = None
    # Follow redirects (a permalink that redirects to the page showing it).
    follow: bool = False
    may_show: Callable[[str, CommunitySpec], bool] | None = None
    method: str = "get"
    data: Callable | None = None
    fetch: Callable | None = None
    covers: tuple[str, ...] = ()

    def expected(self, role: str, spec: CommunitySpec) -> bool:
        allowed = RULES[self.level](role, spec)
        if self.extra_rule is not None:
            allowed = allowed and self.extra_rule(role, spec)
        return allowed

    def tolerated(self, role: str, spec: CommunitySpec) -> bool:
        return self.may_show is not None and self.may_show(role, spec)

    @property
    def changes_something(self) -> bool:
        return self.method != "get" or self.fetch is not None


_channels: dict[str, Channel] = {}


def channel(
    *,
    name: str,
    level: str,
    marker: Callable,
    extra_rule=None,
    follow=False,
    may_show=None,
    method="get",
    data=None,
    fetch=None,
    covers=(),
):
    """Register a channel: decorate the function that builds its URL."""

    def register(url: Callable) -> Callable:
        if name in _channels and _channels[name].url.__qualname__ != url.__qualname__:
            raise ValueError(f"Two leak-matrix channels are called {name!r}")
        _channels[name] = Channel(
            name,
            level,
            url,
            marker,
            extra_rule,
            follow,
            may_show,
            method,
            data,
            fetch,
            tuple(covers),
        )
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
    """Each app's ``tests/leak_channels.py``, and any ``tests/leak_channels_*.py``
    beside it (an app whose channels several people write)."""
    for app in apps.get_app_configs():
        if app.name.startswith("commonroom."):
            try:
                import_module(f"{app.name}.tests.leak_channels")
            except ModuleNotFoundError as error:
                if error.name != f"{app.name}.tests.leak_channels":
                    raise
            for path in sorted(Path(app.path, "tests").glob("leak_channels_*.py")):
                import_module(f"{app.name}.tests.{path.stem}")


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
    # Every marker put in the world -> whether anybody may ever read it.
    planted: dict = field(default_factory=dict)

    def person(self, spec: CommunitySpec, role: str):
        return self.people.get((spec.key, role))

    def plant(self, marker: str, *, readable: bool = True) -> str:
        """Declare a marker put in the world; ``readable=False`` for one that
        must reach nobody (deleted content, what a move left behind)."""
        if marker in self.planted and self.planted[marker] != readable:
            raise ValueError(f"{marker!r} planted twice with different readers")
        self.planted[marker] = readable
        return marker


# Running the matrix -------------------------------------------------------------


def client_for(world: World, spec: CommunitySpec, role: str) -> Client:
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


def request(chan: Channel, client: Client, world: World, spec: CommunitySpec):
    """The channel's response for one person, and its text."""
    if not chan.changes_something:
        response = client.get(chan.url(world, spec), follow=chan.follow)
        return response, body_of(response)
    with transaction.atomic():
        if chan.fetch is not None:
            response = chan.fetch(client, world, spec)
        else:
            response = client.post(
                chan.url(world, spec), chan.data(world, spec), follow=chan.follow
            )
        html = body_of(response)
        transaction.set_rollback(True)
    return response, html


@dataclass
class MatrixResult:
    failures: list = field(default_factory=list)
    checked: int = 0
    looked_for: set = field(default_factory=set)  # markers some channel sought
    shown: set = field(default_factory=set)  # markers shown to a rightful reader

    def leaks(self) -> list[str]:
        return [failure for failure in self.failures if failure.startswith("LEAK")]


def run_matrix(
    world: World,
    channels: list[Channel],
    *,
    communities: list[CommunitySpec] | None = None,
    roles: list[str] | None = None,
    complete: bool = True,
) -> MatrixResult:
    """Request every channel as every role for every community.

    With ``complete`` (every channel, every community, every role) it also
    checks the markers themselves: each planted marker looked for, each
    readable one shown to somebody, and no channel looking for a marker that
    was never planted.
    """
    result = MatrixResult()
    for spec in communities or COMMUNITIES:
        for role in roles or ROLES:
            client = client_for(world, spec, role)
            seen: dict = {}
            for chan in channels:
                if chan.url(world, spec) is None:
                    continue
                _check_one(result, chan, client, world, spec, role, seen)
    if complete:
        _check_markers(result, world)
    return result


def _check_one(result, chan, client, world, spec, role, seen: dict) -> None:
    url = chan.url(world, spec)
    key = (url, chan.follow)
    if chan.changes_something:
        response, html = request(chan, client, world, spec)
    elif key in seen:
        # Several channels read the same page: request it once per person.
        response, html = seen[key]
    else:
        response, html = seen[key] = request(chan, client, world, spec)
    marker = chan.marker(world, spec)
    expected = chan.expected(role, spec)
    shown = response.status_code == 200 and marker in html
    leaked = marker in html and not expected and not chan.tolerated(role, spec)
    result.checked += 1
    result.looked_for.add(marker)
    if shown and expected:
        result.shown.add(marker)
    where = f"{chan.name} / {spec.key} / {role}: {url} -> {response.status_code}"
    if response.status_code >= 500:
        result.failures.append(f"ERROR   {where}")
    elif expected and not shown:
        result.failures.append(f"MISSING {where}")
    elif leaked:
        result.failures.append(f"LEAK    {where}")


def _check_markers(result: MatrixResult, world: World) -> None:
    for marker, readable in sorted(world.planted.items()):
        if marker not in result.looked_for:
            result.failures.append(f"UNCHECKED planted marker {marker!r}")
        elif readable and marker not in result.shown:
            result.failures.append(
                f"UNSEEN  planted marker {marker!r}: no channel showed it to "
                "anyone who may read it"
            )
    for marker in sorted(result.looked_for - set(world.planted)):
        # A marker may be shown wrapped ("&gt; " + a quoted reply's marker).
        if not any(planted in marker for planted in world.planted):
            result.failures.append(f"UNPLANTED marker {marker!r} is looked for")


def name_marker(spec: CommunitySpec) -> str:
    return f"Leakmark {spec.key} name"


def purpose_marker(spec: CommunitySpec) -> str:
    return f"leakmark-{spec.key}-purpose"
