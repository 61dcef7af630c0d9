"""Every link in every email is on the site's one address (``SITE_URL``).

The site is served on ``https://commonroom.example.org`` here, while the test
client's requests arrive for ``testserver`` over http: a link built from the
request (allauth's habit) or from ``ACCOUNT_DEFAULT_HTTP_PROTOCOL`` would
show. Each kind of email is sent the way the site sends it, and every link in
both parts must start with ``SITE_URL`` and open a page (200, or a redirect).
"""

import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.utils import timezone

from commonroom.accounts import tasks as account_tasks
from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities import tasks as community_tasks
from commonroom.communities.models import Invitation, MembershipRequest
from commonroom.communities.selectors.membership import token_digest
from commonroom.communities.services import membership as membership_services
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.help import tasks as help_tasks
from commonroom.help.models import Feedback
from commonroom.organisations.tests.factories import (
    OrganisationDomainFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://commonroom.example.org"
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def served_elsewhere(settings):
    settings.SITE_URL = SITE
    leeds = OrganisationFactory(name="Leeds City Council")
    OrganisationDomainFactory(organisation=leeds, domain="leeds.gov.uk")


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.hrefs += [value or "" for name, value in attrs if name in {"href", "src"}]


def links_in(message) -> list[str]:
    """Every link in both parts: the HTML part's hrefs, and every address in
    the text part (and anything URL-like in the HTML's text)."""
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    parser = _Hrefs()
    parser.feed(html)
    text_urls = re.findall(r"(?:https?://|www\.)[^\s\"<>]+", message.body + html)
    hrefs = [href for href in parser.hrefs if not href.startswith("mailto:")]
    return hrefs + text_urls


def assert_links_work(client, message, *, as_user=None, expect=1):
    links = links_in(message)
    assert len(links) >= expect, (message.subject, links)
    for link in links:
        assert link.startswith(f"{SITE}/"), (message.subject, link)
    if as_user is not None:
        client.force_login(as_user)
    for link in set(links):
        response = client.get(link.removeprefix(SITE))
        assert response.status_code in {200, 302}, (message.subject, link)


def sign_up(client, **fields):
    data = {
        "full_name": "Asha Patel",
        "email": "asha.patel@leeds.gov.uk",
        "organisation": "",
        "organisation_other": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    } | fields
    return client.post("/account/signup/", data)


# allauth's emails -----------------------------------------------------------------


def test_the_sign_up_confirmation(client):
    sign_up(client)

    [message] = mail.outbox
    assert message.subject == "Commonroom: Confirm your email address"
    assert_links_work(client, message)


def test_the_confirmation_of_a_new_address(client):
    member = UserFactory(email="asha.patel@leeds.gov.uk")
    client.force_login(member)

    client.post(
        "/account/email/", {"action_add": "", "email": "asha.patel@york.gov.uk"}
    )

    [message] = mail.outbox
    assert message.to == ["asha.patel@york.gov.uk"]
    assert_links_work(client, message)


def test_the_password_reset_link(client):
    UserFactory(email="asha.patel@leeds.gov.uk")

    client.post("/account/password/reset/", {"email": "asha.patel@leeds.gov.uk"})

    [message] = mail.outbox
    assert "/account/password/reset/key/" in message.body
    assert_links_work(client, message)


def test_the_unknown_account_email(client):
    client.post("/account/password/reset/", {"email": "nobody@leeds.gov.uk"})

    [message] = mail.outbox
    assert "/account/signup/" in message.body
    assert_links_work(client, message)


def test_the_account_already_exists_email(client):
    UserFactory(email="asha.patel@leeds.gov.uk")

    sign_up(client)

    [message] = mail.outbox
    assert message.to == ["asha.patel@leeds.gov.uk"]
    assert_links_work(client, message)


# Commonroom's own emails ------------------------------------------------------------


@pytest.mark.parametrize("decision", ["approved", "rejected"])
def test_the_account_decision(client, decision):
    person = UserFactory(
        approval_status=decision,
        approval_decided_at=timezone.now(),
        rejection_reason="We could not confirm where you work.",
    )

    account_tasks.send_approval_decision(user_id=person.pk)

    [message] = mail.outbox
    assert_links_work(client, message)


def test_the_invitation(client):
    community = CommunityFactory(name="Planning Network", visibility="private")
    inviter = MembershipFactory(community=community, role="facilitator").user
    invitee = UserFactory()
    token = "a-token-for-the-test"
    invitation = Invitation.objects.create(
        community=community,
        email=invitee.email,
        user=invitee,
        invited_by=inviter,
        token=token_digest(token),
        expires_at=timezone.now() + timezone.timedelta(days=14),
    )

    community_tasks.send_invitation(invitation_id=invitation.pk, token=token)

    [message] = mail.outbox
    assert_links_work(client, message, as_user=invitee)


@pytest.mark.parametrize(
    "status",
    [
        MembershipRequest.Status.APPROVED,
        MembershipRequest.Status.REJECTED,
        MembershipRequest.Status.MORE_INFORMATION,
    ],
)
def test_the_request_decision(client, status):
    community = CommunityFactory(visibility="restricted")
    facilitator = MembershipFactory(community=community, role="facilitator").user
    applicant = UserFactory()
    request = membership_services.request_to_join(actor=applicant, community=community)
    MembershipRequest.objects.filter(pk=request.pk).update(
        status=status,
        response="Which team are you in?",
        decided_by=facilitator,
        decided_at=timezone.now(),
    )
    if status == MembershipRequest.Status.APPROVED:
        MembershipFactory(community=community, user=applicant)

    community_tasks.send_request_decision(membership_request_id=request.pk)

    [message] = mail.outbox
    assert_links_work(client, message, as_user=applicant)


def test_the_removal_notice(client):
    community = CommunityFactory()
    removed = UserFactory()

    community_tasks.send_removal_notice(
        community_id=community.pk,
        user_id=removed.pk,
        message="You posted the same advert three times.",
        removed_at="2026-12-03T10:00:00+00:00",
    )

    [message] = mail.outbox
    assert_links_work(client, message, as_user=removed)


@pytest.mark.parametrize("approved", [True, False])
def test_the_community_decision(client, approved):
    starter = UserFactory()
    community = CommunityFactory()
    MembershipFactory(community=community, user=starter, role="facilitator")

    community_tasks.send_community_decision(
        user_id=starter.pk,
        community_name=community.name if approved else "Gone Group",
        community_id=community.pk if approved else None,
        reason="" if approved else "Too like another",
        decided_at="2026-12-03T10:00:00+00:00",
    )

    [message] = mail.outbox
    assert_links_work(client, message, as_user=starter)


def test_the_feedback_email_has_no_link_off_the_site():
    feedback = Feedback.objects.create(
        message="The search is slow.", email="asha.patel@leeds.gov.uk"
    )

    help_tasks.send_feedback(feedback_id=feedback.pk)

    [message] = mail.outbox
    for link in links_in(message):
        assert link.startswith(f"{SITE}/"), link
