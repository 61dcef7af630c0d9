"""Demo communities: 125 believable communities of practice, with members."""

import json
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from commonroom.communities.models import Community, Membership
from commonroom.communities.services import communities as services
from commonroom.content.models import Tag
from commonroom.core.demo import DemoContext, demo_step
from commonroom.core.models import ServiceArea

COMMUNITIES = Path(__file__).parent / "data" / "demo_communities.json"


def _tags(names: list[str]) -> list[Tag]:
    tags = []
    for name in names:
        tag, _ = Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        tags.append(tag)
    return tags


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
