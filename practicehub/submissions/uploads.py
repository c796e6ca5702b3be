"""Checks on uploaded supporting documents: size, extension, and what the content really is.

A file is accepted only when its extension and its first bytes (and, for the zip-based office formats,
the parts inside the zip) agree on one of the accepted kinds. The content type that is stored and later
sent is the one of the recognised kind, never the one the browser claimed.
"""

import os
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_DOCUMENTS_PER_PRACTICE = 20
# Zip archives whose parts would unpack to more than this are refused (zip bombs).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: str
    extensions: tuple[str, ...]
    content_type: str


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("pdf", "PDF", (".pdf",), "application/pdf"),
    DocumentKind(
        "docx",
        "Word (DOCX)",
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    DocumentKind(
        "xlsx",
        "Excel (XLSX)",
        (".xlsx",),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    DocumentKind("odt", "OpenDocument text (ODT)", (".odt",), "application/vnd.oasis.opendocument.text"),
    DocumentKind("png", "PNG", (".png",), "image/png"),
    DocumentKind("jpeg", "JPEG", (".jpg", ".jpeg"), "image/jpeg"),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
ACCEPTED_EXTENSIONS: tuple[str, ...] = tuple(ext for kind in KINDS for ext in kind.extensions)


def max_document_bytes() -> int:
    return int(getattr(settings, "PRACTICEHUB_MAX_DOCUMENT_BYTES", DEFAULT_MAX_DOCUMENT_BYTES))


def max_documents_per_practice() -> int:
    return int(
        getattr(settings, "PRACTICEHUB_MAX_DOCUMENTS_PER_PRACTICE", DEFAULT_MAX_DOCUMENTS_PER_PRACTICE)
    )


def check_document_room(*, kept: int, adding: int = 1) -> None:
    """Refuse to add `adding` documents to a practice that will keep `kept` if that passes the limit.

    Only adding is refused: a practice above the limit (from before it) can still be edited."""
    limit = max_documents_per_practice()
    if adding > 0 and kept + adding > limit:
        message = ngettext_lazy(
            "A practice can have at most %(limit)s supporting document, and this one has %(count)s. "
            "Remove it before adding another.",
            "A practice can have at most %(limit)s supporting documents, and this one has %(count)s. "
            "Remove one before adding another.",
            limit,
        )
        raise ValidationError(message % {"limit": limit, "count": kept}, code="too_many")


def accepted_list() -> str:
    return ", ".join(kind.label for kind in KINDS)


def _zip_kind(handle: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                return None
            names = {info.filename for info in infos}
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return "xlsx"
            first = infos[0] if infos else None
            if first and first.filename == "mimetype" and first.file_size < 200:
                return "odt" if archive.read("mimetype").strip() == ODT_MIMETYPE else None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return None
    return None


def sniff(handle: IO[bytes]) -> str | None:
    """The key of the kind the content is, or None; reads from the start and rewinds."""
    handle.seek(0)
    head = handle.read(16)
    handle.seek(0)
    kind: str | None = None
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpeg"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(handle)
    handle.seek(0)
    return kind


def kind_for_extension(filename: str) -> DocumentKind | None:
    ext = os.path.splitext(filename or "")[1].lower()
    return next((kind for kind in KINDS if ext in kind.extensions), None)


def check_document(upload: IO[bytes], *, name: str, size: int) -> DocumentKind:
    """The kind of an acceptable upload; a ValidationError with a message for the person otherwise."""
    limit = max_document_bytes()
    if size > limit:
        raise ValidationError(
            _("This file is %(size)s; documents can be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    claimed = kind_for_extension(name)
    if claimed is None:
        raise ValidationError(
            _("Files of this type cannot be uploaded. Accepted: %(kinds)s.") % {"kinds": accepted_list()},
            code="extension",
        )
    actual = sniff(upload)
    if actual != claimed.key:
        raise ValidationError(
            _(
                "The content of this file is not a %(kind)s document, although its name says so. "
                "Accepted: %(kinds)s."
            )
            % {"kind": claimed.label, "kinds": accepted_list()},
            code="content",
        )
    return claimed


def safe_filename(name: str, kind: DocumentKind) -> str:
    """A storage name made of the original name's letters and digits, with the kind's extension."""
    stem = slugify(os.path.splitext(os.path.basename(name or ""))[0])[:80] or "document"
    ext = os.path.splitext(name or "")[1].lower()
    if ext not in kind.extensions:
        ext = kind.extensions[0]
    return get_valid_filename(f"{stem}{ext}")


def default_title(name: str) -> str:
    stem = os.path.splitext(os.path.basename(name or ""))[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split())[:300] or str(_("Document"))
