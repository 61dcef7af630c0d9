import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from faker.providers.lorem.la import Provider as LatinLorem

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
    # Members' addresses are confirmed, so they are listed and counted.
    from django.db.models import Sum

    counted = Organisation.objects.aggregate(n=Sum("member_count"))["n"]
    listed = User.objects.listed().filter(profile__organisation__isnull=False)
    assert counted == listed.count() > 50
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
    # Search finds the demo straight away (search/demo.py rebuilds the index).
    from commonroom.forums.models import Thread
    from commonroom.search.models import SearchEntry
    from commonroom.search.query import parse
    from commonroom.search.selectors import search

    live = Thread.objects.live()
    assert SearchEntry.objects.filter(kind="thread").count() == live.count() > 50
    thread = live.filter(community__visibility="open").first()
    results = search(member.user, parse(thread.title))
    assert thread in [hit.obj for hit in results.hits]
    assert search(member.user, parse("Local Plan Officers")).kind_counts["community"]


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


LOREM = re.compile(
    r"\b(lorem|ipsum|dolor|dolore|consectetur|adipiscing|sed do|tempor|"
    r"incididunt|labore|magna aliqua)\b",
    re.IGNORECASE,
)
# Faker's placeholder Latin draws from this list, and most sentences it makes
# contain none of the famous words above; two of its longer words give it away.
# (Short ones such as "in", "et" and "a" are English too, and so are these.)
LATIN = {
    word
    for word in LatinLorem.word_list
    if len(word) >= 5 and word not in {"error", "minus", "culpa", "omnis"}
}


def placeholder_latin(text: str) -> list[str]:
    words = set(re.findall(r"[a-z]+", text.lower()))
    found = [match.group(0) for match in LOREM.finditer(text)]
    latin = sorted(words & LATIN)
    return found + (latin if len(latin) >= 2 else [])


def test_demo_text_reads_like_real_people_wrote_it():
    """No placeholder Latin anywhere: biographies, posts, purposes, notices,
    or any other text column of any demo row."""
    load()
    checked = 0
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
        ]
        if not fields:
            continue
        for row in model.objects.values_list("pk", *fields).iterator():
            for name, value in zip(fields, row[1:], strict=True):
                if value:
                    checked += 1
                    assert not placeholder_latin(value), (
                        f"{model.__name__}.{name} (pk {row[0]}): {value[:120]!r}"
                    )
    assert checked > 1000
    # Members describe their own work: their job and their council.
    bios = Profile.objects.exclude(bio="").select_related("organisation")
    assert bios.count() >= 50
    for profile in bios[:20]:
        assert profile.organisation.name in profile.bio
