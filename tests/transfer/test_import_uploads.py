"""Files uploaded to the import page do not pile up: removed once confirmed or cancelled, when the
editor checks another file, and once expired (the cleanup_uploads command, and any new check)."""

import io
import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.management import call_command
from django.utils import timezone

from practicehub.catalogue.models import Practice
from practicehub.transfer import import_uploads
from practicehub.transfer.import_uploads import STORAGE_FOLDER, import_uploads_remove_expired

from .test_bulk_import import IMPORT, good, sheet, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_storage(settings: Any) -> None:
    """A storage of its own for each test (the in-memory one otherwise lives as long as the process)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def kept() -> list[str]:
    try:
        return sorted(default_storage.listdir(STORAGE_FOLDER)[1])
    except FileNotFoundError:
        return []


def _token(response: Any) -> str:
    return str(response.content.decode().split('name="token" value="')[1].split('"')[0])


def _cleanup(*args: str) -> str:
    out = io.StringIO()
    call_command("cleanup_uploads", *args, stdout=out)
    return out.getvalue()


def _age_everything(monkeypatch: pytest.MonkeyPatch, hours: float) -> None:
    """Every kept file looks `hours` old."""
    monkeypatch.setattr(
        InMemoryStorage, "get_modified_time", lambda self, name: timezone.now() - timedelta(hours=hours)
    )


def test_a_checked_file_is_kept_until_confirmed_then_removed(client: Any, editor: Any) -> None:
    client.force_login(editor)
    token = _token(upload(client, sheet([good("Skills passports")])))
    assert len(kept()) == 1
    client.post(IMPORT, {"action": "confirm", "token": token})
    assert kept() == [] and Practice.objects.count() == 1


def test_cancelling_removes_the_file_and_imports_nothing(client: Any, editor: Any) -> None:
    client.force_login(editor)
    checked = upload(client, sheet([good("Skills passports")]))
    assert 'value="cancel"' in checked.content.decode()
    token = _token(checked)
    cancelled = client.post(IMPORT, {"action": "cancel", "token": token}, follow=True)
    assert "was cancelled: nothing was changed" in cancelled.content.decode()
    assert kept() == [] and Practice.objects.count() == 0
    # The cancelled import cannot be confirmed afterwards.
    client.post(IMPORT, {"action": "confirm", "token": token})
    assert Practice.objects.count() == 0


def test_checking_another_file_removes_the_first(client: Any, editor: Any) -> None:
    client.force_login(editor)
    upload(client, sheet([good("First file")]))
    first = kept()
    token = _token(upload(client, sheet([good("Second file")])))
    assert len(kept()) == 1 and kept() != first
    client.post(IMPORT, {"action": "confirm", "token": token})
    assert list(Practice.objects.values_list("title", flat=True)) == ["Second file"]


def test_a_file_with_errors_is_not_kept(client: Any, editor: Any) -> None:
    client.force_login(editor)
    upload(client, sheet([good("Nowhere", countries="ZZZ")]))
    assert kept() == []


def test_the_command_removes_only_expired_uploads(
    client: Any, editor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(editor)
    upload(client, sheet([good("Never confirmed")]))
    assert "Removed 0 import upload(s)" in _cleanup()
    assert len(kept()) == 1
    _age_everything(monkeypatch, 25)
    assert "Removed 1 import upload(s) older than 1 day" in _cleanup()
    assert kept() == []
    assert "Removed 0 import upload(s)" in _cleanup()  # idempotent


def test_the_age_is_a_setting_and_an_option(
    client: Any, editor: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    client.force_login(editor)
    upload(client, sheet([good("Never confirmed")]))
    _age_everything(monkeypatch, 3)
    settings.PRACTICEHUB_IMPORT_UPLOAD_MAX_AGE_HOURS = 4
    assert "Removed 0" in _cleanup()
    assert "Removed 1" in _cleanup("--older-than", "2")
    assert kept() == []


def test_a_new_check_removes_expired_uploads_of_others(
    client: Any, editor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    default_storage.save(f"{STORAGE_FOLDER}/someone-elses.csv", ContentFile(b"id,title\n"))
    client.force_login(editor)
    modified = InMemoryStorage.get_modified_time
    monkeypatch.setattr(
        InMemoryStorage,
        "get_modified_time",
        lambda self, name: modified(self, name) - timedelta(days=2 if "someone-elses" in name else 0),
    )
    upload(client, sheet([good("Fresh")]))
    assert len(kept()) == 1 and "someone-elses.csv" not in kept()


def test_confirming_after_the_file_expired_says_so(
    client: Any, editor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.force_login(editor)
    token = _token(upload(client, sheet([good("Too late")])))
    _age_everything(monkeypatch, 48)
    _cleanup()
    response = client.post(IMPORT, {"action": "confirm", "token": token})
    assert response.status_code == 200
    assert "The uploaded file is no longer kept; upload it again." in response.content.decode()
    assert Practice.objects.count() == 0


def test_two_cleanups_at_once_both_succeed_and_remove_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both runs list the same files; each file is gone by the time the second run deletes it."""
    names = [default_storage.save(f"{STORAGE_FOLDER}/old-{n}.csv", ContentFile(b"x")) for n in range(6)]
    listed = threading.Barrier(2)
    list_files = InMemoryStorage.listdir

    def listdir_together(self: InMemoryStorage, path: str) -> Any:
        found = list_files(self, path)
        listed.wait(10)  # both runs have the same list before either deletes anything
        return found

    monkeypatch.setattr(InMemoryStorage, "listdir", listdir_together)
    old = timezone.now() - timedelta(days=3)
    monkeypatch.setattr(InMemoryStorage, "get_modified_time", lambda self, name: old)
    results: list[Any] = []

    def run() -> None:
        try:
            results.append(import_uploads_remove_expired())
        except Exception as error:  # reported below
            results.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    monkeypatch.undo()
    assert all(isinstance(result, list) for result in results), results
    assert len(results) == 2
    assert kept() == []
    assert sorted(set(results[0]) | set(results[1])) == sorted(names)


def test_a_file_removed_while_listed_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    name = default_storage.save(f"{STORAGE_FOLDER}/vanishing.csv", ContentFile(b"x"))

    def gone(self: InMemoryStorage, missing: str) -> Any:
        raise FileNotFoundError(missing)

    monkeypatch.setattr(InMemoryStorage, "get_modified_time", gone)
    assert import_uploads_remove_expired(max_age=timedelta(0)) == []
    assert import_uploads.import_upload_remove(name) is True
    assert import_uploads.import_upload_remove(name) is False  # already gone
    assert import_uploads.import_upload_remove("private/elsewhere/file.csv") is False
