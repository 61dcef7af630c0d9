import pytest

from commonroom.accounts.tests.factories import UserFactory
from commonroom.profiles import services
from commonroom.profiles.models import Contact

pytestmark = pytest.mark.django_db


def test_a_member_removes_a_contact_and_only_that_one():
    member, colleague, other = UserFactory(), UserFactory(), UserFactory()
    services.add_contact(actor=member, contact=colleague)
    services.add_contact(actor=member, contact=other)
    services.add_contact(actor=colleague, contact=member)

    services.remove_contact(actor=member, contact=colleague)

    assert set(Contact.objects.values_list("owner", "contact")) == {
        (member.pk, other.pk),
        (colleague.pk, member.pk),
    }


def test_removing_someone_who_is_not_a_contact_changes_nothing():
    member, colleague = UserFactory(), UserFactory()

    services.remove_contact(actor=member, contact=colleague)
    services.remove_contact(actor=member, contact=colleague)

    assert not Contact.objects.exists()
