"""Similar practices: up to six published practices like a given one, for the foot of its page.

Every published practice sharing something with it gets an integer score, computed for all of them
at once on the facet index's bitmaps (facet_index.py), never row by row:

- each shared GCM objective 4, plus 2 when it is a primary objective of both;
- a shared country 4, plus 2 when two or more are shared; with no shared country, a shared
  sub-region 2 or else a shared region 1 (regions include the sub-regions' and countries'
  practices, as in the list's facets); both of global scope 1;
- each distinctive word of the practice's title (3) or summary (2) that the other practice's
  indexed text contains. A word is distinctive when the search index finds it in at most
  ``max_document_frequency`` published practices (1% of them at 100,000, at most 1,000). The
  search index is asked, per word, for at most that many ids plus one (a common word costs a
  capped read and is dropped), in one statement; a word matches its stems as a typed search word
  does (``analysis.term_variants``).

Scores are held as bit slices (bitmap j = the practices whose score has bit j set), so adding a set
of practices with a weight is a few bitmap operations, and the best ones are found slice by slice
from the highest bit. Ties go to the newest published. A practice needs MIN_SCORE (one shared
objective, one shared country, or two distinctive words) to count as similar.

The list (ids and what each shares) is cached per practice under the facet index's key and the
search index's state token, so it follows every publish, unpublish and edit; the practices shown
are re-read as published on every request.
"""

import hashlib
import heapq
import json
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pyroaring import BitMap

from practicehub.catalogue.models import Country, Objective, Practice, PracticeStatus, Region

from .analysis import tokenize
from .facet_index import ORDER_NEWEST, FacetIndex, index_current
from .query import AnyOf, ParsedQuery, Term

logger = logging.getLogger(__name__)

CACHE_FORMAT = 1
CACHE_SECONDS = 24 * 3600
LIMIT = 6
# A few more than shown are kept, in case some are unpublished before the indexes catch up.
SPARE = 4

OBJECTIVE_WEIGHT = 4
BOTH_PRIMARY_BONUS = 2
COUNTRY_WEIGHT = 4
MANY_COUNTRIES_BONUS = 2
SUBREGION_WEIGHT = 2
REGION_WEIGHT = 1
GLOBAL_WEIGHT = 1
TITLE_WORD_WEIGHT = 3
SUMMARY_WORD_WEIGHT = 2
MIN_SCORE = 4

MAX_TITLE_WORDS = 8
MAX_WORDS = 16
MIN_TITLE_WORD_LENGTH = 3
MIN_SUMMARY_WORD_LENGTH = 5
MAX_DOCUMENT_FREQUENCY = 1000
DOCUMENT_FREQUENCY_SHARE = 0.01
# Parts of addresses in Markdown links, not words of the text.
_NOT_WORDS = frozenset({"http", "https", "www", "html", "mailto"})
# Below this many tied practices, sort them; above, walk the newest-first order.
_SORT_TIES_BELOW = 4096
GLOBAL_SCOPE = "global"


# --- scores as bit slices ------------------------------------------------------------------------


class Scores:
    """Non-negative integer scores of many ids, as bit slices of roaring bitmaps."""

    def __init__(self) -> None:
        self.slices: list[BitMap] = []
        self.universe = BitMap()

    def add(self, ids: BitMap, weight: int) -> None:
        """Add ``weight`` to the score of every id in ``ids``."""
        if not ids or weight <= 0:
            return
        self.universe |= ids
        bit = 0
        while weight:
            if weight & 1:
                carry = BitMap(ids)
                j = bit
                while carry:
                    while len(self.slices) <= j:
                        self.slices.append(BitMap())
                    overflow = self.slices[j] & carry
                    self.slices[j] ^= carry
                    carry = overflow
                    j += 1
            weight >>= 1
            bit += 1

    def score(self, pk: int) -> int:
        return sum(1 << j for j, ids in enumerate(self.slices) if pk in ids)

    def top(self, k: int) -> tuple[BitMap, BitMap]:
        """(ids that are surely among the k best, ids tied with each other for the places left)."""
        greater, equal = BitMap(), BitMap(self.universe)
        if len(equal) <= k:
            return equal, BitMap()
        for ids in reversed(self.slices):
            with_bit = equal & ids
            candidates = greater | with_bit
            if len(candidates) > k:
                equal = with_bit
            elif len(candidates) < k:
                greater = candidates
                equal = equal - ids
            else:
                return candidates, BitMap()
        return greater, equal


# --- what a practice shares ----------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """A similar practice and what it shares with the one on the page (keys, not labels)."""

    practice_id: int
    score: int
    objectives: tuple[int, ...] = ()
    countries: tuple[str, ...] = ()
    # With no shared country: ("subregion" or "region", key) of a shared area.
    area: tuple[str, str] | None = None
    words: tuple[str, ...] = ()


@dataclass
class Features:
    """The facet values and distinctive-word candidates of the practice on the page."""

    primary: list[int] = field(default_factory=list)
    objectives: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    subregions: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    scope: str = ""
    # (folded word, weight), title words first.
    words: list[tuple[str, int]] = field(default_factory=list)


def candidate_words(title: str, summary: str) -> list[tuple[str, int]]:
    """Words of the title, then the summary's most frequent longer words, each once."""
    chosen: dict[str, int] = {}
    for token in tokenize(title):
        if len(chosen) >= MAX_TITLE_WORDS:
            break
        if len(token) >= MIN_TITLE_WORD_LENGTH and not token.isdigit() and token not in _NOT_WORDS:
            chosen.setdefault(token, TITLE_WORD_WEIGHT)
    tokens = [
        t
        for t in tokenize(summary)
        if len(t) >= MIN_SUMMARY_WORD_LENGTH and not t.isdigit() and t not in _NOT_WORDS and t not in chosen
    ]
    first: dict[str, int] = {}
    for position, token in enumerate(tokens):
        first.setdefault(token, position)
    counts = Counter(tokens)
    ranked = sorted(counts, key=lambda t: (-counts[t], -len(t), first[t]))
    for token in ranked[: max(0, MAX_WORDS - len(chosen))]:
        chosen[token] = SUMMARY_WORD_WEIGHT
    return list(chosen.items())


def practice_features(practice: Practice) -> Features:
    """Read from the database (a few small queries), so an unsaved prefetch cannot mislead."""
    features = Features()
    through_primary = Practice.primary_objectives.through.objects.filter(practice_id=practice.pk)
    features.primary = sorted(through_primary.values_list("objective__number", flat=True))
    secondary = Practice.secondary_objectives.through.objects.filter(practice_id=practice.pk)
    numbers = set(features.primary) | set(secondary.values_list("objective__number", flat=True))
    features.objectives = sorted(numbers)
    countries = Country.objects.filter(practices=practice.pk).order_by("name")
    subregions: dict[str, None] = {}
    regions: dict[str, None] = {}
    for iso3, subregion, region in countries.values_list("iso3", "subregion__key", "region__key"):
        features.countries.append(iso3)
        if subregion:
            subregions[subregion] = None
        if region:
            regions[region] = None
    for key, parent in Region.objects.filter(practices=practice.pk).values_list("key", "parent__key"):
        if parent:
            subregions[key] = None
            regions[parent] = None
        else:
            regions[key] = None
    features.subregions = list(subregions)
    features.regions = list(regions)
    features.scope = practice.scope_level.key if practice.scope_level_id and practice.scope_level else ""
    features.words = candidate_words(practice.title, practice.summary)
    return features


# --- distinctive words, from the search index ----------------------------------------------------


def max_document_frequency(published_count: int) -> int:
    """At most this many practices may contain a word for it to say something about similarity."""
    return max(3, min(MAX_DOCUMENT_FREQUENCY, int(published_count * DOCUMENT_FREQUENCY_SHARE)))


def _word_query(word: str) -> ParsedQuery:
    return ParsedQuery(required=(AnyOf((Term(word),)),))


def _sqlite_postings(words: list[str], cap: int) -> list[list[int]]:
    from .backends.sqlite import compile_match

    # One capped subquery per word; table names are constants, the match expressions parameters.
    part = (
        "(SELECT json_group_array(rowid) FROM "
        "(SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s))"
    )
    sql = "SELECT " + ", ".join([part] * len(words))
    params: list[Any] = []
    for word in words:
        params += [compile_match(_word_query(word)), cap + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return [json.loads(value) if value else [] for value in row]


# Bitmap scans only: the planner would otherwise walk the primary key and open every tsvector to
# find a common word's first rows.
_PG_SETTINGS = (
    "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), "
    "set_config('jit', 'off', true)"
)
_PG_RESET = (
    "SELECT set_config('enable_seqscan', 'on', true), set_config('enable_indexscan', 'on', true), "
    "set_config('jit', 'on', true)"
)


def _postgres_postings(words: list[str], cap: int) -> list[list[int]]:
    from .backends.postgres import compile_tsquery

    part = "ARRAY(SELECT practice_id FROM search_searchdocument WHERE vector @@ %s::tsquery LIMIT %s)"
    sql = "SELECT " + ", ".join([part] * len(words))
    params: list[Any] = []
    for word in words:
        params += [compile_tsquery(_word_query(word)), cap + 1]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_PG_SETTINGS)
        cursor.execute(sql, params)
        row = cursor.fetchone()
        cursor.execute(_PG_RESET)
    return [list(value or []) for value in row]


def word_postings(words: list[str], cap: int) -> dict[str, BitMap]:
    """The indexed practices containing each word, for the words found in at most ``cap`` of them."""
    if not words:
        return {}
    if connection.vendor == "postgresql":
        found = _postgres_postings(words, cap)
    else:
        found = _sqlite_postings(words, cap)
    return {word: BitMap(ids) for word, ids in zip(words, found, strict=True) if 0 < len(ids) <= cap}


# --- the computation -----------------------------------------------------------------------------


def _union(bitmaps: Iterable[Any]) -> BitMap:
    result = BitMap()
    for bitmap in bitmaps:
        result |= bitmap
    return result


def _newest(ids: BitMap, count: int, index: FacetIndex) -> list[int]:
    if count <= 0 or not ids:
        return []
    position = index.positions[ORDER_NEWEST]
    if len(ids) < _SORT_TIES_BELOW:
        return heapq.nsmallest(count, ids, key=position.__getitem__)
    found: list[int] = []
    for pk in index.orders[ORDER_NEWEST]:
        if pk in ids:
            found.append(pk)
            if len(found) == count:
                break
    return found


def similar_compute(practice: Practice, index: FacetIndex, *, limit: int = LIMIT + SPARE) -> list[Match]:
    """The most similar published practices, best first (no cache)."""
    features = practice_features(practice)
    postings = index.postings
    own = BitMap([practice.pk])
    scores = Scores()

    def posting(facet: str, key: object) -> BitMap:
        found = postings.get(facet, {}).get(str(key))
        return BitMap(found) - own if found is not None else BitMap()

    objective_sets = {n: posting("objective", n) for n in features.objectives}
    for ids in objective_sets.values():
        scores.add(ids, OBJECTIVE_WEIGHT)
    for number in features.primary:
        scores.add(posting("primary_objective", number), BOTH_PRIMARY_BONUS)

    country_sets = {iso3: posting("country", iso3) for iso3 in features.countries}
    with_country, with_two = BitMap(), BitMap()
    for ids in country_sets.values():
        with_two |= with_country & ids
        with_country |= ids
    scores.add(with_country, COUNTRY_WEIGHT)
    scores.add(with_two, MANY_COUNTRIES_BONUS)
    subregion_sets = {key: posting("subregion", key) for key in features.subregions}
    with_subregion = _union(subregion_sets.values()) - with_country
    scores.add(with_subregion, SUBREGION_WEIGHT)
    region_sets = {key: posting("region", key) for key in features.regions}
    scores.add(_union(region_sets.values()) - with_country - with_subregion, REGION_WEIGHT)
    if features.scope == GLOBAL_SCOPE:
        scores.add(posting("scope", GLOBAL_SCOPE), GLOBAL_WEIGHT)

    weights = dict(features.words)
    cap = max_document_frequency(len(index.all_ids))
    word_sets: dict[str, BitMap] = {}
    for word, ids in word_postings(list(weights), cap).items():
        ids &= index.all_ids  # published as the facet index knows them, so every id has a position
        ids -= own
        if ids:
            word_sets[word] = ids
            scores.add(ids, weights[word])

    sure, tied = scores.top(limit)
    chosen = list(sure) + _newest(tied, limit - len(sure), index)
    position = index.positions[ORDER_NEWEST]
    ranked = sorted(((scores.score(pk), pk) for pk in chosen), key=lambda s: (-s[0], position[s[1]]))
    matches = []
    for score, pk in ranked:
        if score < MIN_SCORE:
            continue
        countries = tuple(iso3 for iso3, ids in country_sets.items() if pk in ids)
        area = None
        if not countries:
            area = next((("subregion", k) for k, ids in subregion_sets.items() if pk in ids), None) or next(
                (("region", k) for k, ids in region_sets.items() if pk in ids), None
            )
        matches.append(
            Match(
                practice_id=pk,
                score=score,
                objectives=tuple(n for n, ids in objective_sets.items() if pk in ids),
                countries=countries,
                area=area,
                words=tuple(w for w in weights if w in word_sets and pk in word_sets[w]),
            )
        )
    return matches


def _cache_key(practice_id: int, index: FacetIndex) -> str:
    from .services import index_state_token

    state = hashlib.sha256(f"{index.key}|{index_state_token()}".encode()).hexdigest()[:32]
    return f"practicehub:similar:{CACHE_FORMAT}:{connection.vendor}:{state}:{practice_id}"


def similar_matches(practice: Practice) -> tuple[list[Match], FacetIndex]:
    """The cached matches of a practice (computed on a miss), with the facet index they came from."""
    index = index_current()
    key = _cache_key(practice.pk, index)
    cached = cache.get(key)
    if isinstance(cached, list) and all(isinstance(m, Match) for m in cached):
        return cached, index
    matches = similar_compute(practice, index)
    cache.set(key, matches, CACHE_SECONDS)
    return matches, index


# --- what the page shows -------------------------------------------------------------------------


@dataclass
class SimilarPractice:
    practice: Practice
    reason: str
    words: list[str]


def _label(index: FacetIndex, facet: str, key: str) -> str:
    return str(index.labels.get(facet, {}).get(key, key))


def match_reason(match: Match, index: FacetIndex) -> str:
    """What a similar practice shares, as a sentence: "Shares objectives 19 and 23 and Azerbaijan."."""
    parts: list[str] = []
    if match.objectives:
        numbers = get_text_list([str(n) for n in match.objectives], _("and"))
        parts.append(
            ngettext("objective %(numbers)s", "objectives %(numbers)s", len(match.objectives))
            % {"numbers": numbers}
        )
    if match.countries:
        names = [_label(index, "country", iso3) for iso3 in match.countries]
        shown = names[:3]
        if len(names) > 3:
            more = len(names) - 3
            shown.append(
                ngettext("%(count)d other country", "%(count)d other countries", more) % {"count": more}
            )
        parts.extend(shown)
    elif match.area:
        parts.append(_label(index, *match.area))
    if not parts:
        return ""
    return _("Shares %(things)s.") % {"things": get_text_list(parts, _("and"))}


def similar_practices(practice: Practice, *, limit: int = LIMIT) -> list[SimilarPractice]:
    """Up to ``limit`` published practices like this one, best first, each with why."""
    matches, index = similar_matches(practice)
    if not matches:
        return []
    ids = [m.practice_id for m in matches]
    objectives = Objective.objects.order_by("number")
    rows = (
        Practice.objects.filter(pk__in=ids, status=PracticeStatus.PUBLISHED)
        .exclude(pk=practice.pk)
        .only("id", "slug", "title", "original_language", "status", "is_sample")
        .prefetch_related(
            Prefetch("primary_objectives", queryset=objectives),
            Prefetch("secondary_objectives", queryset=objectives),
        )
    )
    by_id = {row.pk: row for row in rows}
    shown = []
    for match in matches:
        row = by_id.get(match.practice_id)
        if row is None:
            continue
        shown.append(
            SimilarPractice(practice=row, reason=match_reason(match, index), words=list(match.words))
        )
        if len(shown) == limit:
            break
    return shown
