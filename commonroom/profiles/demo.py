"""Demo members: a few hundred people with profiles, spread across councils."""

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from commonroom.accounts.demo import ADMIN_EMAIL, PENDING
from commonroom.core.demo import DemoContext, demo_step
from commonroom.core.models import ServiceArea
from commonroom.organisations import services as organisation_services
from commonroom.organisations.models import Organisation
from commonroom.profiles.demo_bios import write_bio
from commonroom.profiles.models import Profile
from commonroom.tags.models import Tag

JOB_TITLES = Path(__file__).parent / "data" / "job_titles.json"
# Expertise tags come from the topics of the demo communities in each area.
COMMUNITIES = (
    Path(__file__).parent.parent / "communities" / "data" / "demo_communities.json"
)
DEMO_PASSWORD = "commonroom-demo"  # noqa: S105 - local demo data only, see README

# Most members work for councils; bigger councils have more of them.
KIND_WEIGHTS = {
    "county": 6,
    "unitary": 5,
    "metropolitan": 5,
    "london_borough": 4,
    "welsh_principal": 3,
    "scottish_council": 3,
    "district": 1.5,
    "other_public_body": 2,
}
ROLE_WEIGHTS = {
    Profile.RoleType.OFFICER: 60,
    Profile.RoleType.MANAGER: 25,
    Profile.RoleType.COUNCILLOR: 10,
    Profile.RoleType.PARTNER: 5,
}
COUNCILLOR_TITLES = [
    "Cabinet Member for {area}",
    "Chair of {area} Scrutiny Committee",
    "Ward Councillor",
    "Lead Member for {area}",
]


@dataclass(frozen=True)
class PlannedMember:
    email: str
    name: str
    organisation: Organisation
    role: str
    title: str
    areas: list[ServiceArea]
    expertise: list[str]
    privacy: str
    shows_presence: bool


def _ascii(text: str) -> str:
    normalised = unicodedata.normalize("NFKD", text)
    return "".join(c for c in normalised if c.isalnum() and c.isascii()).lower()


@demo_step(order=20, name="members")
def create_members(ctx: DemoContext) -> None:
    User = get_user_model()
    titles = json.loads(JOB_TITLES.read_text(encoding="utf-8"))
    topics: dict[str, list[str]] = {}
    for community in json.loads(COMMUNITIES.read_text(encoding="utf-8")):
        topics.setdefault(community["service_area"], []).extend(community["tags"])
    areas = list(ServiceArea.objects.order_by("slug"))
    organisations = list(
        Organisation.objects.prefetch_related("domains").order_by("name")
    )
    weights = [KIND_WEIGHTS.get(org.kind, 1) for org in organisations]
    password = make_password(DEMO_PASSWORD)
    existing = set(User.objects.values_list("email", flat=True))
    used: set[str] = set()

    planned: list[PlannedMember] = []
    for _ in range(ctx.members):
        organisation = ctx.random.choices(organisations, weights)[0]
        domain = sorted(d.domain for d in organisation.domains.all())[0]
        first, last = ctx.faker.first_name(), ctx.faker.last_name()
        role = ctx.random.choices(list(ROLE_WEIGHTS), list(ROLE_WEIGHTS.values()))[0]
        area = ctx.random.choice(areas)
        local = f"{_ascii(first)}.{_ascii(last)}"
        if role == Profile.RoleType.COUNCILLOR:
            local = f"cllr.{local}"
            title = ctx.random.choice(COUNCILLOR_TITLES).format(area=area.name)
        else:
            title = ctx.random.choice(titles[area.slug])
        email, n = f"{local}@{domain}", 1
        while email in used:
            n += 1
            email = f"{local}{n}@{domain}"
        used.add(email)
        extra_areas = ctx.random.sample(areas, k=ctx.random.choice([0, 0, 1, 2]))
        planned.append(
            PlannedMember(
                email=email,
                name=f"{first} {last}",
                organisation=organisation,
                role=role,
                title=title,
                areas=list({a.pk: a for a in [area, *extra_areas]}.values()),
                expertise=sorted(
                    set(
                        ctx.random.sample(topics[area.slug], k=ctx.random.randint(1, 3))
                    )
                ),
                privacy=(
                    Profile.Privacy.MY_COMMUNITIES
                    if ctx.random.random() < 0.2
                    else Profile.Privacy.ALL_MEMBERS
                ),
                shows_presence=ctx.random.random() < 0.5,
            )
        )

    new_users = [
        User(
            email=member.email,
            full_name=member.name,
            password=password,
            approval_status=User.ApprovalStatus.APPROVED,
        )
        for member in planned
        if member.email not in existing
    ]
    for user in ctx.progress(new_users, desc="Members", total=len(new_users)):
        user.save()
    users = {
        u.email: u for u in User.objects.filter(email__in=[m.email for m in planned])
    }
    has_profile = set(
        Profile.objects.filter(user__in=users.values()).values_list(
            "user_id", flat=True
        )
    )
    new = [member for member in planned if users[member.email].pk not in has_profile]
    profiles = Profile.objects.bulk_create(
        [
            Profile(
                user=users[member.email],
                organisation=member.organisation,
                role_type=member.role,
                job_title=member.title,
                bio=write_bio(
                    ctx.random,
                    role=member.role,
                    title=member.title,
                    organisation=member.organisation.name,
                    areas=[area.slug for area in member.areas],
                ),
                privacy=member.privacy,
                show_online_presence=member.shows_presence,
            )
            for member in new
        ]
    )
    Profile.service_areas.through.objects.bulk_create(
        [
            Profile.service_areas.through(profile_id=profile.pk, servicearea_id=area.pk)
            for profile, member in zip(profiles, new, strict=True)
            for area in member.areas
        ],
        ignore_conflicts=True,
    )
    tags = {
        name: Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in sorted({name for member in new for name in member.expertise})
    }
    Profile.expertise.through.objects.bulk_create(
        [
            Profile.expertise.through(profile_id=profile.pk, tag_id=tags[name].pk)
            for profile, member in zip(profiles, new, strict=True)
            for name in member.expertise
        ],
        ignore_conflicts=True,
    )
    organisation_services.synchronize_member_counts()


@demo_step(order=26, name="profiles of the administrator and applicants")
def create_account_profiles(ctx: DemoContext) -> None:
    """Profiles for the accounts accounts' demo makes: the administrator's, and
    empty ones for the people waiting for approval."""
    User = get_user_model()
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    if admin is not None:
        Profile.objects.get_or_create(
            user=admin, defaults={"job_title": "Knowledge Hub Manager"}
        )
    waiting = User.objects.filter(
        email__in=[email for _name, email, _organisation in PENDING],
        profile__isnull=True,
    )
    for user in waiting.order_by("pk"):
        Profile.objects.create(user=user)
