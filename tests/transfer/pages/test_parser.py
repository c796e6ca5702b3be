"""The parser on pages written for these tests: label variants, furniture, inference, reports."""

from datetime import date

import pytest

from practicehub.transfer.pages import NotAPracticePage, parse_practice_page
from practicehub.transfer.pages.labels import label_collisions, match_label
from practicehub.transfer.pages.values import (
    format_long_text,
    parse_date,
    parse_year_range,
    split_organization,
)

PROSE = "The project trained local officials to register newborn children of migrants in three provinces."


def page(*blocks: str, title: str = "Birth registration for migrant families") -> str:
    """A page in the site's shape: every line followed by a blank line."""
    return "\n\n".join(["Skip to main content", "Repository of Practices", title, *blocks]) + "\n"


def test_no_heading_is_claimed_by_two_fields() -> None:
    assert label_collisions() == []


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("Primary GCM Objectives", "primary_objectives"),
        ("GCM Objectives", "primary_objectives"),
        ("primary gcm objectives:", "primary_objectives"),
        ("Secondary GCM Objectives", "secondary_objectives"),
        ("GCM Guiding Principles*", "guiding_principles"),
        ("Type of practice:", "practice_type"),
        ("TYPE OF PRACTICE", "practice_type"),
        ("Recommendations(if the practice is to be replicated)", "recommendations"),
        ("Recommendations (if the practice is to be replicated):", "recommendations"),
        ("Main Implementing Organisation(s)", "organizations"),
        ("Date submitted:", "submitted_on"),
        ("Sub Regions:", "geographic_scope"),
    ],
)
def test_headings_match_with_or_without_primary_colon_case_or_spacing(line: str, field: str) -> None:
    match = match_label(line)
    assert match is not None
    assert match.field.name == field


@pytest.mark.parametrize(
    "line", [PROSE, "Summary of the results", "Types of practice we saw", "Dates and times"]
)
def test_prose_is_not_a_heading(line: str) -> None:
    assert match_label(line) is None


def test_headings_with_the_value_on_the_same_line() -> None:
    parsed = parse_practice_page(
        page(
            "Dates: 2019 - 2021",
            "Type of practice: Project/Programme",
            "Summary",
            PROSE,
            "Date submitted: 5 May 2023",
        )
    )
    assert parsed.years is not None
    assert (parsed.years.start_year, parsed.years.end_year) == (2019, 2021)
    assert parsed.choices == {"practice_type": "Project/Programme"}
    assert parsed.submitted_on == date(2023, 5, 5)
    assert parsed.texts["summary"] == PROSE


def test_page_furniture_is_ignored() -> None:
    parsed = parse_practice_page(
        page(
            "Summary",
            PROSE,
            "Subscribe to our newsletter",
            "\u00a0",
            "Innovation",
            "Officials now register births in the camps themselves.",
            "Disclaimer:\u00a0The views are those of the implementers.",
            "*References to Kosovo are in the context of resolution 1244.",
        )
    )
    assert parsed.title == "Birth registration for migrant families"
    assert parsed.texts == {
        "summary": PROSE,
        "innovation": "Officials now register births in the camps themselves.",
    }
    assert parsed.unrecognised == []
    assert parsed.warnings == []


def test_unknown_section_is_reported_not_merged_into_the_previous_field() -> None:
    parsed = parse_practice_page(
        page(
            "Dates",
            "2019 - 2021",
            "Innovation",
            PROSE,
            "Funding sources",
            "The ministry paid for the training.",
        )
    )
    assert parsed.texts["innovation"] == PROSE
    assert [(item.heading, item.text) for item in parsed.unrecognised] == [
        ("Funding sources", "The ministry paid for the training.")
    ]
    assert any("Funding sources" in warning and "not imported" in warning for warning in parsed.warnings)


def test_text_after_the_last_field_is_reported() -> None:
    parsed = parse_practice_page(
        page(
            "Summary",
            PROSE,
            "Date submitted:",
            "3 June 2021",
            "Contact the team at the ministry for details.",
        )
    )
    assert parsed.submitted_on == date(2021, 6, 3)
    assert [item.text for item in parsed.unrecognised] == ["Contact the team at the ministry for details."]
    assert len(parsed.warnings) == 1


def test_scope_parts_and_values_written_as_text() -> None:
    parsed = parse_practice_page(
        page(
            "GCM Objectives",
            "Objective 4",
            "Sustainable Development Goals (SDGs)",
            "SDG 16",
            "Geographic scope",
            "Country:",
            "Niger",
            "Regions:",
            "Africa",
            "Sub Regions:",
            "Western Africa",
        )
    )
    assert parsed.vocabulary == {"primary_objectives": ["Objective 4"], "sdgs": ["SDG 16"]}
    assert (parsed.countries, parsed.regions) == (["Niger"], ["Africa", "Western Africa"])
    assert parsed.empty_icon_fields == []


def test_organizations_one_per_line_with_acronyms() -> None:
    parsed = parse_practice_page(
        page(
            "Summary",
            PROSE,
            "Organizations",
            "Main Implementing Organization(s)",
            "Ministry of the Interior (Niger)\nUnited Nations Children's Fund (UNICEF)",
            "Partner/Donor Organizations",
            "- European Union (EU)\n- Red Cross",
        )
    )
    assert [(o.name, o.acronym, o.role) for o in parsed.organizations] == [
        ("Ministry of the Interior (Niger)", "", "main"),
        ("United Nations Children's Fund", "UNICEF", "main"),
        ("European Union", "EU", "partner"),
        ("Red Cross", "", "partner"),
    ]


def test_additional_resources_become_links() -> None:
    parsed = parse_practice_page(
        page(
            "Summary",
            PROSE,
            "Additional Resources",
            "Final evaluation",
            "https://example.org/evaluation.pdf",
            "Project website: www.example.org/project",
            "Annual report 2020",
        )
    )
    assert [(link.title, link.url) for link in parsed.links] == [
        ("Final evaluation", "https://example.org/evaluation.pdf"),
        ("Project website", "https://www.example.org/project"),
    ]
    assert parsed.unlinked_resources == ["Annual report 2020"]
    assert any("Annual report 2020" in warning for warning in parsed.warnings)


def test_a_complete_page_is_not_reported_as_cut_off() -> None:
    parsed = parse_practice_page(page("Dates", "2020 - Present", "Summary", PROSE))
    assert not parsed.truncated
    assert parsed.warnings == []


def test_text_cut_mid_sentence_is_kept_and_reported() -> None:
    parsed = parse_practice_page(page("Dates", "2020 - Present", "Summary", PROSE, "In the second year the"))
    assert parsed.truncated
    assert parsed.texts["summary"].endswith("In the second year the")
    assert any("cut off" in warning for warning in parsed.warnings)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no text"),
        ("   \n\u00a0\n", "no text"),
        ("Shopping list\n\nMilk\n\nBread\n", "not a practice page"),
        ("Summary\n\nSomething\n\nDates\n\n2020\n", "no title"),
        ("<!DOCTYPE html>\n<html><body><p>Hello</p></body></html>", "HTML"),
        ("x" * 600 + "\n\nSummary\n\nDates\n", "too long"),
    ],
)
def test_not_a_practice_page_says_why(text: str, reason: str) -> None:
    with pytest.raises(NotAPracticePage, match=reason):
        parse_practice_page(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020 - Present", (2020, None, True)),
        ("2017 - 2022", (2017, 2022, False)),
        ("2017–2022", (2017, 2022, False)),
        ("Since 2019", (2019, None, True)),
        ("March 2018 to ongoing", (2018, None, True)),
        ("2019", (2019, 2019, False)),
        ("2022 - 2018", (2022, None, False)),
    ],
)
def test_year_ranges(text: str, expected: tuple[int, int | None, bool]) -> None:
    years = parse_year_range(text)
    assert years is not None
    assert (years.start_year, years.end_year, years.is_ongoing) == expected


@pytest.mark.parametrize(
    "text", ["Partnership/Multistakeholder initiative", "In 2019 we began", "12345", "", "-"]
)
def test_not_year_ranges(text: str) -> None:
    assert parse_year_range(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("29 March 2022", date(2022, 3, 29)),
        ("March 29, 2022", date(2022, 3, 29)),
        ("2022-03-29", date(2022, 3, 29)),
        ("29/03/2022", date(2022, 3, 29)),
        ("29 de marzo de 2022", date(2022, 3, 29)),
        ("31 February 2022", None),
        ("yesterday", None),
    ],
)
def test_dates(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "International Organization for Migration (IOM)",
            ("International Organization for Migration", "IOM"),
        ),
        (
            "EU - IOM Knowledge Management Hub (EU-IOM KMH)",
            ("EU - IOM Knowledge Management Hub", "EU-IOM KMH"),
        ),
        ("Government of Canada", ("Government of Canada", "")),
        ("Ministry of Health (Niger)", ("Ministry of Health (Niger)", "")),
    ],
)
def test_organization_names_and_acronyms(line: str, expected: tuple[str, str]) -> None:
    assert split_organization(line) == expected


def test_long_text_keeps_paragraphs_and_lists() -> None:
    text = format_long_text(
        [
            ["First paragraph."],
            ["The steps were:"],
            ["1) train staff;"],
            ["2) open desks."],
            ["• a", "• b"],
            ["End."],
        ]
    )
    assert (
        text == "First paragraph.\n\nThe steps were:\n\n1. train staff;\n2. open desks.\n\n- a\n- b\n\nEnd."
    )
