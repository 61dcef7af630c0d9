import pytest
from django.contrib.auth.models import AnonymousUser

from commonroom.accounts.models import User
from commonroom.accounts.querysets import listed_people_q
from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.tests.factories import MembershipFactory
from commonroom.profiles import permissions
from commonroom.profiles.models import Profile

pytestmark = pytest.mark.django_db

MY_COMMUNITIES = Profile.Privacy.MY_COMMUNITIES


@pytest.fixture
def people():
    owner = UserFactory(profile__privacy=MY_COMMUNITIES)
    community = MembershipFactory(user=owner).community
    return {
        "owner": owner,
        "visitor": AnonymousUser(),
        "member": UserFactory(),
        "community member": MembershipFactory(community=community).user,
        "platform admin": UserFactory(is_staff=True),
        "pending": UserFactory(approval_status=User.ApprovalStatus.PENDING),
    }


@pytest.mark.parametrize(
    ("who", "sees_details", "edits", "adds_as_contact"),
    [
        ("owner", True, True, False),
        ("visitor", False, False, False),
        ("member", False, False, True),
        ("community member", True, False, True),
        ("platform admin", True, False, True),
        ("pending", False, False, False),
    ],
)
def test_who_may_do_what_with_a_my_communities_profile(
    people, who, sees_details, edits, adds_as_contact
):
    owner, viewer = people["owner"], people[who]

    assert permissions.can_see_details(viewer, owner) is sees_details
    assert permissions.can_edit_profile(viewer, owner.profile) is edits
    if viewer.is_authenticated:
        assert permissions.can_add_contact(viewer, owner) is adds_as_contact
        # The annotation used for lists agrees with the single-row check.
        annotated = (
            User.objects.filter(pk=owner.pk)
            .annotate(v=permissions.details_visible_expression(viewer))
            .get()
        )
        assert annotated.v is sees_details


def test_only_active_approved_confirmed_people_are_listed():
    listed = UserFactory()
    UserFactory(is_active=False)
    UserFactory(approval_status=User.ApprovalStatus.PENDING)
    UserFactory(email_confirmed=False)

    assert list(User.objects.filter(listed_people_q())) == [listed]
    assert list(User.objects.listed()) == [listed]
