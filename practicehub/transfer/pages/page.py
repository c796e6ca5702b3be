"""What the parser reads from a page: plain values, before any database lookup."""

from dataclasses import dataclass, field
from datetime import date

from .values import YearRange


class NotAPracticePage(ValueError):
    """The text is not a published practice page; the message says why, for the person importing."""


@dataclass
class ParsedOrganization:
    name: str
    acronym: str = ""
    role: str = "main"  # "main" or "partner", as OrganizationRole


@dataclass
class ParsedLink:
    title: str
    url: str


@dataclass
class UnrecognisedText:
    heading: str  # the heading as written; "" for text under no heading
    text: str


@dataclass
class ParsedPage:
    title: str
    # Fields whose heading is on the page, in page order, and fields recognised by layout alone.
    labels_found: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    # Long texts (Markdown-lite) by field name, and the detailed information on the implementer.
    texts: dict[str, str] = field(default_factory=dict)
    # One-value fields (type of practice) and vocabulary fields (objectives, principles, SDGs), as written.
    choices: dict[str, str] = field(default_factory=dict)
    vocabulary: dict[str, list[str]] = field(default_factory=dict)
    years: YearRange | None = None
    scope_values: list[str] = field(default_factory=list)  # "Global", or places under no sub-heading
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    organizations: list[ParsedOrganization] = field(default_factory=list)
    links: list[ParsedLink] = field(default_factory=list)
    unlinked_resources: list[str] = field(default_factory=list)
    dates: dict[str, date] = field(default_factory=dict)  # date fields (date submitted)
    # Values the source site shows only as icons: their heading is there, their text is not.
    empty_icon_fields: list[str] = field(default_factory=list)
    unrecognised: list[UnrecognisedText] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)  # field name -> value that could not be read
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False

    @property
    def implementer_details(self) -> str:
        return self.texts.get("implementer_details", "")

    @property
    def submitted_on(self) -> date | None:
        return self.dates.get("submitted_on")
