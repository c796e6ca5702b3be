"""Files uploaded to the import page, kept in the default storage between the check and the confirmation.

Each is removed when its import is confirmed or cancelled, when the same editor checks another file,
and, if none of that happens, once it is older than PRACTICEHUB_IMPORT_UPLOAD_MAX_AGE_HOURS: by the
``cleanup_uploads`` command and whenever a new check starts. Removing is idempotent and safe when two
removals run at once (a file already gone is simply skipped).
"""

import contextlib
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

STORAGE_FOLDER = "private/imports"
DEFAULT_MAX_AGE_HOURS = 24.0

log = logging.getLogger(__name__)


def upload_max_age() -> timedelta:
    return timedelta(
        hours=float(getattr(settings, "PRACTICEHUB_IMPORT_UPLOAD_MAX_AGE_HOURS", DEFAULT_MAX_AGE_HOURS))
    )


@dataclass(frozen=True)
class StoredUpload:
    token: str  # random, tied to the editor's session: the confirmation must name it
    name: str  # the name in the default storage


def import_upload_store(*, upload: Any, extension: str) -> StoredUpload:
    token = secrets.token_hex(16)
    name = default_storage.save(f"{STORAGE_FOLDER}/{token}.{extension}", upload)
    return StoredUpload(token=token, name=name)


def import_upload_remove(name: str) -> bool:
    """Remove one kept upload; False if it was already gone (or is not one)."""
    if not name.startswith(f"{STORAGE_FOLDER}/") or ".." in name or not default_storage.exists(name):
        return False
    with contextlib.suppress(FileNotFoundError):  # removed meanwhile by another run
        default_storage.delete(name)
    return True


def import_uploads_remove_expired(
    *, max_age: timedelta | None = None, now: datetime | None = None
) -> list[str]:
    """Remove the kept uploads older than `max_age` (the setting by default); the names removed."""
    cutoff = (now or timezone.now()) - (max_age if max_age is not None else upload_max_age())
    try:
        _folders, files = default_storage.listdir(STORAGE_FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return []
    removed = []
    for filename in sorted(files):
        name = f"{STORAGE_FOLDER}/{filename}"
        try:
            modified = default_storage.get_modified_time(name)
        except (FileNotFoundError, OSError):
            continue  # removed meanwhile, by another run or its confirmation
        if timezone.is_naive(modified):
            modified = timezone.make_aware(modified)
        if modified < cutoff and import_upload_remove(name):
            removed.append(name)
    if removed:
        log.info("Removed %s import upload(s) older than %s", len(removed), cutoff.isoformat())
    return removed
