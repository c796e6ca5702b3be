"""The small interface every search backend implements, and the choice of backend by database."""

from abc import ABC, abstractmethod
from collections.abc import Iterable

from ..index import IndexDocument
from ..query import ParsedQuery

# Above this many matches, only the practices matching in a title, organization or vocabulary value
# are ordered by score; the others follow, newest first. Scoring every one of a hundred thousand
# matches of a very common word costs more than the whole page is allowed, and says little.
RANK_ALL_LIMIT = 5000


class SearchBackend(ABC):
    """Stores analysed documents and returns the ids of those matching a parsed query."""

    vendor: str = ""
    rank_all_limit: int = RANK_ALL_LIMIT

    @abstractmethod
    def search(self, query: ParsedQuery) -> list[int]:
        """Ids of the indexed practices matching a non-empty query, best first."""

    @abstractmethod
    def upsert(self, documents: Iterable[IndexDocument]) -> None:
        """Store these documents, replacing any earlier version."""

    @abstractmethod
    def delete(self, practice_ids: Iterable[int]) -> None:
        """Forget these practices (unknown ids are ignored)."""

    @abstractmethod
    def clear(self) -> None:
        """Forget every practice."""

    def optimize(self) -> None:  # noqa: B027 - optional hook
        """Compact the index after a rebuild, where the engine benefits from it."""


def merge_tiers(head: list[int], all_ids_newest_first: list[int]) -> list[int]:
    """The ranked head first, then every other match in the given (newest first) order."""
    if not head:
        return all_ids_newest_first
    seen = set(head)
    return head + [pk for pk in all_ids_newest_first if pk not in seen]
