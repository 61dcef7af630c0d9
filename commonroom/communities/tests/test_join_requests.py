"""Asking to join a restricted community, and the facilitators' decisions."""

import re

import factory
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.communities import access
from commonroom.communities.models import Membership, MembershipRequest
from commonroom.communities.services import membership as services
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory
from commonroom.core.testing.queries import session_queries

pytestmark = pytest.mark.django_db


class MembershipRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipRequest

    community = factory.SubFactory(CommunityFactory, visibility="restricted")
    user = factory.SubFactory(UserFactory)
    message = "I lead on housing enforcement at my council."


@pytest.fixture
def community():
    return CommunityFactory(name="Heads of Housing", visibility="restricted")


@pytest.fixture
def facilitator(community):
    return MembershipFactory(community=community, role="facilitator").user


@pytest.fixture
def applicant():
    return UserFactory(full_name="Asha Patel", email="asha.patel@leeds.gov.uk")


def link_in(message) -> str:
    [link] = re.findall(r"http://\S+", message.body)
    assert f'href="{link}"' in message.alternatives[0][0]
    return link


# Asking ------------------------------------------------------------------------


def test_asking_to_join_keeps_the_message_and_is_audited(community, applicant):
    request = services.request_to_join(
        actor=applicant, community=community, message="  I run a housing team.  "
    )

    assert (request.status, request.message) == ("pending", "I run a housing team.")
    assert not Membership.objects.filter(user=applicant).exists()
    event = AuditEvent.objects.get(action="join_requested")
    assert event.subject_email == applicant.email


def test_nobody_asks_twice_while_a_request_is_open(community, applicant):
    services.request_to_join(actor=applicant, community=community)

    with pytest.raises(ValidationError) as error:
        services.request_to_join(actor=applicant, community=community)

    assert error.value.code == "already_requested"
    assert MembershipRequest.objects.count() == 1


def test_asking_again_after_withdrawing_or_a_rejection(community, applicant):
    first = services.request_to_join(actor=applicant, community=community)
    services.withdraw_request(actor=applicant, membership_request=first)
    second = services.request_to_join(actor=applicant, community=community)

    assert first.status == "withdrawn"
    assert AuditEvent.objects.filter(action="join_withdrawn", actor=applicant).exists()
    assert second.status == "pending"


def test_open_communities_need_no_request(applicant):
    with pytest.raises(ValidationError) as error:
        services.request_to_join(actor=applicant, community=CommunityFactory())

    assert error.value.code == "open"


def test_members_do_not_ask(community):
    member = MembershipFactory(community=community).user

    with pytest.raises(ValidationError) as error:
        services.request_to_join(actor=member, community=community)

    assert error.value.code == "already_member"


def test_only_the_applicant_withdraws(community, applicant, facilitator):
    request = services.request_to_join(actor=applicant, community=community)

    with pytest.raises(PermissionDenied):
        services.withdraw_request(actor=facilitator, membership_request=request)


def test_withdrawing_a_decided_request_does_nothing(applicant, queries):
    request = MembershipRequestFactory(user=applicant, status="rejected")

    with queries(0):
        services.withdraw_request(actor=applicant, membership_request=request)
    assert request.status == "rejected"


# Deciding ----------------------------------------------------------------------


def test_approving_makes_a_member_and_emails_them(
    community, facilitator, applicant, django_capture_on_commit_callbacks
):
    request = services.request_to_join(actor=applicant, community=community)
    access.access_for(applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_request(actor=facilitator, membership_request=request)

    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", facilitator)
    assert Membership.objects.get(community=community, user=applicant).role == "member"
    community.refresh_from_db()
    assert community.member_count == 2
    event = AuditEvent.objects.get(action="join_approved")
    assert (event.actor_email, event.subject_email) == (
        facilitator.email,
        applicant.email,
    )
    [message] = mail.outbox
    assert message.to == [applicant.email]
    assert message.subject == "You are now a member of Heads of Housing"
    assert "you are now a member of Heads of Housing" in message.body
    assert link_in(message) == f"http://127.0.0.1:8000/communities/{community.slug}/"


def test_approving_twice_does_nothing(
    community, facilitator, applicant, queries, django_capture_on_commit_callbacks
):
    request = services.request_to_join(actor=applicant, community=community)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_request(actor=facilitator, membership_request=request)

    with queries(0):
        services.approve_request(actor=facilitator, membership_request=request)


def test_rejecting_needs_a_message_and_sends_it(
    community, facilitator, applicant, django_capture_on_commit_callbacks
):
    request = services.request_to_join(actor=applicant, community=community)

    with pytest.raises(ValidationError):
        services.reject_request(
            actor=facilitator, membership_request=request, message="  "
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_request(
            actor=facilitator,
            membership_request=request,
            message="This group is for heads of service only.",
        )

    request.refresh_from_db()
    assert request.status == "rejected"
    assert not Membership.objects.filter(user=applicant).exists()
    # The log records that a message was sent, not what it said.
    event = AuditEvent.objects.get(action="join_rejected")
    assert (event.detail, event.community_id) == (
        "with a message",
        request.community_id,
    )
    [message] = mail.outbox
    assert message.subject == "Your request to join Heads of Housing"
    assert "This group is for heads of service only." in message.body
    assert "This group is for heads of service only." in message.alternatives[0][0]
    assert link_in(message) == f"http://127.0.0.1:8000/communities/{community.slug}/"


def test_asking_for_more_information_then_replying_puts_it_back_in_the_queue(
    community, facilitator, applicant, django_capture_on_commit_callbacks
):
    request = services.request_to_join(
        actor=applicant, community=community, message="I work in housing."
    )

    with pytest.raises(ValidationError):
        services.ask_for_more_information(
            actor=facilitator, membership_request=request, message=""
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_for_more_information(
            actor=facilitator,
            membership_request=request,
            message="Which council do you work for?",
        )

    request.refresh_from_db()
    assert request.status == "more_information"
    assert AuditEvent.objects.filter(action="join_more_information").exists()
    [message] = mail.outbox
    assert (
        message.subject == "Heads of Housing: the facilitators have a question for you"
    )
    assert "Which council do you work for?" in message.body
    assert link_in(message) == (
        f"http://127.0.0.1:8000/communities/{community.slug}/join/request/"
    )

    services.reply_to_request(
        actor=applicant, membership_request=request, message="Leeds City Council."
    )

    request.refresh_from_db()
    assert request.status == "pending"
    assert request.message == "I work in housing.\n\nLeeds City Council."
    assert AuditEvent.objects.filter(
        action="join_request_answered", actor=applicant
    ).exists()


def test_a_reply_must_fit_with_the_request(community, facilitator, applicant):
    request = services.request_to_join(
        actor=applicant, community=community, message="x" * 1990
    )
    services.ask_for_more_information(
        actor=facilitator, membership_request=request, message="Say more?"
    )

    with pytest.raises(ValidationError) as error:
        services.reply_to_request(
            actor=applicant, membership_request=request, message="y" * 20
        )

    assert error.value.code == "max_length"
    assert "8 characters or fewer" in error.value.messages[0]


def test_nobody_replies_without_a_question(community, applicant):
    request = services.request_to_join(actor=applicant, community=community)

    with pytest.raises(ValidationError):
        services.reply_to_request(
            actor=applicant, membership_request=request, message="Hello"
        )
    with pytest.raises(PermissionDenied):
        services.reply_to_request(
            actor=UserFactory(), membership_request=request, message="Hello"
        )


@pytest.mark.parametrize("who", ["member", "outsider", "applicant"])
def test_only_facilitators_decide(community, applicant, who):
    request = services.request_to_join(actor=applicant, community=community)
    actor = {
        "member": MembershipFactory(community=community).user,
        "outsider": UserFactory(),
        "applicant": applicant,
    }[who]

    with pytest.raises(PermissionDenied):
        services.approve_request(actor=actor, membership_request=request)
    with pytest.raises(PermissionDenied):
        services.reject_request(actor=actor, membership_request=request, message="No")
    assert not Membership.objects.filter(user=applicant).exists()


def test_a_decided_request_cannot_be_decided_again(community, facilitator, applicant):
    request = services.request_to_join(actor=applicant, community=community)
    services.reject_request(actor=facilitator, membership_request=request, message="No")

    with pytest.raises(ValidationError) as error:
        services.approve_request(actor=facilitator, membership_request=request)

    assert error.value.code == "decided"


def test_an_applicant_who_is_no_longer_approved_cannot_be_let_in(
    community, facilitator, applicant
):
    request = services.request_to_join(actor=applicant, community=community)
    applicant.approval_status = "pending"
    applicant.save()

    with pytest.raises(ValidationError) as error:
        services.approve_request(actor=facilitator, membership_request=request)

    assert error.value.code == "applicant_cannot_take_part"


# Pages -------------------------------------------------------------------------


def test_request_page_asks_then_shows_the_open_request(client, community, applicant):
    client.force_login(applicant)
    url = f"/communities/{community.slug}/join/request/"

    assert "Send request" in client.get(url).content.decode()
    response = client.post(url, {"message": "I lead a housing team."})
    assert response["Location"] == url

    html = client.get(url).content.decode()
    assert "Waiting for a decision" in html
    assert "I lead a housing team." in html
    assert "Withdraw request" in html


def test_request_form_keeps_what_was_typed(client, community, applicant):
    client.force_login(applicant)

    response = client.post(
        f"/communities/{community.slug}/join/request/", {"message": "x" * 2001}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "The message must be 2000 characters or fewer" in html
    assert "x" * 2001 in html


def test_withdraw_and_reply_through_the_pages(
    client, community, facilitator, applicant
):
    request = services.request_to_join(actor=applicant, community=community)
    services.ask_for_more_information(
        actor=facilitator, membership_request=request, message="Which team?"
    )
    client.force_login(applicant)
    base = f"/communities/{community.slug}/join/request/"

    html = client.get(base).content.decode()
    assert "Which team?" in html
    empty = client.post(f"{base}reply/", {"message": ""})
    assert empty.status_code == 400
    assert "Enter your reply" in empty.content.decode()
    client.post(f"{base}reply/", {"message": "Private sector housing."})
    request.refresh_from_db()
    assert request.status == "pending"

    client.post(f"{base}withdraw/")
    request.refresh_from_db()
    assert request.status == "withdrawn"


def test_queue_lists_open_requests_for_facilitators_only(
    client, community, facilitator, applicant
):
    services.request_to_join(
        actor=applicant, community=community, message="Please let me in."
    )
    url = f"/communities/{community.slug}/requests/"

    client.force_login(MembershipFactory(community=community).user)
    assert client.get(url).status_code == 403
    client.force_login(facilitator)
    html = client.get(url).content.decode()

    assert "Asha Patel" in html
    assert "Please let me in." in html
    assert "1 request waiting" in html


def test_queue_query_budget_does_not_grow(client, community, facilitator, queries):
    client.force_login(facilitator)
    for n in range(4):
        MembershipRequestFactory(community=community)
        # session, user, community, memberships, count, page
        with queries(session_queries() + 5):
            response = client.get(f"/communities/{community.slug}/requests/")
        assert len(response.context["pagination"].object_list) == n + 1


def test_deciding_through_the_page(
    client, community, facilitator, applicant, django_capture_on_commit_callbacks
):
    request = services.request_to_join(actor=applicant, community=community)
    client.force_login(facilitator)
    url = f"/communities/{community.slug}/requests/{request.pk}/"

    missing = client.post(url, {"decision": "reject", "message": ""})
    assert missing.status_code == 400
    assert (
        "Enter a message to explain why you are rejecting the request"
        in missing.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"decision": "approve"})

    assert done["Location"] == f"/communities/{community.slug}/requests/"
    assert Membership.objects.filter(community=community, user=applicant).exists()
    assert len(mail.outbox) == 1
    assert "already been answered" in client.get(url).content.decode()
