"""The archive: a gzipped tar of the database dump, every uploaded file and the manifest.

Members are streamed in and out in blocks and hashed on the way, so no file is ever held whole in
memory. Reading checks every member against the manifest before anything is restored.
"""

import hashlib
import io
import os
import tarfile
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from .manifest import MANIFEST_MAX_BYTES, MANIFEST_MEMBER, BackupError, Manifest, Member, manifest_parse

ARCHIVE_MODE = 0o600  # the archive holds personal data
COMPRESS_LEVEL = 6
_DAMAGED = (tarfile.TarError, EOFError, zlib.error, OSError)


class HashingReader:
    """A file-like reader that hashes and counts what passes through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def _damaged(path: Path, error: BaseException) -> BackupError:
    return BackupError(
        _("%(path)s is not a readable backup archive (damaged or cut short): %(error)s")
        % {"path": path, "error": str(error) or type(error).__name__}
    )


class MemberReader(HashingReader):
    """Reads one member of an archive being read; a damaged archive is reported as such."""

    def __init__(self, raw: IO[bytes], path: Path) -> None:
        super().__init__(raw)
        self.path = path

    def read(self, size: int = -1) -> bytes:
        try:
            return super().read(size)
        except _DAMAGED as error:
            raise _damaged(self.path, error) from None

    def drain(self) -> tuple[str, int]:
        """Read what is left; the checksum and size of everything read."""
        while self.read(1024 * 1024):
            pass
        return self.hexdigest(), self.size


class ArchiveWriter:
    def __init__(self, tar: tarfile.TarFile) -> None:
        self.tar = tar

    def add(self, member: str, raw: IO[bytes], size: int, *, name: str = "") -> Member:
        """Stream ``size`` bytes of ``raw`` into the archive; returns the member with its checksum."""
        info = tarfile.TarInfo(member)
        info.size, info.mode, info.mtime = size, ARCHIVE_MODE, int(time.time())
        reader = HashingReader(raw)
        try:
            self.tar.addfile(info, reader)  # type: ignore[arg-type]
        except OSError:
            if reader.size >= size:  # not tarfile's "unexpected end of data" (e.g. the disk is full)
                raise
            raise BackupError(
                _("%(member)s became shorter while it was being read; run the backup again.")
                % {"member": member}
            ) from None
        return Member(member=member, size=size, sha256=reader.hexdigest(), name=name)

    def add_bytes(self, member: str, data: bytes) -> None:
        self.add(member, io.BytesIO(data), len(data))


@contextmanager
def archive_create(path: Path) -> Iterator[ArchiveWriter]:
    """Write the archive to ``path`` (created 0600, never over an existing file), in full or not at all:
    it is written under a temporary name and renamed once complete."""
    partial = path.with_name(f".{path.name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, ARCHIVE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=COMPRESS_LEVEL) as tar:
                yield ArchiveWriter(tar)
            raw.flush()
            os.fsync(raw.fileno())
        if path.exists():
            raise BackupError(_("%(path)s already exists.") % {"path": path})
        partial.rename(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _members(path: Path) -> Iterator[tuple[tarfile.TarInfo, MemberReader]]:
    """Each regular member with a reader, in archive order, streaming."""
    try:
        with tarfile.open(path, mode="r|gz") as tar:
            for info in tar:
                reader = tar.extractfile(info) if info.isfile() else None
                if reader is None:
                    raise BackupError(
                        _("The archive holds %(member)s, which is not a plain file.") % {"member": info.name}
                    )
                yield info, MemberReader(reader, path)
    except FileNotFoundError:
        raise BackupError(_("There is no file %(path)s.") % {"path": path}) from None
    except _DAMAGED as error:
        raise _damaged(path, error) from None


def archive_verify(path: Path) -> Manifest:
    """The archive's manifest, once every member has been read and matches its size and checksum.

    Raises BackupError naming what is missing, extra or different. Touches nothing but the archive."""
    found: dict[str, tuple[str, int]] = {}
    manifest_data: bytes | None = None
    for info, reader in _members(path):
        if info.name in found or (info.name == MANIFEST_MEMBER and manifest_data is not None):
            raise BackupError(_("The archive holds %(member)s twice.") % {"member": info.name})
        if info.name == MANIFEST_MEMBER:
            if info.size > MANIFEST_MAX_BYTES:
                raise BackupError(_("The archive's manifest is too large."))
            manifest_data = reader.read()
        else:
            found[info.name] = reader.drain()
    if manifest_data is None:
        raise BackupError(_("The archive has no manifest (%(name)s).") % {"name": MANIFEST_MEMBER})
    manifest = manifest_parse(manifest_data)
    expected = manifest.members()
    for member, entry in expected.items():
        if member not in found:
            raise BackupError(_("%(member)s is listed in the manifest but missing.") % {"member": member})
        if found[member] != (entry.sha256, entry.size):
            raise BackupError(
                _("%(member)s does not match its checksum in the manifest: the archive is damaged.")
                % {"member": member}
            )
    extra = sorted(set(found) - set(expected))
    if extra:
        raise BackupError(
            _("The archive holds %(member)s, which its manifest does not list.") % {"member": extra[0]}
        )
    return manifest


def archive_read(path: Path, manifest: Manifest, handle: Callable[[Member, IO[bytes]], Any]) -> None:
    """Call ``handle`` with every member of a verified archive, streaming, then check that what it
    read still matches the manifest (the file could have changed since it was verified)."""
    expected = manifest.members()
    for info, reader in _members(path):
        entry = expected.get(info.name)
        if entry is None:
            continue
        handle(entry, reader)  # type: ignore[arg-type]
        if reader.drain() != (entry.sha256, entry.size):
            raise BackupError(_("%(member)s changed since the archive was verified.") % {"member": info.name})
