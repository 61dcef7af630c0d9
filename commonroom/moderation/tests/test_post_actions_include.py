import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from commonroom.content.selectors import content_prefix
from commonroom.moderation import permissions

pytestmark = pytest.mark.django_db


def render(obj, kind_name, *, can_report=False, can_moderate=False, viewer_id=None):
    """The links as the post card includes them, from its plain values."""
    return render_to_string(
        "moderation/_post_actions.html",
        {
            "pk": obj.pk,
            "kind_name": kind_name,
            "content_prefix": content_prefix(obj.community.slug),
            "author_name": obj.author.full_name if obj.author else None,
            "hidden": obj.hidden_at is not None,
            "own": viewer_id is not None and obj.author_id == viewer_id,
            "can_report": can_report,
            "can_moderate": can_moderate,
        },
    )


def test_members_get_a_report_link_with_context_for_screen_readers(
    community, reply, member
):
    assert permissions.can_report_content(member, reply)
    assert not permissions.can_moderate_content(member, reply)

    html = render(reply, "reply", can_report=True)

    report_url = reverse("content-report", args=[community.slug, "reply", reply.pk])
    assert f'href="{report_url}"' in html
    assert (
        'Report<span class="govuk-visually-hidden"> this post by Arthur Dent</span>'
        in html
    )
    assert "Hide" not in html
    assert html.strip().startswith("<li>")  # items for the post's own list


def test_no_report_link_on_your_own_post_when_the_page_says_who_you_are(
    thread, author, member
):
    assert "Report" not in render(
        thread, "thread", can_report=True, viewer_id=author.pk
    )
    assert "Report" in render(thread, "thread", can_report=True, viewer_id=member.pk)


def test_facilitators_get_hide_or_restore(community, thread, facilitator):
    assert permissions.can_moderate_content(facilitator, thread)

    html = render(thread, "thread", can_report=True, can_moderate=True)
    assert reverse("content-hide", args=[community.slug, "thread", thread.pk]) in html

    thread.hidden_at = timezone.now()
    html = render(thread, "thread", can_report=True, can_moderate=True)
    assert (
        reverse("content-restore", args=[community.slug, "thread", thread.pk]) in html
    )
    assert "Report" not in html


def test_nothing_for_people_who_may_do_neither(thread, author):
    assert not permissions.can_report_content(author, thread)  # their own post

    assert render(thread, "thread").strip() == ""
