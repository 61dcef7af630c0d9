"""Upload policies: what each kind of content accepts as files, and the rules
each kind sets for its message (how long, whether it may be left empty).

Posts take ``POST_UPLOADS`` (what forums always took); the library will take
``LIBRARY_UPLOADS``, which adds zip files, bigger files and more of them. A zip
is told from an Office or OpenDocument file (zips too) by its directory alone:
nothing inside is ever unpacked, so a zip bomb costs nothing to check.
"""

import dataclasses
import io
import struct
import zipfile
import zlib

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.utils import translation

from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import attachments, registry
from commonroom.content.attachments import (
    DOCX,
    LIBRARY_UPLOADS,
    ODT,
    POST_UPLOADS,
    XLSX,
    ZIP,
    attach_files,
    check_upload,
    check_uploads,
)
from commonroom.content.forms import AttachmentsField, body_field, edit_form_for
from commonroom.content.models import Attachment
from commonroom.content.tests.test_attachments import (
    odf_bytes,
    ooxml_bytes,
    pdf_bytes,
    upload,
    zip_bytes,
)
from commonroom.forums.tests.factories import member_of, reply_to, start_thread

MB = 1024 * 1024
PLAIN_ZIP = zip_bytes({"minutes/march.txt": b"Minutes", "photos/site.txt": b"Site"})
EXACT = (
    "PDF, Word (.doc, .docx), Excel (.xls, .xlsx), PowerPoint (.ppt, .pptx), "
    "OpenDocument (.odp, .ods, .odt), images (.gif, .jpeg, .jpg, .png, .webp), "
    "text (.txt)"
)
POST_TYPES = f"{EXACT} or CSV"
LIBRARY_TYPES = f"{EXACT}, CSV or zip"


class CountingFile(io.BytesIO):
    """A file that counts how many of its bytes were read."""

    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data


def counted_upload(name: str, content: bytes, *, size: int | None = None):
    """An upload of ``content`` that counts what is read of it; ``size`` is
    what the upload says it weighs (Django sets it from the bytes received)."""
    file = CountingFile(content)
    uploaded = InMemoryUploadedFile(
        file,
        "attachments",
        name,
        "application/octet-stream",
        len(content) if size is None else size,
        None,
    )
    return uploaded, file


def zeros_zip(names: list[str], member_size: int) -> bytes:
    """A real zip whose every member is ``member_size`` zeros, deflated.

    Built by hand so that the members share one compressed stream: a zip
    bomb of hundreds of megabytes costs the test a few milliseconds.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(member_size)
    data = compressor.compress(zeros) + compressor.flush()
    crc = zlib.crc32(zeros)
    out, directory = bytearray(), bytearray()
    for name in names:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<4s5H3L2H",
            *(b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data), member_size),
            *(len(encoded), 0),
        )
        out += encoded + data
        directory += struct.pack(
            "<4s6H3L5H2L",
            *(b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(data), member_size),
            *(len(encoded), 0, 0, 0, 0, 0, offset),
        )
        directory += encoded
    start = len(out)
    out += directory
    out += struct.pack(
        "<4s4H2LH",
        b"PK\x05\x06",
        0,
        0,
        len(names),
        len(names),
        len(directory),
        start,
        0,
    )
    return bytes(out)


def refusal(uploaded, policy) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(uploaded, policy)
    return caught.value


# Zip files -------------------------------------------------------------------------


def test_a_zip_is_accepted_where_the_policy_takes_zips():
    detected = check_upload(
        upload("Planning committee papers.zip", PLAIN_ZIP), LIBRARY_UPLOADS
    )

    assert detected is ZIP
    assert attachments.type_label(detected.media_type) == "Zip file"


def test_a_zip_is_refused_on_posts_saying_to_attach_what_is_inside():
    error = refusal(upload("Planning committee papers.zip", PLAIN_ZIP), POST_UPLOADS)

    assert error.code == "type_not_allowed"
    assert error.messages == [
        "“Planning committee papers.zip” is a zip file, which can’t be attached. "
        f"Attach the files inside it instead. You can attach {POST_TYPES} files."
    ]
    # Without a policy, posts' is the one checked.
    with pytest.raises(ValidationError) as caught:
        check_upload(upload("Planning committee papers.zip", PLAIN_ZIP))
    assert caught.value.messages == error.messages


@pytest.mark.parametrize(
    "policy", [POST_UPLOADS, LIBRARY_UPLOADS], ids=["post", "library"]
)
@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("report.docx", ooxml_bytes("word", "document.xml"), DOCX),
        ("caseload.xlsx", ooxml_bytes("xl", "workbook.xml"), XLSX),
        ("minutes.odt", odf_bytes("application/vnd.oasis.opendocument.text"), ODT),
    ],
)
def test_office_and_opendocument_files_are_not_taken_for_zips(
    policy, name, content, expected
):
    assert content.startswith(b"PK\x03\x04")  # a zip, underneath

    assert check_upload(upload(name, content), policy) is expected


def test_a_word_document_named_as_a_zip_is_told_what_it_is():
    error = refusal(
        upload("report.zip", ooxml_bytes("word", "document.xml")), LIBRARY_UPLOADS
    )

    assert error.code == "wrong_extension"
    assert error.messages == [
        "“report.zip” is not a zip file: its content is a Word document. "
        "Save it in the right format or rename it."
    ]


def test_a_zip_named_as_a_pdf_is_refused_naming_the_file():
    error = refusal(upload("Local plan.pdf", PLAIN_ZIP), LIBRARY_UPLOADS)

    assert error.code == "wrong_extension"
    assert error.messages == [
        "“Local plan.pdf” is not a PDF: its content is a zip file. "
        "Save it in the right format or rename it."
    ]


def test_a_zip_without_an_extension_is_told_to_end_in_zip():
    error = refusal(upload("Site photos", PLAIN_ZIP), LIBRARY_UPLOADS)

    assert error.code == "wrong_extension"
    assert error.messages == [
        "“Site photos” is a zip file, so its name should end in .zip. "
        "Rename it and try again."
    ]


@pytest.mark.parametrize("name", ["plugin.jar", "book.epub", "app.apk"])
def test_other_kinds_of_zip_are_not_told_to_be_renamed(name):
    error = refusal(upload(name, PLAIN_ZIP), LIBRARY_UPLOADS)

    assert error.code == "type_not_allowed"
    assert error.messages == [
        f"“{name}” is not a type of file you can attach. "
        f"You can attach {LIBRARY_TYPES} files."
    ]


def test_bytes_that_only_start_like_a_zip_are_not_a_zip():
    damaged = PLAIN_ZIP[: len(PLAIN_ZIP) // 2]  # no directory at the end

    error = refusal(upload("papers.zip", damaged), LIBRARY_UPLOADS)

    assert error.code == "unrecognised"
    assert error.messages[0].startswith(
        "“papers.zip” does not look like a zip file: it may be damaged"
    )
    # On a post, a zip all the same, damaged or not.
    assert (
        refusal(upload("papers.zip", damaged), POST_UPLOADS)
        .messages[0]
        .startswith("“papers.zip” is a zip file, which can’t be attached.")
    )


# Zip bombs -------------------------------------------------------------------------


ZIP_BOMB = zeros_zip([f"part-{n}.bin" for n in range(20)], 10 * MB)
DOCX_BOMB = zeros_zip(["[Content_Types].xml", "word/document.xml"], 100 * MB)


def test_the_zip_bombs_are_real():
    with zipfile.ZipFile(io.BytesIO(ZIP_BOMB)) as archive:
        assert sum(info.file_size for info in archive.infolist()) == 200 * MB
        with archive.open("part-3.bin") as member:
            assert member.read(4096) == bytes(4096)
    assert len(ZIP_BOMB) < 300_000


@pytest.mark.parametrize(
    ("policy", "accepted"), [(LIBRARY_UPLOADS, True), (POST_UPLOADS, False)]
)
def test_a_zip_bomb_is_checked_from_its_directory_alone(policy, accepted):
    uploaded, file = counted_upload("bomb.zip", ZIP_BOMB)

    if accepted:
        assert check_upload(uploaded, policy) is ZIP
    else:
        assert refusal(uploaded, policy).code == "type_not_allowed"
    # The first bytes and the directory at the end: not even the compressed
    # members were read, let alone unpacked.
    assert file.bytes_read < 100_000 < len(ZIP_BOMB) // 2


@pytest.mark.parametrize(
    "policy", [POST_UPLOADS, LIBRARY_UPLOADS], ids=["post", "library"]
)
def test_a_word_document_bomb_is_known_by_its_names_without_unpacking(policy):
    uploaded, file = counted_upload("report.docx", DOCX_BOMB)

    assert check_upload(uploaded, policy) is DOCX
    assert file.bytes_read < 100_000 < len(DOCX_BOMB)


def test_a_zip_listing_too_many_files_is_not_looked_into(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ZIP_MEMBERS", 3)
    content = zeros_zip([f"photo-{n}.txt" for n in range(4)], 10)

    error = refusal(upload("photos.zip", content), LIBRARY_UPLOADS)
    assert error.code == "unrecognised"
    assert error.messages == [
        "“photos.zip” holds more than 3 files, too many to check. "
        "Split it into smaller zip files."
    ]
    # On a post it is a zip all the same, which posts do not take.
    assert (
        refusal(upload("photos.zip", content), POST_UPLOADS)
        .messages[0]
        .startswith("“photos.zip” is a zip file, which can’t be attached.")
    )
    assert check_upload(
        upload("photos.zip", zeros_zip(["a", "b"], 10)), LIBRARY_UPLOADS
    )


# Sizes and counts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "size", "message"),
    [
        (POST_UPLOADS, 25 * MB, "“big.pdf” is 25 MB. Files can be up to 20 MB."),
        (LIBRARY_UPLOADS, 101 * MB, "“big.pdf” is 101 MB. Files can be up to 100 MB."),
    ],
    ids=["post", "library"],
)
def test_a_file_over_the_policys_limit_is_refused_with_its_numbers(
    policy, size, message
):
    uploaded, _ = counted_upload("big.pdf", pdf_bytes(), size=size)

    error = refusal(uploaded, policy)

    assert error.code == "too_large"
    assert error.messages == [message]


def test_the_library_takes_files_too_big_for_a_post():
    uploaded, _ = counted_upload("big.pdf", pdf_bytes(), size=25 * MB)

    assert check_upload(uploaded, LIBRARY_UPLOADS).key == "pdf"


@pytest.mark.parametrize(
    ("policy", "allowed", "message"),
    [
        (POST_UPLOADS, 5, "You can attach up to 5 files to one post."),
        (LIBRARY_UPLOADS, 10, "You can attach up to 10 files to one post."),
    ],
    ids=["post", "library"],
)
def test_too_many_files_are_refused_with_the_policys_number(policy, allowed, message):
    files = [upload(f"cases-{n}.csv", b"a,b\n") for n in range(allowed)]
    assert len(check_uploads(files, policy=policy)) == allowed

    with pytest.raises(ValidationError) as caught:
        check_uploads([*files, upload("one-more.csv", b"a\n")], policy=policy)

    assert [e.code for e in caught.value.error_list] == ["too_many_files"]
    assert caught.value.messages == [message]


def test_the_post_limit_still_comes_from_settings(settings):
    settings.ATTACHMENT_MAX_BYTES = 2048

    assert POST_UPLOADS.byte_limit() == 2048
    assert LIBRARY_UPLOADS.byte_limit() == 100 * MB


# The field -------------------------------------------------------------------------


class LibraryForm(forms.Form):
    files = AttachmentsField(policy=LIBRARY_UPLOADS)


def test_the_field_hint_and_accept_list_come_from_its_policy():
    html = str(LibraryForm()["files"].as_field_group())

    assert f"{LIBRARY_TYPES}; up to 100 MB each, 10 files at most." in html
    assert 'accept=".csv,.doc,.docx,' in html
    assert ".xlsx,.zip" in html


def test_the_post_hint_and_accept_list_are_unchanged():
    field = AttachmentsField()

    assert str(field.help_text) == f"{POST_TYPES}; up to 20 MB each, 5 files at most."
    assert ".zip" not in field.widget.attrs["accept"]
    with translation.override("cy"):
        assert POST_UPLOADS.types_text() == (
            "PDF, Word (.doc, .docx), Excel (.xls, .xlsx), PowerPoint (.ppt, .pptx), "
            "OpenDocument (.odp, .ods, .odt), delweddau (.gif, .jpeg, .jpg, .png, "
            ".webp), testun (.txt) neu CSV"
        )
        assert LIBRARY_UPLOADS.types_text().endswith("testun (.txt), CSV neu zip")


def test_the_field_checks_files_against_its_policy():
    library = LibraryForm({}, {"files": [upload("papers.zip", PLAIN_ZIP)]})
    assert library.is_valid(), library.errors

    class PostForm(forms.Form):
        files = AttachmentsField()

    post = PostForm({}, {"files": [upload("papers.zip", PLAIN_ZIP)]})
    assert not post.is_valid()
    assert post.errors["files"][0].startswith("“papers.zip” is a zip file")


# attach_files follows the kind ------------------------------------------------------


@pytest.mark.django_db
def test_attach_files_checks_against_the_targets_kind(replaced_kind, attachment_folder):
    community = CommunityFactory()
    author = member_of(community)
    reply = reply_to(start_thread(community), author)

    with pytest.raises(ValidationError) as caught:
        attach_files(
            actor=author, target=reply, files=[upload("papers.zip", PLAIN_ZIP)]
        )
    assert caught.value.error_list[0].code == "type_not_allowed"
    assert not Attachment.objects.exists()

    replaced_kind("reply", upload_policy=LIBRARY_UPLOADS)
    [stored] = attach_files(
        actor=author, target=reply, files=[upload("papers.zip", PLAIN_ZIP)]
    )

    assert stored.media_type == "application/zip"
    assert stored.original_name == "papers.zip"


# The message's rules, per kind ------------------------------------------------------


def reply_url(reply) -> str:
    return (
        f"/communities/{reply.community.slug}/discussions/{reply.thread_id}"
        f"/replies/{reply.pk}/edit/"
    )


@pytest.fixture
def short_replies(replaced_kind):
    """Replies that may be 50 characters at most, edited with the shared form."""
    return replaced_kind("reply", edit_form=None, body_max_length=50)


@pytest.mark.django_db
def test_a_kinds_short_limit_refuses_a_long_edit_keeping_the_text(
    client, short_replies
):
    community = CommunityFactory()
    author = member_of(community)
    reply = reply_to(start_thread(community), author, body="Short and sweet")
    client.force_login(author)
    text = "We checked council tax records and found sixty HMOs this way"
    assert len(text) == 60

    response = client.post(reply_url(reply), {"body": text})

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Your message is 60 characters long. Shorten it to 50 characters or fewer."
        in page
    )
    assert f"{text}</textarea>" in page  # all 60 characters, to shorten
    assert "data-hx-vals='{\"limit\": 50}'" in page  # the live preview knows it too
    reply.refresh_from_db()
    assert reply.body == "Short and sweet"
    # Within the limit, it is saved.
    client.post(reply_url(reply), {"body": text[:50]})
    reply.refresh_from_db()
    assert reply.body == text[:50]


@pytest.mark.django_db
def test_a_preview_of_a_message_too_long_for_the_kind_says_so(client, short_replies):
    community = CommunityFactory()
    author = member_of(community)
    reply = reply_to(start_thread(community), author, body="Short and sweet")
    client.force_login(author)
    text = "**Bold** " + "y" * 51

    response = client.post(reply_url(reply), {"body": text, "preview": "1"})

    page = response.content.decode()
    assert "Your message is 60 characters long. Shorten it to 50" in page
    assert "<strong>Bold</strong>" not in page  # no preview of it
    assert f"{text}</textarea>" in page
    reply.refresh_from_db()
    assert reply.body == "Short and sweet"


@pytest.mark.django_db
def test_previewing_never_saves_even_an_empty_message(client, replaced_kind):
    replaced_kind("reply", edit_form=None, body_required=False)
    community = CommunityFactory()
    author = member_of(community)
    reply = reply_to(start_thread(community), author, body="Keep me")
    client.force_login(author)

    response = client.post(reply_url(reply), {"body": "", "preview": "1"})

    assert response.status_code == 200
    reply.refresh_from_db()
    assert reply.body == "Keep me"


def test_a_kind_whose_message_is_optional_accepts_an_empty_one(replaced_kind):
    optional = replaced_kind("reply", edit_form=None, body_required=False)
    required = registry._kinds["thread"]

    assert edit_form_for(optional)(data={"body": ""}).is_valid()

    class ThreadBody(forms.Form):
        body = body_field("Message", kind=required)

    form = ThreadBody(data={"body": ""})
    assert not form.is_valid()
    assert form.errors["body"] == ["Enter your message"]


def test_the_body_field_follows_the_kinds_limit(replaced_kind):
    short = replaced_kind("reply", body_max_length=50)

    class Short(forms.Form):
        body = body_field("Message", kind=short)

    assert Short(data={"body": "z" * 50}).is_valid()
    form = Short(data={"body": "z" * 60})
    assert form.errors["body"] == [
        "Your message is 60 characters long. Shorten it to 50 characters or fewer."
    ]
    # Nothing is cut short in the browser: the server says how long it is.
    assert "maxlength" not in str(form["body"])


def test_a_kind_cannot_allow_more_than_the_database_keeps():
    with pytest.raises(ImproperlyConfigured, match="body_max_length"):
        dataclasses.replace(registry._kinds["reply"], body_max_length=20_001)
