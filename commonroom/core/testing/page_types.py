"""One catalogue of the site's page types, for tests that look at every page.

``build()`` makes a modest data set (through the services, where there are
some) and returns one ``PageType`` per kind of page: its name, whose view it
is (``visitor``, ``member``, ``facilitator`` or ``administrator``), its
address, who to sign in as (``None`` for a visitor) and the status it answers
with (200, or 403/404 for the error pages)::

    from commonroom.core.testing import page_types

    for page in page_types.build():
        response = page_types.client_for(page).get(page.url)

In a browser (Playwright, with the live server)::

    response = page_types.open_in_browser(tab, live_server.url, page)

Call ``build()`` once per test (it needs the database).

Every GET route of the site that shows an HTML page is in the catalogue or in
``EXEMPT_ROUTES`` with its reason; ``commonroom/core/tests/test_page_types.py``
walks the URL configuration and fails on any other, so a new page joins here.
"""

import time
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.test import Client
from django.utils import timezone

ROLES = ("visitor", "member", "facilitator", "administrator")


@dataclass(frozen=True)
class PageType:
    name: str
    role: str
    url: str
    sign_in_as: object = None  # a User, or None for a visitor
    status: int = 200
    # What the session holds before the page is shown (a wizard's earlier
    # steps); client_for() puts it there.
    session: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"{self.name}: no such role {self.role!r}")
        if (self.role == "visitor") != (self.sign_in_as is None):
            raise ValueError(f"{self.name}: only visitors are not signed in")


# Every route under these prefixes shows no page of ours.
EXEMPT_PREFIXES: dict[str, str] = {
    "django-admin/": "Django's own admin, for the superusers who run the server",
}
# Routes that show no page of their own to catalogue, with the reason.
_NOT_HTML = "Answers with a file, not an HTML page"
_POST_ONLY = "Changes something and shows nothing: GET is refused (405)"
EXEMPT_ROUTES: dict[str, str] = {
    "language/<str:language_code>/": "Sets the language cookie and redirects back",
    "preview/": _POST_ONLY,
    "communities/<slug:community_slug>/theme.css": _NOT_HTML,
    "communities/<slug:community_slug>/logo/": _NOT_HTML,
    "communities/<slug:community_slug>/files/<id:attachment_id>/<str:filename>": (
        _NOT_HTML
    ),
    "people/<id:user_id>/photo/": _NOT_HTML,
    "account/2fa/recovery-codes/download/": _NOT_HTML,
    "communities/<slug:community_slug>/discussions/<id:thread_id>/replies/"
    "<id:reply_id>/": "Redirects to the reply's place on its thread's page",
    "communities/<slug:community_slug>/discussions/similar/": (
        "A fragment of the new-thread form (similar questions, fetched by htmx); "
        "without JavaScript the form's own page shows the same list"
    ),
    "account/reauthenticate/code/": (
        "Only in a sign-in by emailed code, which Commonroom does not offer"
    ),
    "account/reauthenticate/code/confirm/": (
        "Only in a sign-in by emailed code, which Commonroom does not offer"
    ),
    "account/login/code/confirm/": (
        "Only in a sign-in by emailed code, which Commonroom does not offer"
    ),
    "account/2fa/authenticate/": (
        "Only half-way through signing in (the code step); it redirects otherwise"
    ),
    "account/password/set/": (
        "Only for accounts without a password, which Commonroom never makes; "
        "it redirects to the change-password page"
    ),
    "account/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": (
        "Stores the key and redirects to a key-less address, which shows the "
        "same form as this route"
    ),
}
# Route names that only change something (a GET is refused); the URL walk
# (communities/tests/test_url_walk.py) checks that each refuses a GET.
POST_ONLY_NAMES = {
    "forum-reply-create",
    "forum-accept-answer",
    "forum-thread-follow",
    "forum-thread-pin",
    "forum-thread-lock",
    "content-helpful",
    "community-join-request-withdraw",
    "community-join-request-reply",
    "community-invitation-revoke",
    "community-member-role",
    "community-ownership-transfer",
    "community-notice-pin",
    "person-contact",
}


def client_for(page: PageType) -> Client:
    """A Django test client signed in as the page's person (if any), who has
    just typed their password (so pages asking for it again do not), with the
    page's session values in place.

    In a browser, use its session cookie: ``session_cookie(client)``.
    """
    client = Client()
    if page.sign_in_as is not None:
        client.force_login(page.sign_in_as)
        page = PageType(
            page.name,
            page.role,
            page.url,
            page.sign_in_as,
            page.status,
            {
                "account_authentication_methods": [
                    {"method": "password", "at": time.time(), "reauthenticated": True}
                ],
                "account_authentication_methods_user": str(page.sign_in_as.pk),
                **page.session,
            },
        )
    if page.session:
        session = client.session
        session.update(page.session)
        session.save()
        client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def session_cookie(client: Client) -> str:
    """The value of the client's session cookie, for a browser to use."""
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def open_in_browser(tab, base_url: str, page: PageType):
    """Show the page in a Playwright tab as its person; returns the response.

    The tab's cookies are replaced by the session ``client_for()`` made.
    """
    tab.context.clear_cookies()
    client = client_for(page)
    if settings.SESSION_COOKIE_NAME in client.cookies:
        tab.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session_cookie(client),
                    "url": base_url,
                }
            ]
        )
    return tab.goto(page.url)


def _people():
    from commonroom.accounts.models import User
    from commonroom.accounts.tests.factories import UserFactory
    from commonroom.organisations.tests.factories import (
        OrganisationDomainFactory,
        OrganisationFactory,
    )
    from commonroom.profiles.models import Profile

    council = OrganisationFactory(
        name="Borsetshire County Council",
        slug="borsetshire-county-council",
        kind="county",
    )
    OrganisationDomainFactory(organisation=council, domain="borsetshire.gov.uk")
    OrganisationFactory(name="Felpersham City Council", slug="felpersham-city-council")

    def person(email, full_name, verified=True, **fields):
        user = UserFactory(
            email=email, full_name=full_name, email_confirmed=verified, **fields
        )
        Profile.objects.filter(user=user).update(
            organisation=council,
            job_title="Principal Planning Enforcement Officer",
            bio="I lead enforcement work across the county's five districts.",
        )
        if not verified:
            EmailAddress.objects.create(
                user=user, email=user.email, verified=False, primary=True
            )
        return user

    people = {
        "member": person("aisha.rahman@borsetshire.gov.uk", "Aisha Rahman"),
        "facilitator": person("gareth.lloyd@borsetshire.gov.uk", "Gareth Lloyd"),
        "replier": person("siobhan.kelly@borsetshire.gov.uk", "Siobhán Kelly"),
        "outsider": person("tom.baker@borsetshire.gov.uk", "Tom Baker"),
        "invitee": person("priya.shah@borsetshire.gov.uk", "Priya Shah"),
        "administrator": person(
            "admin@commonroom.example", "Platform Administrator", is_staff=True
        ),
        "new_administrator": person(
            "new.admin@commonroom.example", "New Administrator", is_staff=True
        ),
    }
    # Signed up, and has not yet followed the link in the confirmation email.
    people["unconfirmed"] = person(
        "sam.jones@borsetshire.gov.uk", "Sam Jones", verified=False
    )
    TOTP.activate(people["administrator"], generate_totp_secret())
    RecoveryCodes.activate(people["administrator"])
    people["applicant"] = person(
        "jo.bloggs@unknown-parish.org.uk",
        "Jo Bloggs",
        approval_status=User.ApprovalStatus.PENDING,
    )
    return people


def _communities(people):
    from commonroom.communities.models import Community, Membership
    from commonroom.communities.tests.factories import CommunityFactory, NoticeFactory

    def community(slug, name, **fields):
        made = CommunityFactory(
            slug=slug,
            name=name,
            purpose=(
                f"{name}: officers from councils across England and Wales "
                "share approaches, templates and lessons learned."
            ),
            created_by=people["facilitator"],
            owner=people["facilitator"],
            **fields,
        )
        Membership.objects.create(
            community=made, user=people["facilitator"], role="facilitator"
        )
        return made

    communities = {
        "public": community("flood-wardens", "Flood Wardens", public_reading=True),
        "open": community("planning-enforcement", "Planning Enforcement"),
        "restricted": community(
            "housing-standards", "Housing Standards", visibility="restricted"
        ),
        "private": community(
            "chief-executives", "Chief Executives' Forum", visibility="private"
        ),
        "archived": community("old-network", "Old Network"),
        "pending": community("waste-and-recycling", "Waste and Recycling"),
    }
    for key in ("public", "open", "restricted", "private", "archived"):
        Membership.objects.create(community=communities[key], user=people["member"])
    for key in ("public", "open"):
        Membership.objects.create(community=communities[key], user=people["replier"])
    NoticeFactory(
        community=communities["public"],
        author=people["facilitator"],
        title="Winter readiness meeting",
    )
    # A tag that is only a topic and someone's expertise: its tag page lists
    # no posts, but the community and the person.
    from commonroom.tags.models import Tag

    damp = Tag.objects.create(name="Damp and mould", slug="damp-and-mould")
    communities["restricted"].tags.add(damp)
    people["facilitator"].profile.expertise.add(damp)
    Community.objects.filter(pk=communities["archived"].pk).update(
        status="archived", archived_at=timezone.now()
    )
    Community.objects.filter(pk=communities["pending"].pk).update(status="pending")
    return communities


def _membership(people, communities):
    from commonroom.communities.models import Invitation, MembershipRequest
    from commonroom.communities.selectors.membership import token_digest

    request = MembershipRequest.objects.create(
        community=communities["restricted"],
        user=people["invitee"],
        message="I run the private rented sector team at Felpersham.",
    )
    Invitation.objects.create(
        community=communities["restricted"],
        invited_by=people["facilitator"],
        email=people["invitee"].email,
        user=people["invitee"],
        token=token_digest("page-types-invitation"),
        expires_at=timezone.now() + timezone.timedelta(days=14),
    )
    return request


def _forum(people, communities):
    from commonroom.content import services as content_services
    from commonroom.forums.models import REPLIES_PER_PAGE, Thread
    from commonroom.forums.services import threads as services
    from commonroom.moderation.services import hide_content, report_content

    public = communities["public"]
    thread = services.create_thread(
        actor=people["member"],
        community=public,
        title="Where do other councils keep their sandbag stores?",
        body="We keep ours at the depot, but it floods first. **Ideas?**",
        kind=Thread.Kind.QUESTION,
        tags=["Flooding"],
    )
    content_services.edit_content(
        actor=people["member"],
        obj=thread,
        changes={"body": "We keep ours at the depot, which floods first. Ideas?"},
    )
    answer = services.post_reply(
        actor=people["replier"],
        thread=thread,
        body="We split ours between the fire station and two parish halls.",
    )
    services.accept_answer(actor=people["member"], thread=thread, reply=answer)
    hidden = services.post_reply(
        actor=people["replier"], thread=thread, body="Buy my sandbags, cheap!"
    )
    hide_content(actor=people["facilitator"], obj=hidden)
    for number in range(REPLIES_PER_PAGE):
        services.post_reply(
            actor=people["replier"] if number % 2 else people["member"],
            thread=thread,
            body=f"Reply {number + 1}: we check the stores every October.",
        )
    report = report_content(
        actor=people["member"],
        obj=answer,
        reason="spam",
        detail="This looks like an advert.",
    )
    services.create_thread(
        actor=people["replier"],
        community=public,
        title="Flood warning sirens: still worth it?",
        body="Our parish councils are asking.",
        tags=["Flooding"],
    )
    return {"thread": thread, "answer": answer, "hidden": hidden, "report": report}


def build() -> list[PageType]:
    """Make the data set and return every page type, visitors' pages first."""
    from allauth.account.models import EmailConfirmationHMAC

    from commonroom.communities.services.communities import (
        synchronize_member_counts,
    )

    people = _people()
    communities = _communities(people)
    request = _membership(people, communities)
    forum = _forum(people, communities)
    synchronize_member_counts()

    member, facilitator = people["member"], people["facilitator"]
    administrator = people["administrator"]
    public = f"/communities/{communities['public'].slug}/"
    thread = f"{public}discussions/{forum['thread'].pk}/"
    answer = forum["answer"].pk
    hidden = forum["hidden"].pk
    restricted = f"/communities/{communities['restricted'].slug}/"
    organisation = "borsetshire-county-council"  # where everyone works
    confirmation = EmailConfirmationHMAC(
        EmailAddress.objects.get(user=people["unconfirmed"])
    ).key

    wizard = {
        "name": "Trading Standards Officers",
        "purpose": "Sharing intelligence on doorstep crime and scams.",
        "name_done": True,
        "topics": "Scams, Doorstep crime",
        "visibility": "restricted",
        "public_reading": False,
    }

    def visitor(name, url, status=200):
        return PageType(name, "visitor", url, None, status)

    def as_member(name, url, user=member, status=200, session=None):
        return PageType(name, "member", url, user, status, session or {})

    def as_facilitator(name, url, status=200):
        return PageType(name, "facilitator", url, facilitator, status)

    def as_administrator(name, url, user=administrator, status=200):
        return PageType(name, "administrator", url, user, status)

    return [
        # Visitors
        visitor("landing page", "/"),
        visitor("help index", "/help/"),
        visitor("accessibility statement", "/help/accessibility/"),
        visitor("privacy notice", "/help/privacy/"),
        visitor("terms of use", "/help/terms/"),
        visitor("feedback form", "/help/feedback/"),
        visitor("feedback sent", "/help/feedback/sent/"),
        visitor("community directory", "/communities/"),
        visitor("community directory, no results", "/communities/?q=zzzz"),
        visitor("hub of a public community", public),
        visitor("about page of a restricted community", restricted),
        visitor("thread list", f"{public}discussions/"),
        visitor("thread page", thread),
        visitor("thread page, second page", f"{thread}?page=2"),
        visitor("tag page", "/tags/flooding/"),
        visitor("tag page, no posts", "/tags/damp-and-mould/"),
        visitor("tag cloud", "/tags/"),
        visitor("notices", f"{public}notices/"),
        visitor("search", "/search/"),
        visitor("search results", "/search/?q=flood"),
        visitor("search, no results", "/search/?q=zzzzqx+flood&kind=reply"),
        visitor("organisation directory", "/organisations/"),
        visitor("organisation page", f"/organisations/{organisation}/"),
        visitor("sign in", "/account/login/"),
        visitor("sign up", "/account/signup/"),
        visitor("account inactive", "/account/inactive/"),
        visitor("confirmation email sent", "/account/confirm-email/"),
        visitor("confirm email address", f"/account/confirm-email/{confirmation}/"),
        visitor("password reset", "/account/password/reset/"),
        visitor("password reset sent", "/account/password/reset/done/"),
        visitor("password reset finished", "/account/password/reset/key/done/"),
        visitor("page not found", "/communities/no-such-community/", status=404),
        # Members
        as_member("home", "/"),
        as_member("hub of a community", public),
        as_member(
            "hub of a private community", f"/communities/{communities['private'].slug}/"
        ),
        as_member("community directory", "/communities/"),
        as_member("thread list", f"{public}discussions/"),
        as_member("organisation page", f"/organisations/{organisation}/"),
        as_member("own profile", f"/people/{member.pk}/"),
        as_member("thread page", thread),
        as_member("new thread form", f"{public}discussions/new/"),
        as_member("thread edit form", f"{thread}edit/"),
        as_member("thread delete page", f"{thread}delete/"),
        as_member(
            "reply edit form", f"{thread}replies/{answer}/edit/", people["replier"]
        ),
        as_member(
            "reply delete page", f"{thread}replies/{answer}/delete/", people["replier"]
        ),
        as_member("report form", f"{public}content/reply/{answer}/report/"),
        as_member(
            "edit history", f"{public}content/thread/{forum['thread'].pk}/history/"
        ),
        as_member("members of a community", f"{public}members/"),
        as_member("leave a community", f"{public}leave/"),
        as_member(
            "join a community",
            f"/communities/{communities['open'].slug}/join/",
            people["outsider"],
        ),
        as_member("request to join", f"{restricted}join/request/", people["outsider"]),
        as_member(
            "invitation",
            "/communities/invitations/page-types-invitation/",
            people["invitee"],
        ),
        as_member("new community: name and purpose", "/communities/new/"),
        as_member(
            "new community: topics and visibility",
            "/communities/new/topics-and-visibility/",
            session={"community_wizard": wizard},
        ),
        as_member(
            "new community: agreement",
            "/communities/new/agreement/",
            session={"community_wizard": {**wizard, "visibility_done": True}},
        ),
        as_member("people finder", "/people/"),
        as_member("people finder results", "/people/?q=planning"),
        as_member("profile", f"/people/{facilitator.pk}/"),
        as_member("own profile form", "/people/me/edit/"),
        as_member("contacts", "/people/contacts/"),
        as_member("tag page", "/tags/flooding/"),
        as_member("tag page, no posts", "/tags/damp-and-mould/"),
        as_member("tag cloud", "/tags/"),
        as_member("search results", "/search/?q=flood"),
        # With "people who know about this" and a second page of replies.
        as_member("search results, sandbags", "/search/?q=stores&order=newest"),
        as_member("search results, second page", "/search/?q=stores&page=2"),
        as_member("search, no results", "/search/?q=zzzzqx+sirens&kind=reply"),
        as_member("search, a wrong filter", "/search/?q=flood&tag=no-such-tag"),
        as_member("people finder, by topic", "/people/?topic=sandbag+stores"),
        as_member("account", "/account/"),
        as_member("email addresses", "/account/email/"),
        as_member("change password", "/account/password/change/"),
        as_member("confirm it is you", "/account/reauthenticate/"),
        as_member("sign out", "/account/logout/"),
        as_member("two-factor authentication", "/account/2fa/"),
        as_member("set up two-factor", "/account/2fa/totp/activate/"),
        as_member(
            "sign-up waiting for approval", "/account/pending/", people["applicant"]
        ),
        as_member("forbidden", "/administration/", status=403),
        # Facilitators
        as_facilitator("hub, as facilitator", public),
        as_facilitator("thread move page", f"{thread}move/"),
        as_facilitator("notices, as facilitator", f"{public}notices/"),
        as_facilitator("members, as facilitator", f"{public}members/"),
        as_facilitator("hide a post", f"{public}content/reply/{answer}/hide/"),
        as_facilitator("restore a post", f"{public}content/reply/{hidden}/restore/"),
        as_facilitator("reports queue", f"{public}reports/"),
        as_facilitator("report", f"{public}reports/{forum['report'].pk}/"),
        as_facilitator("moderation log", f"{public}moderation-log/"),
        as_facilitator("requests to join", f"{restricted}requests/"),
        as_facilitator(
            "request to join decision", f"{restricted}requests/{request.pk}/"
        ),
        as_facilitator("invitations", f"{restricted}invitations/"),
        as_facilitator("a member, as facilitator", f"{public}members/{member.pk}/"),
        as_facilitator("remove a member", f"{public}members/{member.pk}/remove/"),
        as_facilitator("theme", f"{public}theme/"),
        as_facilitator("community settings", f"{public}settings/"),
        as_facilitator("new sub-community", f"{public}sub-communities/new/"),
        as_facilitator("archive a community", f"{public}archive/"),
        as_facilitator(
            "restore a community",
            f"/communities/{communities['archived'].slug}/restore/",
        ),
        as_facilitator("new notice", f"{public}notices/new/"),
        as_facilitator(
            "delete a notice",
            f"{public}notices/{communities['public'].notices.get().pk}/delete/",
        ),
        # Administrators
        as_administrator("administration", "/administration/"),
        as_administrator("sign-ups queue", "/administration/sign-ups/"),
        as_administrator(
            "sign-up decision", f"/administration/sign-ups/{people['applicant'].pk}/"
        ),
        as_administrator("audit log", "/administration/audit/"),
        as_administrator("communities queue", "/administration/communities/"),
        as_administrator(
            "community decision",
            f"/administration/communities/{communities['pending'].pk}/",
        ),
        as_administrator("two-factor, set up", "/account/2fa/"),
        as_administrator(
            "confirm it is you (two-factor)", "/account/2fa/reauthenticate/"
        ),
        as_administrator("turn off two-factor", "/account/2fa/totp/deactivate/"),
        as_administrator("recovery codes", "/account/2fa/recovery-codes/"),
        as_administrator("new recovery codes", "/account/2fa/recovery-codes/generate/"),
        as_administrator(
            "two-factor required",
            "/account/two-factor-required/",
            people["new_administrator"],
        ),
    ]
