import io
import re
import zipfile

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from PIL import Image

from commonroom.accounts.tests.factories import UserFactory
from commonroom.communities.models import Membership
from commonroom.communities.tests.factories import CommunityFactory
from commonroom.content import attachments
from commonroom.content.attachments import (
    LIBRARY_UPLOADS,
    POST_UPLOADS,
    attach_files,
    attachments_for,
    check_upload,
    check_uploads,
    safe_filename,
)
from commonroom.content.cards import attachment_values
from commonroom.content.forms import AttachmentsField
from commonroom.content.models import Attachment
from commonroom.content.selectors import key_of
from commonroom.forums.models import Reply, Thread

OOXML = "application/vnd.openxmlformats-officedocument"


# Real, small files of each kind --------------------------------------------------


def pdf_bytes() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def image_bytes(format_: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 112, 60)).save(buffer, format_)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes], *, stored_first: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(
                stored_first, members[stored_first], compress_type=zipfile.ZIP_STORED
            )
        for name, data in members.items():
            if name != stored_first:
                archive.writestr(name, data)
    return buffer.getvalue()


CONTENT_TYPES_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def ooxml_bytes(folder: str, main_part: str) -> bytes:
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES_XML,
            "_rels/.rels": b"<Relationships/>",
            f"{folder}/{main_part}": b"<document/>",
        }
    )


def odf_bytes(media_type: str) -> bytes:
    return zip_bytes(
        {
            "mimetype": media_type.encode(),
            "content.xml": b"<office:document-content/>",
            "META-INF/manifest.xml": b"<manifest:manifest/>",
        },
        stored_first="mimetype",
    )


def ole2_bytes() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    # The browser's content type is whatever the person's computer says: ignored.
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(uploaded) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(uploaded)
    return caught.value


# Accepted ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("Enforcement policy.pdf", pdf_bytes(), "application/pdf"),
        ("site-plan.png", image_bytes("PNG"), "image/png"),
        ("photo.jpg", image_bytes("JPEG"), "image/jpeg"),
        ("photo.JPEG", image_bytes("JPEG"), "image/jpeg"),
        ("diagram.gif", image_bytes("GIF"), "image/gif"),
        ("diagram.webp", image_bytes("WEBP"), "image/webp"),
        (
            "report.docx",
            ooxml_bytes("word", "document.xml"),
            f"{OOXML}.wordprocessingml.document",
        ),
        (
            "caseload.xlsx",
            ooxml_bytes("xl", "workbook.xml"),
            f"{OOXML}.spreadsheetml.sheet",
        ),
        (
            "briefing.pptx",
            ooxml_bytes("ppt", "presentation.xml"),
            f"{OOXML}.presentationml.presentation",
        ),
        (
            "minutes.odt",
            odf_bytes("application/vnd.oasis.opendocument.text"),
            "application/vnd.oasis.opendocument.text",
        ),
        (
            "budget.ods",
            odf_bytes("application/vnd.oasis.opendocument.spreadsheet"),
            "application/vnd.oasis.opendocument.spreadsheet",
        ),
        (
            "slides.odp",
            odf_bytes("application/vnd.oasis.opendocument.presentation"),
            "application/vnd.oasis.opendocument.presentation",
        ),
        ("old letter.doc", ole2_bytes(), "application/msword"),
        ("old sheet.xls", ole2_bytes(), "application/vnd.ms-excel"),
        ("old slides.ppt", ole2_bytes(), "application/vnd.ms-powerpoint"),
        ("cases.csv", b"Council,Cases\r\nBorsetshire,12\r\n", "text/csv"),
        ("notes.txt", "Café opening: £5\tfree\n".encode(), "text/plain"),
        ("excel.csv", b"\xef\xbb\xbfCouncil,Cases\nBorsetshire,12\n", "text/csv"),
        ("windows.txt", "Caf\u00e9 \u2013 \u00a35\r\n".encode("cp1252"), "text/plain"),
    ],
)
def test_files_of_each_allowed_kind_are_recognised_by_their_content(
    name, content, media_type
):
    detected = check_upload(upload(name, content))

    assert detected.media_type == media_type


def test_text_cut_in_the_middle_of_a_character_is_still_text():
    # The first 64 KB end half way through "é".
    content = b"a" * (attachments.TEXT_SNIFF_BYTES - 1) + "é and more".encode()

    assert check_upload(upload("long.txt", content)).media_type == "text/plain"


# Refused -------------------------------------------------------------------------


def test_a_file_whose_name_lies_about_its_content_is_refused_saying_what_it_is():
    error = refusal(upload("report.pdf", image_bytes("PNG"), "application/pdf"))

    assert error.code == "wrong_extension"
    assert error.messages == [
        "“report.pdf” is not a PDF: its content is a PNG image. "
        "Save it in the right format or rename it."
    ]


def test_an_allowed_kind_with_an_unknown_extension_is_told_what_to_rename_it():
    error = refusal(upload("scan.bmp", image_bytes("PNG")))

    assert error.code == "wrong_extension"
    assert "“scan.bmp” is a PNG image" in error.messages[0]
    assert ".png" in error.messages[0]


def test_an_older_office_file_needs_an_office_extension():
    # Installers (.msi) are OLE2 files too.
    error = refusal(upload("setup.msi", ole2_bytes()))

    assert error.code == "wrong_extension"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)),
        ("page.html", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("page.txt", b"  <html><body onload='alert(1)'></body></html>"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        ("data.xml", b'<?xml version="1.0"?><data/>'),
        ("files.zip", zip_bytes({"a.txt": b"one", "b/c.bin": b"two"})),
        ("script.js", b"alert(1)\n"),
        ("run.bat", b"del /q *.*\r\n"),
    ],
)
def test_files_of_other_kinds_are_refused_listing_what_is_allowed(name, content):
    error = refusal(upload(name, content))

    assert error.code == "type_not_allowed"
    assert error.messages[0].startswith(f"“{name}”")
    assert (
        "You can attach PDF, Word (.doc, .docx), Excel (.xls, .xlsx), PowerPoint "
        "(.ppt, .pptx), OpenDocument (.odp, .ods, .odt), images (.gif, .jpeg, "
        ".jpg, .png, .webp), text (.txt) or CSV files." in error.messages[0]
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("binary.txt", b"text\x00with a NUL"),
        ("bell.csv", b"a,b\x07,c\n"),
        ("escape.txt", b"\x1b[31mred\x1b[0m"),
        ("not-really.pdf", bytes(range(256))),
    ],
)
def test_text_files_with_binary_content_are_refused(name, content):
    error = refusal(upload(name, content))

    assert error.code == "unrecognised"
    assert error.messages[0].startswith(f"“{name}” does not look like")


def test_a_zip_renamed_as_an_office_document_is_called_damaged_or_renamed():
    error = refusal(upload("report.docx", zip_bytes({"a.txt": b"not Word"})))

    assert error.code == "unrecognised"
    assert error.messages[0].startswith(
        "“report.docx” does not look like a Word document"
    )


def test_a_program_with_a_document_appended_is_refused():
    # A self-extracting archive: zipfile would find the Word document at its end.
    content = b"MZ\x90\x00" + bytes(100) + ooxml_bytes("word", "document.xml")

    assert refusal(upload("report.docx", content)).code == "unrecognised"


def test_a_zip_bomb_is_refused_without_being_unpacked():
    # 50 MB of zeros squeezed into the member OpenDocument reads.
    content = zip_bytes({"mimetype": bytes(50 * 1024 * 1024)})

    assert len(content) < 100_000
    assert refusal(upload("minutes.odt", content)).code == "unrecognised"


def test_an_empty_file_is_refused():
    error = refusal(upload("notes.txt", b""))

    assert error.code == "empty"
    assert error.messages == ["“notes.txt” is empty."]


def test_a_file_over_the_limit_is_refused_giving_both_sizes():
    error = refusal(upload("big.pdf", b"%PDF-" + bytes(25 * 1024 * 1024 - 5)))

    assert error.code == "too_large"
    assert error.messages == ["“big.pdf” is 25 MB. Files can be up to 20 MB."]


def test_the_size_limit_comes_from_settings(settings):
    settings.ATTACHMENT_MAX_BYTES = 2048

    error = refusal(upload("policy.pdf", pdf_bytes() + bytes(3000)))

    assert error.code == "too_large"
    assert error.messages[0].endswith("Files can be up to 2 KB.")


def test_more_than_five_files_are_refused_along_with_every_other_problem():
    files = [upload(f"cases-{n}.csv", b"a,b\n") for n in range(5)]
    files.append(upload("setup.exe", b"MZ" + bytes(10)))

    with pytest.raises(ValidationError) as caught:
        check_uploads(files)

    assert [error.code for error in caught.value.error_list] == [
        "too_many_files",
        "type_not_allowed",
    ]
    assert caught.value.messages[0] == "You can attach up to 5 files to one post."


# Safe file names ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\system.ini", "system.ini"),
        ("C:\\Users\\jo\\Desktop\\Plan.docx", "Plan.docx"),
        ('my "final" report.pdf', "my final report.pdf"),
        ("it's <final>.txt", "its final.txt"),
        ("`tick` | pipe?.csv", "tick pipe.csv"),
        ("evil\r\nSet-Cookie: a=b.pdf", "evil Set-Cookie a=b.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        (
            "Adroddiad blynyddol – Cyngor Gwynedd.pdf",
            "Adroddiad blynyddol – Cyngor Gwynedd.pdf",
        ),
        ("報告書.pdf", "報告書.pdf"),
        ("", "attachment"),
        ("..", "attachment"),
        (".pdf", "attachment.pdf"),
        ("  .hidden.txt  ", "hidden.txt"),
        ("a/b/", "attachment"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_safe_filename_shortens_long_names_keeping_the_extension():
    name = safe_filename("Very long " * 40 + ".xlsx")

    assert len(name) <= 100
    assert name.endswith(".xlsx")
    assert name.startswith("Very long")


def test_safe_filename_shortens_long_names_without_an_extension():
    assert safe_filename("x" * 500) == "x" * 100


# The form field -------------------------------------------------------------------


class PostForm(forms.Form):
    body = forms.CharField()
    attachments = AttachmentsField()


def test_the_field_renders_a_govuk_multiple_file_upload_with_its_hint():
    html = str(PostForm()["attachments"].as_field_group())

    assert 'class="govuk-file-upload"' in html
    assert "multiple" in html
    assert 'accept=".csv,.doc,.docx,' in html
    assert (
        "PDF, Word (.doc, .docx), Excel (.xls, .xlsx), PowerPoint (.ppt, .pptx), "
        "OpenDocument (.odp, .ods, .odt), images (.gif, .jpeg, .jpg, .png, .webp), "
        "text (.txt) or CSV; up to 20 MB each, 5 files at most."
    ) in html


@pytest.mark.parametrize("policy", [POST_UPLOADS, LIBRARY_UPLOADS])
def test_the_hint_names_exactly_the_extensions_the_file_input_accepts(policy):
    class Form(forms.Form):
        files = AttachmentsField(policy=policy)

    html = str(Form()["files"].as_field_group())
    accept = re.search(r'accept="([^"]*)"', html).group(1).split(",")
    hint = re.search(r'<div id="id_files-hint" class="govuk-hint">([^<]*)</div>', html)
    hint = hint.group(1).split(";")[0]
    named = set(re.findall(r"\.[a-z]+", hint))
    # Families named after their one extension ("PDF", "CSV", "zip").
    named |= {f".{word.lower()}" for word in re.findall(r"\b[A-Za-z]+\b", hint)} & set(
        accept
    )

    assert named == set(accept)
    # Each accepted extension is one a file is then let through with.
    assert all(policy.type_for_extension(extension) for extension in accept)


def test_the_field_accepts_several_files_and_refuses_all_bad_ones_at_once():
    good = PostForm(
        {"body": "See attached"},
        {
            "attachments": [
                upload("report.pdf", pdf_bytes()),
                upload("cases.csv", b"a,b\n"),
            ]
        },
    )
    assert good.is_valid(), good.errors
    assert [f.name for f in good.cleaned_data["attachments"]] == [
        "report.pdf",
        "cases.csv",
    ]

    bad = PostForm(
        {"body": "See attached"},
        {
            "attachments": [
                upload("report.pdf", image_bytes("PNG")),
                upload("setup.exe", b"MZ" + bytes(10)),
                upload("cases.csv", b"a,b\n"),
            ]
        },
    )
    assert not bad.is_valid()
    assert len(bad.errors["attachments"]) == 2
    # What the person wrote is still there to show again.
    assert bad["body"].value() == "See attached"
    html = str(bad["attachments"].as_field_group())
    assert "govuk-file-upload--error" in html
    assert html.count("govuk-error-message") == 2


def test_the_field_is_optional_and_gives_an_empty_list():
    form = PostForm({"body": "No files"}, {})

    assert form.is_valid()
    assert form.cleaned_data["attachments"] == []


def test_the_field_refuses_more_than_five_files():
    files = [upload(f"cases-{n}.csv", b"a,b\n") for n in range(6)]
    form = PostForm({"body": "Lots"}, {"attachments": files})

    assert not form.is_valid()
    assert form.errors["attachments"] == ["You can attach up to 5 files to one post."]


# Storing files ---------------------------------------------------------------------


@pytest.fixture
def member(db):
    community = CommunityFactory()
    user = UserFactory()
    Membership.objects.create(
        community=community, user=user, role=Membership.Role.MEMBER
    )
    return user, community


def make_thread(community, author, **fields):
    return Thread.objects.create(
        community=community,
        author=author,
        title="Temporary stop notices",
        body="How long do yours take?",
        body_html="<p>How long do yours take?</p>",
        **fields,
    )


def make_reply(thread, author, position=1):
    return Reply.objects.create(
        community=thread.community,
        thread=thread,
        author=author,
        position=position,
        body="About six weeks.",
        body_html="<p>About six weeks.</p>",
    )


@pytest.mark.django_db
def test_attach_files_stores_each_file_under_a_name_we_made(member, attachment_folder):
    user, community = member
    thread = make_thread(community, user)

    stored = attach_files(
        actor=user,
        target=thread,
        files=[
            upload("../Enforcement policy.pdf", pdf_bytes()),
            upload("cases.csv", b"Council,Cases\n"),
        ],
    )

    first, second = Attachment.objects.order_by("pk")
    assert [a.pk for a in stored] == [first.pk, second.pk]
    assert first.target == thread
    assert first.community == community
    assert first.uploaded_by == user
    assert first.original_name == "Enforcement policy.pdf"
    assert first.media_type == "application/pdf"
    assert first.size == len(pdf_bytes())
    assert second.media_type == "text/csv; charset=utf-8"
    assert first.file.name.startswith("attachments/")
    assert "Enforcement" not in first.file.name
    on_disk = attachment_folder / first.file.name
    assert on_disk.read_bytes() == pdf_bytes()


@pytest.mark.django_db
def test_attach_files_refuses_people_who_cannot_edit_the_post(member):
    user, community = member
    thread = make_thread(community, user)
    outsider = UserFactory()

    with pytest.raises(PermissionDenied):
        attach_files(
            actor=outsider, target=thread, files=[upload("a.pdf", pdf_bytes())]
        )

    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_attach_files_stores_nothing_when_any_file_is_refused(
    member, attachment_folder
):
    user, community = member
    thread = make_thread(community, user)

    with pytest.raises(ValidationError):
        attach_files(
            actor=user,
            target=thread,
            files=[upload("a.pdf", pdf_bytes()), upload("b.exe", b"MZ" + bytes(8))],
        )

    assert not Attachment.objects.exists()
    assert not attachment_folder.exists() or not any(attachment_folder.rglob("*.*"))


@pytest.mark.django_db
def test_attach_files_counts_files_already_on_the_post(member):
    user, community = member
    thread = make_thread(community, user)
    attach_files(
        actor=user,
        target=thread,
        files=[upload(f"c{n}.csv", b"a\n") for n in range(4)],
    )

    with pytest.raises(ValidationError) as caught:
        attach_files(
            actor=user,
            target=thread,
            files=[upload("d.csv", b"a\n"), upload("e.csv", b"a\n")],
        )

    assert caught.value.error_list[0].code == "too_many_files"
    assert Attachment.objects.count() == 4


@pytest.mark.django_db
def test_attach_files_with_no_files_does_nothing(member, django_assert_num_queries):
    user, community = member
    thread = make_thread(community, user)

    with django_assert_num_queries(0):
        assert attach_files(actor=user, target=thread, files=[]) == []


# Reading them back --------------------------------------------------------------------


@pytest.mark.django_db
def test_attachments_for_posts_of_several_kinds_takes_one_query(
    member, django_assert_num_queries
):
    user, community = member
    threads = [make_thread(community, user) for _ in range(3)]
    replies = [make_reply(threads[0], user, position=n) for n in (1, 2)]
    attach_files(actor=None, target=threads[0], files=[upload("a.pdf", pdf_bytes())])
    attach_files(
        actor=None,
        target=replies[1],
        files=[upload("b.csv", b"a\n"), upload("c.png", image_bytes("PNG"))],
    )
    key_of(threads[0]), key_of(replies[0])  # content types are cached

    with django_assert_num_queries(1):
        found = attachments_for([*threads, *replies, None])
        names = {
            key: [(a.original_name, a.type_label, a.download_url) for a in files]
            for key, files in found.items()
        }

    assert names[key_of(threads[0])] == [
        (
            "a.pdf",
            "PDF",
            f"/communities/{community.slug}/files/"
            f"{found[key_of(threads[0])][0].pk}/a.pdf",
        ),
    ]
    assert [n for n, _, _ in names[key_of(replies[1])]] == ["b.csv", "c.png"]
    assert [label for _, label, _ in names[key_of(replies[1])]] == ["CSV", "Image"]
    assert names[key_of(threads[1])] == []
    assert names[key_of(replies[0])] == []


def test_attachments_for_nothing_takes_no_queries(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert attachments_for([]) == {}


@pytest.mark.django_db
def test_the_list_of_files_names_each_with_its_kind_and_size(member):
    user, community = member
    thread = make_thread(community, user)
    attach_files(
        actor=None,
        target=thread,
        files=[upload("Enforcement <policy>.pdf", pdf_bytes() + bytes(1_300_000))],
    )

    html = render_to_string(
        "content/_attachments.html",
        {"attachments": attachment_values(attachments_for([thread])[key_of(thread)])},
    )

    assert '<ul class="govuk-list commonroom-attachments"' in html
    assert 'class="govuk-link"' in html
    assert "Enforcement policy.pdf (PDF, 1.2\xa0MB)" in html
    assert f"/communities/{community.slug}/files/" in html
    assert (
        render_to_string("content/_attachments.html", {"attachments": ()}).strip() == ""
    )
