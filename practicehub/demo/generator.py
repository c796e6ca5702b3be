"""Sample practices for demonstrations, tests and benchmarks, generated without touching the database.

`generate_practice_values(count, seed=...)` yields PracticeValues marked is_sample. The same seed gives
the same practices. Values are drawn from decks (each value once per round, reshuffled), so a few
hundred practices use every objective, principle, SDG, type, scope level, region, sub-region,
organization type, role and language. Vocabulary keys come from the data files (vocabulary.py).
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from django.utils.text import slugify

from practicehub.catalogue.models.practices import OrganizationRole
from practicehub.catalogue.services import LinkValue, OrganizationValue, PracticeValues

from . import topics, words
from .other_languages import OTHER_LANGUAGES
from .texts import cap, english_texts, other_texts
from .vocabulary import Country, Deck, Vocabulary, in_text, organization_pool, place_name

__all__ = ["FIRST_YEAR", "LAST_YEAR", "Vocabulary", "generate_practice_values"]

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
            for language, bank in OTHER_LANGUAGES.items()
        }
        self.years = Deck(rng, YEAR_DECK)
        self.groups = Deck(rng, topics.GROUPS)
        self.approaches = Deck(rng, topics.APPROACHES)
        self.organizations = Deck(rng, organization_pool(vocabulary.countries, vocabulary.organization_types))
        self.international_organizations = Deck(
            rng,
            [
                org
                for org in organization_pool(vocabulary.countries, vocabulary.organization_types)
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
                    in_text(self.vocab.regions[key]),
                )
            else:
                name, parent = self.vocab.subregions[key]
                members, regions, place = self.by_subregion.get(key, []), [parent, key], in_text(name)
            chosen = rng.sample(members, min(len(members), rng.randint(0, 5)))
            return regions, [c.iso3 for c in chosen], place, (chosen[0] if chosen else None)
        if scope in ("national", "local-subnational"):
            country = self.countries.draw()
            place = in_text(country.name)
            if scope == "local-subnational":
                place = f"{place_name(rng)}, {country.name}"
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
        city = place.split(",")[0] if scope == "local-subnational" else place_name(rng)
        organizations = self._organizations(scope, country, city)
        practice_type = self.types.draw()
        start, end, ongoing = self._years()
        language = self.languages.draw()
        size = self.sizes.draw()
        partner = organizations[1].name if len(organizations) > 1 else self.organizations.draw().name
        subjects = [
            rng.choice(topics.TOPICS[n][0]) if n in topics.TOPICS else "migration governance"
            for n in primary + secondary
        ]
        activities = [
            rng.choice(topics.TOPICS[n][1]) if n in topics.TOPICS else "improve migration governance"
            for n in primary + secondary
        ]
        slots = {
            "topic": subjects[0],
            "topic2": subjects[1] if len(subjects) > 1 else rng.choice(topics.TOPICS[rng.randint(1, 23)][0]),
            "activity": activities[0],
            "activity2": activities[-1]
            if len(activities) > 1
            else rng.choice(topics.TOPICS[rng.randint(1, 23)][1]),
            "group": self.groups.draw(),
            "approach": self.approaches.draw(),
            "place": place,
            "org": organizations[0].name,
            "partner": partner,
            "kind": topics.KIND_NOUNS.get(practice_type, topics.DEFAULT_KIND_NOUN),
            "start": start,
            "eval_year": min(LAST_YEAR, start + rng.randint(1, 4)),
            "year": min(LAST_YEAR, start + rng.randint(0, 3)),
            "n": rng.choice((40, 85, 120, 300, 450, 600, 1200, 2500, 4000, 15000)),
            "m": rng.randint(2, 12),
            "k": rng.randint(2, 4),
            "pct": rng.randint(15, 85),
        }
        slots["Topic"], slots["Place"] = cap(subjects[0]), cap(place)
        texts = (
            english_texts(rng, size, slots)
            if language == "en"
            else other_texts(rng, language, size, slots, self.other_titles[language].draw())
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


def generate_practice_values(
    count: int, *, seed: int = 0, vocabulary: Vocabulary | None = None
) -> Iterator[PracticeValues]:
    """`count` sample practices (is_sample=True); the same seed always gives the same practices."""
    generator = _Generator(seed, vocabulary or Vocabulary.from_data_files())
    for _ in range(count):
        yield generator.practice()
