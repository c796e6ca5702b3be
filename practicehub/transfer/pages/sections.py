"""Reading one section of a page according to the kind of its field (practicehub/catalogue/fields.py).

What a section cannot hold is kept in `left_over` for the parser to place or report."""

import re
from dataclasses import dataclass
from dataclasses import field as dc_field

from django.utils.translation import gettext as _

from practicehub.catalogue.fields import Kind, PracticeField

from .labels import ORG_DETAILS, ORG_PARTNER, SCOPE_COUNTRIES, SCOPE_REGIONS
from .page import ParsedLink, ParsedOrganization, ParsedPage
from .values import format_long_text, list_item, parse_date, parse_year_range, split_organization

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_NUMBERED_VALUE = re.compile(r"^(?:objective|sdg|goal)?\s*#?\d{1,2}\b", re.IGNORECASE)
ICON_KINDS = frozenset({Kind.OBJECTIVES, Kind.VOCABULARY})


@dataclass
class Section:
    field: PracticeField | None  # None: text before the first heading, or under an unknown heading
    heading: str
    part: str | None = None
    parts_seen: set[str] = dc_field(default_factory=set)
    paragraphs: list[tuple[str | None, list[str]]] = dc_field(default_factory=list)
    left_over: list[list[str]] = dc_field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.field.label) if self.field else self.heading


def words(text: str) -> int:
    return len(text.split())


def is_prose(lines: list[str]) -> bool:
    """A sentence or more, or a list: text that belongs to a description, not a value."""
    text = " ".join(lines)
    count = words(text)
    return count >= 8 or list_item(lines[0]) is not None or (count >= 3 and text[-1] in ".!?:")


def is_value(line: str) -> bool:
    return len(line) <= 150 and not is_prose([line]) and parse_year_range(line) is None


def lines_of(section: Section) -> list[list[str]]:
    return [lines for _part, lines in section.paragraphs]


def _read_icon_values(page: ParsedPage, section: Section) -> None:
    assert section.field is not None
    values = page.vocabulary.setdefault(section.field.name, [])
    paragraphs = lines_of(section)
    for index, lines in enumerate(paragraphs):
        if all(_NUMBERED_VALUE.match(line) or is_value(line) for line in lines):
            values.extend(lines)
        else:
            section.left_over = paragraphs[index:]
            return


def _read_first_value(page: ParsedPage, section: Section) -> None:
    """Dates, a date or one vocabulary value: the first line; the rest is left over."""
    assert section.field is not None
    paragraphs = lines_of(section)
    if not paragraphs:
        return
    first, rest = paragraphs[0][0], [paragraphs[0][1:], *paragraphs[1:]]
    kind, name = section.field.kind, section.field.name
    if kind == Kind.DATES and (years := parse_year_range(first)) is not None:
        if page.years is None:
            page.years = years
            if years.end_year is None and not years.is_ongoing:
                page.warnings.append(
                    _("The end year in “%s” is before the start year; it was left out.") % first
                )
    elif kind == Kind.DATE and (value := parse_date(first)) is not None:
        page.dates.setdefault(name, value)
    elif kind == Kind.CHOICE and is_value(first) and len(first) <= 100:
        page.choices.setdefault(name, first)
    elif kind in (Kind.DATES, Kind.DATE) and not is_prose([first]):
        page.unreadable.setdefault(name, first)
        page.warnings.append(
            _("Could not read “%(value)s” as %(field)s.") % {"value": first, "field": section.label}
        )
    else:
        rest = paragraphs
    section.left_over = [lines for lines in rest if lines]


def _read_scope(page: ParsedPage, section: Section) -> None:
    for index, (part, lines) in enumerate(section.paragraphs):
        for position, line in enumerate(lines):
            if not is_value(line):
                section.left_over = [lines[position:], *lines_of(section)[index + 1 :]]
                return
            if part == SCOPE_COUNTRIES:
                page.countries.append(line)
            elif part == SCOPE_REGIONS:
                page.regions.append(line)
            else:
                page.scope_values.append(line)


def _read_organizations(page: ParsedPage, section: Section) -> None:
    details: list[list[str]] = []
    seen = {(org.name.casefold(), org.role) for org in page.organizations}
    for part, lines in section.paragraphs:
        if part == ORG_DETAILS:
            details.extend([line] for line in lines)
            continue
        for line in lines:
            item = list_item(line)
            name, acronym = split_organization(item[1] if item else line)
            if len(name) > 250 or words(name) > 20 or (name.endswith(".") and words(name) > 12):
                page.warnings.append(
                    _("Text under “%s” is not an organization name; it was kept as detailed information.")
                    % section.heading
                )
                details.append([line])
                continue
            role = ORG_PARTNER if part == ORG_PARTNER else "main"
            if name and (name.casefold(), role) not in seen:
                seen.add((name.casefold(), role))
                page.organizations.append(ParsedOrganization(name, acronym, role))
    if details:
        append_text(page, "implementer_details", format_long_text(details))


def _read_resources(page: ParsedPage, section: Section) -> None:
    pending: list[str] = []
    for lines in lines_of(section):
        for line in lines:
            url_match = URL.search(line)
            if url_match is None:
                pending.append(line)
                continue
            url = url_match.group(0).rstrip(".,;)")
            if url.lower().startswith("www."):
                url = "https://" + url
            own_title = (line[: url_match.start()] + line[url_match.end() :]).strip(" -–:|()")
            title = own_title or (pending.pop() if pending else url)
            page.links.append(ParsedLink(title[:300], url))
    page.unlinked_resources.extend(pending)
    if pending:
        page.warnings.append(
            _("Additional resources without an address were not imported: %s.") % "; ".join(pending)
        )


def append_text(page: ParsedPage, name: str, text: str) -> None:
    if text:
        page.texts[name] = f"{page.texts[name]}\n\n{text}" if page.texts.get(name) else text


def read_section(page: ParsedPage, section: Section) -> None:
    if section.field is None:  # text before the first heading, or under a heading we do not know
        section.left_over = lines_of(section)
        return
    kind = section.field.kind
    if kind == Kind.LONG_TEXT:
        append_text(page, section.field.name, format_long_text(lines_of(section)))
    elif kind in ICON_KINDS:
        _read_icon_values(page, section)
    elif kind in (Kind.DATES, Kind.DATE, Kind.CHOICE):
        _read_first_value(page, section)
    elif kind == Kind.SCOPE:
        _read_scope(page, section)
    elif kind == Kind.ORGANIZATIONS:
        _read_organizations(page, section)
    elif kind == Kind.RESOURCES:
        _read_resources(page, section)
    else:  # a kind that published pages do not carry (language, contact): report what is there
        section.left_over = lines_of(section)
