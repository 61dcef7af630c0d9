"""Facilitators, owners, removing members and leaving."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from commonroom.accounts.tests.factories import UserFactory
from commonroom.audit.models import AuditEvent
from commonroom.communities import access
from commonroom.communities.models import Community, Membership
from commonroom.communities.services import membership as services
from commonroom.communities.tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="Heads of Planning", visibility="restricted")


@pytest.fixture
def owner(community):
    owner = MembershipFactory(
        community=community, role="facilitator", user__full_name="Owen Price"
    ).user
    community.owner = owner
    community.save()
    return owner


def membership_of(user, community) -> Membership:
    return Membership.objects.select_related("community", "user").get(
        user=user, community=community
    )


def member_in(community, **kwargs) -> Membership:
    membership = MembershipFactory(community=community, **kwargs)
    return membership_of(membership.user, community)


def count_of(community) -> int:
    return Community.objects.get(pk=community.pk).member_count


# Promoting and demoting ---------------------------------------------------------


def test_promoting_a_member(community, owner, queries):
    membership = member_in(community)

    services.promote_to_facilitator(actor=owner, membership=membership)

    assert membership_of(membership.user, community).role == "facilitator"
    assert access.can_facilitate(membership.user, community)
    event = AuditEvent.objects.get(action="facilitator_promoted")
    assert (event.actor_email, event.subject_email) == (
        owner.email,
        membership.user.email,
    )
    with queries(0):
        services.promote_to_facilitator(actor=owner, membership=membership)


def test_members_cannot_promote(community, owner):
    membership = member_in(community)
    other = member_in(community)

    with pytest.raises(PermissionDenied):
        services.promote_to_facilitator(actor=other.user, membership=membership)


def test_demoting_a_facilitator(community, owner):
    membership = member_in(community, role="facilitator")

    services.demote_facilitator(actor=owner, membership=membership)

    assert membership_of(membership.user, community).role == "member"
    assert AuditEvent.objects.filter(action="facilitator_demoted").exists()


def test_the_last_facilitator_is_never_demoted(community):
    only = member_in(community, role="facilitator")

    with pytest.raises(ValidationError) as error:
        services.demote_facilitator(actor=only.user, membership=only)

    assert error.value.code == "last_facilitator"
    assert membership_of(only.user, community).role == "facilitator"


def test_the_owner_is_not_demoted(community, owner):
    other = member_in(community, role="facilitator")

    with pytest.raises(ValidationError) as error:
        services.demote_facilitator(
            actor=other.user, membership=membership_of(owner, community)
        )

    assert error.value.code == "owner"


def test_a_facilitator_can_step_down_if_another_remains(community, owner):
    other = member_in(community, role="facilitator")

    services.demote_facilitator(actor=other.user, membership=other)

    assert not access.can_facilitate(other.user, community)


# Ownership ----------------------------------------------------------------------


def test_the_owner_hands_over_to_another_facilitator(community, owner, queries):
    successor = member_in(community, role="facilitator")

    services.transfer_ownership(actor=owner, community=community, membership=successor)

    community.refresh_from_db()
    assert community.owner == successor.user
    event = AuditEvent.objects.get(action="ownership_transferred")
    assert event.subject_email == successor.user.email
    assert owner.email in event.detail
    access.access_for(successor.user)
    with queries(0):
        services.transfer_ownership(
            actor=successor.user, community=community, membership=successor
        )


def test_ownership_goes_only_to_a_facilitator(community, owner):
    member = member_in(community)

    with pytest.raises(ValidationError) as error:
        services.transfer_ownership(actor=owner, community=community, membership=member)

    assert error.value.code == "not_facilitator"


def test_only_the_owner_hands_over(community, owner):
    other = member_in(community, role="facilitator")

    with pytest.raises(PermissionDenied):
        services.transfer_ownership(
            actor=other.user, community=community, membership=other
        )


def test_without_an_owner_any_facilitator_may_take_it_on(community):
    facilitator = member_in(community, role="facilitator")

    services.transfer_ownership(
        actor=facilitator.user, community=community, membership=facilitator
    )

    assert Community.objects.get(pk=community.pk).owner == facilitator.user


# Removing -----------------------------------------------------------------------


def test_removing_a_member_emails_them_and_is_audited(
    community, owner, django_capture_on_commit_callbacks
):
    membership = member_in(community, user__email="gone@leeds.gov.uk")
    person = membership.user
    access.access_for(person)

    with django_capture_on_commit_callbacks(execute=True):
        services.remove_member(
            actor=owner, membership=membership, message="Posting adverts."
        )

    assert not Membership.objects.filter(user=person).exists()
    assert count_of(community) == 1
    assert not access.access_for(person).is_member(community.pk)
    event = AuditEvent.objects.get(action="member_removed")
    assert (event.actor_email, event.subject_email) == (owner.email, person.email)
    assert event.detail == "with a message"  # never the text itself
    [message] = mail.outbox
    assert message.to == ["gone@leeds.gov.uk"]
    assert message.subject == "You have been removed from Heads of Planning"
    assert "Posting adverts." in message.body
    assert "Posting adverts." in message.alternatives[0][0]
    assert "http://127.0.0.1:8000/communities/" in message.body
    assert 'href="http://127.0.0.1:8000/communities/"' in message.alternatives[0][0]


def test_the_owner_and_yourself_cannot_be_removed(community, owner):
    other = member_in(community, role="facilitator")

    with pytest.raises(ValidationError) as owner_error:
        services.remove_member(
            actor=other.user, membership=membership_of(owner, community)
        )
    with pytest.raises(ValidationError) as self_error:
        services.remove_member(actor=other.user, membership=other)

    assert (owner_error.value.code, self_error.value.code) == ("owner", "self")
    assert Membership.objects.filter(community=community).count() == 2


def test_members_cannot_remove_anyone(community, owner):
    target = member_in(community)

    with pytest.raises(PermissionDenied):
        services.remove_member(actor=member_in(community).user, membership=target)


def test_removal_takes_them_out_of_sub_communities_too(community, owner):
    sub = CommunityFactory(parent=community, visibility="private")
    MembershipFactory(community=sub, user=owner, role="facilitator")
    membership = member_in(community)
    MembershipFactory(community=sub, user=membership.user)

    services.remove_member(actor=owner, membership=membership)

    assert not Membership.objects.filter(user=membership.user).exists()
    assert count_of(sub) == 1
    assert AuditEvent.objects.filter(action="member_removed").count() == 2


def test_removal_refused_if_they_are_the_last_facilitator_of_a_sub_community(
    community, owner
):
    sub = CommunityFactory(parent=community, visibility="private", name="Hidden Sub")
    membership = member_in(community)
    MembershipFactory(community=sub, user=membership.user, role="facilitator")

    with pytest.raises(ValidationError) as error:
        services.remove_member(actor=owner, membership=membership)

    # The owner is not in the private sub-community, so it is not named.
    assert "Hidden Sub" not in error.value.messages[0]
    assert Membership.objects.filter(user=membership.user).count() == 2


# Leaving ------------------------------------------------------------------------


def test_a_member_leaves(community, owner):
    membership = member_in(community)
    person = membership.user
    access.access_for(person)

    services.leave_community(actor=person, community=community)

    assert not Membership.objects.filter(user=person).exists()
    assert count_of(community) == 1
    assert not access.access_for(person).is_member(community.pk)
    event = AuditEvent.objects.get(action="member_left")
    assert event.actor_email == person.email


def test_leaving_when_not_a_member_does_nothing(community, queries):
    person = UserFactory()
    access.access_for(person)

    with queries(0):
        assert services.leave_community(actor=person, community=community) is None


def test_the_last_facilitator_cannot_leave(community):
    only = member_in(community, role="facilitator")
    member_in(community)

    with pytest.raises(ValidationError) as error:
        services.leave_community(actor=only.user, community=community)

    assert error.value.code == "last_facilitator"
    assert (
        "Make another member a facilitator before you leave"
        in (error.value.messages[0])
    )


def test_the_owner_must_transfer_before_leaving(community, owner):
    member_in(community, role="facilitator")

    with pytest.raises(ValidationError) as error:
        services.leave_community(actor=owner, community=community)

    assert error.value.code == "owner"
    assert "Transfer ownership" in error.value.messages[0]


def test_leaving_a_parent_leaves_its_sub_communities(community, owner):
    sub = CommunityFactory(parent=community)
    subsub = CommunityFactory(parent=sub)
    MembershipFactory(community=sub, user=owner, role="facilitator")
    MembershipFactory(community=subsub, user=owner, role="facilitator")
    person = member_in(community).user
    MembershipFactory(community=sub, user=person)
    MembershipFactory(community=subsub, user=person)
    unrelated = MembershipFactory(user=person).community

    services.leave_community(actor=person, community=community)

    assert list(Membership.objects.filter(user=person)) == [
        Membership.objects.get(community=unrelated, user=person)
    ]
    assert (count_of(sub), count_of(subsub)) == (1, 1)


def test_the_last_facilitator_of_a_sub_community_must_hand_over_first(community, owner):
    sub = CommunityFactory(parent=community, name="Steering Group")
    person = member_in(community).user
    MembershipFactory(community=sub, user=person, role="facilitator")

    with pytest.raises(ValidationError) as error:
        services.leave_community(actor=person, community=community)

    assert "Steering Group" in error.value.messages[0]
    assert Membership.objects.filter(user=person).count() == 2


def test_member_counts_count_active_accounts_only(community, owner):
    MembershipFactory(community=community, user__is_active=False)
    person = UserFactory()
    open_community = CommunityFactory()
    MembershipFactory(community=open_community, user__is_active=False)

    services.join_community(actor=person, community=open_community)

    assert count_of(open_community) == 1
