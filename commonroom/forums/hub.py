"""The forum's slots on the community hub: latest discussions, unanswered
questions. Only called for people the access kernel lets read the community."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commonroom.communities.hub import HubSlot, register_hub_slot
from commonroom.forums.selectors import threads as selectors


def _with_urls(threads, list_url: str):
    """Each thread with its address, built from the list's (no reversal each)."""
    for thread in threads:
        thread.url = f"{list_url}{thread.pk}/"
    return threads


@register_hub_slot(name="latest-discussions", order=10)
def latest_discussions(*, community, viewer) -> HubSlot:
    list_url = reverse("forum-thread-list", args=[community.slug])
    return HubSlot(
        name="latest-discussions",
        heading=_("Latest discussions"),
        template_name="forums/_hub_threads.html",
        items=_with_urls(
            selectors.latest_threads(viewer=viewer, community=community), list_url
        ),
        more_url=list_url,
        empty_text=_("No discussions yet."),
    )


@register_hub_slot(name="unanswered-questions", order=20)
def unanswered_questions(*, community, viewer) -> HubSlot:
    list_url = reverse("forum-thread-list", args=[community.slug])
    return HubSlot(
        name="unanswered-questions",
        heading=_("Unanswered questions"),
        template_name="forums/_hub_threads.html",
        items=_with_urls(
            selectors.unanswered_questions(viewer=viewer, community=community),
            list_url,
        ),
        more_url=f"{list_url}?show=unanswered",
        empty_text=_("Every question has an accepted answer."),
    )
