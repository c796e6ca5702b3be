"""What the sample practice generator draws from: vocabulary keys (read once from the data files the
vocabulary migration loads, so generating needs no database), decks that deal values evenly, and a
fixed pool of invented organizations."""

import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from django.utils.text import slugify

from practicehub.catalogue.country_data import DATA_DIR

from . import words

T = TypeVar("T")


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    region: str  # region key
    subregion: str  # sub-region key


@dataclass(frozen=True)
class Vocabulary:
    """The vocabulary keys the generator draws from."""

    objectives: tuple[int, ...]
    principles: tuple[str, ...]
    sdgs: tuple[int, ...]
    practice_types: tuple[str, ...]
    scope_levels: tuple[str, ...]
    regions: dict[str, str]  # key -> name, regions only
    subregions: dict[str, tuple[str, str]]  # key -> (name, region key)
    countries: tuple[Country, ...]
    organization_types: tuple[str, ...]

    @classmethod
    def from_data_files(cls) -> "Vocabulary":
        return _vocabulary_from_data_files()


def _load(name: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    return rows


@cache
def _vocabulary_from_data_files() -> Vocabulary:
    regions: dict[str, str] = {}
    subregions: dict[str, tuple[str, str]] = {}
    for row in _load("regions.json"):
        region_key = slugify(str(row["name"]))
        regions[region_key] = str(row["name"])
        for sub in row["subregions"]:  # type: ignore[attr-defined]
            subregions[slugify(sub)] = (sub, region_key)
    countries = tuple(
        Country(
            str(row["iso3"]), str(row["name"]), slugify(str(row["region"])), slugify(str(row["subregion"]))
        )
        for row in _load("countries.json")
        if row["region"] and row["subregion"]
    )
    return Vocabulary(
        objectives=tuple(int(str(row["number"])) for row in _load("objectives.json")),
        principles=tuple(str(row["key"]) for row in _load("guiding_principles.json")),
        sdgs=tuple(int(str(row["number"])) for row in _load("sdgs.json")),
        practice_types=tuple(str(row["key"]) for row in _load("practice_types.json")),
        scope_levels=tuple(str(row["key"]) for row in _load("scope_levels.json")),
        regions=regions,
        subregions=subregions,
        countries=countries,
        organization_types=tuple(str(row["key"]) for row in _load("organization_types.json")),
    )


class Deck(Generic[T]):
    """Deals every item once per round in a shuffled order, then reshuffles."""

    def __init__(self, rng: random.Random, items: Sequence[T]) -> None:
        if not items:
            raise ValueError("A deck needs at least one item.")
        self._rng = rng
        self._items = list(items)
        self._pile: list[T] = []

    def draw(self) -> T:
        if not self._pile:
            self._pile = self._items[:]
            self._rng.shuffle(self._pile)
        return self._pile.pop()

    def draw_many(self, k: int) -> list[T]:
        """k different items; an item drawn twice goes back under the pile for a later practice."""
        k = min(k, len(set(self._items)))
        result: list[T] = []
        while len(result) < k:
            item = self.draw()
            if item in result:
                self._pile.insert(0, item)
            else:
                result.append(item)
        return result


_WITH_ARTICLE = re.compile(
    r"^(United |Holy See|Americas|Caribbean|State of )|\b(Republic|Federation|Islands|Kingdom|Emirates)\b"
    r"|^(Netherlands|Philippines|Bahamas|Gambia|Comoros|Maldives|Congo$)"
)
# The UN's list form puts the State's title in brackets; running text puts it first.
_LIST_FORM = re.compile(r"^(?P<short>[^()]+) \((?P<title>[^()]+ of(?: the)?)\)$")


def in_text(name: str) -> str:
    """A country or region name as it reads inside a sentence: 'the Philippines', 'Kenya',
    'the Islamic Republic of Iran' (listed as 'Iran (Islamic Republic of)')."""
    if match := _LIST_FORM.match(name):
        return f"the {match['title']} {match['short']}"
    return f"the {name}" if _WITH_ARTICLE.search(name) else name


def place_name(rng: random.Random) -> str:
    return rng.choice(words.PLACE_STARTS) + rng.choice(words.PLACE_ENDS)


@dataclass(frozen=True)
class PoolOrganization:
    name: str
    acronym: str
    org_type: str
    country: str


@cache
def organization_pool(
    countries: tuple[Country, ...], organization_types: tuple[str, ...]
) -> tuple[PoolOrganization, ...]:
    """About sixty invented organizations, the same in every run, reused across practices."""
    rng = random.Random(20181219)
    known_types = set(organization_types)
    pool: dict[str, PoolOrganization] = {}
    # Countries with a short name read well inside an organization's name.
    short_named = [country for country in countries if not set(country.name) & set("(),")]
    for template, acronym, org_type in words.ORGANIZATION_TEMPLATES * 4:
        local = "{city}" in template or "country}" in template
        country = rng.choice(short_named)
        name = template.format(city=place_name(rng), country=country.name, in_country=in_text(country.name))
        if name.lower() in pool:
            continue
        pool[name.lower()] = PoolOrganization(
            name=name,
            acronym=acronym,
            org_type=org_type if org_type in known_types else "",
            country=country.iso3 if local else "",
        )
    return tuple(pool.values())
