"""The text of a published practice page -> ParsedPage. Pure: reads no database, writes nothing.

A page is a title, then sections under headings (see labels.py). The text is split into
sections and paragraphs, then each section is read according to the kind of its field
(practicehub/catalogue/fields.py; see sections.py). Text that a section cannot hold is "left
over": a lone year range becomes the dates and prose before the description becomes the summary
(some pages lack those headings); anything else is reported, never silently dropped.
"""

import re
import unicodedata

from django.utils.translation import gettext as _

from practicehub.catalogue.fields import FIELDS_BY_NAME, PRACTICE_FIELDS, Kind
from practicehub.core.xmltext import xml_text

from .labels import SCOPE_COUNTRIES, SCOPE_REGIONS, is_furniture, match_label
from .page import NotAPracticePage, ParsedPage, UnrecognisedText
from .sections import ICON_KINDS, URL, Section, append_text, is_prose, read_section, words
from .values import format_long_text, list_item, parse_year_range

MIN_LABELS = 2  # distinct field headings a page must show
MAX_TITLE = 500
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_HTML = re.compile(r"<\s*(?:!doctype|html|head|body|div|p|span|table)\b", re.IGNORECASE)
_ENDS_SENTENCE = re.compile(r"[.!?…:;)\]\"'”’»]$")

_DATES_FIELD = next(f for f in PRACTICE_FIELDS if f.kind == Kind.DATES)
_SUMMARY_FIELD = next(f for f in PRACTICE_FIELDS if f.kind == Kind.LONG_TEXT)
_DESCRIPTION_KINDS = frozenset({Kind.LONG_TEXT, Kind.ORGANIZATIONS, Kind.RESOURCES, Kind.DATE})


def _clean_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.translate(_INVISIBLE))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Characters XML cannot carry (core/xmltext.py) and DEL become spaces, like any other gap.
    return [_SPACES.sub(" ", xml_text(line).replace("\x7f", " ")).strip() for line in text.split("\n")]


def _heading_like(line: str) -> bool:
    return (
        len(line) <= 60
        and words(line) <= 7
        and line[0].isupper()
        and line[-1] not in ".,;:!?…"
        and list_item(line) is None
        and not URL.search(line)
    )


def _title(lines: list[str]) -> tuple[int, str]:
    for index, line in enumerate(lines):
        if not any(ch.isalnum() for ch in line) or is_furniture(line):
            continue
        if match_label(line) is not None:
            raise NotAPracticePage(_("The page has no title: it starts with the heading “%s”.") % line)
        if len(line) > MAX_TITLE:
            raise NotAPracticePage(
                _("The first line is too long to be a practice title (%d characters).") % len(line)
            )
        return index, line
    raise NotAPracticePage(_("The file has no text."))


def _split_sections(lines: list[str]) -> list[Section]:
    current = Section(None, "")
    sections = [current]
    open_paragraph = False
    for line in lines:
        if not line or is_furniture(line):
            open_paragraph = False
            continue
        match = match_label(line)
        if match is not None:
            if current.field is None or current.field.name != match.field.name:
                current = Section(match.field, line)
                sections.append(current)
            current.part = match.part or current.part
            if match.part:
                current.parts_seen.add(match.part)
            open_paragraph = False
            if match.inline_value:
                current.paragraphs.append((current.part, [match.inline_value]))
            continue
        if open_paragraph:
            current.paragraphs[-1][1].append(line)
        else:
            current.paragraphs.append((current.part, [line]))
            open_paragraph = True
    return sections


def _split_unknown_headings(sections: list[Section]) -> list[Section]:
    """Inside long texts, a short heading-like line followed by text opens a section we do not know."""
    result: list[Section] = []
    for section in sections:
        result.append(section)
        if section.field is None or section.field.kind != Kind.LONG_TEXT:
            continue
        paragraphs, section.paragraphs = section.paragraphs, []
        current = section
        for index, (part, lines) in enumerate(paragraphs):
            if (
                current.paragraphs
                and len(lines) == 1
                and _heading_like(lines[0])
                and index + 1 < len(paragraphs)
            ):
                current = Section(None, lines[0])
                result.append(current)
                continue
            current.paragraphs.append((part, lines))
    return result


def _place_left_overs(page: ParsedPage, sections: list[Section]) -> None:
    """Infer the headings a page left out, where the layout makes the text unambiguous."""
    description_started = False
    summary_known = _SUMMARY_FIELD.name in page.labels_found
    for section in sections:
        unknown_heading = section.field is None and bool(section.heading)
        description_started = description_started or unknown_heading
        paragraphs = section.left_over
        while paragraphs:
            first = paragraphs[0]
            years = parse_year_range(first[0]) if len(first) == 1 and not unknown_heading else None
            if years is not None and page.years is None:
                page.years = years
                page.inferred.append(_DATES_FIELD.name)
                paragraphs = paragraphs[1:]
                continue
            if not description_started and not summary_known and is_prose(first):
                append_text(page, _SUMMARY_FIELD.name, format_long_text(paragraphs))
                page.inferred.append(_SUMMARY_FIELD.name)
                summary_known = True
            else:
                page.unrecognised.append(UnrecognisedText(section.heading, format_long_text(paragraphs)))
            break
        if section.field is not None and section.field.kind in _DESCRIPTION_KINDS:
            description_started = True


def _note_unrecognised(page: ParsedPage) -> None:
    for item in page.unrecognised:
        excerpt = " ".join(item.text.split())
        excerpt = excerpt if len(excerpt) <= 80 else excerpt[:77].rstrip() + "…"
        if item.heading:
            message = _("Section “%(heading)s” is not a field of a practice; it was not imported: “%(text)s”")
        else:
            message = _("Text outside any known section was not imported: “%(text)s”")
        page.warnings.append(message % {"heading": item.heading, "text": excerpt})


def _note_icon_fields(page: ParsedPage, sections: list[Section]) -> None:
    for section in sections:
        if section.field is None:
            continue
        names: list[str] = []
        if section.field.kind in ICON_KINDS and not page.vocabulary.get(section.field.name):
            names.append(section.field.name)
        elif section.field.kind == Kind.SCOPE:
            if SCOPE_COUNTRIES in section.parts_seen and not page.countries:
                names.append("countries")
            if SCOPE_REGIONS in section.parts_seen and not page.regions:
                names.append("regions")
        for name in names:
            if name not in page.empty_icon_fields:
                page.empty_icon_fields.append(name)


def _note_empty_values(page: ParsedPage) -> None:
    for name in page.labels_found:
        field_ = FIELDS_BY_NAME[name]
        empty = (
            (field_.kind == Kind.CHOICE and not page.choices.get(name))
            or (field_.kind == Kind.DATES and page.years is None)
            or (field_.kind == Kind.DATE and name not in page.dates)
        )
        if empty and name not in page.unreadable:
            page.warnings.append(_("“%s” has no value on the page; it was left empty.") % field_.label)


def _note_truncation(page: ParsedPage, sections: list[Section]) -> None:
    filled = [s for s in sections if s.paragraphs]
    if not filled:
        return
    last = filled[-1]
    in_text = last.field is None or last.field.kind == Kind.LONG_TEXT or bool(last.left_over)
    last_line = last.paragraphs[-1][1][-1]
    if not in_text or _ENDS_SENTENCE.search(last_line) or words(last_line) < 3:
        return
    page.truncated = True
    tail = last_line if words(last_line) <= 8 else "…" + " ".join(last_line.split()[-8:])
    page.warnings.append(
        _("The text stops mid-sentence (“%s”): the page seems cut off. What is there was imported.") % tail
    )
    labelled = [f for f in PRACTICE_FIELDS if f.source_labels and f.public]
    names = [f.name for f in labelled]
    if last.field is not None and last.field.name in names:
        after = labelled[names.index(last.field.name) + 1 :]
        missing = [str(f.label) for f in after if f.name not in page.labels_found + page.inferred]
        if missing:
            page.warnings.append(_("Not on the page (cut off?): %s.") % ", ".join(missing))


def parse_practice_page(text: str) -> ParsedPage:
    """Read a published practice page. Raises NotAPracticePage, with a reason, for anything else."""
    lines = _clean_lines(text)
    if not any(lines):
        raise NotAPracticePage(_("The file has no text."))
    title_index, title = _title(lines)
    sections = _split_sections(lines[title_index + 1 :])
    labels_found = list(dict.fromkeys(s.field.name for s in sections if s.field is not None))
    if len(labels_found) < MIN_LABELS:
        if _HTML.search(text[:5000]):
            raise NotAPracticePage(
                _("This is HTML, not the text of a practice page: save the page as plain text first.")
            )
        examples = ", ".join(f"“{FIELDS_BY_NAME[n].label}”" for n in ("summary", "dates", "practice_type"))
        raise NotAPracticePage(
            _("This is not a practice page: it lacks the section headings of one (such as %s).") % examples
        )
    page = ParsedPage(title=title, labels_found=labels_found)
    sections = _split_unknown_headings(sections)
    for section in sections:
        read_section(page, section)
    _place_left_overs(page, sections)
    _note_unrecognised(page)
    _note_empty_values(page)
    _note_icon_fields(page, sections)
    _note_truncation(page, sections)
    return page
