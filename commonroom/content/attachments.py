"""Files attached to posts: checked by content, stored under names we make.

A file is accepted only when its first bytes show it is one of the kinds people
in councils share (PDF, Office and OpenDocument files, images, plain text and
CSV) *and* its name ends in an extension that agrees. Nothing here trusts the
browser's content type or the person's file name: the name is cleaned and kept
for display and downloads only, and the file is stored under a random name in
the "attachments" storage, which lives outside ``MEDIA_ROOT`` so that the only
way to read a file is the download view, through the access kernel.

What is accepted, how big and how many, is an ``UploadPolicy``: each kind of
content has one (``ContentKind.upload_policy``). Posts take ``POST_UPLOADS``;
the library will take ``LIBRARY_UPLOADS``, which also accepts zip files.

Every refusal is a ``ValidationError`` naming the file and saying why, with a
code a caller can test: ``empty``, ``too_large``, ``too_many_files``,
``type_not_allowed``, ``wrong_extension`` or ``unrecognised``.
"""

import codecs
import math
import re
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from commonroom.core.prepared import PreparedQuery, by_content_type, items_condition

MAX_FILES_PER_POST = 5
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# How much of a file decides whether it is plain text.
TEXT_SNIFF_BYTES = 64 * 1024
MAX_FILENAME_LENGTH = 100
FALLBACK_FILENAME = "attachment"
STORAGE_ALIAS = "attachments"


def storage_name() -> str:
    """A name for a stored file that says nothing about the person's file."""
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


# Storage -----------------------------------------------------------------------


class _AttachmentStorage(LazyObject):
    """``storages["attachments"]``, looked up again when STORAGES changes.

    ``FileField`` resolves its storage once, when the model is defined; this
    proxy lets tests point the alias at a temporary folder with
    ``settings.STORAGES = {...}``, as ``default_storage`` does for "default".
    """

    def _setup(self):
        self._wrapped = storages[STORAGE_ALIAS]


_storage = _AttachmentStorage()


@receiver(setting_changed)
def _forget_storage(*, setting, **kwargs) -> None:
    if setting == "STORAGES":
        _storage._wrapped = empty


def attachment_storage():
    """The storage ``Attachment.file`` uses (a callable, so migrations stay put)."""
    return _storage


# Kinds of file -----------------------------------------------------------------


@dataclass(frozen=True)
class DetectedType:
    """A kind of file we accept, as its content shows it to be.

    ``label`` names it in lists of files ("PDF", "Word document");
    ``description`` names it in sentences ("a PNG image"); ``group`` names the
    family it belongs to in the hint under a file field ("Word", "images").
    """

    key: str
    media_type: str
    extensions: tuple[str, ...]
    label: str
    description: str
    group: str = ""


def _type(key, media_type, extensions, label, description, group) -> DetectedType:
    return DetectedType(key, media_type, tuple(extensions), label, description, group)


# The families the hint under a file field lists, in the order it lists them.
_PDF_GROUP = gettext_lazy("PDF")
_WORD_GROUP = gettext_lazy("Word")
_EXCEL_GROUP = gettext_lazy("Excel")
_POWERPOINT_GROUP = gettext_lazy("PowerPoint")
_ODF_GROUP = gettext_lazy("OpenDocument")
_IMAGE_GROUP = gettext_lazy("images")
_TEXT_GROUP = gettext_lazy("text")
_CSV_GROUP = gettext_lazy("CSV")
_ZIP_GROUP = gettext_lazy("zip")


_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"

PDF = _type(
    "pdf",
    "application/pdf",
    [".pdf"],
    gettext_lazy("PDF"),
    gettext_lazy("a PDF"),
    _PDF_GROUP,
)
PNG = _type(
    "png",
    "image/png",
    [".png"],
    gettext_lazy("Image"),
    gettext_lazy("a PNG image"),
    _IMAGE_GROUP,
)
JPEG = _type(
    "jpeg",
    "image/jpeg",
    [".jpg", ".jpeg"],
    gettext_lazy("Image"),
    gettext_lazy("a JPEG image"),
    _IMAGE_GROUP,
)
GIF = _type(
    "gif",
    "image/gif",
    [".gif"],
    gettext_lazy("Image"),
    gettext_lazy("a GIF image"),
    _IMAGE_GROUP,
)
WEBP = _type(
    "webp",
    "image/webp",
    [".webp"],
    gettext_lazy("Image"),
    gettext_lazy("a WebP image"),
    _IMAGE_GROUP,
)
DOCX = _type(
    "docx",
    f"{_OOXML}.wordprocessingml.document",
    [".docx"],
    gettext_lazy("Word document"),
    gettext_lazy("a Word document"),
    _WORD_GROUP,
)
XLSX = _type(
    "xlsx",
    f"{_OOXML}.spreadsheetml.sheet",
    [".xlsx"],
    gettext_lazy("Excel spreadsheet"),
    gettext_lazy("an Excel spreadsheet"),
    _EXCEL_GROUP,
)
PPTX = _type(
    "pptx",
    f"{_OOXML}.presentationml.presentation",
    [".pptx"],
    gettext_lazy("PowerPoint presentation"),
    gettext_lazy("a PowerPoint presentation"),
    _POWERPOINT_GROUP,
)
ODT = _type(
    "odt",
    f"{_ODF}.text",
    [".odt"],
    gettext_lazy("OpenDocument text"),
    gettext_lazy("an OpenDocument text document"),
    _ODF_GROUP,
)
ODS = _type(
    "ods",
    f"{_ODF}.spreadsheet",
    [".ods"],
    gettext_lazy("OpenDocument spreadsheet"),
    gettext_lazy("an OpenDocument spreadsheet"),
    _ODF_GROUP,
)
ODP = _type(
    "odp",
    f"{_ODF}.presentation",
    [".odp"],
    gettext_lazy("OpenDocument presentation"),
    gettext_lazy("an OpenDocument presentation"),
    _ODF_GROUP,
)
DOC = _type(
    "doc",
    "application/msword",
    [".doc"],
    gettext_lazy("Word document"),
    gettext_lazy("a Word document"),
    _WORD_GROUP,
)
XLS = _type(
    "xls",
    "application/vnd.ms-excel",
    [".xls"],
    gettext_lazy("Excel spreadsheet"),
    gettext_lazy("an Excel spreadsheet"),
    _EXCEL_GROUP,
)
PPT = _type(
    "ppt",
    "application/vnd.ms-powerpoint",
    [".ppt"],
    gettext_lazy("PowerPoint presentation"),
    gettext_lazy("a PowerPoint presentation"),
    _POWERPOINT_GROUP,
)
TEXT = _type(
    "txt",
    "text/plain",
    [".txt"],
    gettext_lazy("Text"),
    gettext_lazy("plain text"),
    _TEXT_GROUP,
)
CSV = _type(
    "csv",
    "text/csv",
    [".csv"],
    gettext_lazy("CSV"),
    gettext_lazy("a CSV file"),
    _CSV_GROUP,
)

ALLOWED_TYPES: tuple[DetectedType, ...] = (
    PDF,
    DOCX,
    XLSX,
    PPTX,
    DOC,
    XLS,
    PPT,
    ODT,
    ODS,
    ODP,
    PNG,
    JPEG,
    GIF,
    WEBP,
    TEXT,
    CSV,
)
# A zip archive that is not an Office or OpenDocument file: only for kinds whose
# policy says so (the library), never for posts.
ZIP = _type(
    "zip",
    "application/zip",
    [".zip"],
    gettext_lazy("Zip file"),
    gettext_lazy("a zip file"),
    _ZIP_GROUP,
)
KNOWN_TYPES: tuple[DetectedType, ...] = (*ALLOWED_TYPES, ZIP)
_BY_MEDIA_TYPE = {kind.media_type: kind for kind in KNOWN_TYPES}

# Content that only the extension can tell apart: an OLE2 compound file holds a
# Word, Excel or PowerPoint document (or an installer, so nothing else passes);
# text is plain text or CSV.
_OLE2 = _type(
    "ole2",
    "application/x-ole-storage",
    [".doc", ".xls", ".ppt"],
    gettext_lazy("Office document"),
    gettext_lazy("an older Microsoft Office document"),
    "",
)
_TEXT_CONTENT = _type(
    "text",
    "text/plain",
    [".txt", ".csv"],
    gettext_lazy("Text"),
    gettext_lazy("plain text"),
    "",
)
_RESOLVE_BY_EXTENSION = {
    _OLE2.key: {".doc": DOC, ".xls": XLS, ".ppt": PPT},
    _TEXT_CONTENT.key: {".txt": TEXT, ".csv": CSV},
}


def _list_text(items: Sequence[str]) -> str:
    """ "PDF, Word or CSV": the last two joined with "or"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + _(" or ") + items[-1]


# Upload policies ---------------------------------------------------------------


@dataclass(frozen=True)
class UploadPolicy:
    """What one kind of content accepts as files: which types, how big, how many.

    ``types`` are the kinds of file accepted, checked by content; ``allow_zip``
    adds plain zip archives (Office and OpenDocument files are zips too, and are
    told apart from them whatever this says). ``max_bytes`` is the limit for each
    file, unless the setting named ``max_bytes_setting`` gives another;
    ``max_files`` the most one post (or document) may have.
    """

    types: tuple[DetectedType, ...] = ALLOWED_TYPES
    allow_zip: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    max_bytes_setting: str = ""
    max_files: int = MAX_FILES_PER_POST

    @property
    def accepted_types(self) -> tuple[DetectedType, ...]:
        return (*self.types, ZIP) if self.allow_zip else self.types

    def accepts(self, detected: DetectedType) -> bool:
        return detected in self.accepted_types

    def type_for_extension(self, extension: str) -> DetectedType | None:
        """The accepted type a name ending in ``extension`` (".pdf") claims."""
        extension = extension.lower()
        for kind in self.accepted_types:
            if extension in kind.extensions:
                return kind
        return None

    def extensions(self) -> list[str]:
        """Every extension accepted, for the file input's ``accept`` attribute."""
        return sorted({ext for kind in self.accepted_types for ext in kind.extensions})

    def types_text(self) -> str:
        """ "PDF, Word (.doc, .docx), ... images (.gif, .jpeg, .jpg, .png,
        .webp), text (.txt) or CSV": every family accepted, with exactly the
        extensions ``extensions()`` (the file input's ``accept`` list) allows,
        so the hint names nothing the field refuses and leaves nothing out.
        A family named after its one extension (PDF, CSV, zip) needs no list."""
        groups: dict[str, set[str]] = {}
        for kind in self.accepted_types:
            # Compared as text: comparing lazy strings translates both, each time.
            group = str(kind.group)
            if group:
                groups.setdefault(group, set()).update(kind.extensions)
        return _list_text(
            [
                group
                if {f".{group.lower()}"} == found
                else f"{group} ({', '.join(sorted(found))})"
                for group, found in groups.items()
            ]
        )

    def byte_limit(self) -> int:
        """The most one file may weigh, in bytes."""
        if self.max_bytes_setting:
            return getattr(settings, self.max_bytes_setting, self.max_bytes)
        return self.max_bytes

    def hint(self) -> str:
        """The hint under a file field: what, how big and how many.

        Kept for each language and size limit: a page shows it several times
        (the hint, its id, the field's description) and each is a dozen
        translations."""
        # Kept on the policy itself: hashing the policy would translate every
        # type's (lazy) label.
        hints = self.__dict__.setdefault("_hints", {})
        key = (get_language(), self.byte_limit())
        hint = hints.get(key)
        if hint is None:
            hint = _("%(types)s; up to %(size)s each, %(count)s files at most.") % {
                "types": self.types_text(),
                "size": format_size(self.byte_limit()),
                "count": self.max_files,
            }
            hints[key] = hint
        return hint


# Posts: what forums have always taken; the size can be set for the site.
POST_UPLOADS = UploadPolicy(max_bytes_setting="ATTACHMENT_MAX_BYTES")
# The library keeps bigger files, more of them, and zip files too.
LIBRARY_UPLOADS = UploadPolicy(
    allow_zip=True, max_bytes=100 * 1024 * 1024, max_files=10
)


def allowed_extensions() -> list[str]:
    """Every extension posts accept (``POST_UPLOADS.extensions()``)."""
    return POST_UPLOADS.extensions()


def allowed_types_text() -> str:
    return POST_UPLOADS.types_text()


def type_label(media_type: str) -> str:
    """ "PDF", "Word document", "Image"... for a stored media type."""
    kind = _BY_MEDIA_TYPE.get(media_type.split(";")[0].strip().lower())
    return str(kind.label) if kind else _("File")


def max_bytes() -> int:
    """The most a file attached to a post may weigh."""
    return POST_UPLOADS.byte_limit()


# Looking at the bytes ----------------------------------------------------------

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURE = b"PK\x03\x04"
# A zip listing more than this is not looked into (reading the list costs).
MAX_ZIP_MEMBERS = 20_000
MAX_ZIP_DIRECTORY_BYTES = 4 * 1024 * 1024
_ODF_MEDIA_TYPES = {kind.media_type: kind for kind in (ODT, ODS, ODP)}
_OOXML_FOLDERS = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))
# Problems reading a zip that only mean "not a zip we can read".
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    RuntimeError,
    NotImplementedError,
)
_MARKUP_START = re.compile(rb"\s*<(?:!doctype\s+html|html|svg|\?xml|script)", re.I)


def _zip_end_record(upload) -> list | None:
    """The zip's end record (its last bytes), or None when there is none.

    It says how many members the zip has and how long their list is, so a list
    too long to read cheaply need not be read at all.
    """
    try:
        return zipfile._EndRecData(upload) or None
    except _ZIP_ERRORS:
        return None


def _sniff_zip(upload) -> tuple[DetectedType | None, str]:
    """An OOXML or OpenDocument file, or another zip, from its list of names.

    Only the zip's directory is read: no member is ever decompressed, so a zip
    bomb costs nothing. OpenDocument's ``mimetype`` member is read only when it
    is stored uncompressed and a few bytes long, as the standard has it.
    The note is "zip" (even for a zip too damaged to read), or "zip_too_many"
    for one listing too many files to check.
    """
    end = _zip_end_record(upload)
    if end is None:
        return None, "zip"
    if (
        end[zipfile._ECD_ENTRIES_TOTAL] > MAX_ZIP_MEMBERS
        or end[zipfile._ECD_SIZE] > MAX_ZIP_DIRECTORY_BYTES
    ):
        return None, "zip_too_many"
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                for folder, kind in _OOXML_FOLDERS:
                    if any(name.startswith(folder) for name in names):
                        return kind, "zip"
                return ZIP, "zip"
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if (
                    info.compress_type == zipfile.ZIP_STORED
                    and info.file_size <= 100
                    and info.compress_size <= 100
                ):
                    media_type = archive.read(info).decode("ascii", "replace")
                    kind = _ODF_MEDIA_TYPES.get(media_type.strip())
                    if kind is not None:
                        return kind, "zip"
            return ZIP, "zip"
    except _ZIP_ERRORS:
        return None, "zip"


def _decode_text(head: bytes, *, complete: bool) -> str | None:
    """The text, if ``head`` is UTF-8 (BOM allowed) or Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            # A cut in the middle of a UTF-8 character is not an error.
            return decoder.decode(head, final=complete)
        except UnicodeDecodeError:
            continue
    return None


def _is_plain_text(text: str) -> bool:
    return not any(
        unicodedata.category(char) == "Cc" and char not in "\t\r\n" for char in text
    )


def _sniff(upload) -> tuple[DetectedType | None, str]:
    """What the file's content is, and a note for refusals ("zip", "markup")."""
    upload.seek(0)
    head = upload.read(TEXT_SNIFF_BYTES)
    complete = len(head) < TEXT_SNIFF_BYTES
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF, ""
        if head.startswith(_PNG_SIGNATURE):
            return PNG, ""
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG, ""
        if head.startswith((b"GIF87a", b"GIF89a")):
            return GIF, ""
        if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
            return WEBP, ""
        if head.startswith(_OLE2_SIGNATURE):
            return _OLE2, ""
        if head.startswith(_ZIP_SIGNATURE):
            return _sniff_zip(upload)
        if _MARKUP_START.match(head):
            return None, "markup"
        text = _decode_text(head, complete=complete)
        if text is not None and _is_plain_text(text):
            return _TEXT_CONTENT, ""
        return None, ""
    finally:
        upload.seek(0)


# File names and sizes ----------------------------------------------------------

_DROPPED_CHARACTERS = set("\"'`<>:|?*;\\/")


def safe_filename(name: str) -> str:
    """A file name fit to show and to send in Content-Disposition.

    Keeps only the last part of a path; drops control and formatting characters
    (including the right-to-left override used to disguise ``exe.pdf``), quotes
    and characters that are special in paths or headers; keeps letters in any
    script; and shortens it to 100 characters, keeping the extension.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    kept = []
    for char in name:
        category = unicodedata.category(char)
        if category.startswith("Z") or char in "\t\r\n":
            kept.append(" ")
        elif category.startswith("C") or char in _DROPPED_CHARACTERS:
            continue
        else:
            kept.append(char)
    name = re.sub(r" {2,}", " ", "".join(kept)).strip(" ").rstrip(" .")
    stem, dot, extension = name.rpartition(".")
    if not dot or not extension or " " in extension or len(extension) > 16:
        stem, extension = name, ""
    stem = stem.strip(" .")
    suffix = f".{extension}" if extension else ""
    stem = stem[: MAX_FILENAME_LENGTH - len(suffix)].rstrip(" .")
    return f"{stem or FALLBACK_FILENAME}{suffix}"


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return f".{extension.lower()}" if dot and stem else ""


def format_size(size: int, *, round_up: bool = False) -> str:
    """ "25 MB", "1.5 MB", "300 KB": to a tenth, rounded as asked."""
    for unit, label in ((1024 * 1024, _("MB")), (1024, _("KB"))):
        if size >= unit:
            tenths = size * 10 / unit
            tenths = math.ceil(tenths) if round_up else math.floor(tenths)
            number = f"{tenths / 10:.1f}".removesuffix(".0")
            return f"{number} {label}"
    return _("%(count)s bytes") % {"count": size}


# Checks ------------------------------------------------------------------------


def _refuse(message: str, code: str) -> ValidationError:
    # Already interpolated: no params, so a "%" in a file name stays as it is.
    return ValidationError(message, code=code)


def _candidates(content: DetectedType, policy: UploadPolicy) -> list[DetectedType]:
    """The accepted types this content may be (older Office and text files are
    told apart by their extension)."""
    resolve = _RESOLVE_BY_EXTENSION.get(content.key)
    if resolve is None:
        return [content] if policy.accepts(content) else []
    return [kind for kind in dict.fromkeys(resolve.values()) if policy.accepts(kind)]


def check_upload(uploaded_file, policy: UploadPolicy = POST_UPLOADS) -> DetectedType:
    """What the uploaded file is, or a ``ValidationError`` saying why not.

    ``policy`` says what is accepted: posts' by default.
    """
    name = safe_filename(uploaded_file.name)
    size = uploaded_file.size or 0
    limit = policy.byte_limit()
    if size == 0:
        raise _refuse(_("“%(name)s” is empty.") % {"name": name}, "empty")
    if size > limit:
        raise _refuse(
            _("“%(name)s” is %(size)s. Files can be up to %(limit)s.")
            % {
                "name": name,
                "size": format_size(size, round_up=True),
                "limit": format_size(limit),
            },
            "too_large",
        )
    content, note = _sniff(uploaded_file)
    extension = _extension(name)
    named = policy.type_for_extension(extension)
    candidates = _candidates(content, policy) if content is not None else []
    if not candidates:
        # A zip where zips are not taken; an image where images are not...
        content = None
    if content is _TEXT_CONTENT and named is None:
        # Scripts and web pages are text too: no "rename it" hint for them.
        content = None
    if content is ZIP and named is None and extension:
        # A zip in disguise (.jar, .apk, .epub): not "rename it to .zip".
        content, note = None, ""
    if content is None:
        if note == "zip_too_many" and (named is None or named is ZIP):
            if not policy.allow_zip:
                note = "zip"
            else:
                raise _refuse(
                    _(
                        "“%(name)s” holds more than %(count)s files, too many to "
                        "check. Split it into smaller zip files."
                    )
                    % {"name": name, "count": f"{MAX_ZIP_MEMBERS:,}"},
                    "unrecognised",
                )
        if note in ("zip", "zip_too_many") and named is None and not policy.allow_zip:
            message = _(
                "“%(name)s” is a zip file, which can’t be attached. "
                "Attach the files inside it instead."
            )
        elif note == "markup":
            message = _(
                "“%(name)s” is a web page or contains markup (HTML, SVG or XML), "
                "which can’t be attached. Save it as a PDF instead."
            )
        elif named is not None:
            raise _refuse(
                _(
                    "“%(name)s” does not look like %(expected)s: it may be damaged, "
                    "or another kind of file renamed. Save it again in the right "
                    "format."
                )
                % {"name": name, "expected": named.description},
                "unrecognised",
            )
        else:
            message = _("“%(name)s” is not a type of file you can attach.")
        message = f"{message} " + _("You can attach %(types)s files.")
        raise _refuse(
            message % {"name": name, "types": policy.types_text()},
            "type_not_allowed",
        )
    extensions = [ext for kind in candidates for ext in kind.extensions]
    if extension not in extensions:
        if named is not None:
            message = _(
                "“%(name)s” is not %(expected)s: its content is %(actual)s. "
                "Save it in the right format or rename it."
            ) % {
                "name": name,
                "expected": named.description,
                "actual": content.description,
            }
        else:
            message = _(
                "“%(name)s” is %(actual)s, so its name should end in "
                "%(extensions)s. Rename it and try again."
            ) % {
                "name": name,
                "actual": content.description,
                "extensions": _(" or ").join(extensions),
            }
        raise _refuse(message, "wrong_extension")
    return next(kind for kind in candidates if extension in kind.extensions)


def _media_type(detected: DetectedType, uploaded_file) -> str:
    """The media type to serve: text says which encoding it is in."""
    if detected not in (TEXT, CSV):
        return detected.media_type
    uploaded_file.seek(0)
    head = uploaded_file.read(TEXT_SNIFF_BYTES)
    uploaded_file.seek(0)
    complete = len(head) < TEXT_SNIFF_BYTES
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=complete)
        charset = "utf-8"
    except UnicodeDecodeError:
        charset = "windows-1252"
    return f"{detected.media_type}; charset={charset}"


def too_many_files_error(policy: UploadPolicy = POST_UPLOADS) -> ValidationError:
    return ValidationError(
        _("You can attach up to %(count)s files to one post.")
        % {"count": policy.max_files},
        code="too_many_files",
    )


def check_uploads(
    files: Sequence, *, already: int = 0, policy: UploadPolicy = POST_UPLOADS
) -> list[DetectedType]:
    """Check every file against ``policy``, and raise every refusal at once."""
    errors = []
    if already + len(files) > policy.max_files:
        errors.append(too_many_files_error(policy))
    detected = []
    for uploaded_file in files:
        try:
            detected.append(check_upload(uploaded_file, policy))
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return detected


# Services and selectors --------------------------------------------------------


def attach_files(*, actor, target, files: Iterable) -> list:
    """Store ``files`` as attachments of ``target`` (a thread, a reply...).

    ``actor`` must be able to edit ``target`` (``actor=None`` for the system).
    Every file is checked first, against the upload policy of ``target``'s
    kind; nothing is stored unless all of them pass. The post's own service
    records the activity, so this records none.
    """
    from django.contrib.contenttypes.models import ContentType

    from commonroom.communities import access
    from commonroom.content.models import Attachment
    from commonroom.content.registry import kind_for

    files = [uploaded_file for uploaded_file in files if uploaded_file]
    if not files:
        return []
    if actor is not None:
        access.check_edit_content(actor, target)
    content_type = ContentType.objects.get_for_model(target)
    already = Attachment.objects.filter(
        content_type=content_type, object_id=target.pk
    ).count()
    detected = check_uploads(
        files, already=already, policy=kind_for(target).upload_policy
    )
    storage = attachment_storage()
    stored: list[str] = []
    attachments = []
    try:
        with transaction.atomic():
            for uploaded_file, kind in zip(files, detected, strict=True):
                attachment = Attachment(
                    community_id=target.community_id,
                    content_type=content_type,
                    object_id=target.pk,
                    uploaded_by=actor,
                    original_name=safe_filename(uploaded_file.name),
                    media_type=_media_type(kind, uploaded_file),
                    size=uploaded_file.size,
                )
                uploaded_file.seek(0)
                # upload_to ignores the name and makes one (storage_name()).
                attachment.file.save(
                    attachment.original_name, uploaded_file, save=False
                )
                stored.append(attachment.file.name)
                # System callers (actor=None) attach files nobody uploaded.
                exclude = ["uploaded_by"] if actor is None else None
                attachment.full_clean(exclude=exclude)
                attachment.save()
                attachments.append(attachment)
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
    return attachments


def download_url(attachment) -> str:
    """Where the file is downloaded, through the access kernel."""
    return reverse(
        "attachment-download",
        args=[attachment.community.slug, attachment.pk, attachment.original_name],
    )


def _attachments_query(shape, **wanted):
    from commonroom.content.models import Attachment

    return (
        Attachment.objects.filter(items_condition(wanted))
        .select_related("community")
        .order_by("pk")
    )


_ATTACHMENTS = PreparedQuery(_attachments_query)


def attachments_for(objects: Iterable) -> dict[tuple[int, int], list]:
    """Each post's attachments, keyed by (content type id, object id).

    One query for any number of posts, of one kind or several (content types
    come from Django's cache). Every post asked about has a key, with an empty
    list if it has no files. Each attachment carries ``type_label`` and
    ``download_url`` for ``content/_attachments.html``.
    """
    from django.contrib.contenttypes.models import ContentType

    ids_by_model: dict[type, set[int]] = {}
    for obj in objects:
        if obj is not None and obj.pk is not None:
            ids_by_model.setdefault(type(obj), set()).add(obj.pk)
    if not ids_by_model:
        return {}
    content_types = ContentType.objects.get_for_models(*ids_by_model)
    result: dict[tuple[int, int], list] = {}
    wanted = {}
    for model, ids in ids_by_model.items():
        content_type_id = content_types[model].pk
        wanted[content_type_id] = sorted(ids)
        for object_id in ids:
            result[(content_type_id, object_id)] = []
    for attachment in _ATTACHMENTS(**by_content_type(wanted)):
        attachment.type_label = type_label(attachment.media_type)
        attachment.download_url = download_url(attachment)
        result[(attachment.content_type_id, attachment.object_id)].append(attachment)
    return result
