"""The published practices of a selection (text query, facet values, sort), in order, with counts.

The list page, the browse pages, the API, the feeds and the downloads all read a selection through
``practice_search``, so a query string gives the same practices everywhere.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

from practicehub.catalogue.fields import TEASER_SKIPPED_TEXTS
from practicehub.catalogue.models import Practice
from practicehub.catalogue.selectors import practices_for_listing, published_practices

from .counts import FacetSearch, facet_search
from .params import Selection
from .params import parse as parse_selection
from .selectors import snippets


class PracticePages(Sequence[Practice]):
    """The practices of a search in order, read from the database one page (slice) at a time."""

    def __init__(self, ids: Sequence[int], query: str = "") -> None:
        self.ids, self.query = ids, query

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, item: int) -> Practice: ...
    @overload
    def __getitem__(self, item: slice) -> list[Practice]: ...
    def __getitem__(self, item: int | slice) -> Practice | list[Practice]:
        if isinstance(item, int):
            found = self[item : item + 1] if item >= 0 else self[len(self) + item : len(self) + item + 1]
            if not found:
                raise IndexError(item)
            return found[0]
        page_ids = list(self.ids[item])
        # Filtered on status again: a practice unpublished a moment ago is never shown.
        # The long texts a list item does not show are left unread (they make most of a row's size).
        rows = practices_for_listing(published_practices().filter(pk__in=page_ids)).defer(
            *TEASER_SKIPPED_TEXTS
        )
        by_pk = {p.pk: p for p in rows}
        if self.query and by_pk:
            for pk, snippet in snippets(list(by_pk), self.query).items():
                by_pk[pk].search_snippet = snippet  # type: ignore[attr-defined]
        return [by_pk[pk] for pk in page_ids if pk in by_pk]


@dataclass
class PracticeListResult:
    """The list page's answer: facet counts and selection (`search`) and the practices in order."""

    search: FacetSearch
    practices: PracticePages

    @property
    def selection(self) -> Selection:
        return self.search.selection

    @property
    def total(self) -> int:
        return self.search.total


def practice_search(selection: Selection) -> PracticeListResult:
    """Published practices matching a selection (text query, facet values, sort), with counts."""
    found = facet_search(selection)
    searched = found.text is not None and not getattr(found.text, "is_empty_query", False)
    return PracticeListResult(
        search=found, practices=PracticePages(found.ids, selection.q if searched else "")
    )


def practice_list(params: Mapping[str, Any]) -> PracticeListResult:
    """The list page for a query string (a QueryDict or a mapping of lists); bad input is ignored."""
    return practice_search(parse_selection(params))
