"""Response schemas of the public API. The practice schema is built from the record attributes
(practicehub/opendata/records.py), which come from the field definition (catalogue/fields.py): a
field added there appears here, in the JSON download and in the CSV columns, public fields only."""

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field, create_model

from practicehub.opendata.records import ATTRIBUTES, AttrType


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in words.")
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="For invalid parameters: each problem with its location."
    )


class Term(Schema):
    """A value of a controlled vocabulary."""

    key: str = Field(description="Stable key, as the list's filter parameters take it.")
    label: str = Field(description="The value as text.")


class PracticeOrganizationOut(Schema):
    id: int = Field(description="The organization's identifier (see /organizations/{id}).")
    name: str
    acronym: str
    role: str = Field(description="main, partner or other.")
    type: Term | None
    country: Term | None


class LinkOut(Schema):
    title: str
    url: str


class DocumentOut(Schema):
    title: str
    url: str
    content_type: str
    size: int = Field(description="Size in bytes.")


_ANNOTATIONS: dict[AttrType, Any] = {
    AttrType.TEXT: str,
    AttrType.INT: int | None,
    AttrType.BOOL: bool,
    AttrType.DATE: date | None,
    AttrType.DATETIME: datetime | None,
    AttrType.TERM: Term | None,
    AttrType.TERMS: list[Term],
    AttrType.ORGANIZATIONS: list[PracticeOrganizationOut],
    AttrType.LINKS: list[LinkOut],
    AttrType.DOCUMENTS: list[DocumentOut],
}


def _description(attribute: Any) -> str:
    parts = [str(attribute.description)]
    if attribute.keys:
        parts.append(f"Keys: {attribute.keys}.")
    return " ".join(p for p in parts if p)


PracticeOut: type[Schema] = create_model(  # type: ignore[call-overload]
    "Practice",
    __base__=Schema,
    __doc__="A published practice. Only public fields: the focal point and the submitter are never included.",
    **{
        a.name: (_ANNOTATIONS[a.type], Field(title=str(a.label), description=_description(a)))
        for a in ATTRIBUTES
    },
)


class FacetValueOut(Schema):
    key: str
    label: str
    count: int = Field(
        description="Practices the list would show with this value added (other facets applied)."
    )
    selected: bool


class FacetOut(Schema):
    name: str
    param: str = Field(description="The query parameter that filters on this facet.")
    label: str
    kind: str = Field(description="multi, boolean (values combine with OR) or year_range (from/to).")
    range_params: list[str] = Field(description="For a year range: the from and to parameters.")
    range_from: int | None = None
    range_to: int | None = None
    values: list[FacetValueOut]


class SelectionOut(Schema):
    q: str = Field(description="The text searched for.")
    sort: str = Field(description="The order in effect.")
    filters: dict[str, list[str]] = Field(description="Selected values by query parameter.")
    query: str = Field(description="The selection as a canonical query string (also the list page's).")


class PageOut(Schema):
    count: int = Field(description="How many items match, over every page.")
    page: int
    page_size: int
    num_pages: int
    next: str | None = Field(description="The next page's address, or null on the last page.")
    previous: str | None


class PracticePageOut(PageOut):
    selection: SelectionOut
    facets: list[FacetOut]
    list_url: str = Field(description="The same list on the site.")
    results: list[PracticeOut]  # type: ignore[valid-type]


class OrganizationOut(Schema):
    id: int
    name: str
    acronym: str
    type: Term | None
    country: Term | None
    website: str
    practice_count: int = Field(description="Published practices it takes part in.")
    practices_url: str = Field(description="Its published practices, through the API.")


class OrganizationPageOut(PageOut):
    results: list[OrganizationOut]


class VocabularyValueOut(Schema):
    key: str
    label: str
    description: str = ""
    parent: str | None = Field(default=None, description="The key of the value this one belongs to.")
    practice_count: int = Field(description="Published practices with this value.")
    practices_url: str = Field(description="Those practices, through the API.")


class VocabularySummaryOut(Schema):
    name: str
    label: str
    param: str = Field(description="The practice list's query parameter for this vocabulary.")
    url: str


class VocabularyOut(VocabularySummaryOut):
    values: list[VocabularyValueOut]


class CallOut(Schema):
    id: str = Field(description="The call's stable identifier.")
    title: str
    description: str
    focus_objectives: list[Term]
    opens_on: date
    closes_on: date
    is_open: bool
    contact_name: str
    contact_email: str
    url: str = Field(description="The call's page on the site.")
    practice_count: int = Field(description="Published practices answering the call.")


class CallPageOut(PageOut):
    results: list[CallOut]
