"""The sample practice generator: deterministic, varied over every vocabulary, consistent, DB-free."""

import dataclasses
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practicehub.catalogue.fields import LONG_TEXT_FIELDS
from practicehub.catalogue.models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    OrganizationRole,
    OrganizationType,
    Practice,
    PracticeType,
    Region,
    ScopeLevel,
)
from practicehub.catalogue.services import PracticeValues
from practicehub.demo.generator import FIRST_YEAR, LAST_YEAR, Vocabulary, generate_practice_values
from practicehub.demo.vocabulary import in_text

VOCAB = Vocabulary.from_data_files()
COUNTRIES = {c.iso3: c for c in VOCAB.countries}


@pytest.fixture(scope="module")
def sample() -> list[PracticeValues]:
    return list(generate_practice_values(240, seed=0))


def test_the_same_seed_gives_the_same_practices_and_another_seed_others() -> None:
    first = list(generate_practice_values(40, seed=7))
    assert first == list(generate_practice_values(40, seed=7))
    assert [p.title for p in first] != [p.title for p in generate_practice_values(40, seed=8)]
    # A longer run starts with the same practices as a shorter one.
    assert list(generate_practice_values(60, seed=7))[:40] == first


def test_every_practice_is_marked_as_sample(sample: list[PracticeValues]) -> None:
    assert len(sample) == 240
    assert all(p.is_sample for p in sample)


def test_240_practices_use_every_classification_value(sample: list[PracticeValues]) -> None:
    assert {n for p in sample for n in p.primary_objectives} == set(range(1, 24))
    assert {k for p in sample for k in p.guiding_principles} == set(VOCAB.principles)
    assert {n for p in sample for n in p.sdgs} == set(range(1, 18))
    assert {p.practice_type for p in sample} == set(VOCAB.practice_types)
    assert {p.scope_level for p in sample} == {"global", "regional", "national", "local-subnational"}
    assert any(p.secondary_objectives for p in sample)
    assert any(not p.secondary_objectives for p in sample)


def test_240_practices_reach_every_region_and_sub_region(sample: list[PracticeValues]) -> None:
    used = {key for p in sample for key in p.regions}
    assert used == set(VOCAB.regions) | set(VOCAB.subregions)
    assert len({c for p in sample for c in p.countries}) > 120


def test_organizations_come_from_a_reused_pool_in_every_type_and_role(sample: list[PracticeValues]) -> None:
    orgs = [o for p in sample for o in p.organizations]
    assert {o.org_type for o in orgs} == set(VOCAB.organization_types)
    assert {o.role for o in orgs} == set(OrganizationRole.values)
    assert any(o.acronym for o in orgs)
    assert all(o.country in COUNTRIES for o in orgs if o.country)
    uses = Counter(o.name for o in orgs)
    assert max(uses.values()) >= 3  # the same organization takes part in several practices
    assert {len(p.organizations) for p in sample} == {1, 2, 3, 4}


def test_dates_languages_and_lengths_vary(sample: list[PracticeValues]) -> None:
    assert {p.start_year for p in sample} == set(range(FIRST_YEAR, LAST_YEAR + 1))
    assert any(p.is_ongoing for p in sample)
    assert any(p.end_year for p in sample)
    languages = Counter(p.original_language for p in sample)
    assert set(languages) == {"en", "es", "fr", "ar", "ru", "zh"}
    assert languages["en"] > len(sample) / 2
    lengths = [sum(len(getattr(p, name)) for name in LONG_TEXT_FIELDS) for p in sample]
    assert min(lengths) < 600
    assert max(lengths) > 2500
    assert any("\n- " in p.summary or "\n- " in p.key_lessons for p in sample)
    assert any("\n\n" in p.summary for p in sample)
    assert any(p.links for p in sample)
    assert any(p.implementer_details for p in sample)


def test_texts_are_in_the_original_language(sample: list[PracticeValues]) -> None:
    scripts = {"ar": r"[\u0600-\u06ff]", "ru": r"[\u0400-\u04ff]", "zh": r"[\u4e00-\u9fff]"}
    for practice in sample:
        pattern = scripts.get(practice.original_language)
        if pattern:
            assert re.search(pattern, practice.title)
            assert re.search(pattern, practice.summary)
        elif practice.original_language == "en":
            assert not any(re.search(other, practice.summary) for other in scripts.values())
            assert re.search(r"\b(the|and|to|of|in)\b", practice.summary)


def test_no_sentence_repeats_within_a_practice(sample: list[PracticeValues]) -> None:
    for practice in sample:
        text = "\n".join(getattr(practice, name) for name in LONG_TEXT_FIELDS)
        parts = [part.strip() for part in re.split(r"(?<=[.。])\s+|\n", text) if len(part.strip()) > 25]
        assert len(parts) == len(set(parts)), practice.title


def test_country_names_read_well_in_sentences(sample: list[PracticeValues]) -> None:
    texts = " ".join(p.title + " " + p.summary for p in sample if p.original_language == "en")
    assert not re.search(r"\b(in|from) (United States|Philippines|Netherlands|United Kingdom)\b", texts)
    # The UN's list form ("Iran (Islamic Republic of)") stays out of running text.
    assert not re.search(r"\b(in|from) [\w ]+ \((\w+ )+of( the)?\)", texts)


@pytest.mark.parametrize(
    ("listed", "in_a_sentence"),
    [
        ("Iran (Islamic Republic of)", "the Islamic Republic of Iran"),
        ("Netherlands (Kingdom of the)", "the Kingdom of the Netherlands"),
        ("Bolivia (Plurinational State of)", "the Plurinational State of Bolivia"),
        ("State of Palestine", "the State of Palestine"),
        ("Congo", "the Congo"),
        ("Falkland Islands (Malvinas)", "the Falkland Islands (Malvinas)"),
        ("Kenya", "Kenya"),
    ],
)
def test_the_un_list_names_of_countries_read_as_running_text(listed: str, in_a_sentence: str) -> None:
    assert in_text(listed) == in_a_sentence


def test_titles_rarely_repeat(sample: list[PracticeValues]) -> None:
    assert len({p.title for p in sample}) >= 230


def _check_consistent(practice: PracticeValues) -> None:
    assert practice.title
    assert len(practice.title) <= 500
    assert practice.summary
    assert FIRST_YEAR <= (practice.start_year or 0) <= LAST_YEAR
    if practice.is_ongoing:
        assert practice.end_year is None
    else:
        assert practice.start_year is not None
        assert practice.end_year is not None
        assert practice.start_year <= practice.end_year <= LAST_YEAR
    assert practice.submitted_on is not None
    assert practice.submitted_on.year >= max(2019, practice.start_year or 0)
    assert practice.primary_objectives
    assert not set(practice.primary_objectives) & set(practice.secondary_objectives)
    assert 1 <= len(practice.organizations) <= 4
    assert practice.organizations[0].role == OrganizationRole.MAIN
    assert len({o.name.lower() for o in practice.organizations}) == len(practice.organizations)
    regions = set(practice.regions)
    if practice.scope_level == "global":
        assert not regions
        assert not practice.countries
    elif practice.scope_level in ("national", "local-subnational"):
        (iso3,) = practice.countries
        assert regions == {COUNTRIES[iso3].region, COUNTRIES[iso3].subregion}
    else:
        assert regions
        for iso3 in practice.countries:
            assert {COUNTRIES[iso3].region, COUNTRIES[iso3].subregion} & regions
    for key in practice.regions:
        if key in VOCAB.subregions:
            assert VOCAB.subregions[key][1] in regions  # a sub-region comes with its region
    assert practice.focal_point_email.endswith("@example.org")
    assert all(link.url.startswith("https://example.org/") for link in practice.links)


def test_every_practice_of_the_sample_is_consistent(sample: list[PracticeValues]) -> None:
    for practice in sample:
        _check_consistent(practice)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), count=st.integers(min_value=0, max_value=30))
def test_any_seed_gives_consistent_practices(seed: int, count: int) -> None:
    practices = list(generate_practice_values(count, seed=seed))
    assert len(practices) == count
    for practice in practices:
        _check_consistent(practice)
        assert set(dataclasses.asdict(practice)) == {f.name for f in dataclasses.fields(PracticeValues)}


@pytest.mark.django_db
def test_generating_needs_no_database_and_uses_only_known_vocabulary_values(
    sample: list[PracticeValues], django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        list(generate_practice_values(50, seed=3))
    assert set(VOCAB.objectives) == set(Objective.objects.values_list("number", flat=True))
    assert set(VOCAB.sdgs) == set(SDG.objects.values_list("number", flat=True))
    assert set(VOCAB.principles) == set(GuidingPrinciple.objects.values_list("key", flat=True))
    assert set(VOCAB.practice_types) == set(PracticeType.objects.values_list("key", flat=True))
    assert set(VOCAB.scope_levels) == set(ScopeLevel.objects.values_list("key", flat=True))
    assert set(VOCAB.organization_types) == set(OrganizationType.objects.values_list("key", flat=True))
    assert {c for p in sample for c in p.countries} <= set(Country.objects.values_list("iso3", flat=True))
    assert {r for p in sample for r in p.regions} <= set(Region.objects.values_list("key", flat=True))
    assert not Practice.objects.exists()
