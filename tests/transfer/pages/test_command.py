"""`manage.py import_practice_page FILE...`: what the person running it sees."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from practicehub.catalogue.models import Practice

pytestmark = pytest.mark.django_db


def _run(*args: object) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_practice_page", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_many_files_and_reports_each(seed_page: Path, fixture_page) -> None:  # type: ignore[no-untyped-def]
    out, err = _run(seed_page, fixture_page("canada"), fixture_page("eu_iom"))
    assert err == ""
    assert out.count(": Created “") == 3
    assert "shown only as icons" in out
    assert "cut off" in out
    assert Practice.objects.published().count() == 3

    out, _err = _run(seed_page)
    assert ": Updated “Promotion of international cooperation" in out
    assert Practice.objects.count() == 3


def test_a_file_that_is_not_a_page_fails_alone(seed_page: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Meeting notes\n\nWe agreed to meet again on Tuesday.\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 2"):
        call_command("import_practice_page", str(notes), str(seed_page), stdout=out, stderr=err)
    assert "notes.txt: not imported. This is not a practice page" in err.getvalue()
    assert ": Created “" in out.getvalue()
    assert Practice.objects.count() == 1


def test_dry_run_reports_without_saving(seed_page: Path) -> None:
    out, _err = _run("--dry-run", seed_page)
    assert ": Would create “Promotion of international cooperation" in out
    assert Practice.objects.count() == 0


def test_needs_at_least_one_file() -> None:
    with pytest.raises(CommandError):
        call_command("import_practice_page")
