"""Moved content in the leak matrix.

For each community of the world, the planter starts a thread in a private
community the world never lists, gives it what a private community's
facilitators see (an earlier version, a hidden reply, a report) and moves it
into the world's community (``content.services.move_content`` through the forum's
move). The thread itself may then be read there, by the rules; what was only
for the private community's facilitators must reach nobody.

The tags planter gives each community tags on its content alone (one on a
live thread, one on a hidden thread) for the hub's and the site's tag clouds,
a topic of its own for the tag page's communities, and a member who shows
their details to fellow members only, with an expertise of their own, for the
tag page's people.
"""

from django.utils.text import slugify

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities import access
from commonroom.communities.models import Community, Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import services as content_services
from commonroom.core.testing.leak_matrix import (
    ANYONE,
    CONTENT,
    EXISTENCE,
    PERSONAL,
    channel,
    name_marker,
    planter,
)
from commonroom.forums.services import threads as forums
from commonroom.moderation import services as moderation
from commonroom.profiles.models import Profile
from commonroom.profiles.tests.leak_channels import profile_rule
from commonroom.tags.models import Tag


def _mark(spec, what: str) -> str:
    return f"leakmark-{spec.key}-moved-{what}"


def _plant(world, spec, what: str, *, readable: bool = True) -> str:
    return world.plant(
        _mark(spec, what), readable=readable and spec.status != "pending"
    )


def _nobody(role, spec) -> bool:
    return False


@planter("moved")
def plant_moved(world, spec, community):
    facilitator = world.person(spec, "facilitator")
    source = CommunityFactory(
        name=f"Former home of a moved thread ({spec.key})",
        slug=f"former-home-{spec.key}",
        visibility=Community.Visibility.PRIVATE,
    )
    Membership.objects.create(
        community=source, user=facilitator, role=Membership.Role.FACILITATOR
    )
    insider = UserFactory(
        full_name=world.plant(f"Insider of {spec.key}", readable=False),
        email=f"insider.{spec.key}@leeds.gov.uk",
    )
    Membership.objects.create(community=source, user=insider)
    access.forget(facilitator)
    thread = forums.create_thread(
        actor=facilitator,
        community=source,
        title=_mark(spec, "thread"),
        body=_plant(world, spec, "old-version", readable=False),
    )
    content_services.edit_content(
        actor=facilitator, obj=thread, changes={"body": _plant(world, spec, "body")}
    )
    hidden = forums.post_reply(
        actor=insider,
        thread=thread,
        body=_plant(world, spec, "hidden-reply", readable=False),
    )
    moderation.hide_content(actor=facilitator, obj=hidden)
    moderation.report_content(
        actor=insider,
        obj=thread,
        reason="other",
        detail=_plant(world, spec, "report", readable=False),
    )
    forums.move_thread(actor=facilitator, thread=thread, to=community)
    world.extras[("moved", spec.key)] = {"thread": thread.pk}


def _thread(world, spec) -> str:
    slug = world.communities[spec.key].slug
    return f"/communities/{slug}/discussions/{world.extras[('moved', spec.key)]['thread']}/"


@channel(
    name="moved thread: its body, in its new community",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "body"),
)
def moved_thread(world, spec):
    return _thread(world, spec)


@channel(
    name="moved thread: a reply hidden before the move",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "hidden-reply"),
    extra_rule=_nobody,
)
def moved_hidden_reply(world, spec):
    return _thread(world, spec)


@channel(
    name="moved thread: its version from before the move",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "old-version"),
    extra_rule=_nobody,
)
def moved_history(world, spec):
    slug = world.communities[spec.key].slug
    thread_id = world.extras[("moved", spec.key)]["thread"]
    return f"/communities/{slug}/content/thread/{thread_id}/history/"


@channel(
    name="moved thread: a report made before the move",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "report"),
    extra_rule=_nobody,
)
def moved_report(world, spec):
    return f"/communities/{world.communities[spec.key].slug}/reports/"


@channel(
    name="moved thread: the reporter's name",
    level=CONTENT,
    marker=lambda world, spec: f"Insider of {spec.key}",
    extra_rule=_nobody,
)
def moved_reporter(world, spec):
    return f"/communities/{world.communities[spec.key].slug}/reports/"


# Tags typed by someone else --------------------------------------------------
#
# Each community gets a thread tagged with an odd spelling. Then someone who
# belongs only to an open, publicly readable "probe" community types the same
# tag differently on a thread there. The probe thread may show the stored
# spelling only if the typist could already see it: for the open communities.


def _spelling(spec) -> str:
    return f"LeakTag-{spec.key}-Spelt"


def _typist_could_see(role, spec) -> bool:
    return spec.visibility == "open" and spec.parent is None


def _tag_page_mark(spec, what: str) -> str:
    return f"leakmark-{spec.key}-tag-page-{what}"


@planter("tags")
def plant_tags(world, spec, community):
    member = world.person(spec, "member")
    forums.create_thread(
        actor=member,
        community=community,
        title=world.plant(
            _tag_page_mark(spec, "live"), readable=spec.status != "pending"
        ),
        body="A thread with a tag.",
        tags=[
            world.plant(_spelling(spec), readable=_typist_could_see("", spec)),
            _plant_cloud(world, spec, "live"),
        ],
    )
    # The tag page lists live posts only: a hidden thread with the same tag
    # is for nobody there, facilitators included (they find it in the thread
    # list's moderation view).
    hidden = forums.create_thread(
        actor=member,
        community=community,
        title=world.plant(_tag_page_mark(spec, "hidden"), readable=False),
        body="A hidden thread with a tag.",
        tags=[_spelling(spec), _plant_cloud(world, spec, "hidden", readable=False)],
    )
    moderation.hide_content(actor=world.person(spec, "facilitator"), obj=hidden)
    probe = world.extras.get("tag probe")
    if probe is None:
        probe = world.extras["tag probe"] = CommunityFactory(
            name="Tag probe", slug="tag-probe", public_reading=True
        )
    typist = UserFactory(
        full_name=f"Typist for {spec.key}", email=f"typist.{spec.key}@leeds.gov.uk"
    )
    Membership.objects.create(community=probe, user=typist)
    thread = forums.create_thread(
        actor=typist,
        community=probe,
        title=f"Typed a tag like {spec.key}",
        body="What spelling does my tag get?",
        tags=[_spelling(spec).lower().replace("-", " ")],
    )
    world.extras[("tags", spec.key)] = thread.pk
    _plant_topic_and_expert(world, spec, community)


def _plant_cloud(world, spec, what: str, *, readable: bool = True) -> str:
    """A tag on this community's content alone, for the clouds."""
    return world.plant(
        _tag_page_mark(spec, f"cloud-{what}"),
        readable=readable and spec.status != "pending",
    )


def _plant_topic_and_expert(world, spec, community) -> None:
    """A tag that is this community's topic alone, and one that is only the
    expertise of a member who shows their details to fellow members only."""
    community.tags.add(
        Tag.objects.create(name=_tag_page_mark(spec, "topic"), slug=_topic(spec))
    )
    expert = UserFactory(
        full_name=world.plant(_tag_page_mark(spec, "expert")),
        email=f"tag.expert.{spec.key}@leeds.gov.uk",
    )
    if community.parent_id is not None:
        Membership.objects.create(community_id=community.parent_id, user=expert)
    Membership.objects.create(community=community, user=expert)
    expert.profile.privacy = Profile.Privacy.MY_COMMUNITIES
    expert.profile.save(update_fields=["privacy"])
    expert.profile.expertise.add(
        Tag.objects.create(name=f"Expertise of {spec.key}", slug=_expertise(spec))
    )


def _topic(spec) -> str:
    return f"leaktopic-{spec.key}"


def _expertise(spec) -> str:
    return f"leakexpertise-{spec.key}"


@channel(
    name="tags: a stored spelling, to someone typing the tag",
    level=PERSONAL,
    marker=lambda world, spec: _spelling(spec),
    extra_rule=_typist_could_see,
)
def typed_tag(world, spec):
    thread_id = world.extras[("tags", spec.key)]
    return f"/communities/tag-probe/discussions/{thread_id}/"


@channel(
    name="tags: the tag page lists what the reader may read",
    level=CONTENT,
    marker=lambda world, spec: _tag_page_mark(spec, "live"),
)
def tag_page(world, spec):
    return f"/tags/{slugify(_spelling(spec))}/"


@channel(
    name="tags: the tag page leaves hidden posts out",
    level=CONTENT,
    marker=lambda world, spec: _tag_page_mark(spec, "hidden"),
    extra_rule=_nobody,
)
def tag_page_hidden(world, spec):
    return f"/tags/{slugify(_spelling(spec))}/"


@channel(
    name="tags: a community's cloud, on its hub",
    level=CONTENT,
    marker=lambda world, spec: _tag_page_mark(spec, "cloud-live"),
)
def hub_cloud(world, spec):
    return f"/communities/{world.communities[spec.key].slug}/"


@channel(
    name="tags: a community's cloud leaves hidden posts out",
    level=CONTENT,
    marker=lambda world, spec: _tag_page_mark(spec, "cloud-hidden"),
    extra_rule=_nobody,
)
def hub_cloud_hidden(world, spec):
    return f"/communities/{world.communities[spec.key].slug}/"


@channel(
    name="tags: the site's cloud",
    level=CONTENT,
    marker=lambda world, spec: _tag_page_mark(spec, "cloud-live"),
)
def site_cloud(world, spec):
    return "/tags/"


@channel(
    name="tags: the site's cloud leaves hidden posts out",
    level=CONTENT,
    marker=lambda world, spec: _tag_page_mark(spec, "cloud-hidden"),
    extra_rule=_nobody,
)
def site_cloud_hidden(world, spec):
    return "/tags/"


@channel(
    name="tags: the tag page names communities with the topic",
    level=EXISTENCE,
    marker=lambda world, spec: name_marker(spec),
)
def tag_page_communities(world, spec):
    return f"/tags/{_topic(spec)}/"


@channel(
    name="tags: the tag page names people with the expertise",
    level=ANYONE,
    marker=lambda world, spec: _tag_page_mark(spec, "expert"),
    extra_rule=profile_rule,
)
def tag_page_experts(world, spec):
    return f"/tags/{_expertise(spec)}/"
