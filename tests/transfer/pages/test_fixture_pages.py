"""The four other layouts of published pages, each cut off part-way: every field that is there."""

from collections.abc import Callable
from pathlib import Path

import pytest

from practicehub.catalogue.models import OrganizationRole, Practice
from practicehub.core.text import render_long_text
from practicehub.transfer.pages import ImportReport, import_practice_file, parse_practice_page

from .conftest import lines_between, page_lines

pytestmark = pytest.mark.django_db

PageGetter = Callable[[str], Path]


def _import(path: Path) -> tuple[ImportReport, Practice]:
    report = import_practice_file(path)
    assert report.created
    assert report.practice is not None
    return report, report.practice


def _organizations(practice: Practice, role: str) -> list[tuple[str, str]]:
    return [
        (link.organization.name, link.organization.acronym)
        for link in practice.organization_links.select_related("organization").filter(role=role)
    ]


def _is_cut_off(report: ImportReport) -> bool:
    return report.truncated and any("cut off" in warning for warning in report.warnings)


def test_collaborators_layout_canada(fixture_page: PageGetter) -> None:
    path = fixture_page("canada")
    lines = page_lines(path)
    report, practice = _import(path)

    assert practice.title == lines_between(lines, "Repository of Practices", "GCM Objectives")[0]
    assert (practice.start_year, practice.end_year, practice.is_ongoing) == (2021, None, True)
    assert str(practice.practice_type) == "Partnership/Multistakeholder initiative"
    # "Latest content" heads the scope; its country and regions are icons only.
    assert practice.scope_level is None
    assert not practice.countries.exists()
    assert report.missing_icon_fields == [
        "primary_objectives",
        "guiding_principles",
        "sdgs",
        "countries",
        "regions",
    ]
    assert practice.summary == "\n\n".join(lines_between(lines, "Summary", "Collaborators"))

    assert _organizations(practice, OrganizationRole.MAIN) == [
        ("Government of Canada", ""),
        ("Office of the United Nations High Commissioner for Refugees", "UNHCR"),
        ("International Organization for Migration", "IOM"),
    ]
    partners = lines_between(lines, "Partners", "Benefit and Impact")
    assert len(partners) == 5
    assert [name for name, _acronym in _organizations(practice, OrganizationRole.PARTNER)] == partners
    # "Other Organizations" holds what "Detailed Information" holds in the older layout.
    assert practice.implementer_details == lines_between(lines, "Other Organizations", "Partners")[0]

    assert practice.benefit_and_impact == lines_between(lines, "Benefit and Impact")[0]
    assert practice.key_lessons == practice.recommendations == practice.innovation == ""
    assert practice.submitted_on is None
    assert practice.published_at is not None
    assert _is_cut_off(report)


def test_page_without_dates_or_summary_headings_eu_iom(fixture_page: PageGetter) -> None:
    path = fixture_page("eu_iom")
    lines = page_lines(path)
    report, practice = _import(path)

    assert practice.title == lines_between(lines, "Skip to main content", "GCM Objectives")[0]
    # A lone "2017 - 2022" line is the dates; the prose after the empty type is the summary.
    assert (practice.start_year, practice.end_year, practice.is_ongoing) == (2017, 2022, False)
    assert practice.practice_type is None
    assert any("Type of practice" in warning for warning in report.warnings)
    source = lines_between(lines, "Type of practice:")
    assert [line for line in practice.summary.splitlines() if line] == source
    html = render_long_text(practice.summary)
    assert html.count("<ol") == 2
    assert html.count("<ul>") == 2
    assert html.count("<li>") == 8
    assert practice.scope_level is None
    assert not practice.organization_links.exists()
    assert practice.implementer_details == ""
    assert report.missing_icon_fields == ["primary_objectives"]
    assert _is_cut_off(report)


def test_older_layout_with_country_fields_niger(fixture_page: PageGetter) -> None:
    path = fixture_page("niger")
    lines = page_lines(path)
    report, practice = _import(path)

    assert practice.title == lines_between(lines, "Repository of Practices", "Primary GCM Objectives")[0]
    assert (practice.start_year, practice.end_year, practice.is_ongoing) == (2017, None, True)
    assert str(practice.practice_type) == "Project/Programme"
    assert practice.scope_level is None
    assert not practice.countries.exists()
    assert "countries" in report.missing_icon_fields
    assert practice.summary == lines_between(lines, "Summary")[0]
    assert not practice.organization_links.exists()
    assert practice.benefit_and_impact == ""
    assert _is_cut_off(report)


def test_secondary_objectives_and_numbered_list_undp(fixture_page: PageGetter) -> None:
    path = fixture_page("undp")
    lines = page_lines(path)
    report, practice = _import(path)

    assert practice.title == lines_between(lines, "Repository of Practices", "Primary GCM Objectives")[0]
    assert (practice.start_year, practice.end_year, practice.is_ongoing) == (2015, 2018, False)
    assert practice.practice_type is None
    assert report.missing_icon_fields == [
        "primary_objectives",
        "secondary_objectives",
        "guiding_principles",
        "sdgs",
    ]

    source = lines_between(lines, "Type of practice")
    blocks = practice.summary.split("\n\n")
    assert blocks[:3] == source[:3]
    items = blocks[3].splitlines()
    assert len(blocks) == 4
    assert len(items) == 4
    for number, (item, line) in enumerate(zip(items, source[3:], strict=True), start=1):
        # "1) text" on the page is stored as "1. text", so that it renders as a numbered list.
        assert line.startswith(f"{number})")
        assert item == f"{number}. " + line.removeprefix(f"{number})").strip()
    html = render_long_text(practice.summary)
    assert html.count("<li>") == 4
    assert "<ol>" in html
    assert _is_cut_off(report)


@pytest.mark.parametrize("name", ["canada", "eu_iom", "niger", "undp"])
def test_the_parser_reports_the_cut(fixture_page: PageGetter, name: str) -> None:
    page = parse_practice_page(fixture_page(name).read_text(encoding="utf-8"))
    assert page.truncated
    assert page.unrecognised == []
    # The last words on the page are in the practice.
    last_words = " ".join([line for line in page_lines(fixture_page(name)) if line][-1].split()[-4:])
    assert any(text.endswith(last_words) for text in page.texts.values())
