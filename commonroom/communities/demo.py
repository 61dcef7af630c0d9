"""Demo communities: 125 believable communities of practice, with members."""

import json
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from commonroom.communities.models import Community, Membership
from commonroom.communities.services import communities as services
from commonroom.core.demo import DemoContext, demo_loaded_check, demo_step
from commonroom.core.models import ServiceArea
from commonroom.tags.models import Tag

COMMUNITIES = Path(__file__).parent / "data" / "demo_communities.json"


def _tags(names: list[str]) -> list[Tag]:
    tags = []
    for name in names:
        tag, _ = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        tags.append(tag)
    return tags


@demo_loaded_check
def _has_communities() -> bool:
    return Community.objects.exists()


@demo_step(order=30, name="communities")
def create_communities(ctx: DemoContext) -> None:
    entries = json.loads(COMMUNITIES.read_text(encoding="utf-8"))
    areas = {area.slug: area for area in ServiceArea.objects.all()}
    existing = {c.slug: c for c in Community.objects.all()}
    communities = []
    for entry in ctx.progress(entries, desc="Communities", total=len(entries)):
        slug = slugify(entry["name"])[:80]
        days_old = ctx.random.randint(30, 3 * 365)
        community = existing.get(slug)
        if community is None:
            community = Community(
                name=entry["name"],
                slug=slug,
                purpose=entry["purpose"],
                service_area=areas[entry["service_area"]],
                visibility=entry["visibility"],
                public_reading=entry["public_reading"],
                last_activity_at=timezone.now() - timedelta(days=days_old // 10),
            )
            community.full_clean()
            community.save()
            community.tags.set(_tags(entry["tags"]))
        communities.append(community)
    _add_members(ctx, communities)
    services.synchronize_member_counts()


def _add_members(ctx: DemoContext, communities: list[Community]) -> None:
    """Facilitators and members: people mostly join communities in their field."""
    users = list(
        get_user_model()
        .objects.filter(
            profile__isnull=False, approval_status="approved", is_staff=False
        )
        .prefetch_related("profile__service_areas")
        .order_by("email")
    )
    if not users:
        return
    by_area: dict[int, list] = {}
    for user in users:
        for area in user.profile.service_areas.all():
            by_area.setdefault(area.pk, []).append(user)
    memberships = []
    for community in communities:
        specialists = by_area.get(community.service_area_id, []) or users
        # A few large communities, many small ones, as on any real network.
        size = min(len(users) // 3, int(ctx.random.paretovariate(1.2) * 8) + 3)
        chosen = {
            u.pk: u for u in ctx.random.sample(specialists, k=min(2, len(specialists)))
        }
        facilitators = set(chosen)
        while len(chosen) < size:
            pool = specialists if ctx.random.random() < 0.6 else users
            user = ctx.random.choice(pool)
            chosen[user.pk] = user
        memberships += [
            Membership(
                community=community,
                user=user,
                role=(
                    Membership.Role.FACILITATOR
                    if user.pk in facilitators
                    else Membership.Role.MEMBER
                ),
            )
            for user in chosen.values()
        ]
    Membership.objects.bulk_create(memberships, ignore_conflicts=True, batch_size=500)


NOTICES = [
    (
        "Welcome to new members",
        "Introduce yourself in the discussions: say where you work and what you hope to get from the community.",
    ),
    (
        "Quarterly online meeting",
        "Our next online meeting is on the first Tuesday of the month at 10am. The joining link is in the events list.",
    ),
    (
        "Please keep it confidential",
        "What is shared here stays here. Ask the author before quoting anything outside the community.",
    ),
    (
        "Share your templates",
        "If you have a policy, form or template that works, add it to the library so others can reuse it.",
    ),
]
REQUEST_MESSAGES = [
    "I have just taken on this area of work at my council and would value learning from others.",
    "We are reviewing our approach this year and I would like to compare notes.",
    "",
    "My manager suggested I join; I lead on this for our authority.",
]
SUB_COMMUNITIES = [
    ("Steering Group", "private"),
    ("Task and Finish Group", "restricted"),
]


@demo_step(order=35, name="community-membership")
def create_membership_activity(ctx: DemoContext) -> None:
    """Owners, sub-communities, notices, join requests and invitations."""
    from commonroom.communities.models import Invitation, MembershipRequest, Notice
    from commonroom.communities.selectors.membership import token_digest

    User = get_user_model()
    communities = list(Community.objects.filter(parent__isnull=True).order_by("slug"))
    facilitators: dict[int, list] = {}
    for membership in (
        Membership.objects.filter(
            role=Membership.Role.FACILITATOR, community__in=communities
        )
        .select_related("user")
        .order_by("user__email")
    ):
        facilitators.setdefault(membership.community_id, []).append(membership.user)
    members: dict[int, set[int]] = {}
    for community_id, user_id in Membership.objects.values_list(
        "community_id", "user_id"
    ):
        members.setdefault(community_id, set()).add(user_id)
    people = list(
        User.objects.filter(approval_status="approved", is_staff=False).order_by(
            "email"
        )
    )

    for community in ctx.progress(communities, desc="Owners, notices, requests"):
        hosts = facilitators.get(community.pk, [])
        if hosts and community.owner_id is None:
            Community.objects.filter(pk=community.pk).update(
                owner=hosts[0], created_by=hosts[0]
            )
        if hosts and ctx.random.random() < 0.3:
            title, body = ctx.random.choice(NOTICES)
            Notice.objects.get_or_create(
                community=community,
                title=title,
                defaults={"body": body, "author": hosts[0]},
            )
        if community.visibility == Community.Visibility.RESTRICTED:
            outsiders = [
                p for p in people if p.pk not in members.get(community.pk, set())
            ]
            for person in ctx.random.sample(outsiders, k=min(3, len(outsiders))):
                MembershipRequest.objects.get_or_create(
                    community=community,
                    user=person,
                    defaults={"message": ctx.random.choice(REQUEST_MESSAGES)},
                )
        if community.visibility == Community.Visibility.PRIVATE and hosts:
            for n in range(2):
                email = f"new.officer{n + 1}.{community.slug[:20]}@leeds.gov.uk"
                Invitation.objects.get_or_create(
                    community=community,
                    email=email,
                    defaults={
                        "invited_by": hosts[0],
                        "token": token_digest(f"demo-{community.slug}-{n}"),
                        "expires_at": timezone.now() + timedelta(days=14),
                        "message": "We would value your experience in this group.",
                    },
                )

    # A few communities have a smaller working group inside them.
    for community in [c for c in communities if c.visibility != "private"][::12]:
        suffix, visibility = SUB_COMMUNITIES[community.pk % len(SUB_COMMUNITIES)]
        hosts = facilitators.get(community.pk, [])
        name = f"{community.name} {suffix}"[:80]
        sub, created = Community.objects.get_or_create(
            slug=slugify(name)[:80],
            defaults={
                "name": name,
                "parent": community,
                "purpose": f"A smaller group of {community.name} members working on "
                "shared priorities between meetings.",
                "visibility": visibility,
                "service_area_id": community.service_area_id,
                "owner": hosts[0] if hosts else None,
            },
        )
        if created:
            parent_members = sorted(members.get(community.pk, set()))
            chosen = set(
                ctx.random.sample(parent_members, k=min(6, len(parent_members)))
            )
            Membership.objects.bulk_create(
                [
                    Membership(
                        community=sub,
                        user_id=user_id,
                        role=(
                            Membership.Role.FACILITATOR
                            if user_id in {h.pk for h in hosts}
                            else Membership.Role.MEMBER
                        ),
                    )
                    for user_id in chosen | {h.pk for h in hosts}
                ],
                ignore_conflicts=True,
            )
    services.synchronize_member_counts()
