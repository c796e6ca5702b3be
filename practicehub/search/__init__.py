"""Full-text search over published practices.

The interface other parts of the site use (imported lazily, so that this package can be named in
INSTALLED_APPS before the app registry is ready):

- ``search_practices(query) -> SearchResult`` with ``.ids`` (best first), ``.is_empty_query``,
  ``.parsed``;
- ``snippets(practice_ids, query) -> dict[int, SafeString]``;
- ``index_practice(practice_id)``, ``index_practices(practice_ids=...)``,
  ``rebuild_index(progress=...)``.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .selectors import SearchResult, search_practices, snippets
    from .services import index_practice, index_practices, rebuild_index

__all__ = [
    "SearchResult",
    "index_practice",
    "index_practices",
    "rebuild_index",
    "search_practices",
    "snippets",
]

_LOCATIONS = {
    "SearchResult": "selectors",
    "search_practices": "selectors",
    "snippets": "selectors",
    "index_practice": "services",
    "index_practices": "services",
    "rebuild_index": "services",
}


def __getattr__(name: str) -> Any:
    module = _LOCATIONS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)
