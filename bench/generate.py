"""Fill a database with N synthetic published practices, quickly (bulk inserts), deterministically.

Field sizes follow the published pages: a title of 8-16 words, a summary of 120-450 words, four
more narrative fields of 30-300 words, 1-4 organizations from a reusable pool, objectives,
principles and SDGs with a realistic skew, every scope level with countries consistent with their
region, start years 2005-2026, ongoing and completed, six original languages. About 5% more
practices are created unpublished (drafts, in review, archived) so that filtering them out is
measured too.
"""

import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction

from practicehub.catalogue.models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    OrganizationRole,
    OrganizationType,
    Practice,
    PracticeOrganization,
    PracticeStatus,
    PracticeType,
    Region,
    ScopeLevel,
)

from .words import ADJECTIVES, GENERIC, GROUPS, ORG_KINDS, ORG_WORDS, PROGRAMME_NOUNS, THEMES

BATCH = 1000
LANGUAGES = (("en", 70), ("es", 12), ("fr", 10), ("ar", 3), ("ru", 3), ("zh-hans", 2))
SCOPES = (("national", 50), ("local-subnational", 20), ("regional", 18), ("global", 12))
UNPUBLISHED = (PracticeStatus.DRAFT, PracticeStatus.IN_REVIEW, PracticeStatus.ARCHIVED)
# Some objectives, SDGs and countries are chosen far more often than others, as on the real site.
OBJECTIVE_WEIGHTS = {23: 9, 16: 8, 1: 6, 7: 6, 15: 6, 5: 5, 3: 4, 10: 4, 19: 4, 20: 3, 21: 3, 6: 3, 18: 3}
SDG_WEIGHTS = {10: 12, 17: 8, 8: 7, 5: 6, 16: 5, 4: 4, 3: 4, 1: 3}


def _weighted(rng: random.Random, pairs: tuple[tuple[Any, int], ...] | list[tuple[Any, int]]) -> Any:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


class Vocabulary:
    """Every vocabulary id, read once."""

    def __init__(self) -> None:
        self.objectives = dict(Objective.objects.values_list("number", "id"))
        self.objective_weights = [OBJECTIVE_WEIGHTS.get(n, 1) for n in self.objectives]
        self.principles = list(GuidingPrinciple.objects.values_list("id", flat=True))
        self.sdgs = dict(SDG.objects.values_list("number", "id"))
        self.sdg_weights = [SDG_WEIGHTS.get(n, 1) for n in self.sdgs]
        self.types = list(PracticeType.objects.values_list("id", flat=True))
        self.type_weights = [max(1, 12 - n) for n in range(len(self.types))]
        self.scopes = dict(ScopeLevel.objects.values_list("key", "id"))
        self.top_regions = list(Region.objects.filter(parent__isnull=True).values_list("id", flat=True))
        self.subregions = list(Region.objects.filter(parent__isnull=False).values_list("id", "parent_id"))
        self.countries = list(Country.objects.values_list("id", "region_id", "subregion_id", "name"))
        self.country_weights = [1 + (7 * n) % 23 for n in range(len(self.countries))]
        self.org_types = list(OrganizationType.objects.values_list("id", flat=True))
        regions = dict(Region.objects.values_list("id", "name"))
        self.region_names = regions


class Text:
    """Paragraphs from a pool of generated sentences, with theme words woven in."""

    def __init__(self, rng: random.Random, size: int = 20_000) -> None:
        self.rng = rng
        self.pool = [self._sentence(rng.randint(8, 24)) for _ in range(size)]

    def _sentence(self, length: int, theme: list[str] | None = None) -> str:
        words = self.rng.choices(GENERIC, k=length)
        if theme:
            for _ in range(self.rng.randint(1, 3)):
                words.insert(self.rng.randrange(len(words) + 1), self.rng.choice(theme))
        return " ".join(words).capitalize() + "."

    def field(self, words: int, theme: list[str], group: str) -> str:
        rng = self.rng
        sentences: list[str] = []
        count = 0
        while count < words:
            if rng.random() < 0.25:
                sentence = self._sentence(rng.randint(8, 20), theme)
                if rng.random() < 0.3:
                    sentence = sentence[:-1] + f" for {group}."
            else:
                sentence = rng.choice(self.pool)
            sentences.append(sentence)
            count += sentence.count(" ") + 1
        paragraphs, start = [], 0
        while start < len(sentences):
            size = rng.randint(3, 6)
            chunk = sentences[start : start + size]
            if rng.random() < 0.15:
                paragraphs.append("\n".join(f"- {s}" for s in chunk))
            else:
                paragraphs.append(" ".join(chunk))
            start += size
        return "\n\n".join(paragraphs)


def _organizations(rng: random.Random, vocab: Vocabulary, count: int) -> list[int]:
    orgs = []
    for n in range(count):
        words = rng.sample(ORG_WORDS, rng.randint(1, 3))
        name = f"{' '.join(words)} {rng.choice(ORG_KINDS)} {n + 1}"
        acronym = (
            "".join(w[0] for w in name.split() if w[0].isalpha()).upper()[:8] if rng.random() < 0.6 else ""
        )
        country = rng.choice(vocab.countries)[0] if rng.random() < 0.8 else None
        orgs.append(
            Organization(
                name=name, acronym=acronym, org_type_id=rng.choice(vocab.org_types), country_id=country
            )
        )
    created = Organization.objects.bulk_create(orgs, batch_size=BATCH)
    return [o.pk for o in created]


def _geography(rng: random.Random, vocab: Vocabulary, scope: str) -> tuple[list[int], list[int], str]:
    """(region ids, country ids, a place name for the title), consistent with each other."""
    if scope == "global":
        return [], [], "the world"
    if scope == "regional":
        if rng.random() < 0.5:
            region = rng.choice(vocab.top_regions)
            inside = [c for c in vocab.countries if c[1] == region]
            regions = [region]
        else:
            subs = rng.sample(vocab.subregions, rng.randint(1, 2))
            regions = [s[0] for s in subs]
            inside = [c for c in vocab.countries if c[2] in regions]
            region = regions[0]
        countries = [c[0] for c in rng.sample(inside, min(len(inside), rng.randint(0, 6)))]
        return regions, countries, vocab.region_names[region]
    country = rng.choices(vocab.countries, vocab.country_weights)[0]
    return [], [country[0]], country[3]


def populate(
    size: int, *, seed: int = 0, unpublished_share: float = 0.05, log: Callable[[str], None] = print
) -> dict[str, Any]:
    """Insert `size` published practices (and a share of unpublished ones) with all their relations."""
    started = time.perf_counter()
    rng = random.Random(seed)
    vocab = Vocabulary()
    text = Text(rng)
    org_ids = _organizations(rng, vocab, max(40, size // 8))
    # Larger organizations implement many practices, most implement a few.
    org_weights = [1.0 / (1 + n) ** 0.8 for n in range(len(org_ids))]
    total = size + int(size * unpublished_share)
    first_published = datetime(2019, 1, 1, tzinfo=UTC)
    span = (datetime(2026, 1, 1, tzinfo=UTC) - first_published).total_seconds()
    through = {
        name: getattr(Practice, name).through for name in ("primary_objectives", "secondary_objectives")
    }
    through |= {name: getattr(Practice, name).through for name in ("guiding_principles", "sdgs", "regions")}
    through["countries"] = Practice.countries.through
    numbers = list(vocab.objectives)
    sdg_numbers = list(vocab.sdgs)
    published_left = size
    for batch_start in range(0, total, BATCH):
        rows: list[Practice] = []
        relations: list[dict[str, Any]] = []
        for n in range(batch_start, min(total, batch_start + BATCH)):
            is_published = published_left > 0 and (
                rng.random() >= unpublished_share or total - n <= published_left
            )
            published_left -= is_published
            primary = set(rng.choices(numbers, vocab.objective_weights, k=rng.randint(1, 2)))
            secondary = set(rng.choices(numbers, vocab.objective_weights, k=rng.randint(0, 4))) - primary
            theme = [w for o in primary | secondary for w in THEMES[o]]
            group = rng.choice(GROUPS)
            scope = _weighted(rng, SCOPES)
            regions, countries, place = _geography(rng, vocab, scope)
            start_year = rng.choices(range(2005, 2027), [1 + max(0, y - 2012) for y in range(2005, 2027)])[0]
            ongoing = rng.random() < 0.4
            end_year = None if ongoing else min(2026, start_year + rng.randint(0, 5))
            title = (
                f"{rng.choice(ADJECTIVES)} {rng.choice(theme).title()} {rng.choice(PROGRAMME_NOUNS)} "
                f"for {group.title()} in {place}"
            )
            when = first_published + timedelta(seconds=rng.random() * span)
            rows.append(
                Practice(
                    title=title,
                    slug=f"bench-{n + 1}",
                    status=PracticeStatus.PUBLISHED if is_published else rng.choice(UNPUBLISHED),
                    original_language=_weighted(rng, LANGUAGES),
                    start_year=start_year,
                    end_year=end_year,
                    is_ongoing=ongoing,
                    practice_type_id=rng.choices(vocab.types, vocab.type_weights)[0],
                    scope_level_id=vocab.scopes[scope],
                    summary=text.field(rng.randint(120, 450), theme, group),
                    benefit_and_impact=text.field(rng.randint(60, 300), theme, group),
                    key_lessons=text.field(rng.randint(60, 250), theme, group),
                    recommendations=text.field(rng.randint(40, 200), theme, group),
                    innovation=text.field(rng.randint(30, 150), theme, group),
                    implementer_details=text.field(rng.randint(10, 80), theme, group)
                    if rng.random() < 0.7
                    else "",
                    submitted_on=(when - timedelta(days=rng.randint(30, 300))).date(),
                    published_at=when if is_published else None,
                    focal_point_name="Bench Focal Point",
                    focal_point_email="focal@example.org",
                    is_sample=True,
                )
            )
            orgs = rng.choices(org_ids, org_weights, k=rng.randint(1, 4))
            relations.append(
                {
                    "primary_objectives": [vocab.objectives[o] for o in primary],
                    "secondary_objectives": [vocab.objectives[o] for o in secondary],
                    "guiding_principles": rng.sample(vocab.principles, rng.randint(1, 4)),
                    "sdgs": list(
                        {
                            vocab.sdgs[s]
                            for s in rng.choices(sdg_numbers, vocab.sdg_weights, k=rng.randint(1, 3))
                        }
                    ),
                    "regions": regions,
                    "countries": countries,
                    "organizations": list(dict.fromkeys(orgs)),
                }
            )
        with transaction.atomic():
            created = Practice.objects.bulk_create(rows)
            _relations(created, relations, through)
        if (batch_start // BATCH) % 10 == 9 or batch_start + BATCH >= total:
            log(f"  {min(total, batch_start + BATCH):>7} / {total} practices")
    return {
        "practices": total,
        "published": size,
        "organizations": len(org_ids),
        "seconds": time.perf_counter() - started,
    }


def _relations(practices: list[Practice], relations: list[dict[str, Any]], through: dict[str, Any]) -> None:
    column = {
        "primary_objectives": "objective_id",
        "secondary_objectives": "objective_id",
        "guiding_principles": "guidingprinciple_id",
        "sdgs": "sdg_id",
        "regions": "region_id",
        "countries": "country_id",
    }
    for name, model in through.items():
        model.objects.bulk_create(
            [
                model(practice_id=practice.pk, **{column[name]: value})
                for practice, rel in zip(practices, relations, strict=True)
                for value in rel[name]
            ],
            batch_size=5000,
        )
    roles = [OrganizationRole.PARTNER, OrganizationRole.OTHER]
    PracticeOrganization.objects.bulk_create(
        [
            PracticeOrganization(
                practice_id=practice.pk,
                organization_id=org,
                role=OrganizationRole.MAIN if position == 0 else roles[position % 2],
                position=position,
            )
            for practice, rel in zip(practices, relations, strict=True)
            for position, org in enumerate(rel["organizations"])
        ],
        batch_size=5000,
    )
