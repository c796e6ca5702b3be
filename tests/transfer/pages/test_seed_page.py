"""The seed practice page imports completely: every field, nothing public lost."""

from datetime import date
from pathlib import Path

import pytest

from practicehub.catalogue.models import OrganizationRole, Practice, PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.transfer.pages import import_practice_file

from .conftest import lines_between, page_lines

pytestmark = pytest.mark.django_db

# Headings and site furniture on the seed page: everything else on it is content of the practice.
SEED_HEADINGS = {
    "Primary GCM Objectives",
    "GCM Guiding Principles*",
    "Sustainable Development Goals (SDGs)",
    "Dates",
    "Type of practice",
    "Geographic scope",
    "Geographic Scope:",
    "Summary",
    "Organizations",
    "Main Implementing Organization(s)",
    "Detailed Information",
    "Partner/Donor Organizations",
    "Benefit and Impact",
    "Key Lessons",
    "Recommendations(if the practice is to be replicated)",
    "Innovation",
    "Additional Resources",
    "Date submitted:",
}
FURNITURE_STARTS = (
    "Skip to main content",
    "Repository of Practices",
    "*All practices",
    "Disclaimer:",
    "*References",
)


@pytest.fixture
def seed(seed_page: Path, editor) -> tuple[Practice, list[str]]:  # type: ignore[no-untyped-def]
    report = import_practice_file(seed_page, actor=editor)
    assert report.created
    assert report.practice is not None
    return report.practice, page_lines(seed_page)


def test_title_dates_type_and_scope(seed: tuple[Practice, list[str]]) -> None:
    practice, lines = seed
    assert practice.title == lines_between(lines, "Repository of Practices", "Primary GCM Objectives")[0]
    assert practice.slug.startswith("promotion-of-international-cooperation")
    assert (practice.start_year, practice.end_year, practice.is_ongoing) == (2020, None, True)
    assert practice.dates_display == "2020 - Present"
    assert practice.practice_type is not None
    assert practice.practice_type.name == "Partnership/Multistakeholder initiative"
    assert practice.scope_level is not None
    assert practice.scope_level.key == "global"
    assert not practice.countries.exists()
    assert not practice.regions.exists()


def test_it_is_published_with_the_date_it_was_submitted(seed: tuple[Practice, list[str]]) -> None:
    practice, _lines = seed
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.submitted_on == date(2022, 3, 29)
    assert practice.published_at is not None
    assert practice.published_at.date() == date(2022, 3, 29)
    assert Practice.objects.published().get() == practice


def test_summary_keeps_its_two_paragraphs(seed: tuple[Practice, list[str]]) -> None:
    practice, lines = seed
    paragraphs = lines_between(lines, "Summary", "Organizations")
    assert len(paragraphs) == 2
    assert practice.summary == "\n\n".join(paragraphs)


def test_organizations_split_by_role(seed: tuple[Practice, list[str]]) -> None:
    practice, lines = seed
    links = list(practice.organization_links.select_related("organization"))
    by_role = {
        role: [link.organization.name for link in links if link.role == role] for role in OrganizationRole
    }
    assert by_role[OrganizationRole.MAIN] == ["Government of Azerbaijan"]
    assert by_role[OrganizationRole.PARTNER] == ["Members of GFMD"]
    assert by_role[OrganizationRole.OTHER] == []
    details = lines_between(lines, "Detailed Information", "Partner/Donor Organizations")
    assert practice.implementer_details == "\n\n".join(details)
    assert practice.implementer_details.startswith("State Migration Service")


@pytest.mark.parametrize(
    ("field", "heading", "next_heading", "paragraphs"),
    [
        ("benefit_and_impact", "Benefit and Impact", "Key Lessons", 2),
        ("key_lessons", "Key Lessons", "Recommendations(if the practice is to be replicated)", 1),
        ("recommendations", "Recommendations(if the practice is to be replicated)", "Innovation", 2),
        ("innovation", "Innovation", "Additional Resources", 1),
    ],
)
def test_long_texts(
    seed: tuple[Practice, list[str]], field: str, heading: str, next_heading: str, paragraphs: int
) -> None:
    practice, lines = seed
    expected = lines_between(lines, heading, next_heading)
    assert len(expected) == paragraphs
    assert getattr(practice, field) == "\n\n".join(expected)


def test_icon_only_values_are_left_empty_and_reported(seed_page: Path) -> None:
    report = import_practice_file(seed_page)
    assert report.practice is not None
    assert report.missing_icon_fields == ["primary_objectives", "guiding_principles", "sdgs"]
    assert not report.practice.primary_objectives.exists()
    assert not report.practice.guiding_principles.exists()
    assert not report.practice.sdgs.exists()
    assert len(report.warnings) == 3
    assert all("icons" in warning for warning in report.warnings)


def test_nothing_public_is_lost(seed: tuple[Practice, list[str]]) -> None:
    practice, lines = seed
    shown = "\n".join(
        [
            practice.title,
            practice.summary,
            practice.benefit_and_impact,
            practice.key_lessons,
            practice.recommendations,
            practice.innovation,
            practice.implementer_details,
            practice.dates_display,
            str(practice.practice_type),
            str(practice.scope_level),
            f"{practice.submitted_on:%d %B %Y}".lstrip("0"),
            *(str(link.organization) for link in practice.organization_links.all()),
        ]
    )
    content = [
        line for line in lines if line and line not in SEED_HEADINGS and not line.startswith(FURNITURE_STARTS)
    ]
    assert len(content) >= 15
    assert [line for line in content if line not in shown] == []


def test_the_import_is_audited(seed: tuple[Practice, list[str]], editor) -> None:  # type: ignore[no-untyped-def]
    practice, _lines = seed
    actions = set(
        AuditEvent.objects.filter(target_id=str(practice.pk), actor=editor).values_list("action", flat=True)
    )
    assert {"practice.created", "practice.imported"} <= actions
    imported = AuditEvent.objects.get(action="practice.imported")
    assert imported.data["source"] == "000_fd9c58931f9f8c3d.txt"
    assert imported.to_state == PracticeStatus.PUBLISHED
