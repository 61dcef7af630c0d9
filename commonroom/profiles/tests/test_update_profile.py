import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commonroom.accounts.tests.factories import UserFactory
from commonroom.core.models import ServiceArea
from commonroom.profiles import services
from commonroom.profiles.models import Profile
from commonroom.tags.models import Tag

pytestmark = pytest.mark.django_db


def changes(**overrides):
    return {
        "job_title": "Flood Risk Manager",
        "role_type": Profile.RoleType.MANAGER,
        "service_areas": [],
        "expertise": [],
        "bio": "I look after flood risk.",
        "privacy": Profile.Privacy.MY_COMMUNITIES,
        "show_online_presence": True,
    } | overrides


def test_a_member_updates_their_profile():
    member = UserFactory()
    areas = list(ServiceArea.objects.order_by("slug")[:2])

    profile = services.update_profile(
        actor=member,
        profile=member.profile,
        **changes(service_areas=areas, expertise=["Flood risk", "SuDS"]),
    )

    profile.refresh_from_db()
    assert profile.job_title == "Flood Risk Manager"
    assert profile.role_type == Profile.RoleType.MANAGER
    assert profile.privacy == Profile.Privacy.MY_COMMUNITIES
    assert profile.show_online_presence is True
    assert set(profile.service_areas.all()) == set(areas)
    assert sorted(t.slug for t in profile.expertise.all()) == ["flood-risk", "suds"]


def test_expertise_reuses_existing_tags_by_slug_or_name():
    existing = Tag.objects.create(name="Flood risk", slug="flood-risk")
    member = UserFactory()

    services.update_profile(
        actor=member, profile=member.profile, **changes(expertise=["FLOOD RISK"])
    )

    assert list(member.profile.expertise.all()) == [existing]
    assert Tag.objects.count() == 1


def test_expertise_replaces_what_was_there():
    member = UserFactory()
    services.update_profile(
        actor=member, profile=member.profile, **changes(expertise=["Planning"])
    )

    services.update_profile(
        actor=member, profile=member.profile, **changes(expertise=["Housing"])
    )

    assert [t.name for t in member.profile.expertise.all()] == ["Housing"]


def test_a_member_without_a_profile_gets_one():
    member = UserFactory(profile=None)
    profile = Profile(user=member)

    services.update_profile(actor=member, profile=profile, **changes())

    assert Profile.objects.get(user=member).job_title == "Flood Risk Manager"


def test_nobody_can_change_someone_elses_profile():
    member, other = UserFactory(), UserFactory()

    with pytest.raises(PermissionDenied):
        services.update_profile(actor=other, profile=member.profile, **changes())

    member.profile.refresh_from_db()
    assert member.profile.job_title == "Senior Planning Officer"


def test_values_the_model_does_not_allow_are_refused():
    member = UserFactory()

    with pytest.raises(ValidationError):
        services.update_profile(
            actor=member, profile=member.profile, **changes(privacy="everyone")
        )
