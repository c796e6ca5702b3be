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
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import chain
from typing import Any

from django.core.cache import cache
from django.db import connection
from pyroaring import BitMap, FrozenBitMap

from practicehub.catalogue.models import Organization, Practice

from .facets import FACETS, Label, published

logger = logging.getLogger(__name__)

INDEX_FORMAT = 2
VERSION_KEY = "practicehub:facets:version"
LOCK_KEY = "practicehub:facets:building"
INDEX_TIMEOUT = 24 * 3600
LOCK_TIMEOUT = 300
# An index that took longer than this to build is rebuilt in the background (see index_current).
BACKGROUND_BUILD_SECONDS = 1.0

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
    # long facet name -> its values per practice (see Forward), to count a small result quickly
    forward: dict[str, "Forward"] = field(default_factory=dict)
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


@dataclass
class Forward:
    """The values of one facet per practice, for counting few practices over many values.

    ``keys[values[i]]`` for ``offsets[pk] <= i < offsets[pk + 1]`` are the value keys of practice
    ``pk``. Counting a result of n practices this way reads about n x (values per practice) numbers,
    against one bitmap intersection per value (12,500 organizations at 100,000 practices)."""

    keys: list[str]
    offsets: array
    values: array

    def count(self, ids: Iterable[int]) -> dict[str, int]:
        """How many of these practices have each value (values with none are left out)."""
        offsets, values = self.offsets, self.values
        last = len(offsets) - 1
        tally = Counter(chain.from_iterable(values[offsets[pk] : offsets[pk + 1]] for pk in ids if pk < last))
        keys = self.keys
        return {keys[i]: n for i, n in tally.items()}


def _forward(postings: dict[str, FrozenBitMap], size: int) -> Forward:
    keys = list(postings)
    per_practice: list[list[int]] = [[] for _ in range(size)]
    for number, key in enumerate(keys):
        for pk in postings[key]:
            per_practice[pk].append(number)
    offsets = array("I", bytes(4 * (size + 1)))
    values = array("I")
    for pk, numbers in enumerate(per_practice):
        values.extend(numbers)
        offsets[pk + 1] = len(values)
    return Forward(keys, offsets, values)


def _title_key(title: str) -> str:
    """Title order that ignores case and accents, the same on every database."""
    if title.isascii():
        return title.casefold().strip()
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
    forward = {facet.name: _forward(postings[facet.name], size) for facet in FACETS if facet.long}
    return FacetIndex(
        key=key,
        all_ids=all_ids,
        postings=postings,
        values=values,
        orders=orders,
        positions=positions,
        build_seconds=time.perf_counter() - started,
        forward=forward,
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


class _LocalIndex:
    """The index this process last used, a lock so that one thread builds at a time, and whether a
    background rebuild is running."""

    def __init__(self) -> None:
        self.index: FacetIndex | None = None
        self.lock = threading.Lock()
        self.building: str = ""
        # (key, stale index, stale index less the practices no longer published)
        self.patched: tuple[str, FacetIndex, FacetIndex] | None = None

    def forget(self) -> None:
        self.index = None
        self.patched = None


_local = _LocalIndex()


def _load(key: str) -> FacetIndex | None:
    data = cache.get(key)
    if data is None:
        return None
    try:
        index = pickle.loads(data)  # noqa: S301 - written by _build_and_store below, in our own cache
    except Exception:  # a truncated or foreign value: rebuild
        logger.warning("Unreadable facet index in the cache under %s; rebuilding.", key)
        return None
    return index if isinstance(index, FacetIndex) and index.key == key else None


def _build_and_store(key: str, *, locked: bool) -> FacetIndex:
    try:
        index = index_build(key)
        cache.set(key, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL), timeout=INDEX_TIMEOUT)
    finally:
        if locked:
            cache.delete(LOCK_KEY)
    logger.info("Facet index built in %.2f s (%d practices).", index.build_seconds, len(index.all_ids))
    return index


def _build_in_background(key: str) -> None:
    """Rebuild in a thread of this process; requests meanwhile get the previous index."""

    def run() -> None:
        try:
            index = _build_and_store(key, locked=True)
            with _local.lock:
                _local.index = index
        except Exception:
            logger.exception("Facet index rebuild failed.")
        finally:
            _local.building = ""
            connection.close()  # this thread's own database connection

    _local.building = key
    threading.Thread(target=run, name="facet-index-build", daemon=True).start()


def without(index: FacetIndex, gone: BitMap) -> FacetIndex:
    """A copy of the index in which the practices ``gone`` have no value, no place and no count."""
    if not gone:
        return index
    postings = {
        name: {k: (bm - gone if bm.intersect(gone) else bm) for k, bm in values.items()}
        for name, values in index.postings.items()
    }
    orders = {name: array("I", (pk for pk in ids if pk not in gone)) for name, ids in index.orders.items()}
    return replace(index, all_ids=FrozenBitMap(index.all_ids - gone), postings=postings, orders=orders)


def _stale_answer(stale: FacetIndex, key: str) -> FacetIndex:
    """The previous index while a new one is built, less every practice no longer published.

    Counts of other changes (a value added, a practice newly published) may lag by the time of one
    build; a practice unpublished or deleted meanwhile is never counted, listed or ordered. The
    published ids are read once per state of the database (one indexed query) and kept with it."""
    patched = _local.patched
    if patched is not None and patched[0] == key and patched[1] is stale:
        return patched[2]
    live = BitMap(published().values_list("pk", flat=True))
    answer = without(stale, BitMap(stale.all_ids) - live)
    _local.patched = (key, stale, answer)
    return answer


def index_key() -> str:
    """The cache key of the index for the database as it is now."""
    return f"practicehub:facets:index:{INDEX_FORMAT}:{index_version()}:{freshness_stamp()}"


def index_if_ready() -> FacetIndex | None:
    """The index when it can be had without building it in this request, else None.

    For pages that can do without counts (a practice page's similar practices): the current index
    from this process or the shared cache, or the previous one while a slow rebuild runs elsewhere
    or in the background (as index_current answers then too)."""
    key = index_key()
    held = _local.index
    if held is not None and held.key == key:
        return held
    if cache.has_key(key):
        return index_current()  # read from the cache, not built
    if held is not None and held.build_seconds > BACKGROUND_BUILD_SECONDS:
        return index_current()  # the previous index, less what was unpublished, while one is built
    return None


def index_current() -> FacetIndex:
    """The index for the database as it is now: from memory, from the cache, or built.

    A small index (the usual case, and every test) is rebuilt at once. When the last build took
    longer than BACKGROUND_BUILD_SECONDS (about 10 s for 100,000 practices), the change is built in
    a background thread; meanwhile the previous index answers, less the practices that are no
    longer published (see _stale_answer). So it does while another process builds."""
    key = index_key()
    current = _local.index
    if current is not None and current.key == key:
        return current
    with _local.lock:
        if _local.index is not None and _local.index.key == key:
            return _local.index
        index = _load(key)
        if index is None:
            stale = _local.index
            if stale is not None and _local.building:
                return _stale_answer(stale, key)  # this process is rebuilding already
            locked = bool(cache.add(LOCK_KEY, key, timeout=LOCK_TIMEOUT))
            if stale is not None and not locked:
                # Another process is rebuilding: its result reaches the cache.
                return _stale_answer(stale, key)
            if stale is not None and stale.build_seconds > BACKGROUND_BUILD_SECONDS:
                _build_in_background(key)
                return _stale_answer(stale, key)
            index = _build_and_store(key, locked=locked)
        _local.index = index
        return index
