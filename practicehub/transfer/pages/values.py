"""Reading single values written as text: year ranges, dates, organization names, long texts."""

import re
from dataclasses import dataclass
from datetime import date

MIN_YEAR, MAX_YEAR = 1900, 2100

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        ("january", "jan", "janvier", "enero", "ene"),
        ("february", "feb", "février", "fevrier", "févr", "fev", "febrero"),
        ("march", "mar", "mars", "marzo"),
        ("april", "apr", "avril", "avr", "abril", "abr"),
        ("may", "mai", "mayo"),
        ("june", "jun", "juin", "junio"),
        ("july", "jul", "juillet", "juil", "julio"),
        ("august", "aug", "août", "aout", "agosto", "ago"),
        ("september", "sep", "sept", "septembre", "septiembre", "setiembre"),
        ("october", "oct", "octobre", "octubre"),
        ("november", "nov", "novembre", "noviembre"),
        ("december", "dec", "décembre", "decembre", "déc", "diciembre", "dic"),
    ),
    start=1,
):
    for _name in _names:
        _MONTHS[_name] = _number

_ONGOING_WORDS = frozenset(
    {"present", "ongoing", "on-going", "current", "now", "today", "date", "actualidad", "presente", "curso"}
)
_RANGE_FILLER = frozenset({"-", "–", "—", "to", "until", "till", "/", "from", "since", ".", ",", "en", "a"})
_TOKEN = re.compile(r"\d+|[^\W\d_]+(?:-[^\W\d_]+)?|\S", re.UNICODE)


@dataclass(frozen=True)
class YearRange:
    start_year: int
    end_year: int | None
    is_ongoing: bool


def parse_year_range(text: str) -> YearRange | None:
    """'2017 - 2022', '2020 - Present', 'Since 2019', 'March 2018 – ongoing', '2019'; else None.

    An end year before the start year is dropped (the caller reports it)."""
    tokens = _TOKEN.findall(text.casefold())
    if not tokens or len(tokens) > 12:
        return None
    years: list[int] = []
    ongoing = False
    for token in tokens:
        if token.isdecimal():
            if len(token) > 4:
                return None
            number = int(token)
            if len(token) == 4 and MIN_YEAR <= number <= MAX_YEAR:
                years.append(number)
            elif not 1 <= number <= 31:
                return None
        elif token in _ONGOING_WORDS:
            ongoing = True
        elif token not in _MONTHS and token.rstrip(".") not in _MONTHS and token not in _RANGE_FILLER:
            return None
    if not years or len(years) > 2:
        return None
    start = years[0]
    if "since" in tokens and len(years) == 1:
        ongoing = True
    if ongoing:
        return YearRange(start, None, True)
    end = years[-1]
    return YearRange(start, end if end >= start else None, False)


_DAY_MONTH_YEAR = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+)?(\d{4})$"
)
_MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


def parse_date(text: str) -> date | None:
    """'29 March 2022', 'March 29, 2022', '2022-03-29', '29/03/2022' (day first); else None."""
    value = " ".join(text.casefold().split()).rstrip(".")
    parts: tuple[int, int, int] | None = None
    if m := _DAY_MONTH_YEAR.match(value):
        month = _MONTHS.get(m[2])
        parts = (int(m[3]), month, int(m[1])) if month else None
    elif m := _MONTH_DAY_YEAR.match(value):
        month = _MONTHS.get(m[1])
        parts = (int(m[3]), month, int(m[2])) if month else None
    elif m := _ISO.match(value):
        parts = (int(m[1]), int(m[2]), int(m[3]))
    elif m := _NUMERIC.match(value):
        parts = (int(m[3]), int(m[2]), int(m[1]))
    if parts is None or not MIN_YEAR <= parts[0] <= MAX_YEAR:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


_NAME_WITH_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[^()]{1,40})\)[\s.,;]*$")


def looks_like_acronym(text: str) -> bool:
    """'UNHCR', 'EU-IOM', 'UN DESA', 'GFMD'; not 'Niger' or 'in Spanish'."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or len(text) > 20 or len(text.split()) > 3:
        return False
    upper = sum(ch.isupper() for ch in letters)
    return upper >= 2 and upper / len(letters) >= 0.6


def split_organization(line: str) -> tuple[str, str]:
    """'Name (ACRONYM)' -> (name, acronym); anything else -> (line, '')."""
    text = " ".join(line.split()).strip(" ,;")
    m = _NAME_WITH_ACRONYM.match(text)
    if m and looks_like_acronym(m["acronym"].strip()):
        return m["name"].strip(" -–,"), m["acronym"].strip()
    return text, ""


_BULLET = re.compile(r"^[-*•◦▪‣–—+·]\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<number>\d{1,3})[.)]\s+(?P<text>\S.*)$")


def list_item(line: str) -> tuple[str, str] | None:
    """('- ', text) for a bullet item, ('3. ', text) for a numbered one, else None."""
    if m := _BULLET.match(line):
        return "- ", m["text"]
    if m := _NUMBERED.match(line):
        return f"{int(m['number'])}. ", m["text"]
    return None


def format_long_text(paragraphs: list[list[str]]) -> str:
    """Paragraphs (each a list of lines) as Markdown-lite: blank line between paragraphs,
    list items as '- item' or '1. item' lines, consecutive items of one list kept together."""
    blocks: list[list[str]] = []
    in_list = ""  # "-" or "1" while the last block is a list of that kind
    for paragraph in paragraphs:
        text_lines: list[str] = []
        for position, line in enumerate(paragraph):
            item = list_item(line)
            if item is None:
                if in_list and not text_lines and position > 0:
                    blocks[-1][-1] += " " + line  # a wrapped list item goes on
                    continue
                if not text_lines:
                    blocks.append(text_lines)
                    in_list = ""
                text_lines.append(line)
                continue
            marker, body = item
            kind = "-" if marker == "- " else "1"
            text_lines = []
            if in_list != kind:
                blocks.append([])
                in_list = kind
            blocks[-1].append(marker + body)
    return "\n\n".join("\n".join(block) for block in blocks if block)
