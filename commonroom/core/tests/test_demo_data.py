import io

import pytest
from django.core.management import call_command

from commonroom.accounts.models import User
from commonroom.communities.models import Community, Membership
from commonroom.organisations.models import Organisation, OrganisationDomain
from commonroom.profiles.models import Profile

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "domains": OrganisationDomain.objects.count(),
        "users": User.objects.count(),
        "profiles": Profile.objects.count(),
        "communities": Community.objects.count(),
        "memberships": Membership.objects.count(),
    }


def load(**options) -> str:
    out = io.StringIO()
    call_command("demo_data", members=60, quiet=True, stdout=out, **options)
    return out.getvalue()


def test_demo_data_is_realistic_and_safe_to_run_twice():
    load()
    first = counts()
    emails = set(User.objects.values_list("email", flat=True))

    load()

    assert counts() == first
    assert set(User.objects.values_list("email", flat=True)) == emails
    # The real list of UK councils, with their domains.
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == {choice for choice, _ in Organisation.Kind.choices}
    assert Organisation.objects.filter(kind="welsh_principal").count() == 22
    assert Organisation.objects.filter(kind="scottish_council").count() == 32
    leeds = Organisation.objects.get(name="Leeds City Council")
    assert (leeds.kind, leeds.region) == ("metropolitan", "Yorkshire and the Humber")
    assert leeds.domains.filter(domain="leeds.gov.uk").exists()
    # 110+ communities on real themes, with members and facilitators.
    assert first["communities"] >= 110
    assert Community.objects.filter(name="Local Plan Officers Network").exists()
    assert not Community.objects.filter(member_count=0).exists()
    assert Membership.objects.filter(role="facilitator").count() >= first["communities"]
    # Communities have owners, private ones exist, some have sub-communities,
    # join requests wait in restricted ones and invitations in private ones.
    from commonroom.communities.models import Invitation, MembershipRequest

    assert not Community.objects.filter(owner__isnull=True).exists()
    assert Community.objects.filter(visibility="private").count() >= 5
    assert Community.objects.filter(parent__isnull=False).exists()
    assert MembershipRequest.objects.filter(
        community__visibility="restricted", status="pending"
    ).exists()
    assert Invitation.objects.filter(community__visibility="private").exists()
    # Members have profiles at councils, with emails at their council's domain.
    member = Profile.objects.select_related("user", "organisation").first()
    domain = member.user.email.split("@")[1]
    assert member.organisation.domains.filter(domain=domain).exists()
    assert member.job_title
    # Everyone has a profile: the administrator and the people waiting too.
    assert not User.objects.filter(profile__isnull=True).exists()
    admin = User.objects.get(email="admin@commonroom.localhost")
    assert admin.profile.job_title == "Knowledge Hub Manager"
    assert User.objects.filter(approval_status="pending").count() == 6


def test_demo_data_is_the_same_every_time():
    load()
    emails = sorted(User.objects.values_list("email", flat=True))
    User.objects.all().delete()

    load()

    assert sorted(User.objects.values_list("email", flat=True)) == emails


def test_if_empty_leaves_an_existing_database_alone():
    load()
    before = counts()

    output = load(if_empty=True, seed=99)

    assert "already has data" in output
    assert counts() == before
