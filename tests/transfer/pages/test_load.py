"""Writing pages as practices: re-import updates, overrides, dry runs, files that are not pages."""

from datetime import date
from pathlib import Path

import pytest

from practicehub.catalogue.models import (
    Organization,
    OrganizationRole,
    Practice,
    PracticeOrganization,
    PracticeStatus,
)
from practicehub.core.models import AuditEvent
from practicehub.transfer.pages import NotAPracticePage, import_practice_file

from .conftest import lines_between, page_lines

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Practice.objects.count(),
        Organization.objects.count(),
        PracticeOrganization.objects.count(),
        AuditEvent.objects.count(),
    )


def test_importing_the_same_page_again_updates_the_practice(seed_page: Path, fixture_page) -> None:  # type: ignore[no-untyped-def]
    first = import_practice_file(seed_page)
    import_practice_file(fixture_page("canada"))
    before = _counts()[:3]
    again = import_practice_file(seed_page)
    assert not again.created
    assert again.practice is not None
    assert first.practice is not None
    assert again.practice.pk == first.practice.pk
    assert _counts()[:3] == before
    assert Organization.objects.filter(name__iexact="Government of Azerbaijan").count() == 1


def test_an_edited_page_replaces_the_page_fields(seed_page: Path, tmp_path: Path) -> None:
    import_practice_file(seed_page)
    lines = page_lines(seed_page)
    old_innovation = lines_between(lines, "Innovation", "Additional Resources")[0]
    edited = tmp_path / "edited.txt"
    edited.write_text(
        seed_page.read_text(encoding="utf-8")
        .replace(old_innovation, "A shorter account of what is new.")
        .replace("Members of GFMD", "Members of the Steering Group (SG)"),
        encoding="utf-8",
    )
    report = import_practice_file(edited)
    practice = Practice.objects.get()
    assert not report.created
    assert practice.innovation == "A shorter account of what is new."
    partners = practice.organization_links.filter(role=OrganizationRole.PARTNER).select_related(
        "organization"
    )
    assert [(link.organization.name, link.organization.acronym) for link in partners] == [
        ("Members of the Steering Group", "SG")
    ]


def test_overrides_fill_what_the_page_shows_only_as_icons(seed_page: Path) -> None:
    overrides = {
        "primary_objectives": [23],
        "guiding_principles": ["international-cooperation"],
        "sdgs": [17],
    }
    report = import_practice_file(seed_page, overrides=overrides)
    practice = report.practice
    assert practice is not None
    assert list(practice.primary_objectives.values_list("number", flat=True)) == [23]
    assert list(practice.guiding_principles.values_list("key", flat=True)) == ["international-cooperation"]
    assert list(practice.sdgs.values_list("number", flat=True)) == [17]
    assert report.missing_icon_fields == ["primary_objectives", "guiding_principles", "sdgs"]
    assert all("set from the values given" in warning for warning in report.warnings)


def test_overrides_never_replace_what_the_page_says(seed_page: Path) -> None:
    report = import_practice_file(
        seed_page, overrides={"start_year": 1999, "summary": "Other", "is_sample": True}
    )
    practice = report.practice
    assert practice is not None
    assert practice.start_year == 2020
    assert practice.summary != "Other"
    assert practice.is_sample


def test_unknown_override_is_a_programming_error(seed_page: Path) -> None:
    with pytest.raises(ValueError, match="objectives_typo"):
        import_practice_file(seed_page, overrides={"objectives_typo": [1]})
    assert Practice.objects.count() == 0


def test_re_import_keeps_values_added_by_hand(seed_page: Path) -> None:
    practice = import_practice_file(seed_page).practice
    assert practice is not None
    practice.primary_objectives.set([23])  # an editor fills in what the page showed as icons
    Practice.objects.filter(pk=practice.pk).update(focal_point_name="A. Person")
    report = import_practice_file(seed_page)
    practice.refresh_from_db()
    assert list(practice.primary_objectives.values_list("number", flat=True)) == [23]
    assert practice.focal_point_name == "A. Person"
    assert any("current values were kept" in warning for warning in report.warnings)


def test_re_import_publishes_and_dates_a_practice(seed_page: Path) -> None:
    practice = import_practice_file(seed_page).practice
    assert practice is not None
    Practice.objects.filter(pk=practice.pk).update(status=PracticeStatus.ARCHIVED, published_at=None)
    import_practice_file(seed_page)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.published_at is not None
    assert practice.published_at.date() == date(2022, 3, 29)


def test_a_page_without_a_submission_date_is_published_now(fixture_page) -> None:  # type: ignore[no-untyped-def]
    practice = import_practice_file(fixture_page("niger")).practice
    assert practice is not None
    assert practice.published_at is not None
    assert practice.published_at.date() >= date(2025, 1, 1)


def test_dry_run_writes_nothing(seed_page: Path) -> None:
    report = import_practice_file(seed_page, dry_run=True)
    assert report.practice is None
    assert report.created
    assert report.title.startswith("Promotion of international cooperation")
    assert len(report.warnings) == 3
    assert _counts() == (0, 0, 0, 0)


def test_dry_run_of_a_known_page_says_it_would_update(seed_page: Path) -> None:
    import_practice_file(seed_page)
    before = _counts()
    report = import_practice_file(seed_page, dry_run=True)
    assert not report.created
    assert _counts() == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"Meeting notes\n\nWe agreed to meet again on Tuesday.\n", "not a practice page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text"),
        (b"", "no text"),
    ],
)
def test_a_file_that_is_not_a_page_is_refused_and_nothing_is_written(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(NotAPracticePage, match=reason):
        import_practice_file(path)
    assert _counts() == (0, 0, 0, 0)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotAPracticePage, match="no such file"):
        import_practice_file(tmp_path / "absent.txt")


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_pages_saved_in_other_encodings(seed_page: Path, tmp_path: Path, encoding: str) -> None:
    text = seed_page.read_text(encoding="utf-8")
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding, errors="replace"))
    practice = import_practice_file(path).practice
    assert practice is not None
    assert "GFMD’s informal character" in practice.innovation


def test_text_cut_off_at_the_end_imports_what_is_there(seed_page: Path, tmp_path: Path) -> None:
    text = seed_page.read_text(encoding="utf-8")
    cut = text.index("Key Lessons") + 200
    path = tmp_path / "cut.txt"
    path.write_text(text[:cut], encoding="utf-8")
    report = import_practice_file(path)
    practice = report.practice
    assert practice is not None
    full = lines_between(
        page_lines(seed_page), "Key Lessons", "Recommendations(if the practice is to be replicated)"
    )
    assert full[0].startswith(practice.key_lessons)
    assert len(practice.key_lessons) > 150
    assert practice.benefit_and_impact.count("\n\n") == 1
    assert practice.recommendations == practice.innovation == ""
    assert practice.submitted_on is None
    assert any("cut off" in warning for warning in report.warnings)


def test_page_with_values_written_as_text(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(
        "\n\n".join(
            [
                "Birth registration for migrant families",
                "GCM Objectives",
                "Objective 4",
                "GCM Guiding Principles",
                "Child-sensitive",
                "Sustainable Development Goals (SDGs)",
                "16",
                "Dates",
                "2019 - 2021",
                "Geographic scope",
                "Country:",
                "Niger",
                "Atlantis",
                "Regions:",
                "Western Africa",
                "Summary",
                "Officials register the births of migrants' children in the camps.",
                "Additional Resources",
                "Evaluation: https://example.org/evaluation",
            ]
        ),
        encoding="utf-8",
    )
    report = import_practice_file(path)
    practice = report.practice
    assert practice is not None
    assert list(practice.primary_objectives.values_list("number", flat=True)) == [4]
    assert list(practice.guiding_principles.values_list("key", flat=True)) == ["child-sensitive"]
    assert list(practice.sdgs.values_list("number", flat=True)) == [16]
    assert list(practice.countries.values_list("iso3", flat=True)) == ["NER"]
    assert list(practice.regions.values_list("name", flat=True)) == ["Western Africa"]
    assert [(link.title, link.url) for link in practice.links.all()] == [
        ("Evaluation", "https://example.org/evaluation")
    ]
    assert report.missing_icon_fields == []
    assert [warning for warning in report.warnings if "Atlantis" in warning]
