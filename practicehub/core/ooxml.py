"""Bounding the work an uploaded Office file (a .docx or .xlsx: a zip of XML parts) can cause, before a
library parses it.

A few kilobytes can stand for gigabytes: a zip member that unpacks a thousand times larger, a zip
whose central directory lists a million members, a part that declares entities expanding to
billions of characters. package_open() reads only the zip's directory (its end record first) and
refuses, with PackageRefused, anything beyond the limits it is given; xml_scan() reads one part
as a stream through defusedxml (no DTD, no entities, no tree kept) and hands every element to a
counter, so the caller can refuse a document before python-docx or openpyxl build it in memory.
"""

import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

# The end-of-central-directory record: its signature, and its size without the comment.
_END_SIGNATURE = b"PK\x05\x06"
_END_SIZE = 22
_MAX_COMMENT = 0xFFFF
# A member's directory entry is 46 bytes and its name; longer names than this are not Office parts.
_ENTRY_BUDGET = 46 + 512
# Members smaller than this may have any compression ratio (small parts of repeated tags do).
RATIO_FLOOR = 1024 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class PackageLimits:
    max_members: int
    max_total_bytes: int  # unpacked, every member together
    max_member_bytes: int  # unpacked, any one member
    max_ratio: int  # unpacked / packed, for a member of at least RATIO_FLOOR bytes unpacked


class PackageRefused(Exception):
    """The file is not a zip, or one the limits refuse; `reason` says which (for logs and tests)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _declared_directory(handle: IO[bytes]) -> tuple[int, int]:
    """(members, directory bytes) that the zip's end record declares, read from the file's tail."""
    handle.seek(0, 2)
    size = handle.tell()
    tail_size = min(size, _END_SIZE + _MAX_COMMENT)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or len(tail) - at < _END_SIZE:
        raise PackageRefused("not a zip")
    record = tail[at : at + _END_SIZE]
    members = int.from_bytes(record[10:12], "little")
    directory = int.from_bytes(record[12:16], "little")
    return members, directory


def package_open(handle: IO[bytes], limits: PackageLimits) -> zipfile.ZipFile:
    """The zip in `handle` (seekable), once its directory is within the limits; PackageRefused if not.

    Python's zipfile never unpacks more than a member's declared size (and checks its CRC), so the
    declared sizes checked here bound what reading the members later can cost."""
    members, directory = _declared_directory(handle)
    # 0xFFFF (and directory sizes beyond the budget) also covers zip64 files, which Office never writes.
    if members > limits.max_members or directory > limits.max_members * _ENTRY_BUDGET:
        raise PackageRefused("too many members")
    handle.seek(0)
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError) as error:
        raise PackageRefused("not a zip") from error
    try:
        _check_members(archive.infolist(), limits)
    except PackageRefused:
        archive.close()
        raise
    return archive


def _check_members(infos: list[zipfile.ZipInfo], limits: PackageLimits) -> None:
    if len(infos) > limits.max_members:
        raise PackageRefused("too many members")
    total = 0
    for info in infos:
        # Office writes stored and deflated members only; bzip2 and lzma unpack without a size bound.
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageRefused("unexpected compression")
        if info.flag_bits & 0x1:
            raise PackageRefused("encrypted member")
        if info.file_size > limits.max_member_bytes:
            raise PackageRefused("member too large")
        if info.file_size >= RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise PackageRefused("compression ratio")
        total += info.file_size
        if total > limits.max_total_bytes:
            raise PackageRefused("unpacked too large")


def member_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = 64) -> bytes:
    """The first bytes of a member; PackageRefused("damaged member") when they cannot be unpacked."""
    try:
        with archive.open(info) as stream:
            return stream.read(size)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError) as error:
        raise PackageRefused("damaged member") from error


class _Target:
    """ElementTree parser target that keeps nothing: it passes each element to a callback."""

    def __init__(self, on_start: Callable[[str, dict[str, str], int], None], max_depth: int) -> None:
        self.on_start = on_start
        self.max_depth = max_depth
        self.depth = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise PackageRefused("xml too deep")
        self.on_start(tag, attributes, self.depth)

    def end(self, tag: str) -> None:
        self.depth -= 1

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def xml_scan(
    archive: zipfile.ZipFile,
    name: str,
    on_start: Callable[[str, dict[str, str], int], None] | None = None,
    *,
    max_depth: int = 100,
) -> None:
    """Parse one member as a stream, calling on_start(tag, attributes, depth) for every element.

    PackageRefused when the part has a DTD or entities (never in an Office file; the way to a
    "billion laughs"), is not well-formed, or nests deeper than max_depth. `on_start` may raise
    PackageRefused itself to stop early."""
    target = _Target(on_start or (lambda tag, attributes, depth: None), max_depth)
    parser: Any = DefusedXMLParser(target=target, forbid_dtd=True)
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(_CHUNK):
                parser.feed(chunk)
        parser.close()
    except PackageRefused:
        raise
    except DefusedXmlException as error:
        raise PackageRefused("xml declarations") from error
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError, EOFError) as error:
        raise PackageRefused("damaged member") from error
    except (SyntaxError, ValueError) as error:  # ElementTree's ParseError is a SyntaxError
        raise PackageRefused("xml not well-formed") from error
