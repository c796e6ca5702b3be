"""The manifest of a backup archive: what the archive holds, with a checksum for every member.

It is the archive's last member (``manifest.json``), written once every checksum is known. Restore
reads it and checks every member against it before touching the database or the storage.
"""

import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.utils import validate_file_name
from django.utils.translation import gettext as _

FORMAT = "practicehub-backup"
FORMAT_VERSION = 1
MANIFEST_MEMBER = "manifest.json"
FILES_PREFIX = "files/"
DATABASE_PREFIX = "database/"
VENDORS = ("sqlite", "postgresql")
# A manifest lists every uploaded file; this bounds what restore reads into memory before checking it.
MANIFEST_MAX_BYTES = 256 * 1024 * 1024

_SHA256 = re.compile(r"[0-9a-f]{64}")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Member:
    """One member of the archive: the database dump or an uploaded file (``name`` in the storage)."""

    member: str
    size: int
    sha256: str
    name: str = ""


@dataclass
class Manifest:
    created_at: str
    vendor: str
    server_version: str
    database: Member
    # app label -> the migration applied last, as recorded in the backed-up database
    migrations: dict[str, str]
    # every table of the database (history, audit and search index tables included) -> rows
    tables: dict[str, int]
    files: list[Member] = field(default_factory=list)

    def members(self) -> dict[str, Member]:
        """Every member the archive must hold besides the manifest, by member name."""
        return {entry.member: entry for entry in (self.database, *self.files)}

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": self.created_at,
            "database": {
                "vendor": self.vendor,
                "server_version": self.server_version,
                "member": self.database.member,
                "size": self.database.size,
                "sha256": self.database.sha256,
            },
            "migrations": self.migrations,
            "tables": self.tables,
            "files": [{"name": f.name, "size": f.size, "sha256": f.sha256} for f in self.files],
            "totals": {
                key: value
                for key, value in manifest_figures(self).items()
                if key in ("tables", "rows", "files", "file_bytes")
            },
        }
        return json.dumps(document, indent=1, sort_keys=True).encode()


def _fail(detail: str) -> BackupError:
    return BackupError(_("The archive's manifest is not valid: %(detail)s.") % {"detail": detail})


def _checked_entry(raw: Any, what: str) -> tuple[int, str]:
    if not isinstance(raw, dict):
        raise _fail(what)
    size, sha256 = raw.get("size"), raw.get("sha256")
    if not isinstance(size, int) or size < 0 or not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
        raise _fail(what)
    return size, sha256


def _checked_counts(raw: Any, what: str, kind: type) -> dict[str, Any]:
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, kind) and not isinstance(v, bool) for k, v in raw.items()
    ):
        raise _fail(what)
    return dict(raw)


def _checked_file(raw: Any, seen: set[str]) -> Member:
    size, sha256 = _checked_entry(raw, "files")
    name = raw.get("name")
    try:
        if not isinstance(name, str) or not name or name in seen:
            raise SuspiciousFileOperation(name)
        # No absolute path and no "..": restore writes these names into the storage.
        validate_file_name(name, allow_relative_path=True)
    except SuspiciousFileOperation:
        raise _fail(_("file name %(name)r") % {"name": name}) from None
    seen.add(name)
    return Member(member=FILES_PREFIX + name, size=size, sha256=sha256, name=name)


def manifest_parse(data: bytes) -> Manifest:
    """The manifest in ``data``, every field checked; BackupError if anything is missing or wrong."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, ValueError):
        raise _fail(_("not JSON")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _fail(_("not a PracticeHub backup"))
    if document.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("This archive has format version %(found)r; this PracticeHub reads version %(known)d.")
            % {"found": document.get("format_version"), "known": FORMAT_VERSION}
        )
    database = document.get("database")
    if not isinstance(database, dict):
        raise _fail("database")
    size, sha256 = _checked_entry(database, "database")
    vendor, member = database.get("vendor"), database.get("member")
    if vendor not in VENDORS or not isinstance(member, str) or not member.startswith(DATABASE_PREFIX):
        raise _fail("database")
    created_at = document.get("created_at")
    if not isinstance(created_at, str):
        raise _fail("created_at")
    raw_files = document.get("files")
    if not isinstance(raw_files, list):
        raise _fail("files")
    seen: set[str] = set()
    return Manifest(
        created_at=created_at,
        vendor=vendor,
        server_version=str(database.get("server_version", "")),
        database=Member(member=member, size=size, sha256=sha256),
        migrations=_checked_counts(document.get("migrations"), "migrations", str),
        tables=_checked_counts(document.get("tables"), "tables", int),
        files=[_checked_file(raw, seen) for raw in raw_files],
    )


def manifest_figures(manifest: Manifest) -> dict[str, Any]:
    """Figures for messages: when, which database, how many tables, rows, files and file bytes."""
    return {
        "created_at": manifest.created_at,
        "vendor": manifest.vendor,
        "tables": len(manifest.tables),
        "rows": sum(manifest.tables.values()),
        "files": len(manifest.files),
        "file_bytes": sum(f.size for f in manifest.files),
    }
