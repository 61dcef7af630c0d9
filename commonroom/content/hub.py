"""The community hub's tag cloud: the tags most used on what is live in the
community. Only called for people the access kernel lets read the community."""

from django.utils.translation import gettext_lazy as _

from commonroom.communities.hub import HubSlot, register_hub_slot
from commonroom.content import selectors


@register_hub_slot(name="tag-cloud", order=90)
def tag_cloud(*, community, viewer) -> HubSlot | None:
    cloud = selectors.community_tag_cloud(viewer=viewer, community=community)
    if not cloud:
        return None
    return HubSlot(
        name="tag-cloud",
        heading=_("Tags used here"),
        template_name="content/_hub_tag_cloud.html",
        items=cloud,
        aside=True,
    )
