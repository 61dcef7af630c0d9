"""The administrators' pages in the leak matrix (decision 0004).

Administrators see enough of a community to approve and support it: one
waiting for approval in full; of a private one, nothing of its name or
membership; of what facilitators wrote to one person, only that they did.
The planter has each community's facilitator remove a member, invite someone,
turn a request down and ask an applicant a question, each with a marked
message, through the services (so the audit log records them).
"""

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities import access
from commonroom.communities.models import Membership, MembershipRequest
from commonroom.communities.services import invitations
from commonroom.communities.services import membership as membership_services
from commonroom.core.testing.leak_matrix import (
    ANYONE,
    channel,
    is_administrator,
    may_know_exists,
    name_marker,
    nobody,
    planter,
    purpose_marker,
)


def _mark(spec, what: str) -> str:
    return f"leakmark-{spec.key}-{what}"


def _member_email(spec) -> str:
    return f"audit-member.{spec.key}@leeds.gov.uk"


def _invitee_email(spec) -> str:
    return f"audit-invitee.{spec.key}@leeds.gov.uk"


def _new_person(community, email: str):
    person = UserFactory(email=email)
    if community.parent_id is not None:
        Membership.objects.create(community_id=community.parent_id, user=person)
    return person


@planter("audit")
def plant_audit(world, spec, community):
    facilitator = world.person(spec, "facilitator")
    access.forget(facilitator)
    removed = _new_person(
        community,
        world.plant(
            _member_email(spec), readable=may_know_exists("administrator", spec)
        ),
    )
    membership = Membership.objects.create(community=community, user=removed)
    membership_services.remove_member(
        actor=facilitator,
        membership=membership,
        message=world.plant(_mark(spec, "removal-message"), readable=False),
    )
    invitations.invite_people(
        actor=facilitator,
        community=community,
        addresses=[
            world.plant(
                _invitee_email(spec), readable=may_know_exists("administrator", spec)
            )
        ],
    )
    for what, decide in (
        ("rejection-message", membership_services.reject_request),
        ("question-message", membership_services.ask_for_more_information),
    ):
        applicant = _new_person(community, f"audit-{what}.{spec.key}@leeds.gov.uk")
        request = MembershipRequest.objects.create(
            community=community, user=applicant, message="May I join?"
        )
        decide(
            actor=facilitator,
            membership_request=request,
            message=world.plant(_mark(spec, what), readable=False),
        )


def _admin_may_know(role, spec) -> bool:
    return role == "administrator" and may_know_exists(role, spec)


def _pending_for_admin(role, spec) -> bool:
    return role == "administrator" and spec.status == "pending"


REMOVALS = "/administration/audit/?action=member_removed"


@channel(
    name="audit log: a community's name",
    level=ANYONE,
    marker=lambda world, spec: name_marker(spec),
    extra_rule=_admin_may_know,
)
def audit_name(world, spec):
    return REMOVALS


@channel(
    name="audit log: a community's members",
    level=ANYONE,
    marker=lambda world, spec: _member_email(spec),
    extra_rule=_admin_may_know,
)
def audit_member(world, spec):
    return REMOVALS


@channel(
    name="audit log: a community's invitees",
    level=ANYONE,
    marker=lambda world, spec: _invitee_email(spec),
    extra_rule=_admin_may_know,
)
def audit_invitee(world, spec):
    return "/administration/audit/?action=invitation_sent"


@channel(
    name="audit log: a removal message",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "removal-message"),
    extra_rule=nobody,
)
def audit_removal_message(world, spec):
    return REMOVALS


@channel(
    name="audit log: a rejection message",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "rejection-message"),
    extra_rule=nobody,
)
def audit_rejection_message(world, spec):
    return "/administration/audit/?action=join_rejected"


@channel(
    name="audit log: a question to an applicant",
    level=ANYONE,
    marker=lambda world, spec: _mark(spec, "question-message"),
    extra_rule=nobody,
)
def audit_question_message(world, spec):
    return "/administration/audit/?action=join_more_information"


@channel(
    name="administration: communities waiting for approval",
    level=ANYONE,
    marker=lambda world, spec: name_marker(spec),
    extra_rule=_pending_for_admin,
)
def approval_queue(world, spec):
    return "/administration/communities/"


@channel(
    name="administration: a community's approval page",
    level=ANYONE,
    marker=lambda world, spec: purpose_marker(spec),
    extra_rule=_pending_for_admin,
)
def approval_page(world, spec):
    return f"/administration/communities/{world.communities[spec.key].pk}/"


@channel(
    name="administration: the index",
    level=ANYONE,
    marker=lambda world, spec: name_marker(spec),
    extra_rule=nobody,
)
def administration_index(world, spec):
    return "/administration/"


@channel(
    name="administration: the sign-up queue",
    level=ANYONE,
    marker=lambda world, spec: "pending@example.org",
    extra_rule=is_administrator,
)
def sign_up_queue(world, spec):
    return "/administration/sign-ups/"


@channel(
    name="administration: a sign-up decision page",
    level=ANYONE,
    marker=lambda world, spec: "pending@example.org",
    extra_rule=is_administrator,
)
def sign_up_decision(world, spec):
    return f"/administration/sign-ups/{world.extras['pending_account'].pk}/"
