"""Hostile input never gets a server error: a 400 or 404 page, or a form error.

The test walks the URL configuration. Every route with an id is asked for
with ids too large for the database's integers, by a member, a facilitator
and an administrator, with GET and POST. Every form the site shows (found on
each route's page) is sent back with NUL bytes, non-numbers and huge numbers
in each of its fields. A thread is addressed through another community's
address on each of its pages. None of it may answer 500.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Community, Invitation, Membership
from commonroom.communities.services import invitations as invitation_services
from commonroom.communities.services import membership as membership_services
from commonroom.communities.tests.factories import CommunityFactory, NoticeFactory
from commonroom.forums.models import Thread
from commonroom.forums.tests.factories import (
    facilitator_of,
    member_of,
    reply_to,
    start_thread,
)
from commonroom.moderation import services as moderation_services
from commonroom.moderation.models import Report

pytestmark = pytest.mark.django_db

# Beyond any integer column: SQLite's and PostgreSQL's bigint end at 2**63 - 1.
HUGE_IDS = (2**63, 10**30)
HOSTILE_VALUES = ("\x00", "1\x00", "not-a-number", str(10**30), "-1")
ACCEPTABLE = {200, 301, 302, 400, 403, 404, 405}


def walk(resolver=None, prefix: str = ""):
    """(route, name, converters) for every URL pattern, includes followed."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + str(pattern.pattern), pattern.name


def parameters(route: str) -> dict[str, str]:
    """{name: converter} of a route's parameters."""
    found = {}
    for part in route.split("<")[1:]:
        converter, _, rest = part.partition(":")
        found[rest.split(">")[0]] = converter
    return found


class World:
    """A restricted community with a thread, a reply, a notice, a request to
    join, an invitation and a report; a second community; and an account and
    a community waiting for an administrator."""

    def __init__(self):
        self.community = CommunityFactory(
            name="Planning Enforcement", visibility=Community.Visibility.RESTRICTED
        )
        self.other = CommunityFactory(name="Housing Standards")
        self.facilitator = facilitator_of(self.community)
        facilitator_of(self.other, email="second@leeds.gov.uk")
        Membership.objects.create(
            community=self.other,
            user=self.facilitator,
            role=Membership.Role.FACILITATOR,
        )
        self.member = member_of(self.community)
        self.outsider = UserFactory()
        self.administrator = UserFactory(is_staff=True)
        TOTP.activate(self.administrator, generate_totp_secret())
        self.thread = start_thread(
            self.community, author=self.member, kind=Thread.Kind.QUESTION
        )
        self.reply = reply_to(self.thread, author=self.facilitator)
        notice = NoticeFactory(community=self.community, author=self.facilitator)
        joining = membership_services.request_to_join(
            actor=self.outsider, community=self.community, message="Please"
        )
        invitation_services.invite_people(
            actor=self.facilitator,
            community=self.community,
            addresses="newcomer@leeds.gov.uk",
        )
        report = moderation_services.report_content(
            actor=self.member, obj=self.reply, reason=Report.Reason.SPAM
        )
        waiting = UserFactory(approval_status=User.ApprovalStatus.PENDING)
        proposed = CommunityFactory(status=Community.Status.PENDING)
        self.values = {
            "community_slug": self.community.slug,
            "kind_name": "thread",
            "thread_id": self.thread.pk,
            "reply_id": self.reply.pk,
            "object_id": self.thread.pk,
            "user_id": self.member.pk,
            "notice_id": notice.pk,
            "request_id": joining.pk,
            "invitation_id": Invitation.objects.get().pk,
            "report_id": report.pk,
        }
        self.administration_values = {
            "user_id": waiting.pk,
            "community_id": proposed.pk,
        }

    def kwargs(self, route: str, **given) -> dict:
        values = self.values
        if route.startswith("administration/"):
            values = {**values, **self.administration_values}
        kwargs = {}
        for name, converter in parameters(route).items():
            if name in given:
                kwargs[name] = given[name]
            elif name in values:
                kwargs[name] = values[name]
            else:
                kwargs[name] = 1 if converter == "id" else "x"
        return kwargs

    def clients(self, *people):
        for person in people or (self.member, self.facilitator, self.administrator):
            client = Client(raise_request_exception=False)
            client.force_login(person)
            yield client


class _Undone(Exception):
    pass


def _post_and_undo(client, url, data):
    """POST, then undo what it changed, so every form meets the same world."""
    response = None
    try:
        with transaction.atomic():
            response = client.post(url, data)
            raise _Undone
    except _Undone:
        pass
    return response


@pytest.fixture
def world(media_root):
    return World()


def _refuse_500(response, what: str, failures: list[str]) -> None:
    if response.status_code not in ACCEPTABLE:
        failures.append(f"{what}: {response.status_code}")


def test_ids_too_large_for_the_database_are_not_found(world):
    failures: list[str] = []
    routes = [
        (route, name) for route, name in walk() if "id" in parameters(route).values()
    ]
    assert len(routes) >= 25
    for route, name in routes:
        ids = [n for n, c in parameters(route).items() if c == "id"]
        for id_name in ids:
            for huge in HUGE_IDS:
                url = reverse(name, kwargs=world.kwargs(route, **{id_name: huge}))
                for client in world.clients():
                    for method in (client.get, client.post):
                        response = method(url)
                        _refuse_500(
                            response, f"{method.__name__.upper()} {url}", failures
                        )
                        if method == client.get:
                            assert response.status_code != 200, url
    assert not failures, "\n".join(failures)


def test_a_huge_member_id_is_a_not_found_page(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.facilitator)
    base = (
        f"/communities/{world.community.slug}/members/999999999999999999999999999999/"
    )
    for url in (base, base + "role/"):
        response = client.get(url)
        assert response.status_code in (404, 405)
        response = client.post(url, {"role": "member"})
        assert response.status_code == 404
        assert b"Page not found" in response.content or response.status_code == 404


def test_a_thread_through_another_communitys_address(world):
    """Every page of a thread, asked for through the address of a community it
    is not in, redirects (GET, when the viewer may read it) or is not found."""
    failures: list[str] = []
    routes = [
        (route, name)
        for route, name in walk()
        if name.startswith("forum-") and "thread_id" in parameters(route)
    ]
    assert len(routes) >= 10
    for route, name in routes:
        url = reverse(name, kwargs=world.kwargs(route, community_slug=world.other.slug))
        right = reverse(name, kwargs=world.kwargs(route))
        for client in world.clients():
            response = client.get(url)
            _refuse_500(response, f"GET {url}", failures)
            if response.status_code in (301, 302) and name != "forum-reply":
                assert response.url == right, (url, response.url)
            response = client.post(url, {"following": "1", "pinned": "1"})
            _refuse_500(response, f"POST {url}", failures)
            assert response.status_code in (403, 404, 405), (url, response.status_code)
    assert not failures, "\n".join(failures)


def test_nul_bytes_and_non_numbers_in_id_fields(world):
    member, facilitator = (
        Client(raise_request_exception=False),
        Client(raise_request_exception=False),
    )
    member.force_login(world.member)
    facilitator.force_login(world.facilitator)
    failures: list[str] = []
    for value in HOSTILE_VALUES:
        thread = start_thread(
            world.community, author=world.member, kind=Thread.Kind.QUESTION
        )
        reply = reply_to(thread, author=world.facilitator)
        base = reverse("forum-thread", args=[world.community.slug, thread.pk])
        for client, url, data in (
            (member, base + "answer/", {"reply": value}),
            (member, base + "reply/", {"body": "Thanks", "quote_of": value}),
            (member, base + "edit/", {"title": value, "body": value, "tags": value}),
            (facilitator, base + f"replies/{reply.pk}/edit/", {"body": value}),
            (facilitator, base + f"replies/{reply.pk}/delete/", {"reason": value}),
            (member, base + "delete/", {"reason": value}),
        ):
            response = client.post(url, data)
            _refuse_500(response, f"POST {url} {data!r}", failures)
            assert response.status_code != 404, url
    assert not failures, "\n".join(failures)


def test_a_reply_id_that_is_not_one_is_a_bad_request(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.member)
    url = reverse("forum-accept-answer", args=[world.community.slug, world.thread.pk])
    for value in ("1\x00", "\x00", "one", "-1", str(2**63), "\u0661"):
        response = client.post(url, {"reply": value})
        assert response.status_code == 400
        assert "Sorry, we could not understand that request" in (
            response.content.decode()
        )
    world.thread.refresh_from_db()
    assert world.thread.accepted_answer_id is None
    client.post(url, {"reply": str(world.reply.pk)})
    world.thread.refresh_from_db()
    assert world.thread.accepted_answer_id == world.reply.pk


class _Forms(HTMLParser):
    """The forms of a page: (method, action, {field: value})."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, str, dict[str, str]]] = []
        self._current: tuple[str, str, dict[str, str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._current = (method, attrs.get("action") or "", {})
            self.forms.append(self._current)
        elif (
            tag in ("input", "textarea", "select", "button")
            and self._current is not None
        ):
            if attrs.get("name"):
                self._current[2][attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def test_every_form_with_hostile_values_in_each_field(world):
    """Each form shown on any page (searches and filters included), sent back
    with a NUL byte, a non-number or a huge number in every field in turn (the
    others as the page filled them): a form error or a refusal, never a server
    error."""
    failures: list[str] = []
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    people = (world.facilitator, world.administrator, world.outsider, world.member)
    for client in world.clients(*people):
        for route, name in walk():
            if route.startswith(("account/", "django-admin/")):
                continue
            page_url = reverse(name, kwargs=world.kwargs(route))
            response = client.get(page_url)
            _refuse_500(response, f"GET {page_url}", failures)
            if response.status_code != 200 or "html" not in response.get(
                "Content-Type", ""
            ):
                continue
            parser = _Forms()
            parser.feed(response.content.decode())
            for method, action, fields in parser.forms:
                target = urlsplit(urljoin(page_url, action)).path
                key = (method, target, tuple(sorted(fields)))
                if key in seen or not fields or target.startswith("/account/"):
                    continue
                seen.add(key)
                for field in fields:
                    if field == "csrfmiddlewaretoken":
                        continue
                    for value in ("\x00", "not-a-number", str(10**30)):
                        data = {**fields, field: value}
                        if method == "post":
                            response = _post_and_undo(client, target, data)
                        else:
                            response = client.get(target, data)
                        _refuse_500(
                            response,
                            f"{method.upper()} {target} {field}={value!r}",
                            failures,
                        )
    assert len(seen) >= 40
    assert not failures, "\n".join(failures)


def test_the_invitation_form_keeps_what_was_typed_when_an_address_is_refused(
    world,
):
    """An address too long to keep is reported on the page; no server error."""
    client = Client(raise_request_exception=False)
    client.force_login(world.facilitator)
    long_address = "a" * 64 + "@" + ("b" * 60 + ".") * 3 + "leeds.gov.uk"
    assert len(long_address) > 254
    url = reverse("community-invitations", args=[world.community.slug])
    typed = f"{long_address}\nvalid.person@leeds.gov.uk"
    response = client.post(url, {"addresses": typed, "message": "Welcome"}, follow=True)
    assert response.status_code in (200, 400)
    assert long_address in response.content.decode()
    assert Invitation.objects.filter(email="valid.person@leeds.gov.uk").exists()


def test_too_many_fields_is_a_bad_request(world, settings):
    client = Client(raise_request_exception=False)
    client.force_login(world.facilitator)
    url = reverse("forum-reply-create", args=[world.community.slug, world.thread.pk])
    data = {f"field{number}": "x" for number in range(1200)}
    data["body"] = "A reply"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Sorry, we could not understand that request" in response.content.decode()
    assert world.thread.replies.count() == 1


def test_oversized_multipart_headers_are_a_bad_request(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.facilitator)
    url = reverse("forum-reply-create", args=[world.community.slug, world.thread.pk])
    boundary = "BoUnDaRy"
    body = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="body"\r\n'
        f"X-Padding: {'p' * 100_000}\r\n\r\n"
        "A reply\r\n"
        f"--{boundary}--\r\n"
    ).encode()
    response = client.post(
        url, body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400
    assert "Sorry, we could not understand that request" in response.content.decode()
    assert world.thread.replies.count() == 1


def test_a_nul_byte_in_a_facilitators_reason_is_a_form_error_keeping_the_rest(
    world,
):
    client = Client(raise_request_exception=False)
    client.force_login(world.facilitator)
    url = reverse("forum-thread-delete", args=[world.community.slug, world.thread.pk])
    response = client.post(url, {"reason": "Spam\x00 posted twice"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Remove the unusual characters from the reason" in page
    assert 'value="Spam posted twice"' in page
    world.thread.refresh_from_db()
    assert world.thread.deleted_at is None
    response = client.post(url, {"reason": "Spam posted twice"})
    assert response.status_code == 302
    world.thread.refresh_from_db()
    assert world.thread.deleted_at is not None


def test_a_nul_byte_in_the_search_box_is_ignored(world):
    from commonroom.search.indexing import index  # noqa: PLC0415

    index(world.community)  # the world's factories go past the services
    client = Client(raise_request_exception=False)
    client.force_login(world.member)
    response = client.get(reverse("search"), {"q": "Planning\x00 Enforcement"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Planning Enforcement"' in html
    assert f'href="/communities/{world.community.slug}/"' in html
