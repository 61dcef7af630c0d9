import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Community, Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content.attachments import attach_files, download_url
from commonroom.forums.models import Reply, Thread

pytestmark = pytest.mark.django_db

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def member_of(community, role=Membership.Role.MEMBER):
    user = UserFactory()
    Membership.objects.create(community=community, user=user, role=role)
    return user


def post_in(community, **fields):
    return Thread.objects.create(
        community=community,
        author=None,
        title="Section 215 notices",
        body="Our template is attached.",
        body_html="<p>Our template is attached.</p>",
        **fields,
    )


def attachment_on(post, name="Section 215 template.pdf", content=PDF):
    (attachment,) = attach_files(
        actor=None, target=post, files=[SimpleUploadedFile(name, content)]
    )
    return attachment


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def policy_of(response) -> set[str]:
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def test_a_member_of_a_private_community_downloads_the_file(client):
    community = CommunityFactory(visibility=Community.Visibility.PRIVATE)
    attachment = attachment_on(post_in(community))
    client.force_login(member_of(community))

    response = client.get(download_url(attachment))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Section 215 template.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert policy_of(response) == {"sandbox", "default-src 'none'"}
    assert response["Content-Length"] == str(len(PDF))
    assert body_of(response) == PDF


def test_the_download_address_ends_in_the_file_name(client):
    community = CommunityFactory()
    attachment = attachment_on(post_in(community))

    assert download_url(attachment) == (
        f"/communities/{community.slug}/files/{attachment.pk}/"
        "Section%20215%20template.pdf"
    )


def test_a_name_in_any_script_is_sent_safely(client):
    community = CommunityFactory()
    attachment = attachment_on(
        post_in(community), name='Adroddiad "terfynol"\r\n – Gŵyl.pdf'
    )
    client.force_login(member_of(community))

    response = client.get(download_url(attachment))

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "Adroddiad%20terfynol%20%E2%80%93%20G%C5%B5yl.pdf" in disposition
    assert "\r" not in disposition and "\n" not in disposition


def test_images_are_downloaded_too_not_shown(client):
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "PNG")
    community = CommunityFactory()
    attachment = attachment_on(post_in(community), "plan.png", buffer.getvalue())
    client.force_login(member_of(community))

    response = client.get(download_url(attachment))

    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")


def test_text_is_sent_with_its_encoding(client):
    community = CommunityFactory()
    attachment = attachment_on(post_in(community), "cases.csv", b"a,b\n1,2\n")
    client.force_login(member_of(community))

    response = client.get(download_url(attachment))

    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_someone_outside_a_private_community_is_told_it_is_not_found(client):
    community = CommunityFactory(visibility=Community.Visibility.PRIVATE)
    attachment = attachment_on(post_in(community))
    client.force_login(UserFactory())

    assert client.get(download_url(attachment)).status_code == 404


def test_a_visitor_to_a_private_community_is_told_it_is_not_found(client):
    community = CommunityFactory(visibility=Community.Visibility.PRIVATE)
    attachment = attachment_on(post_in(community))

    assert client.get(download_url(attachment)).status_code == 404


def test_a_non_member_of_a_restricted_community_is_refused(client):
    community = CommunityFactory(visibility=Community.Visibility.RESTRICTED)
    attachment = attachment_on(post_in(community))
    client.force_login(UserFactory())

    response = client.get(download_url(attachment))

    assert response.status_code == 403
    assert b"Only members of this community" in response.content


def test_a_signed_in_non_member_downloads_from_an_open_community(client):
    community = CommunityFactory(visibility=Community.Visibility.OPEN)
    attachment = attachment_on(post_in(community))
    client.force_login(UserFactory())

    assert client.get(download_url(attachment)).status_code == 200


def test_a_visitor_downloads_from_an_open_community_that_visitors_can_read(client):
    community = CommunityFactory(public_reading=True)
    attachment = attachment_on(post_in(community))

    response = client.get(download_url(attachment))

    assert response.status_code == 200
    assert body_of(response) == PDF


def test_a_visitor_is_asked_to_sign_in_where_only_members_can_read(client):
    community = CommunityFactory(public_reading=False)
    attachment = attachment_on(post_in(community))

    response = client.get(download_url(attachment))

    # An open community is listed, so its existence is no secret: the visitor
    # is sent to sign in, and back to the file afterwards.
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/communities/")
    assert not b"".join(getattr(response, "streaming_content", [b""]))


def test_the_file_of_a_deleted_post_is_not_found(client):
    community = CommunityFactory()
    attachment = attachment_on(post_in(community, deleted_at=timezone.now()))
    client.force_login(member_of(community, Membership.Role.FACILITATOR))

    assert client.get(download_url(attachment)).status_code == 404


def test_the_file_of_a_hidden_post_is_only_for_facilitators(client):
    community = CommunityFactory()
    attachment = attachment_on(post_in(community, hidden_at=timezone.now()))

    client.force_login(member_of(community))
    assert client.get(download_url(attachment)).status_code == 404

    client.force_login(member_of(community, Membership.Role.FACILITATOR))
    assert client.get(download_url(attachment)).status_code == 200


def test_the_file_of_a_reply_in_a_hidden_thread_is_only_for_facilitators(client):
    community = CommunityFactory()
    thread = post_in(community, hidden_at=timezone.now())
    reply = Reply.objects.create(
        community=community,
        thread=thread,
        position=1,
        body="Here is ours.",
        body_html="<p>Here is ours.</p>",
    )
    attachment = attachment_on(reply)

    client.force_login(member_of(community))
    assert client.get(download_url(attachment)).status_code == 404

    client.force_login(member_of(community, Membership.Role.FACILITATOR))
    assert client.get(download_url(attachment)).status_code == 200


def test_the_file_of_a_reply_in_a_deleted_thread_is_not_found(client):
    community = CommunityFactory()
    thread = post_in(community, deleted_at=timezone.now())
    reply = Reply.objects.create(
        community=community, thread=thread, position=1, body="x", body_html="x"
    )
    attachment = attachment_on(reply)
    client.force_login(member_of(community, Membership.Role.FACILITATOR))

    assert client.get(download_url(attachment)).status_code == 404


def test_a_file_asked_for_under_another_community_is_not_found(client):
    community = CommunityFactory()
    other = CommunityFactory()
    attachment = attachment_on(post_in(community))
    user = member_of(community)
    Membership.objects.create(community=other, user=user)
    client.force_login(user)

    response = client.get(
        f"/communities/{other.slug}/files/{attachment.pk}/{attachment.original_name}"
    )

    assert response.status_code == 404


def test_an_unknown_file_is_not_found(client):
    community = CommunityFactory()
    client.force_login(member_of(community))

    assert (
        client.get(f"/communities/{community.slug}/files/999/x.pdf").status_code == 404
    )


def test_the_name_in_the_address_does_not_matter(client):
    community = CommunityFactory()
    attachment = attachment_on(post_in(community))
    client.force_login(member_of(community))

    response = client.get(
        f"/communities/{community.slug}/files/{attachment.pk}/other.html"
    )

    assert response.status_code == 200
    assert 'filename="Section 215 template.pdf"' in response["Content-Disposition"]


def test_only_reading_is_allowed(client):
    community = CommunityFactory()
    attachment = attachment_on(post_in(community))
    client.force_login(member_of(community))

    assert client.post(download_url(attachment)).status_code == 405
    assert client.head(download_url(attachment)).status_code == 200


def test_a_file_missing_from_storage_is_not_found(client):
    community = CommunityFactory()
    attachment = attachment_on(post_in(community))
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(member_of(community))

    assert client.get(download_url(attachment)).status_code == 404
