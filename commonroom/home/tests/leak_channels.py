"""The member home in the leak matrix: the questions it offers and the
discussions it lists as followed come only from communities the person reads.

Each channel first makes the marked content match the person (their service
area is the community's; they follow the marked thread), inside the matrix's
rolled-back savepoint, then asks for ``/``.
"""

from commonroom.communities.models import Community
from commonroom.core.models import ServiceArea
from commonroom.core.testing.leak_matrix import CONTENT, channel, may_read
from commonroom.forums.models import ThreadFollow
from commonroom.forums.tests.leak_channels import _ids, _mark
from commonroom.profiles.models import Profile


def _signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def _questions(client, world, spec):
    area = ServiceArea.objects.order_by("slug").first()
    Community.objects.filter(pk=world.communities[spec.key].pk).update(
        service_area=area
    )
    user_id = _signed_in_user_id(client)
    if user_id:
        Profile.objects.get(user_id=user_id).service_areas.set([area])
    return client.get("/")


@channel(
    name="member home: questions you could answer",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "unanswered"),
    # Visitors get the landing page. The marked question is the member's
    # own, so it is not offered to them, though it is in the discussions
    # they follow (authors follow their threads).
    extra_rule=lambda role, spec: role not in ("visitor", "member"),
    may_show=lambda role, spec: role == "member" and may_read(role, spec),
    fetch=_questions,
)
def home_questions(world, spec):
    return "/"


def _followed(client, world, spec):
    user_id = _signed_in_user_id(client)
    if user_id:
        ThreadFollow.objects.get_or_create(
            thread_id=_ids(world, spec)["thread"], user_id=user_id
        )
    return client.get("/")


@channel(
    name="member home: discussions you follow",
    level=CONTENT,
    marker=lambda world, spec: _mark(spec, "thread"),
    extra_rule=lambda role, spec: role != "visitor",
    fetch=_followed,
)
def home_followed(world, spec):
    return "/"
