"""Properties over arbitrary input: the parser either reads a page or says it is not one."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.fields import PRACTICE_FIELDS
from practicehub.transfer.pages import NotAPracticePage, ParsedPage, parse_practice_page
from practicehub.transfer.pages.values import format_long_text, parse_date, parse_year_range

HEADINGS = [label for f in PRACTICE_FIELDS for label in f.source_labels] + [
    "Type of practice:",
    "GCM Guiding Principles*",
    "Skip to main content",
    "Disclaimer: x",
    "2020 - Present",
    "29 March 2022",
    "- item",
    "1) item",
    "Name (ACR)",
    "https://example.org",
    "",
    "\u00a0",
]
# Lines of every kind a page has: headings, furniture, values, and anything at all.
page_lines = st.lists(st.one_of(st.sampled_from(HEADINGS), st.text(max_size=80)), max_size=40)


def _parse(text: str) -> ParsedPage | None:
    try:
        return parse_practice_page(text)
    except NotAPracticePage as exc:
        assert str(exc)
        return None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_read_or_refused_with_a_reason(text: str) -> None:
    _parse(text)


@settings(max_examples=300, deadline=None)
@given(page_lines, st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_any_mix_of_headings_and_lines_is_read_or_refused(lines: list[str], newline: str) -> None:
    parsed = _parse(newline.join(["Title of a practice", *lines]))
    if parsed is not None:
        assert parsed.title == "Title of a practice"
        assert len(parsed.labels_found) >= 2
        assert all(isinstance(text, str) for text in parsed.texts.values())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.floats(min_value=0.0, max_value=1.0))
def test_the_seed_cut_anywhere_is_read_or_refused(seed_page: Path, cut: float) -> None:
    text = seed_page.read_text(encoding="utf-8")
    full = parse_practice_page(text)
    parsed = _parse(text[: int(len(text) * cut)])
    if parsed is not None:
        assert parsed.title == full.title
        # Fields complete before the cut are identical to the full page's.
        for name, value in parsed.texts.items():
            if name != list(parsed.texts)[-1]:
                assert value == full.texts[name]


@given(st.integers(1900, 2100), st.integers(1900, 2100), st.sampled_from([" - ", "-", " – ", " to "]))
def test_year_ranges_round_trip(start: int, end: int, dash: str) -> None:
    years = parse_year_range(f"{start}{dash}{end}")
    assert years is not None
    assert years.start_year == start
    assert years.end_year == (end if end >= start else None)
    assert not years.is_ongoing


@given(st.text(max_size=60))
def test_year_range_and_date_readers_never_raise(text: str) -> None:
    parse_year_range(text)
    parse_date(text)


@given(st.dates())
def test_dates_round_trip(value) -> None:  # type: ignore[no-untyped-def]
    if 1900 <= value.year <= 2100:
        assert parse_date(f"{value.day} {value:%B %Y}") == value


@given(
    st.lists(st.lists(st.text(min_size=1, max_size=40).map(str.strip).filter(bool), min_size=1, max_size=4))
)
def test_long_text_loses_no_words(paragraphs: list[list[str]]) -> None:
    text = format_long_text(paragraphs)
    for paragraph in paragraphs:
        for line in paragraph:
            assert line.split()[-1] in text
