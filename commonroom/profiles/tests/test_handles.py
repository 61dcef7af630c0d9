import pytest

from commonroom.accounts.models import User
from commonroom.accounts.tests.factories import UserFactory
from commonroom.profiles.handles import (
    assign_handles,
    first_free,
    handle_base,
    unique_handle,
    user_ids_for_handles,
)
from commonroom.profiles.models import Profile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("full_name", "handle"),
    [
        ("Priya Shah", "priya-shah"),
        ("Siân O'Neil-Jones", "sian-oneil-jones"),
        ("  Rhodri   ap   Gwyn  ", "rhodri-ap-gwyn"),
        ("Mary_Ann Evans", "mary-ann-evans"),
        ("李小龙", "member"),
        ("", "member"),
        ("A" * 60, "a" * 34),
    ],
)
def test_the_handle_comes_from_the_full_name(full_name, handle):
    assert handle_base(full_name) == handle


def test_first_free_counts_up_from_two():
    assert first_free("priya-shah", set()) == "priya-shah"
    assert first_free("priya-shah", {"priya-shah"}) == "priya-shah-2"
    assert first_free("priya-shah", {"priya-shah", "priya-shah-2"}) == "priya-shah-3"


def test_a_new_profile_gets_a_handle_when_saved():
    user = UserFactory(full_name="Priya Shah", profile=None)

    profile = Profile.objects.create(user=user)

    profile.refresh_from_db()
    assert profile.handle == "priya-shah"


def test_namesakes_get_numbered_handles():
    first, second, third = (UserFactory(full_name="Priya Shah") for _ in range(3))

    assert [u.profile.handle for u in (first, second, third)] == [
        "priya-shah",
        "priya-shah-2",
        "priya-shah-3",
    ]


def test_a_longer_name_that_starts_the_same_does_not_clash():
    UserFactory(full_name="Priya Shahid")

    assert UserFactory(full_name="Priya Shah").profile.handle == "priya-shah"


def test_the_handle_does_not_change_with_the_name():
    user = UserFactory(full_name="Priya Shah")
    user.full_name = "Priya Shah-Evans"
    user.save()
    user.profile.job_title = "Planning Officer"
    user.profile.save()

    user.profile.refresh_from_db()
    assert user.profile.handle == "priya-shah"


def test_a_profile_saved_with_update_fields_still_stores_its_new_handle():
    profile = UserFactory(full_name="Priya Shah").profile
    Profile.objects.filter(pk=profile.pk).update(handle=None)
    profile.refresh_from_db()

    profile.job_title = "Planner"
    profile.save(update_fields=["job_title"])

    profile.refresh_from_db()
    assert (profile.handle, profile.job_title) == ("priya-shah", "Planner")


def test_unique_handle_ignores_the_profile_itself():
    profile = UserFactory(full_name="Priya Shah").profile

    assert unique_handle("Priya Shah", exclude_pk=profile.pk) == "priya-shah"
    assert unique_handle("Priya Shah") == "priya-shah-2"


def test_bulk_created_profiles_get_unique_handles_too():
    UserFactory(full_name="Priya Shah")
    users = [UserFactory(full_name=name, profile=None) for name in ["Priya Shah"] * 2]
    users.append(UserFactory(full_name="Morgan Lloyd", profile=None))

    Profile.objects.bulk_create([Profile(user=user) for user in users])

    assert sorted(Profile.objects.values_list("handle", flat=True)) == [
        "morgan-lloyd",
        "priya-shah",
        "priya-shah-2",
        "priya-shah-3",
    ]


def test_assign_handles_needs_one_query_for_many_profiles(django_assert_num_queries):
    users = [UserFactory(full_name=f"Member {n}", profile=None) for n in range(30)]
    profiles = [Profile(user=user) for user in users]

    with django_assert_num_queries(1):
        assign_handles(profiles)

    assert len({p.handle for p in profiles}) == 30


def test_only_active_approved_members_can_be_mentioned():
    priya = UserFactory(full_name="Priya Shah")
    UserFactory(full_name="Pending Person", approval_status=User.ApprovalStatus.PENDING)
    UserFactory(full_name="Gone Person", is_active=False)
    no_handle = UserFactory(full_name="No Handle")
    Profile.objects.filter(user=no_handle).update(handle=None)

    assert user_ids_for_handles(
        ["PRIYA-SHAH", "pending-person", "gone-person", "no-handle", "nobody"]
    ) == {"priya-shah": priya.pk}


def test_no_handles_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert user_ids_for_handles([]) == {}


def test_the_profile_page_shows_the_handle(client):
    viewer = UserFactory(full_name="Asha Patel")
    person = UserFactory(full_name="Priya Shah")
    client.force_login(viewer)

    other = client.get(f"/people/{person.pk}/").content.decode()
    own = client.get(f"/people/{viewer.pk}/").content.decode()

    assert '<p class="govuk-body-s commonroom-profile__handle">' in other
    assert "Mention them with @priya-shah" in other
    assert "Others can mention you with @asha-patel" in own
