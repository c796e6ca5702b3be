"""Uploaded files, through the storage API only, so a local MEDIA_ROOT and an S3 bucket work alike."""

from collections.abc import Iterator
from typing import IO

from django.core.files import File
from django.core.files.storage import Storage
from django.utils.translation import gettext as _

from .manifest import BackupError


def storage_walk(storage: Storage) -> Iterator[str]:
    """Every file name in the storage, folder by folder from the root, in name order."""
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, names = storage.listdir(folder)
        except FileNotFoundError:  # a local storage whose folder does not exist yet holds nothing
            continue
        prefix = f"{folder}/" if folder else ""
        for name in sorted(names):
            yield prefix + name
        folders.extend(prefix + sub for sub in sorted(subfolders, reverse=True))


def storage_is_empty(storage: Storage) -> bool:
    return next(storage_walk(storage), None) is None


def file_restore(storage: Storage, name: str, reader: IO[bytes], size: int, *, replace: bool) -> None:
    """Write one file under exactly ``name``, streaming from ``reader``."""
    if replace and storage.exists(name):
        storage.delete(name)
    content = File(reader, name=name)
    content.size = size  # known from the manifest; File would otherwise look for it on disk
    saved = storage.save(name, content, max_length=None)
    if saved != name:
        raise BackupError(
            _("The storage saved %(name)s as %(saved)s: a file of that name exists already.")
            % {"name": name, "saved": saved}
        )
