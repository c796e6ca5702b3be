"""Reads from the search index."""

import hashlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.utils.safestring import SafeString

from .backends import get_backend
from .highlighting import build_snippets
from .models import SearchIndexState
from .query import ParsedQuery, parse

# Results are cached per normalised query and index state; any index write changes the state.
CACHE_SECONDS = 600


def index_state_token() -> str:
    """The current index state (see SearchIndexState); "empty" before anything was indexed."""
    token = SearchIndexState.objects.filter(pk=1).values_list("token", flat=True).first()
    return token or "empty"


@dataclass(frozen=True)
class SearchResult:
    """The published practices matching a query, best first.

    When ``is_empty_query`` (nothing searchable was typed) there is no text filter: ``ids`` is empty
    and callers list every published practice in their usual order."""

    query: str
    parsed: ParsedQuery
    ids: list[int] = field(default_factory=list)

    @property
    def is_empty_query(self) -> bool:
        return self.parsed.is_empty

    @property
    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)


def search_practices(query: str) -> SearchResult:
    """Published practices matching any text a person typed; never raises on odd input."""
    text = query if isinstance(query, str) else ""
    parsed = parse(text)
    if parsed.is_empty:
        return SearchResult(query=text, parsed=parsed)
    digest = hashlib.sha256(str(parsed).encode()).hexdigest()[:32]
    key = f"practicehub:search:1:{connection.vendor}:{index_state_token()}:{digest}"
    cached = cache.get(key)
    if isinstance(cached, array):
        return SearchResult(query=text, parsed=parsed, ids=cached.tolist())
    ids = get_backend().search(parsed)
    # An array of 64-bit ids pickles to its raw bytes: fast to store and to read back.
    cache.set(key, array("q", ids), CACHE_SECONDS)
    return SearchResult(query=text, parsed=parsed, ids=ids)


def snippets(practice_ids: Iterable[int], query: str | ParsedQuery) -> dict[int, SafeString]:
    """For each published practice, a short passage of its best-matching field, matches in <mark>."""
    parsed = query if isinstance(query, ParsedQuery) else parse(query if isinstance(query, str) else "")
    return {pk: snippet.html for pk, snippet in build_snippets(practice_ids, parsed).items()}
