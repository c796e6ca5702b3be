"""Search behaviour every backend must share; runs on the database the suite runs on."""

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.models import Practice, PracticeStatus, PracticeTranslation
from practicehub.search.backends import get_backend
from practicehub.search.selectors import search_practices
from practicehub.search.services import index_practice

from .search_helpers import make_practice

pytestmark = pytest.mark.django_db


def found(query: str) -> list[int]:
    return search_practices(query).ids


def test_backend_matches_the_database():
    assert get_backend().vendor == connection.vendor


def test_stemming_finds_other_forms_of_a_word():
    plural = make_practice("Support for migrants", summary="Helping migrants find work.")
    singular = make_practice("A migrant's journey", summary="One migrant told her story.")
    assert set(found("migrant")) == {plural.pk, singular.pk}
    assert set(found("migrants")) == {plural.pk, singular.pk}


def test_accents_and_case_are_ignored():
    spanish = make_practice(
        "Plan de migración laboral",
        summary="Políticas de migración para trabajadores.",
        original_language="es",
    )
    french = make_practice(
        "Accueil des réfugiés", summary="Un programme pour les réfugiés.", original_language="fr"
    )
    assert found("migracion") == [spanish.pk]
    assert found("MIGRACIÓN") == [spanish.pk]
    assert found("refugies") == [french.pk]
    assert found("Réfugié") == [french.pk]


def test_quoted_words_must_appear_together_in_order():
    together = make_practice("Ethical recruitment", summary="A guide to labour migration in Asia.")
    apart = make_practice("Skills partnership", summary="Migration and the labour market.")
    assert set(found("labour migration")) == {together.pk, apart.pk}
    assert found('"labour migration"') == [together.pk]
    assert found('"migration labour"') == []


def test_a_phrase_does_not_run_from_one_field_into_the_next():
    practice = make_practice("Return counselling", summary="Reintegration support after return.")
    assert found('"counselling reintegration"') == []
    assert found('"reintegration support"') == [practice.pk]


def test_minus_excludes():
    kept = make_practice("Community sponsorship", summary="Migrants welcomed by neighbours.")
    dropped = make_practice("Alternatives to detention", summary="Migrants kept out of detention.")
    assert set(found("migrants")) == {kept.pk, dropped.pk}
    assert found("migrants -detention") == [kept.pk]
    assert found('migrants -"out of detention"') == [kept.pk]
    assert found("migrants NOT detention") == [kept.pk]


def test_only_exclusions_list_everything_else():
    kept = make_practice("Community sponsorship", summary="Migrants welcomed by neighbours.")
    make_practice("Alternatives to detention", summary="Migrants kept out of detention.")
    assert found("-detention") == [kept.pk]


def test_or_accepts_either_word():
    remit = make_practice("Cheaper transfers", summary="Lower fees for remittances.")
    diaspora = make_practice("Diaspora bonds", summary="Investment by the diaspora.")
    make_practice("Border management", summary="Training for border guards.")
    assert set(found("remittances OR diaspora")) == {remit.pk, diaspora.pk}
    assert found("remittances diaspora") == []


def test_vocabulary_values_countries_and_organizations_are_searchable():
    practice = make_practice(
        "Forum engagement",
        summary="Taking part in a global dialogue.",
        sdgs=[5],
        primary_objectives=[23],
        secondary_objectives=[20],
        countries=["AZE"],
        regions=["Asia"],
        guiding_principles=["human-rights"],
        practice_type="policy-strategy",
        scope_level="national",
        organizations=[("International Organization for Migration", "IOM")],
    )
    other = make_practice(
        "Another practice", summary="Nothing in common.", sdgs=[15], primary_objectives=[1], countries=["FRA"]
    )
    for query in [
        "SDG 5",
        "gender equality",
        "remittances",
        "Azerbaijan",
        "objective 23",
        "international cooperation",
        "human rights",
        "policy",
        "Asia",
        "IOM",
        "international organization for migration",
    ]:
        assert found(query) == [practice.pk], query
    assert found("SDG 15") == [other.pk]
    assert found("objective 1") == [other.pk]


def test_translations_are_searchable():
    practice = make_practice("Language classes", summary="Courses for newcomers.", index=False)
    PracticeTranslation.objects.create(
        practice=practice,
        language="fr",
        title="Cours de langue",
        summary="Des cours pour les nouveaux arrivants.",
    )
    index_practice(practice.pk)
    assert found("arrivant") == [practice.pk]
    assert found("cours langue") == [practice.pk]


def test_chinese_text_is_found_by_a_word_inside_it():
    practice = make_practice("移民政策对话", summary="关于移民的合作。", original_language="zh-hans")
    assert found("移民") == [practice.pk]
    assert found("政策") == [practice.pk]
    assert found("难民") == []


def test_title_and_organization_matches_rank_above_body_matches():
    body = make_practice(
        "Skills training",
        summary="Remittances matter. Remittances grow. Remittances help families. Remittances!",
    )
    title = make_practice("Remittances for development", summary="Lower transfer costs.")
    organization = make_practice(
        "Financial inclusion", summary="Savings accounts.", organizations=[("Remittances Alliance", "")]
    )
    ids = found("remittances")
    assert set(ids[:2]) == {title.pk, organization.pk}
    assert ids[2] == body.pk


def test_large_results_keep_title_matches_first(monkeypatch):
    body = [make_practice(f"Programme {n}", summary="Remittances and savings.") for n in range(3)]
    title = make_practice("Remittances corridor", summary="Lower costs.")
    monkeypatch.setattr(get_backend(), "rank_all_limit", 1)
    ids = found("remittances")
    assert ids[0] == title.pk
    assert ids[1:] == sorted((p.pk for p in body), reverse=True)
    assert found("remittances -corridor") == sorted((p.pk for p in body), reverse=True)


def test_unpublished_practices_are_never_found():
    published = make_practice("Published clinic", summary="Health care for zanzibarian migrants.")
    for status in PracticeStatus.values:
        if status != PracticeStatus.PUBLISHED:
            make_practice(f"Draft {status}", summary="Health care for zanzibarian migrants.", status=status)
    assert found("zanzibarian") == [published.pk]
    assert found("-nothingmatches") == [published.pk]
    assert Practice.objects.count() == len(PracticeStatus.values)


def test_an_empty_query_is_reported_as_such():
    make_practice("Anything", summary="Text.")
    for query in ["", "   ", "***", '""', "-", "( )"]:
        result = search_practices(query)
        assert result.is_empty_query
        assert result.ids == []
    result = search_practices("nothingmatchesthis")
    assert not result.is_empty_query
    assert result.ids == []


HOSTILE = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(
            [
                '"',
                "*",
                "(",
                ")",
                "NEAR",
                "NEAR(",
                ":",
                "^",
                "-",
                "OR",
                "AND",
                "NOT",
                "'",
                "\\",
                "\x00",
                "{",
                "}",
                "title:",
                "&",
                "|",
                "!",
                "<->",
                ":*",
                "migrants",
                "é",
                "移民",
                " ",
                "\n",
                "+",
                "~",
                "''",
                "%",
                "_",
            ]
        ),
        max_size=40,
    ).map("".join),
    st.text(min_size=2000, max_size=5000),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_any_input_is_accepted_and_only_published_practices_come_back(text, hostile_data):
    result = search_practices(text)
    assert set(result.ids) <= hostile_data
    assert len(result.ids) == len(set(result.ids))


@pytest.fixture
def hostile_data():
    published = make_practice("Migrants and NEAR title", summary='Quotes " and * stars (brackets) : colons.')
    make_practice("Draft migrants", summary="Quotes and stars.", status=PracticeStatus.DRAFT)
    return {published.pk}
