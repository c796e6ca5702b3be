"""What the search index holds for a practice, read from the single field definition.

Each public field of ``catalogue.fields.PRACTICE_FIELDS`` gives zero or more ``IndexText`` items
(its original text, its language and the index column it goes to); private fields are never read.
The same items feed the index (analysed tokens) and the snippets (original text), so a field that
can be found can also be highlighted.

Columns, in the order of their weight: ``title`` and ``organizations`` (names and acronyms) rank
first, ``vocabulary`` (objectives, principles, SDGs, type, scope, regions, countries) next, and
``body`` (the narrative fields, implementer details, resource titles) last.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise

from practicehub.catalogue.fields import PUBLIC_FIELDS, Kind, PracticeField
from practicehub.catalogue.models import Practice, PracticeOrganization, PracticeStatus

from .analysis import analyze

# Vocabulary labels are stored in English.
VOCABULARY_LANGUAGE = "en"


class Column(StrEnum):
    TITLE = "title"
    ORGANIZATIONS = "organizations"
    VOCABULARY = "vocabulary"
    BODY = "body"


COLUMNS: tuple[Column, ...] = tuple(Column)


@dataclass(frozen=True)
class IndexText:
    """One piece of public text of a practice, as it is shown."""

    field: str  # the PracticeField name it comes from
    label: Promise | str
    column: Column
    language: str
    text: str


@dataclass
class IndexDocument:
    """Analysed tokens of one published practice, per column."""

    practice_id: int
    language: str
    columns: dict[Column, list[str]] = field(default_factory=lambda: {c: [] for c in COLUMNS})

    def add(self, column: Column, tokens: Iterable[str]) -> None:
        self.columns[column].extend(tokens)


def _translations(practice: Practice) -> list:  # type: ignore[type-arg]
    return list(practice.translations.all())


def _title(practice: Practice, spec: PracticeField, related: bool) -> Iterator[IndexText]:
    yield IndexText(spec.name, spec.label, Column.TITLE, practice.original_language, practice.title)
    for translation in _translations(practice):
        if translation.title:
            yield IndexText(spec.name, spec.label, Column.TITLE, translation.language, translation.title)


def _long_text(practice: Practice, spec: PracticeField, related: bool) -> Iterator[IndexText]:
    yield IndexText(
        spec.name, spec.label, Column.BODY, practice.original_language, getattr(practice, spec.name)
    )
    for translation in _translations(practice):
        text = getattr(translation, spec.name, "")
        if text:
            yield IndexText(spec.name, spec.label, Column.BODY, translation.language, text)


def _vocabulary_text(spec: PracticeField, values: Iterable[str]) -> Iterator[IndexText]:
    text = "\n".join(values)
    if text:
        yield IndexText(spec.name, spec.label, Column.VOCABULARY, VOCABULARY_LANGUAGE, text)


def _objectives(practice: Practice, spec: PracticeField, related: bool) -> Iterator[IndexText]:
    if not related:
        return
    objectives = getattr(practice, spec.name).all()
    yield from _vocabulary_text(
        spec, (f"Objective {o.number}: {o.number} - {o.short_label}" for o in objectives)
    )


def _vocabulary(practice: Practice, spec: PracticeField, related: bool) -> Iterator[IndexText]:
    if not related:
        return
    yield from _vocabulary_text(spec, (str(value) for value in getattr(practice, spec.name).all()))


def _choice(practice: Practice, spec: PracticeField, related: bool) -> Iterator[IndexText]:
    if not related:
        return
    value = getattr(practice, spec.name)
    yield from _vocabulary_text(spec, [str(value)] if value else [])


def _scope(practice: Practice, spec: PracticeField, related: bool) -> Iterator[IndexText]:
    if not related:
        return
    values = [str(practice.scope_level)] if practice.scope_level else []
    values += [region.name for region in practice.regions.all()]
    values += [country.name for country in practice.countries.all()]
    yield from _vocabulary_text(spec, values)


def _organizations(practice: Practice, spec: PracticeField, related: bool) -> Iterator[IndexText]:
    if related:
        names: list[str] = []
        for link in practice.organization_links.all():
            org = link.organization
            names.append(f"{org.name} ({org.acronym})" if org.acronym else org.name)
        text = "\n".join(dict.fromkeys(names))
        if text:
            yield IndexText(spec.name, spec.label, Column.ORGANIZATIONS, practice.original_language, text)
    details = [(practice.original_language, practice.implementer_details)]
    details += [(t.language, t.implementer_details) for t in _translations(practice)]
    for language, text in details:
        if text:
            yield IndexText("implementer_details", spec.label, Column.BODY, language, text)


def _resources(practice: Practice, spec: PracticeField, related: bool) -> Iterator[IndexText]:
    if not related:
        return
    titles = [link.title for link in practice.links.all()]
    titles += [document.title for document in practice.documents.all()]
    text = "\n".join(title for title in titles if title)
    if text:
        yield IndexText(spec.name, spec.label, Column.BODY, practice.original_language, text)


_EXTRACTORS: dict[Kind, Callable[[Practice, PracticeField, bool], Iterator[IndexText]]] = {
    Kind.TITLE: _title,
    Kind.LONG_TEXT: _long_text,
    Kind.OBJECTIVES: _objectives,
    Kind.VOCABULARY: _vocabulary,
    Kind.CHOICE: _choice,
    Kind.SCOPE: _scope,
    Kind.ORGANIZATIONS: _organizations,
    Kind.RESOURCES: _resources,
}


def practice_texts(practice: Practice, *, related: bool = True) -> list[IndexText]:
    """The searchable public texts of a practice, in the order of the field definition.

    With ``related=False`` only the texts stored on the practice row and its translations (title,
    narrative fields, implementer details), in the same order: what ``practices_for_snippets``
    reads, without the vocabulary, organization and resource tables."""
    texts: list[IndexText] = []
    for spec in PUBLIC_FIELDS:
        extractor = _EXTRACTORS.get(spec.kind)
        if extractor is not None:
            texts.extend(t for t in extractor(practice, spec, related) if t.text and t.text.strip())
    return texts


def build_document(practice: Practice) -> IndexDocument:
    document = IndexDocument(practice_id=practice.pk, language=practice.original_language)
    for text in practice_texts(practice):
        document.add(text.column, analyze(text.text, text.language))
    return document


def practices_for_index() -> QuerySet[Practice]:
    """Published practices with everything the index reads, in a fixed number of queries."""
    return (
        Practice.objects.filter(status=PracticeStatus.PUBLISHED)
        .select_related("practice_type", "scope_level")
        .prefetch_related(
            "primary_objectives",
            "secondary_objectives",
            "guiding_principles",
            "sdgs",
            "regions",
            "countries",
            "translations",
            "links",
            "documents",
            Prefetch(
                "organization_links",
                queryset=PracticeOrganization.objects.select_related("organization"),
            ),
        )
        .order_by("pk")
    )


ROW_TEXT_FIELDS: tuple[str, ...] = (
    "title",
    "original_language",
    "implementer_details",
    *(spec.name for spec in PUBLIC_FIELDS if spec.kind == Kind.LONG_TEXT),
)


def practices_for_snippets() -> QuerySet[Practice]:
    """Published practices with only what ``practice_texts(related=False)`` reads: two queries."""
    return (
        Practice.objects.filter(status=PracticeStatus.PUBLISHED)
        .only(*ROW_TEXT_FIELDS)
        .prefetch_related("translations")
        .order_by("pk")
    )
