import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.profiles import services
from commonroom.profiles.models import Contact

pytestmark = pytest.mark.django_db


def test_a_member_adds_a_contact():
    member, colleague = UserFactory(), UserFactory()

    contact = services.add_contact(actor=member, contact=colleague)

    assert contact.owner == member
    assert contact.contact == colleague
    assert list(Contact.objects.values_list("owner", "contact")) == [
        (member.pk, colleague.pk)
    ]


def test_adding_twice_keeps_one_contact():
    member, colleague = UserFactory(), UserFactory()
    first = services.add_contact(actor=member, contact=colleague)

    second = services.add_contact(actor=member, contact=colleague)

    assert second.pk == first.pk
    assert Contact.objects.count() == 1


def test_nobody_can_add_themselves():
    member = UserFactory()

    with pytest.raises(ValidationError) as error:
        services.add_contact(actor=member, contact=member)

    assert error.value.messages == ["You cannot add yourself to your contacts"]
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    "contact_state",
    [{"is_active": False}, {"approval_status": User.ApprovalStatus.PENDING}],
    ids=["inactive", "pending"],
)
def test_people_who_are_not_listed_cannot_be_added(contact_state):
    member, colleague = UserFactory(), UserFactory(**contact_state)

    with pytest.raises(PermissionDenied):
        services.add_contact(actor=member, contact=colleague)


def test_people_waiting_for_approval_cannot_add_contacts():
    pending = UserFactory(approval_status=User.ApprovalStatus.PENDING)

    with pytest.raises(PermissionDenied):
        services.add_contact(actor=pending, contact=UserFactory())
