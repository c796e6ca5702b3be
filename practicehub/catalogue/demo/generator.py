"""Sample practices for demonstrations, tests and benchmarks, generated without touching the database.

`generate_practice_values(count, seed=...)` yields PracticeValues marked is_sample. The same seed gives
the same practices. Values are drawn from "decks" (each value once per round, reshuffled), so a few
hundred practices use every objective, principle, SDG, type, scope level, region, sub-region,
organization type, role and language. Vocabulary keys come from the data files the vocabulary
migration loads (catalogue/data/), read once per process.
"""

import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Generic, TypeVar

from django.utils.text import slugify

from practicehub.catalogue.country_data import DATA_DIR
from practicehub.catalogue.models.practices import OrganizationRole
from practicehub.catalogue.services import LinkValue, OrganizationValue, PracticeValues

from . import words

T = TypeVar("T")

FIRST_YEAR, LAST_YEAR = 2005, 2026
SUBMITTED_FROM, SUBMITTED_UNTIL = date(2019, 3, 1), date(2026, 9, 30)
# Mostly English, as in the repository; the other UN languages now and then.
LANGUAGE_DECK = ("en",) * 13 + ("es", "es", "fr", "fr", "ar", "ru", "zh")
# Scope levels by key, weighted: national and local practices are the most common.
SCOPE_DECK = (
    "global",
    "regional",
    "regional",
    "national",
    "national",
    "national",
    "local-subnational",
    "local-subnational",
)
SIZE_DECK = ("short", "short", "medium", "medium", "medium", "long", "long")  # fmt: skip
# Recent years are more common among start years.
YEAR_DECK = tuple(range(FIRST_YEAR, LAST_YEAR + 1)) + tuple(range(2016, 2025)) + tuple(range(2019, 2024))


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


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Generator:
    def __init__(self, seed: int, vocabulary: Vocabulary) -> None:
        self.rng = rng = random.Random(seed)
        self.vocab = vocabulary
        self.objectives = Deck(rng, vocabulary.objectives)
        self.principles = Deck(rng, vocabulary.principles)
        self.sdgs = Deck(rng, vocabulary.sdgs)
        self.types = Deck(rng, vocabulary.practice_types)
        scopes = [key for key in SCOPE_DECK if key in vocabulary.scope_levels] or list(
            vocabulary.scope_levels
        )
        scopes += [key for key in vocabulary.scope_levels if key not in scopes]
        self.scopes = Deck(rng, scopes)
        targets = [("region", key) for key in vocabulary.regions] + [
            ("subregion", key) for key in vocabulary.subregions
        ]
        self.regional_targets = Deck(rng, targets)
        self.countries = Deck(rng, vocabulary.countries)
        self.languages = Deck(rng, LANGUAGE_DECK)
        self.sizes = Deck(rng, SIZE_DECK)
        # Titles in other languages: every template with every topic before any repeats.
        self.other_titles = {
            language: Deck(rng, [(t, topic) for t in bank["titles"] for topic in bank["topics"]])
            for language, bank in words.OTHER_LANGUAGES.items()
        }
        self.years = Deck(rng, YEAR_DECK)
        self.groups = Deck(rng, words.GROUPS)
        self.approaches = Deck(rng, words.APPROACHES)
        self.organizations = Deck(
            rng, _organization_pool(vocabulary.countries, vocabulary.organization_types)
        )
        self.international_organizations = Deck(
            rng,
            [
                org
                for org in _organization_pool(vocabulary.countries, vocabulary.organization_types)
                if not org.country
            ],
        )
        self.extra_roles = Deck(
            rng, (OrganizationRole.OTHER, OrganizationRole.PARTNER, OrganizationRole.PARTNER)
        )
        self.by_region: dict[str, list[Country]] = {}
        self.by_subregion: dict[str, list[Country]] = {}
        for country in vocabulary.countries:
            self.by_region.setdefault(country.region, []).append(country)
            self.by_subregion.setdefault(country.subregion, []).append(country)

    # Where: scope level, regions, countries, and a place name for the texts.
    def _where(self, scope: str) -> tuple[list[str], list[str], str, Country | None]:
        rng = self.rng
        if scope == "regional":
            kind, key = self.regional_targets.draw()
            if kind == "region":
                members, regions, place = (
                    self.by_region.get(key, []),
                    [key],
                    _in_text(self.vocab.regions[key]),
                )
            else:
                name, parent = self.vocab.subregions[key]
                members, regions, place = self.by_subregion.get(key, []), [parent, key], _in_text(name)
            chosen = rng.sample(members, min(len(members), rng.randint(0, 5)))
            return regions, [c.iso3 for c in chosen], place, (chosen[0] if chosen else None)
        if scope in ("national", "local-subnational"):
            country = self.countries.draw()
            place = _in_text(country.name)
            if scope == "local-subnational":
                place = f"{_place_name(rng)}, {country.name}"
            return [country.region, country.subregion], [country.iso3], place, country
        return (
            [],
            [],
            rng.choice(("countries of origin, transit and destination", "several regions", "all regions")),
            None,
        )

    def _organizations(self, scope: str, country: Country | None, city: str) -> list[OrganizationValue]:
        rng = self.rng
        orgs: list[OrganizationValue] = []
        if country is not None and scope in ("national", "local-subnational") and rng.random() < 0.7:
            if scope == "national":
                name, acronym = rng.choice(words.NATIONAL_BODIES)
                orgs.append(
                    OrganizationValue(
                        f"{name}, {country.name}",
                        acronym=acronym,
                        org_type="government-national",
                        country=country.iso3,
                    )
                )
            else:
                name = rng.choice(words.LOCAL_BODIES).format(city=city)
                orgs.append(
                    OrganizationValue(name, org_type="local-or-regional-authority", country=country.iso3)
                )
        if country is not None and not orgs:
            # A practice in one country is led from there, or by an international organization.
            org = self.international_organizations.draw()
            orgs.append(OrganizationValue(org.name, acronym=org.acronym, org_type=org.org_type))
        total = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))
        while len(orgs) < total:
            org = self.organizations.draw()
            if all(o.name != org.name for o in orgs):
                orgs.append(
                    OrganizationValue(
                        org.name, acronym=org.acronym, org_type=org.org_type, country=org.country
                    )
                )
        for position, value in enumerate(orgs):
            if position == 0:
                value.role = OrganizationRole.MAIN
            elif position == 1 and rng.random() < 0.15:
                value.role = OrganizationRole.MAIN  # implemented jointly
            else:
                value.role = self.extra_roles.draw()
        return orgs

    def _years(self) -> tuple[int, int | None, bool]:
        rng = self.rng
        start = self.years.draw()
        ongoing = rng.random() < (0.7 if start >= 2023 else 0.35)
        if ongoing:
            return start, None, True
        return start, min(LAST_YEAR, start + rng.randint(0, 6)), False

    def _submitted_on(self, start: int) -> date:
        first = max(SUBMITTED_FROM, date(start, 1, 1))
        span = (SUBMITTED_UNTIL - first).days
        return first + timedelta(days=self.rng.randint(0, max(span, 0)))

    def practice(self) -> PracticeValues:
        rng = self.rng
        primary = self.objectives.draw_many(rng.choice((1, 1, 1, 2, 2, 3)))
        secondary = [n for n in self.objectives.draw_many(rng.choice((0, 1, 2, 3))) if n not in primary]
        scope = self.scopes.draw()
        regions, countries, place, country = self._where(scope)
        city = place.split(",")[0] if scope == "local-subnational" else _place_name(rng)
        organizations = self._organizations(scope, country, city)
        practice_type = self.types.draw()
        start, end, ongoing = self._years()
        language = self.languages.draw()
        size = self.sizes.draw()
        partner = organizations[1].name if len(organizations) > 1 else self.organizations.draw().name
        topics = [
            rng.choice(words.TOPICS[n][0]) if n in words.TOPICS else "migration governance"
            for n in primary + secondary
        ]
        activities = [
            rng.choice(words.TOPICS[n][1]) if n in words.TOPICS else "improve migration governance"
            for n in primary + secondary
        ]
        slots = {
            "topic": topics[0],
            "topic2": topics[1] if len(topics) > 1 else rng.choice(words.TOPICS[rng.randint(1, 23)][0]),
            "activity": activities[0],
            "activity2": activities[-1]
            if len(activities) > 1
            else rng.choice(words.TOPICS[rng.randint(1, 23)][1]),
            "group": self.groups.draw(),
            "approach": self.approaches.draw(),
            "place": place,
            "org": organizations[0].name,
            "partner": partner,
            "kind": words.KIND_NOUNS.get(practice_type, words.DEFAULT_KIND_NOUN),
            "start": start,
            "eval_year": min(LAST_YEAR, start + rng.randint(1, 4)),
            "year": min(LAST_YEAR, start + rng.randint(0, 3)),
            "n": rng.choice((40, 85, 120, 300, 450, 600, 1200, 2500, 4000, 15000)),
            "m": rng.randint(2, 12),
            "k": rng.randint(2, 4),
            "pct": rng.randint(15, 85),
        }
        slots["Topic"], slots["Place"] = _cap(topics[0]), _cap(place)
        texts = (
            _english_texts(rng, size, slots)
            if language == "en"
            else _other_texts(rng, language, size, slots, self.other_titles[language].draw())
        )
        title = texts.pop("title")
        first, last = rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)
        links = [
            LinkValue(
                title=rng.choice(words.LINK_TITLES).format(year=slots["year"]),
                url=f"https://example.org/sample/{slugify(title)[:60] or 'practice'}/{i + 1}",
            )
            for i in range(rng.choice((0, 0, 1, 1, 2, 3)))
        ]
        return PracticeValues(
            title=title,
            **texts,
            primary_objectives=sorted(primary),
            secondary_objectives=sorted(secondary),
            guiding_principles=self.principles.draw_many(rng.choice((1, 2, 2, 3, 4))),
            sdgs=sorted(self.sdgs.draw_many(rng.choice((1, 2, 2, 3, 4)))),
            start_year=start,
            end_year=end,
            is_ongoing=ongoing,
            practice_type=practice_type,
            scope_level=scope,
            regions=regions,
            countries=countries,
            organizations=organizations,
            links=links,
            submitted_on=self._submitted_on(start),
            original_language=language,
            focal_point_name=f"{first} {last}",
            focal_point_email=f"{first}.{last}@example.org".lower(),
            is_sample=True,
        )


_WITH_ARTICLE = re.compile(
    r"^(United |Holy See|Americas|Caribbean)|\b(Republic|Federation|Islands|Kingdom|Emirates)\b"
    r"|^(Netherlands|Philippines|Bahamas|Gambia|Comoros|Maldives)"
)


def _in_text(name: str) -> str:
    """A country or region name as it reads inside a sentence: 'the Philippines', 'Kenya'."""
    return f"the {name}" if _WITH_ARTICLE.search(name) else name


def _place_name(rng: random.Random) -> str:
    return rng.choice(words.PLACE_STARTS) + rng.choice(words.PLACE_ENDS)


def _fill(template: str, slots: dict[str, object]) -> str:
    return _cap(template.format_map(slots))


def _sentences(rng: random.Random, bank: Sequence[str], k: int, slots: dict[str, object]) -> str:
    return " ".join(_fill(s, slots) for s in rng.sample(bank, min(k, len(bank))))


def _items(rng: random.Random, bank: Sequence[str], k: int, slots: dict[str, object]) -> str:
    return "\n".join("- " + _fill(s, slots) for s in rng.sample(bank, min(k, len(bank))))


def _english_texts(rng: random.Random, size: str, slots: dict[str, object]) -> dict[str, str]:
    paragraphs = {"short": 1, "medium": 2, "long": 4}[size]
    summary = [
        _fill(rng.choice(words.SUMMARY_OPENINGS), slots)
        + " "
        + _sentences(rng, words.SUMMARY_SENTENCES, 2, slots)
    ]
    for _ in range(paragraphs - 1):
        summary.append(_sentences(rng, words.SUMMARY_SENTENCES, rng.randint(2, 4), slots))
    if size == "long":
        summary.insert(
            2,
            "Its main activities are:\n"
            + "\n".join(
                "- " + _cap(a) for a in dict.fromkeys((str(slots["activity"]), str(slots["activity2"])))
            ),
        )
    texts = {
        "title": _fill(rng.choice(words.TITLE_TEMPLATES), slots),
        "summary": "\n\n".join(summary),
        "benefit_and_impact": _sentences(rng, words.BENEFIT_SENTENCES, 1 + paragraphs, slots),
        "key_lessons": "",
        "recommendations": "",
        "innovation": "",
        "implementer_details": "",
    }
    if size != "short":
        texts["benefit_and_impact"] += "\n\nResults so far:\n" + _items(
            rng, words.BENEFIT_ITEMS, rng.randint(2, 4), slots
        )
        texts["key_lessons"] = _sentences(rng, words.LESSON_SENTENCES, paragraphs + 1, slots)
        texts["recommendations"] = _sentences(rng, words.RECOMMENDATION_SENTENCES, paragraphs, slots)
        texts["innovation"] = _sentences(rng, words.INNOVATION_SENTENCES, rng.randint(1, 2), slots)
    if size == "long":
        texts["key_lessons"] += (
            "\n\n"
            + _sentences(rng, words.LESSON_SENTENCES, 2, slots)
            + "\n\nIn short:\n"
            + _items(rng, words.LESSON_ITEMS, 3, slots)
        )
        texts["recommendations"] += "\n\n" + _items(rng, words.RECOMMENDATION_SENTENCES, 3, slots)
    if rng.random() < 0.3:
        texts["implementer_details"] = _fill(rng.choice(words.IMPLEMENTER_DETAILS), slots)
    return texts


def _other_texts(
    rng: random.Random, language: str, size: str, slots: dict[str, object], title: tuple[str, str]
) -> dict[str, str]:
    bank = words.OTHER_LANGUAGES[language]
    template, topic = title
    if rng.random() < 0.3:
        topic += bank["and"][0] + rng.choice([t for t in bank["topics"] if t != topic])
    local = dict(slots, topic=topic, Topic=_cap(topic))
    # Each sentence of the bank is used at most once per practice.
    sentences = [_fill(sentence, local) for sentence in rng.sample(bank["sentences"], len(bank["sentences"]))]
    paragraphs = {"short": 1, "medium": 2, "long": 3}[size]
    summary = [" ".join(sentences[2 * i : 2 * i + 2]) for i in range(paragraphs)]
    rest = sentences[2 * paragraphs :]
    texts = {
        "title": _fill(template, local),
        "summary": "\n\n".join(summary),
        "benefit_and_impact": rest[0],
        "key_lessons": "",
        "recommendations": "",
        "innovation": "",
        "implementer_details": "",
    }
    if size != "short":
        texts["benefit_and_impact"] += "\n\n" + _items(rng, bank["items"], rng.randint(2, 4), local)
        texts["key_lessons"] = " ".join(rest[1:3])
    if size == "long":
        texts["recommendations"] = _items(rng, bank["items"], 3, local)
    return texts


@dataclass(frozen=True)
class _PoolOrganization:
    name: str
    acronym: str
    org_type: str
    country: str


@cache
def _organization_pool(
    countries: tuple[Country, ...], organization_types: tuple[str, ...]
) -> tuple[_PoolOrganization, ...]:
    """About sixty invented organizations, the same in every run, reused across practices."""
    rng = random.Random(20181219)
    known_types = set(organization_types)
    pool: dict[str, _PoolOrganization] = {}
    # Countries with a short name read well inside an organization's name.
    short_named = [country for country in countries if not set(country.name) & set("(),")]
    for template, acronym, org_type in words.ORGANIZATION_TEMPLATES * 4:
        local = "{city}" in template or "country}" in template
        country = rng.choice(short_named)
        name = template.format(city=_place_name(rng), country=country.name, in_country=_in_text(country.name))
        if name.lower() in pool:
            continue
        pool[name.lower()] = _PoolOrganization(
            name=name,
            acronym=acronym,
            org_type=org_type if org_type in known_types else "",
            country=country.iso3 if local else "",
        )
    return tuple(pool.values())


def generate_practice_values(
    count: int, *, seed: int = 0, vocabulary: Vocabulary | None = None
) -> Iterator[PracticeValues]:
    """`count` sample practices (is_sample=True); the same seed always gives the same practices."""
    generator = _Generator(seed, vocabulary or Vocabulary.from_data_files())
    for _ in range(count):
        yield generator.practice()
