"""The forum's slots on the community hub: latest discussions, unanswered
questions. Only called for people the access kernel lets read the community."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commonroom.content.registry import HubSlot, register_hub_slot
from commonroom.forums.selectors import threads as selectors


@register_hub_slot(name="latest-discussions", order=10)
def latest_discussions(*, community, viewer) -> HubSlot:
    return HubSlot(
        name="latest-discussions",
        heading=_("Latest discussions"),
        template_name="forums/_hub_threads.html",
        items=selectors.latest_threads(viewer=viewer, community=community),
        more_url=reverse("forum-thread-list", args=[community.slug]),
        empty_text=_("No discussions yet."),
    )


@register_hub_slot(name="unanswered-questions", order=20)
def unanswered_questions(*, community, viewer) -> HubSlot:
    return HubSlot(
        name="unanswered-questions",
        heading=_("Unanswered questions"),
        template_name="forums/_hub_threads.html",
        items=selectors.unanswered_questions(viewer=viewer, community=community),
        more_url=reverse("forum-thread-list", args=[community.slug])
        + "?show=unanswered",
        empty_text=_("Every question has an accepted answer."),
    )
