"""The similar practices of one practice: scores on the facet index's bitmaps, best first, cached."""

import hashlib
import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from pyroaring import BitMap

from practicehub.catalogue.models import Country, Practice, PracticeStatus, Region

from .. import facet_index
from ..analysis import tokenize
from ..facet_index import ORDER_NEWEST, FacetIndex
from ..selectors import index_state_token
from .scores import Scores
from .words import (
    as_written,
    candidate_words,
    common_words,
    known_common,
    max_document_frequency,
    word_postings,
)

CACHE_FORMAT = 1
CACHE_SECONDS = 24 * 3600
LIMIT = 6
# A few more than shown are kept, in case some are unpublished before the indexes catch up.
SPARE = 4
# The best POOL_FACTOR * (LIMIT + SPARE) are read back, to leave out sample data beside real data.
POOL_FACTOR = 3

OBJECTIVE_WEIGHT = 4
BOTH_PRIMARY_BONUS = 2
COUNTRY_WEIGHT = 4
MANY_COUNTRIES_BONUS = 2
SUBREGION_WEIGHT = 2
REGION_WEIGHT = 1
GLOBAL_WEIGHT = 1
MIN_SCORE = 4
GLOBAL_SCOPE = "global"
# Below this many tied practices, sort them; above, walk the newest-first order.
_SORT_TIES_BELOW = 4096


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
    # The similar practice's own objectives, primary ones first, to show with it.
    own_objectives: tuple[int, ...] = ()


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


def _features_from_index(pk: int, index: FacetIndex) -> Features:
    """A published practice's facet values, read from the bitmaps (no query)."""
    postings = index.postings

    def keys(facet: str) -> list[str]:
        return [key for key, ids in postings.get(facet, {}).items() if pk in ids]

    scope = keys("scope")
    return Features(
        primary=[int(k) for k in keys("primary_objective")],
        objectives=[int(k) for k in keys("objective")],
        countries=keys("country"),
        subregions=sorted(keys("subregion")),
        regions=sorted(keys("region")),
        scope=scope[0] if scope else "",
    )


def practice_features(practice: Practice, index: FacetIndex | None = None) -> Features:
    """From the facet index when it holds the practice, else from the database (a draft's preview)."""
    if index is not None and practice.pk in index.all_ids:
        features = _features_from_index(practice.pk, index)
        features.words = candidate_words(practice.title, practice.summary)
        return features
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
    features.subregions = sorted(subregions)
    features.regions = sorted(regions)
    features.scope = practice.scope_level.key if practice.scope_level_id and practice.scope_level else ""
    features.words = candidate_words(practice.title, practice.summary)
    return features


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


def _objectives_of(pk: int, index: FacetIndex) -> tuple[int, ...]:
    primary = [int(k) for k, ids in index.postings.get("primary_objective", {}).items() if pk in ids]
    other = [int(k) for k, ids in index.postings.get("objective", {}).items() if pk in ids]
    return (*primary, *(n for n in other if n not in primary))


def similar_compute(
    practice: Practice, index: FacetIndex, *, state: str = "", limit: int = LIMIT + SPARE
) -> list[Match]:
    """The most similar published practices, best first (no cache). ``state`` names the state of
    the indexes (see similar_matches); without it, nothing is remembered between calls."""
    features = practice_features(practice, index)
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

    # The names of its own places are counted as places already, not again as words.
    places = [
        *(str(index.labels.get("country", {}).get(k, "")) for k in features.countries),
        *(str(index.labels.get("subregion", {}).get(k, "")) for k in features.subregions),
        *(str(index.labels.get("region", {}).get(k, "")) for k in features.regions),
    ]
    place_words = set(tokenize(" ".join(places)))
    weights = {word: weight for word, weight in features.words if word not in place_words}
    cap = max_document_frequency(len(index.all_ids))
    common = common_words(f"{state}:{cap}") if state else set()
    asked = [word for word in weights if word not in common]
    common.update(known_common(asked, cap, len(index.all_ids)))
    asked = [word for word in asked if word not in common]
    found = word_postings(asked, cap)
    common.update(word for word in asked if word not in found)
    word_sets: dict[str, BitMap] = {}
    for word, ids in found.items():
        ids &= index.all_ids  # published as the facet index knows them, so every id has a position
        ids -= own
        if ids:
            word_sets[word] = ids
            scores.add(ids, weights[word])

    pool = POOL_FACTOR * limit
    sure, tied = scores.top(pool)
    chosen = list(sure) + _newest(tied, pool - len(sure), index)
    position = index.positions[ORDER_NEWEST]
    ranked = sorted(((scores.score(pk), pk) for pk in chosen), key=lambda s: (-s[0], position[s[1]]))
    ranked = [(score, pk) for score, pk in ranked if score >= MIN_SCORE]
    # Published now, and demonstration data only beside demonstration data (is_sample is not in
    # the facet index): one query over the pool.
    keep = set(
        Practice.objects.filter(
            pk__in=[pk for _score, pk in ranked],
            status=PracticeStatus.PUBLISHED,
            is_sample=practice.is_sample,
        ).values_list("pk", flat=True)
    )
    written = as_written(list(word_sets), practice.title, practice.summary)
    matches: list[Match] = []
    for score, pk in ranked:
        if pk not in keep:
            continue
        if len(matches) == limit:
            break
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
                words=tuple(written[w] for w in weights if w in word_sets and pk in word_sets[w]),
                own_objectives=_objectives_of(pk, index),
            )
        )
    return matches


def indexes_state(index: FacetIndex) -> str:
    """Changes with the facet index (any publish, unpublish or edit) and with the search index."""
    return hashlib.sha256(f"{connection.vendor}|{index.key}|{index_state_token()}".encode()).hexdigest()[:32]


def ready_index() -> FacetIndex | None:
    """The facet index, when it can be had without building it in this request.

    A practice page never starts a build of the whole index (about 10 s at 100,000 practices, and
    some thirty queries at any size): it takes the current index when this process or the shared
    cache holds it, and the previous one while a large index is rebuilt in the background (as the
    list does, which never waits then either). Otherwise None: the section waits for the next page
    that builds the index (the list, the home and browse pages)."""
    return facet_index.index_if_ready()


def similar_matches(practice: Practice) -> tuple[list[Match], FacetIndex | None]:
    """The cached matches of a practice (computed on a miss), with the facet index they came from."""
    index = ready_index()
    if index is None:
        return [], None
    state = indexes_state(index)
    key = f"practicehub:similar:{CACHE_FORMAT}:{state}:{practice.pk}"
    cached = cache.get(key)
    if isinstance(cached, list) and all(isinstance(m, Match) for m in cached):
        return cached, index
    matches = similar_compute(practice, index, state=state)
    cache.set(key, matches, CACHE_SECONDS)
    return matches, index
