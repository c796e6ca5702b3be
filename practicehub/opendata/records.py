"""A published practice as plain data, driven by the field definition (catalogue/fields.py).

One record shape serves the API (its schema is built from ATTRIBUTES in practicehub/api/schemas.py),
the JSON export, and, flattened into columns (columns.py), the CSV and Excel exports and the bulk
import. Only public fields are read: the focal point, the submitter and review data never appear.

Each public field gives one or more attributes (a field made of several model fields, such as the
dates or the geographic scope, gives one attribute per model field). Vocabulary values are
``{"key": ..., "label": ...}``: the key is what the list page's filter parameters and the importer
take, the label is the text a person reads.
"""

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from practicehub.catalogue.fields import PUBLIC_FIELDS, Kind, PracticeField
from practicehub.catalogue.models import (
    Practice,
    PracticeDocument,
    PracticeLink,
    PracticeOrganization,
    PracticeStatus,
)
from practicehub.catalogue.selectors import language_get

Record = dict[str, Any]
Term = dict[str, str]

# Practices are read from the database this many at a time (exports stream; memory stays flat).
CHUNK_SIZE = 500


class AttrType(StrEnum):
    TEXT = "text"
    INT = "int"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    TERM = "term"  # one vocabulary value, or none
    TERMS = "terms"  # any number of vocabulary values
    ORGANIZATIONS = "organizations"
    LINKS = "links"
    DOCUMENTS = "documents"


@dataclass(frozen=True)
class Attribute:
    """One key of a practice record."""

    name: str
    type: AttrType
    label: Promise | str
    description: Promise | str
    read: Callable[[Practice, Callable[[str], str]], Any]
    # The PracticeValues field the importer fills from it ("" when it is not imported).
    import_as: str = ""
    # The field of the definition it comes from (None for the record's identifier and dates).
    field: PracticeField | None = None
    # What the keys of a vocabulary are (for the column documentation).
    keys: Promise | str = ""


def term(value: Any) -> Term | None:
    """A vocabulary row (or a Language) as {"key", "label"}."""
    if value is None:
        return None
    return {"key": str(value.key), "label": str(value)}


def language_term(code: str) -> Term | None:
    if not code:
        return None
    return {"key": code, "label": _language_name(code, get_language())}


@functools.lru_cache(maxsize=256)
def _language_name(code: str, _active: str) -> str:
    found = language_get(code)
    return str(found) if found else code


@functools.lru_cache(maxsize=16)
def _detail_path(_script_prefix: str, _urlconf: str | None) -> tuple[str, str]:
    """A practice page's path around its slug (reverse() once, not once per practice)."""
    path = reverse("discovery:practice_detail", kwargs={"slug": "SLUG-PLACEHOLDER"})
    before, after = path.split("SLUG-PLACEHOLDER", 1)
    return before, after


def practice_path(slug: str) -> str:
    before, after = _detail_path(get_script_prefix(), get_urlconf())
    return f"{before}{slug}{after}"


def _plain(name: str) -> Callable[[Practice, Callable[[str], str]], Any]:
    return lambda practice, _absolute: getattr(practice, name)


def _one(name: str) -> Callable[[Practice, Callable[[str], str]], Any]:
    return lambda practice, _absolute: term(getattr(practice, name))


def _related(practice: Practice, name: str) -> list[Any]:
    """A related list, as loaded by published_in_order (or read now, for a lone practice)."""
    loaded = getattr(practice, "_record_related", None)
    if loaded is not None:
        return loaded[name]  # type: ignore[no-any-return]
    return list(getattr(practice, name).all())


def _many(name: str) -> Callable[[Practice, Callable[[str], str]], Any]:
    return lambda practice, _absolute: [term(v) for v in _related(practice, name)]


def _organizations(practice: Practice, _absolute: Callable[[str], str]) -> list[dict[str, Any]]:
    return [
        {
            "id": link.organization.pk,
            "name": link.organization.name,
            "acronym": link.organization.acronym,
            "role": link.role,
            "type": term(link.organization.org_type),
            "country": term(link.organization.country),
        }
        for link in _related(practice, "organization_links")
    ]


def _links(practice: Practice, _absolute: Callable[[str], str]) -> list[dict[str, str]]:
    return [{"title": link.title, "url": link.url} for link in _related(practice, "links")]


def _documents(practice: Practice, absolute: Callable[[str], str]) -> list[dict[str, Any]]:
    # Through the site's document view (which checks the practice is published), as on its page.
    return [
        {
            "title": document.title,
            "url": absolute(reverse("submissions:document", args=[document.pk])),
            "content_type": document.content_type,
            "size": document.size,
        }
        for document in _related(practice, "documents")
    ]


_VOCABULARY_KEYS: dict[str, Promise] = {
    "primary_objectives": _("objective numbers (1-23)"),
    "secondary_objectives": _("objective numbers (1-23)"),
    "guiding_principles": _("principle keys, e.g. people-centred"),
    "sdgs": _("SDG numbers (1-17)"),
    "practice_type": _("type keys, e.g. project-programme"),
    "scope_level": _("scope keys: global, regional, national, local"),
    "regions": _("region and sub-region keys, e.g. western-asia"),
    "countries": _("ISO 3166-1 alpha-3 codes, e.g. KEN"),
    "original_language": _("language codes, e.g. en, fr, es"),
}


def _attributes_of(field: PracticeField) -> list[Attribute]:
    """The record keys of one field of the definition."""
    label, help_text = field.label, field.help_text

    def attr(name: str, kind: AttrType, read: Any, *, importable: bool = True, text: Any = None) -> Attribute:
        return Attribute(
            name=name,
            type=kind,
            label=text or label,
            description=help_text,
            read=read,
            import_as=name if importable else "",
            field=field,
            keys=_VOCABULARY_KEYS.get(name, ""),
        )

    match field.kind:
        case Kind.TITLE | Kind.LONG_TEXT | Kind.SHORT_TEXT | Kind.EMAIL:
            return [attr(field.name, AttrType.TEXT, _plain(field.name))]
        case Kind.OBJECTIVES | Kind.VOCABULARY:
            return [attr(field.name, AttrType.TERMS, _many(field.name))]
        case Kind.CHOICE:
            return [attr(field.name, AttrType.TERM, _one(field.name))]
        case Kind.DATES:
            return [
                attr("start_year", AttrType.INT, _plain("start_year"), text=_("Start year")),
                attr("end_year", AttrType.INT, _plain("end_year"), text=_("End year")),
                attr("is_ongoing", AttrType.BOOL, _plain("is_ongoing"), text=_("Ongoing")),
            ]
        case Kind.SCOPE:
            return [
                attr("scope_level", AttrType.TERM, _one("scope_level"), text=field.label),
                attr("regions", AttrType.TERMS, _many("regions"), text=_("Regions and sub-regions")),
                attr("countries", AttrType.TERMS, _many("countries"), text=_("Countries")),
            ]
        case Kind.ORGANIZATIONS:
            return [
                attr("organizations", AttrType.ORGANIZATIONS, _organizations),
                attr(
                    "implementer_details",
                    AttrType.TEXT,
                    _plain("implementer_details"),
                    text=_("Detailed information on the organizations"),
                ),
            ]
        case Kind.RESOURCES:
            return [
                attr("links", AttrType.LINKS, _links, text=_("Links")),
                attr("documents", AttrType.DOCUMENTS, _documents, importable=False, text=_("Documents")),
            ]
        case Kind.DATE:
            return [attr(field.name, AttrType.DATE, _plain(field.name))]
        case Kind.LANGUAGE:
            return [
                attr(
                    field.name,
                    AttrType.TERM,
                    lambda practice, _absolute: language_term(practice.original_language),
                )
            ]
    raise ValueError(f"No record attributes for the kind {field.kind!r}")  # pragma: no cover


IDENTIFIER = Attribute(
    "id",
    AttrType.TEXT,
    _("Identifier"),
    _("The practice's stable identifier (the last part of its address). Used to match rows on import."),
    _plain("slug"),
    import_as="slug",
)
URL = Attribute(
    "url",
    AttrType.TEXT,
    _("Address"),
    _("The practice's page on this site."),
    # Records are of published practices, which always have a slug (a database constraint).
    lambda practice, absolute: absolute(practice_path(practice.slug or "")),
)
PUBLISHED_AT = Attribute(
    "published_at",
    AttrType.DATETIME,
    _("Date published"),
    _("When the practice was first published (ISO 8601, UTC)."),
    _plain("published_at"),
    import_as="published_at",
)
UPDATED_AT = Attribute(
    "updated_at",
    AttrType.DATETIME,
    _("Last updated"),
    _("When the record last changed (ISO 8601, UTC). Not imported."),
    _plain("updated_at"),
)

ATTRIBUTES: tuple[Attribute, ...] = (
    IDENTIFIER,
    URL,
    *(a for f in PUBLIC_FIELDS for a in _attributes_of(f)),
    PUBLISHED_AT,
    UPDATED_AT,
)
ATTRIBUTES_BY_NAME: dict[str, Attribute] = {a.name: a for a in ATTRIBUTES}
assert len(ATTRIBUTES_BY_NAME) == len(ATTRIBUTES), "two attributes share a name"


# The related lists a record reads, each read for a whole chunk of practices in one query.
_M2M = ("primary_objectives", "secondary_objectives", "guiding_principles", "sdgs", "regions", "countries")


def _ordering(prefix: str, model: Any) -> list[str]:
    return [f"-{prefix}__{o[1:]}" if o.startswith("-") else f"{prefix}__{o}" for o in model._meta.ordering]


def _load_related(practices: list[Practice]) -> None:
    """Every related list of these practices, one query per relation (no per-practice querysets)."""
    ids = [p.pk for p in practices]
    related: dict[int, dict[str, list[Any]]] = {pk: {} for pk in ids}
    for name in _M2M:
        field: Any = Practice._meta.get_field(name)
        through, source, target = (
            field.remote_field.through,
            field.m2m_field_name(),
            field.m2m_reverse_field_name(),
        )
        for bucket in related.values():
            bucket[name] = []
        rows = (
            through.objects.filter(**{f"{source}_id__in": ids})
            .select_related(target)
            .order_by(*_ordering(target, field.related_model), "pk")
        )
        for row in rows:
            related[getattr(row, f"{source}_id")][name].append(getattr(row, target))
    reverse_lists: dict[str, Any] = {
        "organization_links": PracticeOrganization.objects.select_related(
            "organization", "organization__org_type", "organization__country"
        ),
        "links": PracticeLink.objects.all(),
        "documents": PracticeDocument.objects.all(),
    }
    for name, queryset in reverse_lists.items():
        for bucket in related.values():
            bucket[name] = []
        for row in queryset.filter(practice_id__in=ids).order_by(*queryset.model._meta.ordering):
            related[row.practice_id][name].append(row)
    for practice in practices:
        practice._record_related = related[practice.pk]  # type: ignore[attr-defined]


def practice_record(practice: Practice, absolute: Callable[[str], str] = str) -> Record:
    """The public record of a practice; `absolute` turns a path into a full address."""
    return {a.name: a.read(practice, absolute) for a in ATTRIBUTES}


def published_in_order(ids: Sequence[int]) -> list[Practice]:
    """These practices, if still published, in the given order, ready for practice_record()."""
    found = Practice.objects.filter(status=PracticeStatus.PUBLISHED, pk__in=list(ids)).select_related(
        "practice_type", "scope_level"
    )
    by_pk = {p.pk: p for p in found}
    practices = [by_pk[pk] for pk in ids if pk in by_pk]
    _load_related(practices)
    return practices


def records_for_ids(
    ids: Iterable[int], absolute: Callable[[str], str] = str, *, chunk_size: int | None = None
) -> Iterator[Record]:
    """The records of these practices in order, read a chunk at a time (for streamed exports)."""
    chunk_size = chunk_size or CHUNK_SIZE
    chunk: list[int] = []
    for pk in ids:
        chunk.append(pk)
        if len(chunk) >= chunk_size:
            yield from (practice_record(p, absolute) for p in published_in_order(chunk))
            chunk = []
    if chunk:
        yield from (practice_record(p, absolute) for p in published_in_order(chunk))


def json_default(value: Any) -> Any:
    """What json.dumps cannot write itself: dates and lazy strings."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    raise TypeError(f"Cannot write {type(value).__name__} as JSON")
