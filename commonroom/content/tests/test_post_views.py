"""The shared edit and delete pages follow the registry, for any kind."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from commonroom.communities.models import Community
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import post_views
from commonroom.content.forms import edit_form_for
from commonroom.forums.tests.factories import (
    facilitator_of,
    member_of,
    reply_to,
    start_thread,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(slug="waste")


def reply_url(reply):
    return f"/communities/waste/discussions/{reply.thread_id}/replies/{reply.pk}/"


def test_the_kinds_can_edit_decides_both_the_link_and_the_page(
    client, community, replaced_kind
):
    author = member_of(community)
    reply = reply_to(start_thread(community), author, body="Mine to change")
    client.force_login(author)
    thread_page = f"/communities/waste/discussions/{reply.thread_id}/"
    assert f'href="{reply_url(reply)}edit/"' in client.get(thread_page).content.decode()

    replaced_kind("reply", can_edit=lambda user, obj: False)

    assert f"{reply_url(reply)}edit/" not in client.get(thread_page).content.decode()
    assert f"{reply_url(reply)}delete/" in client.get(thread_page).content.decode()
    assert client.get(f"{reply_url(reply)}edit/").status_code == 403
    assert client.get(f"{reply_url(reply)}delete/").status_code == 200


def test_a_kind_without_its_own_edit_form_gets_one_from_the_shared_pieces(
    community, replaced_kind
):
    kind = replaced_kind("reply", edit_form=None)
    form = edit_form_for(kind)(data={"body": ""})
    assert list(form.fields) == ["body"]
    assert not form.is_valid()
    assert form.errors["body"] == ["Enter your message"]


def test_the_shared_edit_page_shows_the_kinds_fields_and_the_preview(
    community, replaced_kind
):
    replaced_kind("reply", edit_form=None)
    author = member_of(community)
    reply = reply_to(start_thread(community), author, body="**First** words")
    request = RequestFactory().post(
        reply_url(reply) + "edit/", {"body": "_Second_ words", "preview": "1"}
    )
    request.user = author
    request.htmx = False
    response = post_views.edit_post(
        request, reply, context={"community": community, "trail": []}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<em>Second</em> words" in page  # the preview, nothing saved yet
    assert "The version you replace is kept" in page
    reply.refresh_from_db()
    assert reply.body == "**First** words"


def test_the_shared_pages_refuse_once_the_community_is_archived(community):
    facilitator = facilitator_of(community)
    reply = reply_to(start_thread(community), facilitator)
    Community.objects.filter(pk=community.pk).update(status=Community.Status.ARCHIVED)
    reply.community.refresh_from_db()
    request = RequestFactory().get(reply_url(reply) + "edit/")
    request.user = facilitator
    with pytest.raises(PermissionDenied, match="archived"):
        post_views.edit_post(request, reply, context={"community": community})
    with pytest.raises(PermissionDenied, match="archived"):
        post_views.delete_post(
            request,
            reply,
            after_url="/",
            context={"community": community},
            template="forums/content_delete/index.html",
        )
