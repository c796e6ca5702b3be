"""The facet index: for every facet value, the ids of the PUBLISHED practices that have it.

Posting lists are compressed bitmaps (pyroaring), built from the database in one query per facet,
together with the practice ids in every sort order. The index is kept in the configured Django
cache, serialised, under a key made of

- a format number (bumped when this structure changes),
- a version number in the cache, bumped on commit after any change that can affect a published
  practice (see facet_signals.py), so every process sharing the cache rebuilds, and
- a freshness stamp read from the database (the newest practice and the newest practice and
  organization history rows), so a change that sent no signal (another process with a private
  cache, a bulk insert) cannot serve stale counts past the next request.

Each process keeps the index it last used in memory and only touches the cache again when the
key changes.
"""

import logging
import pickle
import threading
import time
import unicodedata
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import connection
from pyroaring import FrozenBitMap

from practicehub.catalogue.models import Organization, Practice

from .facets import FACETS, Label, published

logger = logging.getLogger(__name__)

INDEX_FORMAT = 1
VERSION_KEY = "practicehub:facets:version"
LOCK_KEY = "practicehub:facets:building"
INDEX_TIMEOUT = 24 * 3600
LOCK_TIMEOUT = 300

# The sort orders kept as id arrays. "oldest" reads "newest" backwards; relevance comes from the
# text search.
ORDER_NEWEST, ORDER_TITLE, ORDER_START_YEAR = "newest", "title", "start_year"


@dataclass
class FacetIndex:
    key: str
    all_ids: FrozenBitMap
    # facet name -> value key -> ids
    postings: dict[str, dict[str, FrozenBitMap]]
    # facet name -> every value as (key, label) in display order
    values: dict[str, list[tuple[str, Label]]]
    # sort -> every published id in that order
    orders: dict[str, array]
    # sort -> position of an id in that order (indexed by id)
    positions: dict[str, array]
    build_seconds: float = 0.0
    labels: dict[str, dict[str, Label]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.labels:
            self.labels = {name: dict(values) for name, values in self.values.items()}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("labels")  # derived, rebuilt on load
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.labels = {name: dict(values) for name, values in self.values.items()}


def _title_key(title: str) -> str:
    """Title order that ignores case and accents, the same on every database."""
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def _orders(rows: list[tuple[int, datetime | None, str, int | None]]) -> dict[str, list[int]]:
    newest = sorted(rows, key=lambda r: (r[1] is None, -(r[1].timestamp() if r[1] else 0), -r[0]))
    rank = {row[0]: n for n, row in enumerate(newest)}
    return {
        ORDER_NEWEST: [r[0] for r in newest],
        ORDER_TITLE: [r[0] for r in sorted(rows, key=lambda r: (_title_key(r[2]), r[0]))],
        ORDER_START_YEAR: [
            r[0] for r in sorted(rows, key=lambda r: (r[3] is None, -(r[3] or 0), rank[r[0]]))
        ],
    }


def index_build(key: str = "") -> FacetIndex:
    """Read the published practices' facet values and sort orders from the database."""
    started = time.perf_counter()
    rows = list(published().values_list("pk", "published_at", "title", "start_year"))
    all_ids = FrozenBitMap(row[0] for row in rows)
    postings: dict[str, dict[str, FrozenBitMap]] = {}
    values: dict[str, list[tuple[str, Label]]] = {}
    for facet in FACETS:
        buckets: defaultdict[str, list[int]] = defaultdict(list)
        for pk, value in facet.pairs():
            if value is not None:
                buckets[str(value)].append(pk)
        listed = facet.values()
        known = {k for k, _label in listed}
        listed += [(k, k) for k in sorted(buckets) if k not in known]
        values[facet.name] = listed
        # In display order; intersecting with all_ids drops a practice unpublished meanwhile.
        postings[facet.name] = {
            k: bm for k, _label in listed if k in buckets and (bm := FrozenBitMap(buckets[k]) & all_ids)
        }
    size = (max(all_ids) + 1) if all_ids else 1
    orders: dict[str, array] = {}
    positions: dict[str, array] = {}
    for name, ids in _orders(rows).items():
        orders[name] = array("I", ids)
        where = array("I", bytes(4 * size))
        for position, pk in enumerate(ids):
            where[pk] = position
        positions[name] = where
    return FacetIndex(
        key=key,
        all_ids=all_ids,
        postings=postings,
        values=values,
        orders=orders,
        positions=positions,
        build_seconds=time.perf_counter() - started,
    )


def _stamp_sql() -> str:
    quote = connection.ops.quote_name
    parts = []
    for model, pk, when in (
        (Practice, "id", "updated_at"),
        (Practice.history.model, "history_id", "history_date"),
        (Organization.history.model, "history_id", "history_date"),
    ):
        table = quote(model._meta.db_table)
        for column in (pk, when):
            # Names from model metadata, quoted; no user input.
            parts.append(f"(SELECT {quote(column)} FROM {table} ORDER BY {quote(pk)} DESC LIMIT 1)")  # noqa: S608
    return "SELECT " + ", ".join(parts)


def freshness_stamp() -> str:
    """Changes whenever a practice or organization is saved, deleted or bulk-inserted.

    The newest practice row and the newest practice and organization history rows (id and time,
    so that ids reused after a rollback still differ): six primary-key lookups in one query,
    cheap enough for every request."""
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql())
        row = cursor.fetchone() or ()
    return "|".join(p.isoformat() if isinstance(p, datetime) else str(p) for p in row)


def index_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def index_invalidate() -> None:
    """Make every process rebuild the index on its next request. Call it on commit."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 1, timeout=None)
    _local.forget()


class _LocalIndex:
    """The index this process last used, and a lock so that one thread builds at a time."""

    def __init__(self) -> None:
        self.index: FacetIndex | None = None
        self.lock = threading.Lock()

    def forget(self) -> None:
        self.index = None


_local = _LocalIndex()


def _load(key: str) -> FacetIndex | None:
    data = cache.get(key)
    if data is None:
        return None
    try:
        index = pickle.loads(data)  # noqa: S301 - written by index_current below, in our own cache
    except Exception:  # a truncated or foreign value: rebuild
        logger.warning("Unreadable facet index in the cache under %s; rebuilding.", key)
        return None
    return index if isinstance(index, FacetIndex) and index.key == key else None


def index_current() -> FacetIndex:
    """The index for the database as it is now: from memory, from the cache, or built."""
    key = f"practicehub:facets:index:{INDEX_FORMAT}:{index_version()}:{freshness_stamp()}"
    current = _local.index
    if current is not None and current.key == key:
        return current
    with _local.lock:
        if _local.index is not None and _local.index.key == key:
            return _local.index
        index = _load(key)
        if index is None:
            # Another process is building: keep serving the index we have meanwhile.
            locked = cache.add(LOCK_KEY, key, timeout=LOCK_TIMEOUT)
            if not locked and _local.index is not None:
                return _local.index
            try:
                index = index_build(key)
                cache.set(key, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL), timeout=INDEX_TIMEOUT)
            finally:
                if locked:
                    cache.delete(LOCK_KEY)
            logger.info(
                "Facet index built in %.2f s (%d practices).", index.build_seconds, len(index.all_ids)
            )
        _local.index = index
        return index
