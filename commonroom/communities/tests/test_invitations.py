"""Invitations: sending (one address or a list), expiry, withdrawal, answering."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from commonroom.accounts import services as account_services
from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.communities import access, permissions
from commonroom.communities.models import Invitation, Membership
from commonroom.communities.services import invitations as invitation_services
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.testing.queries import session_queries
from commonroom.organisations.tests.factories import (
    OrganisationDomainFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

Result = invitation_services.InvitationResult


@pytest.fixture
def community():
    return CommunityFactory(
        name="Cyber Incident Response",
        visibility="private",
        purpose="For council cyber leads to share incident playbooks.",
    )


@pytest.fixture
def facilitator(community):
    return MembershipFactory(
        community=community, role="facilitator", user__full_name="Rhian Jones"
    ).user


def invite(facilitator, community, addresses, **kwargs):
    return invitation_services.invite_people(
        actor=facilitator, community=community, addresses=addresses, **kwargs
    )


def token_from(message) -> str:
    [link] = re.findall(r"http://\S+/communities/invitations/\S+/", message.body)
    assert f'href="{link}"' in message.alternatives[0][0]
    return link.rstrip("/").rsplit("/", 1)[1]


def sent_token(facilitator, community, address, capture) -> tuple[Invitation, str]:
    """Invite one address and return the invitation and the token from the email."""
    with capture(execute=True):
        [outcome] = invite(facilitator, community, address)
    assert outcome.result == Result.INVITED
    invitation = Invitation.objects.select_related("community").get(
        pk=outcome.invitation_id
    )
    return invitation, token_from(mail.outbox[-1])


# Splitting a pasted list --------------------------------------------------------


def test_split_addresses_takes_lines_commas_and_names():
    text = (
        "a@leeds.gov.uk, b@leeds.gov.uk\n\n  c@york.gov.uk ;"
        "Dafydd Evans <dafydd@cardiff.gov.uk>\ne@x.org f@y.org"
    )

    assert invitation_services.split_addresses(text) == [
        "a@leeds.gov.uk",
        "b@leeds.gov.uk",
        "c@york.gov.uk",
        "dafydd@cardiff.gov.uk",
        "e@x.org",
        "f@y.org",
    ]


# Sending ------------------------------------------------------------------------


def test_inviting_a_registered_member_emails_them_a_working_link(
    community, facilitator, django_capture_on_commit_callbacks
):
    member = UserFactory(email="sam.hughes@cardiff.gov.uk")

    with django_capture_on_commit_callbacks(execute=True):
        [outcome] = invite(
            facilitator,
            community,
            "Sam.Hughes@Cardiff.gov.uk",
            message="We would value your view on ransomware.",
        )

    invitation = Invitation.objects.get()
    assert outcome == invitation_services.InvitationOutcome(
        "Sam.Hughes@Cardiff.gov.uk", Result.INVITED, invitation.pk
    )
    assert (invitation.user, invitation.email) == (member, member.email)
    assert invitation.expires_at - timezone.now() > timedelta(days=13, hours=23)
    [message] = mail.outbox
    assert message.to == [member.email]
    assert message.subject == (
        "You are invited to join Cyber Incident Response on Commonroom"
    )
    assert "Rhian Jones has invited you" in message.body
    assert "We would value your view on ransomware." in message.body
    assert "We would value your view on ransomware." in message.alternatives[0][0]
    assert "You do not have a Commonroom account yet" not in message.body
    token = token_from(message)
    assert invitation.token != token  # only a digest is stored
    event = AuditEvent.objects.get(action="invitation_sent")
    assert event.subject_email == member.email
    assert event.community_id == invitation.community_id
    assert "sam.hughes@cardiff.gov.uk" not in event.detail


def test_inviting_someone_not_registered_tells_them_to_sign_up(
    community, facilitator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(facilitator, community, "new.person@york.gov.uk")

    invitation = Invitation.objects.get()
    assert invitation.user is None
    [message] = mail.outbox
    assert message.to == ["new.person@york.gov.uk"]
    assert "You do not have a Commonroom account yet" in message.body
    assert AuditEvent.objects.get(action="invitation_sent").subject is None


def test_a_list_reports_on_every_address_and_one_bad_one_loses_nothing(
    community, facilitator, django_capture_on_commit_callbacks
):
    member = MembershipFactory(community=community, user__email="in@leeds.gov.uk").user
    invite(facilitator, community, "invited@leeds.gov.uk")
    mail.outbox.clear()
    text = (
        "new1@leeds.gov.uk\n"
        "not an address\n"
        f"{member.email.upper()}, invited@leeds.gov.uk\n"
        "broken@@example\n"
        "new2@york.gov.uk, NEW1@leeds.gov.uk"
    )

    with django_capture_on_commit_callbacks(execute=True):
        outcomes = invite(facilitator, community, text)

    assert [(o.address, o.result) for o in outcomes] == [
        ("new1@leeds.gov.uk", Result.INVITED),
        ("not", Result.INVALID),
        ("an", Result.INVALID),
        ("address", Result.INVALID),
        ("IN@LEEDS.GOV.UK", Result.ALREADY_MEMBER),
        ("invited@leeds.gov.uk", Result.ALREADY_INVITED),
        ("broken@@example", Result.INVALID),
        ("new2@york.gov.uk", Result.INVITED),
        ("NEW1@leeds.gov.uk", Result.REPEATED),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "new1@leeds.gov.uk",
        "new2@york.gov.uk",
    ]
    assert Invitation.objects.filter(status="pending").count() == 3


def test_too_many_or_no_addresses_are_refused(community, facilitator):
    with pytest.raises(ValidationError):
        invite(facilitator, community, " ,\n ")
    with pytest.raises(ValidationError) as error:
        invite(facilitator, community, [f"p{n}@x.org" for n in range(101)])
    assert error.value.code == "too_many"
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_only_facilitators_invite(community, who):
    actor = MembershipFactory(community=community).user if who == "member" else None
    actor = actor or UserFactory()

    with pytest.raises((PermissionDenied, Http404)):
        invite(actor, community, "someone@leeds.gov.uk")
    assert not Invitation.objects.exists()


def test_an_archived_community_invites_nobody(facilitator, community):
    community.status = "archived"
    community.save()

    with pytest.raises(ValidationError) as error:
        invite(facilitator, community, "someone@leeds.gov.uk")

    assert error.value.code == "archived"


def test_inviting_again_after_expiry_renews_the_invitation(
    community, facilitator, django_capture_on_commit_callbacks
):
    invitation, old_token = sent_token(
        facilitator, community, "late@leeds.gov.uk", django_capture_on_commit_callbacks
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    invitation, new_token = sent_token(
        facilitator, community, "late@leeds.gov.uk", django_capture_on_commit_callbacks
    )

    assert Invitation.objects.count() == 1
    assert not permissions.is_invitation_expired(invitation)
    assert new_token != old_token


# Withdrawing --------------------------------------------------------------------


def test_withdrawing_an_invitation(
    community, facilitator, django_capture_on_commit_callbacks, queries
):
    invitation, _ = sent_token(
        facilitator, community, "x@leeds.gov.uk", django_capture_on_commit_callbacks
    )

    invitation_services.revoke_invitation(actor=facilitator, invitation=invitation)

    invitation = Invitation.objects.select_related("community").get()
    assert invitation.status == "revoked"
    assert AuditEvent.objects.filter(action="invitation_revoked").exists()
    with queries(0):
        invitation_services.revoke_invitation(actor=facilitator, invitation=invitation)
    with pytest.raises(PermissionDenied):
        invitation_services.revoke_invitation(
            actor=MembershipFactory(community=community).user, invitation=invitation
        )


# Answering ----------------------------------------------------------------------


def test_the_invited_member_accepts_and_joins(
    community, facilitator, django_capture_on_commit_callbacks
):
    member = UserFactory(email="sam@cardiff.gov.uk")
    invitation, _ = sent_token(
        facilitator, community, member.email, django_capture_on_commit_callbacks
    )

    membership = invitation_services.accept_invitation(
        actor=member, invitation=invitation
    )

    assert membership.community == community
    invitation.refresh_from_db()
    assert (invitation.status, invitation.user) == ("accepted", member)
    community.refresh_from_db()
    assert community.member_count == 2
    assert access.access_for(member).is_member(community.pk)
    assert AuditEvent.objects.filter(
        action="invitation_accepted", subject_email=member.email
    ).exists()


def test_declining(community, facilitator, django_capture_on_commit_callbacks):
    member = UserFactory(email="sam@cardiff.gov.uk")
    invitation, _ = sent_token(
        facilitator, community, member.email, django_capture_on_commit_callbacks
    )

    invitation_services.decline_invitation(actor=member, invitation=invitation)

    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not Membership.objects.filter(user=member).exists()
    assert AuditEvent.objects.filter(action="invitation_declined").exists()
    with pytest.raises(ValidationError) as error:
        invitation_services.accept_invitation(actor=member, invitation=invitation)
    assert error.value.code == "declined"


def test_expired_and_withdrawn_invitations_cannot_be_accepted(
    community, facilitator, django_capture_on_commit_callbacks
):
    member = UserFactory(email="sam@cardiff.gov.uk")
    invitation, _ = sent_token(
        facilitator, community, member.email, django_capture_on_commit_callbacks
    )
    invitation.expires_at = timezone.now() - timedelta(seconds=1)
    invitation.save()

    with pytest.raises(ValidationError) as expired:
        invitation_services.accept_invitation(actor=member, invitation=invitation)
    invitation_services.revoke_invitation(actor=facilitator, invitation=invitation)
    with pytest.raises(ValidationError) as revoked:
        invitation_services.accept_invitation(actor=member, invitation=invitation)

    assert (expired.value.code, revoked.value.code) == ("expired", "revoked")
    assert not Membership.objects.filter(user=member).exists()


def test_nobody_else_can_accept(
    community, facilitator, django_capture_on_commit_callbacks
):
    invitation, _ = sent_token(
        facilitator, community, "sam@cardiff.gov.uk", django_capture_on_commit_callbacks
    )

    with pytest.raises(Http404):
        invitation_services.accept_invitation(
            actor=UserFactory(), invitation=invitation
        )
    with pytest.raises(Http404):
        invitation_services.decline_invitation(
            actor=UserFactory(), invitation=invitation
        )


def test_invited_people_waiting_for_approval_cannot_accept_yet(
    community, facilitator, django_capture_on_commit_callbacks
):
    person = UserFactory(email="sam@charity.org.uk", approval_status="pending")
    invitation, _ = sent_token(
        facilitator, community, person.email, django_capture_on_commit_callbacks
    )

    with pytest.raises(PermissionDenied):
        invitation_services.accept_invitation(actor=person, invitation=invitation)


def test_a_sub_community_invitation_needs_the_parent_first(
    community, django_capture_on_commit_callbacks
):
    sub = CommunityFactory(parent=community, visibility="private")
    sub_facilitator = MembershipFactory(community=sub, role="facilitator").user
    MembershipFactory(community=community, user=sub_facilitator)
    person = UserFactory(email="sam@cardiff.gov.uk")
    invitation, _ = sent_token(
        sub_facilitator, sub, person.email, django_capture_on_commit_callbacks
    )

    with pytest.raises(ValidationError) as error:
        invitation_services.accept_invitation(actor=person, invitation=invitation)

    assert error.value.code == "parent_membership"
    # The private parent is not named to someone outside it.
    assert community.name not in error.value.messages[0]


# Joining automatically after confirming an address ------------------------------


def test_pending_invitations_are_accepted_after_sign_up(
    community, facilitator, django_capture_on_commit_callbacks
):
    sub = CommunityFactory(parent=community, visibility="private", name="Steering")
    MembershipFactory(community=sub, user=facilitator, role="facilitator")
    other = CommunityFactory(visibility="restricted", name="Elsewhere")
    other_facilitator = MembershipFactory(community=other, role="facilitator").user
    expired_community = CommunityFactory(name="Too Late")
    late_facilitator = MembershipFactory(
        community=expired_community, role="facilitator"
    ).user
    with django_capture_on_commit_callbacks(execute=True):
        # The sub-community's invitation comes first: it waits for its parent.
        invite(facilitator, sub, "New.Person@york.gov.uk")
        invite(facilitator, community, "new.person@york.gov.uk")
        invite(other_facilitator, other, "new.person@york.gov.uk")
        invite(late_facilitator, expired_community, "new.person@york.gov.uk")
        invite(other_facilitator, other, "someone.else@york.gov.uk")
    Invitation.objects.filter(community=expired_community).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    person = UserFactory(email="new.person@york.gov.uk")

    joined = invitation_services.accept_pending_invitations_for(user=person)

    assert sorted(c.name for c in joined) == sorted(
        ["Cyber Incident Response", "Steering", "Elsewhere"]
    )
    assert set(
        Membership.objects.filter(user=person).values_list("community__name", flat=True)
    ) == {"Cyber Incident Response", "Steering", "Elsewhere"}
    assert Invitation.objects.filter(status="accepted").count() == 3
    assert Invitation.objects.get(community=expired_community).status == "pending"
    assert (
        AuditEvent.objects.filter(
            action="invitation_accepted", detail__contains="confirming the email"
        ).count()
        == 3
    )


def test_nothing_is_accepted_for_people_waiting_for_approval(
    community, facilitator, queries
):
    invite(facilitator, community, "sam@charity.org.uk")
    person = UserFactory(email="sam@charity.org.uk", approval_status="pending")

    with queries(0):
        assert invitation_services.accept_pending_invitations_for(user=person) == []
    assert Invitation.objects.get().status == "pending"


def test_people_invited_before_they_registered_join_when_they_confirm(
    client, community, facilitator, django_capture_on_commit_callbacks
):
    leeds = OrganisationFactory(name="Leeds City Council")
    OrganisationDomainFactory(organisation=leeds, domain="leeds.gov.uk")
    with django_capture_on_commit_callbacks(execute=True):
        invite(facilitator, community, "asha.patel@leeds.gov.uk")
    password = "correct horse battery staple"  # noqa: S105
    client.post(
        "/account/signup/",
        {
            "full_name": "Asha Patel",
            "email": "asha.patel@leeds.gov.uk",
            "organisation": "",
            "organisation_other": "",
            "password1": password,
            "password2": password,
        },
    )
    person = User.objects.get(email="asha.patel@leeds.gov.uk")
    assert not Membership.objects.filter(user=person).exists()
    [confirmation] = [m for m in mail.outbox if "Confirm your email" in m.subject]
    link = re.search(
        r"http://127\.0\.0\.1:8000(/account/confirm-email/[^\s]+/)", confirmation.body
    ).group(1)

    client.post(link)

    assert Membership.objects.filter(user=person, community=community).exists()
    assert Invitation.objects.get().status == "accepted"


def test_an_invited_applicant_joins_when_an_administrator_approves_them(
    community, facilitator
):
    invite(facilitator, community, "sam@charity.org.uk")
    person = UserFactory(email="sam@charity.org.uk", approval_status="pending")
    admin = UserFactory(is_staff=True)

    account_services.approve_sign_up(actor=admin, user=person)

    assert Membership.objects.filter(user=person, community=community).exists()
    assert Invitation.objects.get().status == "accepted"


# The invitation page ------------------------------------------------------------


def test_visitors_are_asked_to_sign_in_and_see_nothing_private(
    client, community, facilitator, django_capture_on_commit_callbacks
):
    _, token = sent_token(
        facilitator, community, "sam@cardiff.gov.uk", django_capture_on_commit_callbacks
    )

    response = client.get(f"/communities/invitations/{token}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Sign in" in html
    assert f"/account/login/?next=/communities/invitations/{token}/" in html
    assert f"/account/signup/?next=/communities/invitations/{token}/" in html
    assert community.name not in html
    assert community.purpose not in html


def test_someone_else_with_the_link_gets_not_found(
    client, community, facilitator, django_capture_on_commit_callbacks
):
    _, token = sent_token(
        facilitator, community, "sam@cardiff.gov.uk", django_capture_on_commit_callbacks
    )
    client.force_login(UserFactory())

    response = client.get(f"/communities/invitations/{token}/")
    posted = client.post(f"/communities/invitations/{token}/", {"decision": "accept"})

    assert (response.status_code, posted.status_code) == (404, 404)
    assert community.name not in response.content.decode()
    assert (
        not Membership.objects.filter(community=community)
        .exclude(user=facilitator)
        .exists()
    )


@pytest.mark.parametrize("token", ["x" * 43, "short", "a" * 200])
def test_unknown_tokens_are_not_found(client, token):
    assert client.get(f"/communities/invitations/{token}/").status_code == 404


def test_the_invitee_sees_the_private_community_and_accepts(
    client, community, facilitator, django_capture_on_commit_callbacks, queries
):
    member = UserFactory(email="sam@cardiff.gov.uk")
    _, token = sent_token(
        facilitator, community, member.email, django_capture_on_commit_callbacks
    )
    client.force_login(member)
    url = f"/communities/invitations/{token}/"

    # session, user, invitation (with community and inviter), memberships
    with queries(session_queries() + 3):
        page = client.get(url)
    html = page.content.decode()
    assert community.name in html
    assert community.purpose in html
    assert "Accept and join" in html

    response = client.post(url, {"decision": "accept"})

    assert response["Location"] == f"/communities/{community.slug}/"
    assert Membership.objects.filter(community=community, user=member).exists()
    assert "You have already accepted" in client.get(url).content.decode()


def test_an_expired_invitation_shows_as_expired(
    client, community, facilitator, django_capture_on_commit_callbacks
):
    member = UserFactory(email="sam@cardiff.gov.uk")
    invitation, token = sent_token(
        facilitator, community, member.email, django_capture_on_commit_callbacks
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(member)

    html = client.get(f"/communities/invitations/{token}/").content.decode()
    posted = client.post(f"/communities/invitations/{token}/", {"decision": "accept"})

    assert "This invitation has expired" in html
    assert "Accept and join" not in html
    assert posted.status_code == 400
    assert not Membership.objects.filter(user=member).exists()


def test_declining_through_the_page(
    client, community, facilitator, django_capture_on_commit_callbacks
):
    member = UserFactory(email="sam@cardiff.gov.uk")
    _, token = sent_token(
        facilitator, community, member.email, django_capture_on_commit_callbacks
    )
    client.force_login(member)

    response = client.post(
        f"/communities/invitations/{token}/", {"decision": "decline"}, follow=True
    )

    assert "You have declined the invitation" in response.content.decode()
    assert Invitation.objects.get().status == "declined"


# The facilitators' invitations page ---------------------------------------------


def test_invitations_page_sends_and_reports(
    client, community, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    url = f"/communities/{community.slug}/invitations/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"addresses": "a@leeds.gov.uk\nnot-an-address", "message": ""}
        )
    assert response["Location"] == url
    html = client.get(url).content.decode()

    assert "1 invitation sent" in html
    assert "1 address could not be used" in html
    assert "Not a valid email address" in html
    assert "not-an-address" in html
    assert "a@leeds.gov.uk" in html
    assert len(mail.outbox) == 1
    # The report is shown once.
    assert "What happened to each address" not in client.get(url).content.decode()


def test_every_address_not_used_is_reported_with_why_and_bad_ones_kept(
    client, community, facilitator, django_capture_on_commit_callbacks
):
    from commonroom.accounts.tests.factories import UserFactory

    client.force_login(facilitator)
    url = f"/communities/{community.slug}/invitations/"
    MembershipFactory(community=community, user__email="member@leeds.gov.uk")
    UserFactory(email="closed@leeds.gov.uk", is_active=False)
    invite(facilitator, community, "waiting@leeds.gov.uk")
    mail.outbox.clear()
    long_address = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".uk"
    typed = "\n".join(
        [
            "new@leeds.gov.uk",
            "broken@@example",
            "member@leeds.gov.uk",
            "waiting@leeds.gov.uk",
            "NEW@leeds.gov.uk",
            "closed@leeds.gov.uk",
            facilitator.email,
            long_address,
        ]
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"addresses": typed, "message": "Join us"})
    response = client.get(url)

    html = response.content.decode()
    assert "1 invitation sent" in html
    assert "7 addresses could not be used" in html
    for reason in [
        "Not a valid email address",
        "Already a member",
        "Already invited: the invitation sent before still works",
        "Repeated in the list: invited once",
        "The account with this address has been closed",
        "This is your own address",
        "Too long: an email address can have at most 254 characters",
    ]:
        assert reason in html, reason
    assert [m.to for m in mail.outbox] == [["new@leeds.gov.uk"]]
    # The ones to correct are back in the box, with the message.
    form = response.context["form"]
    assert form["addresses"].value() == f"broken@@example\n{long_address}"
    assert form["message"].value() == "Join us"


def test_invitations_form_errors_keep_what_was_typed(client, community, facilitator):
    client.force_login(facilitator)
    url = f"/communities/{community.slug}/invitations/"

    empty = client.post(url, {"addresses": "", "message": "Hello"})
    too_many = client.post(
        url, {"addresses": ",".join(f"p{n}@x.org" for n in range(101))}
    )

    assert empty.status_code == 400
    assert "Enter at least one email address" in empty.content.decode()
    assert "Hello" in empty.content.decode()
    assert "Enter 100 email addresses or fewer" in too_many.content.decode()


def test_invitations_page_shows_status_and_withdraws(
    client, community, facilitator, django_capture_on_commit_callbacks
):
    invitation, _ = sent_token(
        facilitator, community, "a@leeds.gov.uk", django_capture_on_commit_callbacks
    )
    expired, _ = sent_token(
        facilitator, community, "b@leeds.gov.uk", django_capture_on_commit_callbacks
    )
    Invitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    client.force_login(facilitator)
    url = f"/communities/{community.slug}/invitations/"

    html = client.get(url).content.decode()
    assert "Expired" in html
    assert "Waiting" in html
    response = client.post(f"{url}{invitation.pk}/revoke/")

    assert response["Location"] == url
    invitation.refresh_from_db()
    assert invitation.status == "revoked"


def test_invitations_page_is_for_facilitators_only(client, community):
    client.force_login(MembershipFactory(community=community).user)
    assert client.get(f"/communities/{community.slug}/invitations/").status_code == 403
    client.force_login(UserFactory())
    assert client.get(f"/communities/{community.slug}/invitations/").status_code == 404


def test_invitations_page_query_budget_does_not_grow(
    client, community, facilitator, queries
):
    client.force_login(facilitator)
    for n in range(4):
        invite(facilitator, community, f"p{n}@leeds.gov.uk")
        # session, user, community, memberships, count, page (with the people)
        with queries(session_queries() + 5):
            response = client.get(f"/communities/{community.slug}/invitations/")
        assert len(response.context["pagination"].object_list) == n + 1
