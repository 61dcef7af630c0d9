"""The emails people get, as they get them (``core.email``).

The real message: its headers, both parts, links that open the right page for
the person they were sent to, the Welsh version for someone who chose Welsh,
and a job run twice sending once.
"""

import re

import pytest
from django.core import mail
from django.utils import timezone

from commonroom.accounts import tasks as account_tasks
from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities import tasks
from commonroom.communities.models import Invitation, MembershipRequest
from commonroom.communities.selectors.membership import token_digest
from commonroom.communities.services import membership as services
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.models import SentEmail
from commonroom.help import tasks as help_tasks
from commonroom.help.models import Feedback

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def _links(text: str) -> list[str]:
    return re.findall(rf"{re.escape(SITE)}/[^\s\"<>]*", text)


def _decided(status, *, language="", name="Heads of Housing & Homes"):
    community = CommunityFactory(name=name, visibility="restricted")
    facilitator = MembershipFactory(community=community, role="facilitator").user
    applicant = UserFactory(full_name="Alys Jones", language=language)
    request = services.request_to_join(actor=applicant, community=community)
    MembershipRequest.objects.filter(pk=request.pk).update(
        status=status,
        response="Which team are you in?",
        decided_by=facilitator,
        decided_at=timezone.now(),
    )
    if status == MembershipRequest.Status.APPROVED:
        MembershipFactory(community=community, user=applicant)
    return request, applicant, community


def test_an_approval_is_a_real_email_whose_link_opens_the_community(client):
    request, applicant, community = _decided(MembershipRequest.Status.APPROVED)

    tasks.send_request_decision(membership_request_id=request.pk)

    [message] = mail.outbox
    assert message.to == [applicant.email]
    assert message.from_email == "Commonroom <no-reply@commonroom.localhost>"
    # A text subject: the name is not HTML-escaped.
    assert message.subject == "You are now a member of Heads of Housing & Homes"
    assert message.extra_headers["Content-Language"] == "en-gb"
    assert "Dear Alys Jones," in message.body
    assert "&amp;" not in message.body
    [(html, mime)] = message.alternatives
    assert mime == "text/html"
    assert '<html lang="en-gb">' in html
    assert "Heads of Housing &amp; Homes" in html
    # Both parts link to the same page, at the one site address, and it opens
    # for the person the email went to.
    link = f"{SITE}/communities/{community.slug}/"
    assert _links(message.body) == [link]
    assert re.findall(r'href="([^"]+)"', html) == [link]
    client.force_login(applicant)
    page = client.get(link.removeprefix(SITE))
    assert page.status_code == 200
    assert "Heads of Housing &amp; Homes" in page.content.decode()


def test_someone_who_chose_welsh_gets_the_welsh_email():
    request, _, _ = _decided(MembershipRequest.Status.APPROVED, language="cy")

    tasks.send_request_decision(membership_request_id=request.pk)

    [message] = mail.outbox
    assert message.subject == "Rydych bellach yn aelod o Heads of Housing & Homes"
    assert message.extra_headers["Content-Language"] == "cy"
    assert "Annwyl Alys Jones," in message.body
    assert "Tîm Commonroom" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="cy">' in html
    assert "Mynd i’r gymuned" in html


def test_choosing_welsh_with_the_language_switch_makes_emails_welsh(client):
    request, applicant, _ = _decided(MembershipRequest.Status.MORE_INFORMATION)
    client.force_login(applicant)

    client.get("/language/cy/?next=/")

    applicant.refresh_from_db()
    assert applicant.language == "cy"
    tasks.send_request_decision(membership_request_id=request.pk)
    [message] = mail.outbox
    assert message.subject.endswith(": mae gan yr hwyluswyr gwestiwn i chi")


def test_a_question_links_to_the_reply_form_that_opens(client):
    request, applicant, community = _decided(MembershipRequest.Status.MORE_INFORMATION)

    tasks.send_request_decision(membership_request_id=request.pk)

    [message] = mail.outbox
    [link] = _links(message.body)
    assert link == f"{SITE}/communities/{community.slug}/join/request/"
    client.force_login(applicant)
    page = client.get(link.removeprefix(SITE)).content.decode()
    assert "Which team are you in?" in page


def test_an_invitation_link_works_for_the_invitee(client):
    community = CommunityFactory(name="Planning Network", visibility="private")
    inviter = MembershipFactory(community=community, role="facilitator").user
    invitee = UserFactory(language="cy")
    token = "a-token-for-the-test"
    invitation = Invitation.objects.create(
        community=community,
        email=invitee.email,
        user=invitee,
        invited_by=inviter,
        token=token_digest(token),
        expires_at=timezone.now() + timezone.timedelta(days=14),
    )

    tasks.send_invitation(invitation_id=invitation.pk, token=token)

    [message] = mail.outbox
    assert message.subject == (
        "Rydych wedi cael gwahoddiad i ymuno â Planning Network ar Commonroom"
    )
    [link] = _links(message.body)
    assert link == f"{SITE}/communities/invitations/{token}/"
    client.force_login(invitee)
    assert client.get(link.removeprefix(SITE)).status_code == 200


def _jobs():
    """Each email job, ready to run, and what it must send."""
    approval, _, _ = _decided(MembershipRequest.Status.APPROVED)
    community = CommunityFactory()
    removed = UserFactory()
    feedback = Feedback.objects.create(message="The search is slow.", email="")
    approved = UserFactory(
        approval_status=User.ApprovalStatus.APPROVED,
        approval_decided_at=timezone.now(),
    )
    return {
        "request decision": lambda: tasks.send_request_decision(
            membership_request_id=approval.pk
        ),
        "removal": lambda: tasks.send_removal_notice(
            community_id=community.pk,
            user_id=removed.pk,
            message="",
            removed_at="2026-12-03T10:00:00+00:00",
        ),
        "community decision": lambda: tasks.send_community_decision(
            user_id=removed.pk,
            community_name="Gone Group",
            community_id=None,
            reason="Too like another",
            decided_at="2026-12-03T10:00:00+00:00",
        ),
        "account decision": lambda: account_tasks.send_approval_decision(
            user_id=approved.pk
        ),
        "feedback": lambda: help_tasks.send_feedback(feedback_id=feedback.pk),
    }


@pytest.mark.parametrize(
    "job",
    [
        "request decision",
        "removal",
        "community decision",
        "account decision",
        "feedback",
    ],
)
def test_running_a_job_twice_sends_once(job):
    run = _jobs()[job]

    run()
    run()

    assert len(mail.outbox) == 1
    assert SentEmail.objects.count() == 1


def test_a_second_removal_after_rejoining_is_a_new_email():
    community, user = CommunityFactory(), UserFactory()

    for when in ("2026-12-01T10:00:00+00:00", "2026-12-03T10:00:00+00:00"):
        tasks.send_removal_notice(
            community_id=community.pk, user_id=user.pk, message="", removed_at=when
        )

    assert len(mail.outbox) == 2


def test_the_account_decision_email_links_to_sign_in():
    user = UserFactory(
        approval_status=User.ApprovalStatus.APPROVED,
        approval_decided_at=timezone.now(),
    )

    account_tasks.send_approval_decision(user_id=user.pk)

    [message] = mail.outbox
    assert message.subject == "Your Commonroom account is ready"
    assert _links(message.body) == [f"{SITE}/account/login/"]
    assert f'href="{SITE}/account/login/"' in message.alternatives[0][0]


def test_a_welsh_facilitators_invitations_go_out_in_each_recipients_language(
    client, django_capture_on_commit_callbacks
):
    """The worker writes each invitation in the language of the person it goes
    to, not in the language of the facilitator who sent it."""
    community = CommunityFactory(name="Planning Network", visibility="private")
    facilitator = MembershipFactory(
        community=community, role="facilitator", user__language="cy"
    ).user
    welsh = UserFactory(email="welsh.reader@cardiff.gov.uk", language="cy")
    english = UserFactory(email="english.reader@leeds.gov.uk", language="en-gb")
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            f"/communities/{community.slug}/invitations/",
            {
                "addresses": f"{welsh.email}\n{english.email}\nnew.person@powys.gov.uk",
                "message": "",
            },
            follow=True,
        )

    assert '<html lang="cy"' in page.content.decode()
    sent = {message.to[0]: message for message in mail.outbox}
    assert sorted(sent) == [english.email, "new.person@powys.gov.uk", welsh.email]
    for address in (english.email, "new.person@powys.gov.uk"):
        message = sent[address]
        assert (
            message.subject == "You are invited to join Planning Network on Commonroom"
        )
        assert message.extra_headers["Content-Language"] == "en-gb"
        assert "The Commonroom team" in message.body
        assert '<html lang="en-gb">' in message.alternatives[0][0]
    message = sent[welsh.email]
    assert message.subject == (
        "Rydych wedi cael gwahoddiad i ymuno â Planning Network ar Commonroom"
    )
    assert message.extra_headers["Content-Language"] == "cy"
    assert "Tîm Commonroom" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="cy">' in html
    [link] = _links(message.body)
    assert re.findall(r'href="([^"]+)"', html) == [link]
    client.force_login(welsh)
    assert client.get(link.removeprefix(SITE)).status_code == 200


def _every_email(recipient):
    """Each email the worker sends a person, to ``recipient``, with fixed data."""
    community = CommunityFactory(
        name="Flood Wardens",
        visibility="restricted",
        purpose="Wardens from councils across Wales share their flood plans.",
    )
    facilitator = MembershipFactory(
        community=community, role="facilitator", user__full_name="Gareth Lloyd"
    ).user
    request = services.request_to_join(actor=recipient, community=community)

    def decided(status):
        MembershipRequest.objects.filter(pk=request.pk).update(
            status=status,
            response="Which team are you in?",
            decided_by=facilitator,
            decided_at=timezone.now(),
        )
        tasks.send_request_decision(membership_request_id=request.pk)

    def account(status):
        User.objects.filter(pk=recipient.pk).update(
            approval_status=status,
            approval_decided_at=timezone.now(),
            rejection_reason="We could not confirm where you work.",
        )
        account_tasks.send_approval_decision(user_id=recipient.pk)

    def invitation(message):
        Invitation.objects.filter(email=recipient.email).delete()
        made = Invitation.objects.create(
            community=community,
            email=recipient.email,
            user=recipient,
            invited_by=facilitator,
            token=token_digest("token"),
            message=message,
            expires_at=timezone.now() + timezone.timedelta(days=14),
        )
        tasks.send_invitation(invitation_id=made.pk, token="token")

    return {
        "request approved": lambda: decided(MembershipRequest.Status.APPROVED),
        "request turned down": lambda: decided(MembershipRequest.Status.REJECTED),
        "request question": lambda: decided(MembershipRequest.Status.MORE_INFORMATION),
        "invitation": lambda: invitation(""),
        "invitation with a message": lambda: invitation("Do join us, Alys."),
        "removal": lambda: tasks.send_removal_notice(
            community_id=community.pk,
            user_id=recipient.pk,
            message="You left the council in May.",
            removed_at="2026-12-03T10:00:00+00:00",
        ),
        "community approved": lambda: tasks.send_community_decision(
            user_id=recipient.pk,
            community_name=community.name,
            community_id=community.pk,
            reason="",
        ),
        "community turned down": lambda: tasks.send_community_decision(
            user_id=recipient.pk,
            community_name="Gone Group",
            community_id=None,
            reason="Too like Flood Wardens.",
            decided_at="2026-12-03T10:00:00+00:00",
        ),
        "account approved": lambda: account(User.ApprovalStatus.APPROVED),
        "account turned down": lambda: account(User.ApprovalStatus.REJECTED),
    }


@pytest.mark.parametrize(
    "email",
    [
        "request approved",
        "request turned down",
        "request question",
        "invitation",
        "invitation with a message",
        "removal",
        "community approved",
        "community turned down",
        "account approved",
        "account turned down",
    ],
)
def test_every_email_is_all_in_welsh_for_a_welsh_reader(email):
    """The same email to the same person, in English and in Welsh: nothing of
    the Welsh one (subject, text or HTML part) is left in English."""
    from commonroom.core.testing.welsh import english_left_in, stored_values

    recipient = UserFactory(full_name="Alys Jones", email="alys.jones@powys.gov.uk")
    send = _every_email(recipient)[email]
    sent = {}
    for language in ("en-gb", "cy"):
        User.objects.filter(pk=recipient.pk).update(language=language)
        SentEmail.objects.all().delete()
        mail.outbox.clear()
        send()
        [sent[language]] = mail.outbox

    welsh, english = sent["cy"], sent["en-gb"]
    assert welsh.extra_headers["Content-Language"] == "cy"
    values = stored_values(
        "Gone Group", "Too like Flood Wardens.", "You left the council in May."
    )

    def as_html(message):
        lines = [message.subject, *message.body.splitlines()]
        return "".join(f"<p>{line}</p>" for line in lines)

    assert english_left_in(as_html(welsh), as_html(english), values) == []
    assert (
        english_left_in(welsh.alternatives[0][0], english.alternatives[0][0], values)
        == []
    )
    assert welsh.subject != english.subject
    # The links are the same, and work, whatever the language.
    assert _links(welsh.body) == _links(english.body)
