"""'Similar practices' at the foot of a practice page: what a visitor sees, on SQLite and PostgreSQL."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyroaring import BitMap

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.catalogue.services import practice_set_status
from practicehub.search.analysis import tokenize
from practicehub.search.facet_index import index_current
from practicehub.search.facets import FACETS_BY_NAME
from practicehub.search.services import index_practices
from practicehub.search.similar import (
    LIMIT,
    Scores,
    candidate_words,
    max_document_frequency,
    similar_practices,
    words,
)
from practicehub.search.similar.compute import practice_features, ready_index
from tests.search.search_helpers import make_practice

pytestmark = pytest.mark.django_db

HEADING = "Similar practices"


def page(client, practice: Practice) -> str:  # type: ignore[no-untyped-def]
    """The practice page once the facet index is current (the list, home or browse pages build it)."""
    index_current()
    response = client.get(practice.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def section(html: str) -> str:
    """The similar-practices section's HTML, or "" when the page has none."""
    match = re.search(r'<section class="wrap similar".*?</section>', html, flags=re.S)
    return match.group(0) if match else ""


def listed_titles(html: str) -> list[str]:
    return [
        unescape(t)
        for t in re.findall(r'class="similar__title"[^>]*><a href="[^"]+">([^<]+)</a>', section(html))
    ]


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def titles(practice: Practice) -> list[str]:
    index_current()
    return [item.practice.title for item in similar_practices(practice)]


def plain(title: str, **values):  # type: ignore[no-untyped-def]
    """A published practice with no text but its title, so only the given facets or words link it."""
    values.setdefault("scope_level", "national")
    return make_practice(title, **values)


def test_shared_objectives_and_countries_rank_above_unrelated(client) -> None:  # type: ignore[no-untyped-def]
    page_practice = plain(
        "Diaspora bonds", primary_objectives=[19], secondary_objectives=[23], countries=["AZE"]
    )
    both = plain("Remittance funds", primary_objectives=[19], secondary_objectives=[23], countries=["AZE"])
    objective_only = plain("Investment fairs", primary_objectives=[19], countries=["KEN"])
    country_only = plain("Border health posts", primary_objectives=[15], countries=["AZE"])
    plain("Unrelated skills passports", primary_objectives=[18], countries=["PER"])

    found = titles(page_practice)

    assert found[0] == both.title
    assert set(found) == {both.title, objective_only.title, country_only.title}
    html = page(client, page_practice)
    assert listed_titles(html) == found
    assert "Unrelated skills passports" not in section(html)


def test_reason_names_what_is_shared_as_text(client) -> None:  # type: ignore[no-untyped-def]
    page_practice = plain("Diaspora bonds", primary_objectives=[19, 23], countries=["AZE"])
    plain("Remittance funds", primary_objectives=[19], secondary_objectives=[23], countries=["AZE"])

    shown = text(section(page(client, page_practice)))

    assert HEADING in shown
    assert "Shares objectives 19 and 23 and Azerbaijan." in shown
    assert "19 - " in shown  # objectives as their labels, not ids
    assert "23 - " in shown


def test_neighbouring_country_shares_its_sub_region() -> None:
    page_practice = plain("Labour mobility desk", primary_objectives=[5], countries=["AZE"])
    neighbour = plain("Seasonal workers scheme", primary_objectives=[6], countries=["GEO"])
    plain("Faraway scheme", primary_objectives=[7], countries=["PER"])

    # A shared sub-region alone is too little; with one shared objective it ranks first.
    assert titles(page_practice) == []
    make_practice(
        "Same objective elsewhere", primary_objectives=[5], countries=["PER"], scope_level="national"
    )
    neighbour_same = plain("Neighbour with the objective", primary_objectives=[5], countries=["ARM"])
    index_current()
    found = similar_practices(page_practice)
    assert found[0].practice.title == neighbour_same.title
    assert neighbour.title not in [item.practice.title for item in found]
    assert "Western Asia" in found[0].reason


def test_same_distinctive_words_without_shared_facets(client) -> None:  # type: ignore[no-untyped-def]
    page_practice = plain(
        "Beekeeping cooperatives for returnees",
        primary_objectives=[21],
        countries=["ETH"],
        summary="Returnees learn apiculture and sell honey through beekeeping cooperatives.",
    )
    twin = plain(
        "Honey value chains",
        primary_objectives=[2],
        countries=["PER"],
        summary="Apiculture training and beekeeping cooperatives for young people.",
    )
    for n in range(4):
        plain(f"Filler practice {n}", primary_objectives=[9], countries=["CAN"])

    html = page(client, page_practice)

    assert listed_titles(html) == [twin.title]
    shown = text(section(html))
    assert "Words in common:" in shown
    assert "beekeeping" in shown


def test_never_the_practice_itself_and_never_more_than_six(client) -> None:  # type: ignore[no-untyped-def]
    page_practice = plain("Diaspora bonds", primary_objectives=[19], countries=["AZE"])
    for n in range(9):
        plain(f"Diaspora project {n}", primary_objectives=[19], countries=["AZE"])

    html = page(client, page_practice)

    found = listed_titles(html)
    assert len(found) == LIMIT
    assert page_practice.title not in found
    assert f'href="{page_practice.get_absolute_url()}"' not in section(html)


def test_ties_go_to_the_newest_published() -> None:
    page_practice = plain("Diaspora bonds", primary_objectives=[19])
    now = timezone.now()
    ages = {}
    for n, days in enumerate([5, 1, 7, 3, 0, 6, 2, 4]):
        practice = plain(f"Equal practice {n}", primary_objectives=[19])
        Practice.objects.filter(pk=practice.pk).update(published_at=now - timedelta(days=days))
        ages[practice.title] = days

    expected = sorted(ages, key=ages.__getitem__)[:LIMIT]
    assert titles(page_practice) == expected


@pytest.mark.parametrize("status", [PracticeStatus.DRAFT, PracticeStatus.IN_REVIEW, PracticeStatus.ARCHIVED])
def test_never_an_unpublished_practice_even_sharing_everything(client, status: str) -> None:  # type: ignore[no-untyped-def]
    values = {
        "primary_objectives": [19, 23],
        "countries": ["AZE"],
        "summary": "Diaspora bonds with beekeeping cooperatives and apiculture.",
        "scope_level": "national",
    }
    page_practice = make_practice("Diaspora bonds with beekeeping", **values)
    hidden = make_practice("Diaspora bonds with beekeeping again", status=status, **values)
    visible = plain("Another diaspora fund", primary_objectives=[19])

    html = page(client, page_practice)

    assert listed_titles(html) == [visible.title]
    assert hidden.title not in html


def test_follows_unpublish(client, editor) -> None:  # type: ignore[no-untyped-def]
    page_practice = plain("Diaspora bonds", primary_objectives=[19], countries=["AZE"])
    other = plain("Remittance funds", primary_objectives=[19], countries=["AZE"])
    assert listed_titles(page(client, page_practice)) == [other.title]

    practice_set_status(actor=editor, practice=other, status=PracticeStatus.ARCHIVED)
    index_practices(practice_ids=[other.pk])

    html = page(client, page_practice)
    assert section(html) == ""
    assert other.title not in html
    assert HEADING not in text(html)

    practice_set_status(actor=editor, practice=other, status=PracticeStatus.PUBLISHED)
    index_practices(practice_ids=[other.pk])
    assert listed_titles(page(client, page_practice)) == [other.title]


def test_cached_list_is_recomputed_when_a_practice_is_published(client, editor) -> None:  # type: ignore[no-untyped-def]
    page_practice = plain("Diaspora bonds", primary_objectives=[19])
    draft = make_practice(
        "Diaspora savings", status=PracticeStatus.DRAFT, primary_objectives=[19], scope_level="national"
    )
    assert section(page(client, page_practice)) == ""

    practice_set_status(actor=editor, practice=draft, status=PracticeStatus.PUBLISHED)
    index_practices(practice_ids=[draft.pk])

    assert listed_titles(page(client, page_practice)) == [draft.title]


def test_section_absent_when_nothing_is_similar(client) -> None:  # type: ignore[no-untyped-def]
    page_practice = plain("Diaspora bonds", primary_objectives=[19], countries=["AZE"])
    plain("Skills passports", primary_objectives=[18], countries=["PER"])

    html = page(client, page_practice)

    assert section(html) == ""
    assert HEADING not in text(html)
    assert 'id="similar-heading"' not in html


def test_section_is_accessible_markup(client) -> None:  # type: ignore[no-untyped-def]
    page_practice = plain("Diaspora bonds", primary_objectives=[19])
    plain("Remittance funds", primary_objectives=[19])

    html = section(page(client, page_practice))

    assert 'aria-labelledby="similar-heading"' in html
    assert '<h2 id="similar-heading"' in html
    assert '<ul class="similar__list">' in html


def test_editor_preview_of_an_archived_practice_shows_published_similar_practices(client, editor) -> None:  # type: ignore[no-untyped-def]
    # Archived practices keep their address; editors still see their page (drafts have no address).
    draft = make_practice(
        "Diaspora bonds withdrawn",
        status=PracticeStatus.ARCHIVED,
        primary_objectives=[19],
        scope_level="national",
    )
    published = plain("Remittance funds", primary_objectives=[19])
    client.force_login(editor)

    assert listed_titles(page(client, draft)) == [published.title]


def test_a_broken_index_never_costs_the_page(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page_practice = plain("Diaspora bonds", primary_objectives=[19])
    plain("Remittance funds", primary_objectives=[19])

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("index unavailable")

    monkeypatch.setattr("practicehub.search.similar.compute.ready_index", broken)
    html = page(client, page_practice)
    assert section(html) == ""
    assert page_practice.title in html


def test_common_words_are_not_distinctive() -> None:
    page_practice = plain(
        "Migrants support", primary_objectives=[1], summary="Support for migrants everywhere."
    )
    for n in range(30):
        plain(f"Migrants support {n}", primary_objectives=[2 + n % 3], summary="Support for migrants here.")

    assert titles(page_practice) == []
    assert index_current().all_ids  # the words were there to find; they are in too many practices


# --- the parts ------------------------------------------------------------------------------------


def test_candidate_words_title_first_then_frequent_summary_words() -> None:
    words = candidate_words(
        "Beekeeping in 2020 for returnees",
        "Apiculture apiculture honey https://example.org cooperatives cooperatives cooperatives.",
    )
    names = [w for w, _weight in words]
    assert names[:2] == ["beekeeping", "returnees"]
    assert "2020" not in names
    assert "for" not in names  # too common in any text to be worth a look-up
    assert names[2] == "cooperatives"
    assert "https" not in names
    assert "honey" in names


def test_document_frequency_limit_grows_with_the_catalogue() -> None:
    assert max_document_frequency(5) == 3
    assert max_document_frequency(10_000) == 100
    assert max_document_frequency(1_000_000) == 1000


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sets(st.integers(min_value=1, max_value=60), max_size=40),
            st.integers(min_value=1, max_value=9),
        ),
        max_size=8,
    ),
    st.integers(min_value=1, max_value=10),
)
def test_bit_sliced_scores_match_plain_sums(sets, k) -> None:  # type: ignore[no-untyped-def]
    scores = Scores()
    expected: dict[int, int] = {}
    for ids, weight in sets:
        scores.add(BitMap(ids), weight)
        for pk in ids:
            expected[pk] = expected.get(pk, 0) + weight
    assert {pk: scores.score(pk) for pk in expected} == expected
    sure, tied = scores.top(k)
    ranked = sorted(expected.values(), reverse=True)
    assert len(sure) <= k
    assert all(
        expected[pk] > expected[other] for pk in sure for other in set(expected) - set(sure) - set(tied)
    )
    if len(sure) < k and len(expected) > len(sure):
        assert tied
        level = {expected[pk] for pk in tied}
        assert len(level) == 1
        assert level.pop() == ranked[len(sure)]


def test_the_facets_similar_practices_read_exist() -> None:
    assert {"objective", "primary_objective", "country", "subregion", "region", "scope"} <= set(
        FACETS_BY_NAME
    )


def test_own_facets_from_the_index_equal_those_from_the_database() -> None:
    practice = make_practice(
        "Regional labour corridors",
        primary_objectives=[5, 6],
        secondary_objectives=[23],
        countries=["AZE", "KEN"],
        regions=["South America"],
        scope_level="regional",
    )
    index = index_current()
    from_index = practice_features(practice, index)
    from_database = practice_features(practice)

    assert practice.pk in index.all_ids
    assert from_index == from_database
    assert from_index.primary == [5, 6]
    assert from_index.objectives == [5, 6, 23]
    assert set(from_index.countries) == {"AZE", "KEN"}


def test_postgres_statistics_rule_out_common_words_only_for_large_catalogues(monkeypatch) -> None:
    monkeypatch.setattr(words.connection, "vendor", "postgresql")
    monkeypatch.setattr(words._lexeme_shares, "get", lambda: {"migrant": 0.5, "beekeep": 0.001})
    assert words.known_common(["migrants", "beekeeping", "apiculture"], 1000, 100_000) == {"migrants"}
    assert words.known_common(["migrants"], 3, 40) == set()  # too few practices: always ask the index


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300), st.text(max_size=2000))
def test_candidate_words_for_any_text(title: str, summary: str) -> None:
    found = candidate_words(title, summary)
    names = [w for w, _weight in found]
    assert len(names) == len(set(names)) <= words.MAX_WORDS
    assert all(w and not w.isdigit() for w in names)


def test_sample_data_only_beside_sample_data(client) -> None:  # type: ignore[no-untyped-def]
    real = plain("Diaspora bonds", primary_objectives=[19])
    real_twin = plain("Remittance funds", primary_objectives=[19])
    sample = plain("Generated diaspora fund", primary_objectives=[19], is_sample=True)
    sample_twin = plain("Generated remittance hub", primary_objectives=[19], is_sample=True)

    assert listed_titles(page(client, real)) == [real_twin.title]
    assert listed_titles(page(client, sample)) == [sample_twin.title]


def test_the_page_never_builds_the_facet_index(client) -> None:  # type: ignore[no-untyped-def]
    page_practice = plain("Diaspora bonds", primary_objectives=[19])
    plain("Remittance funds", primary_objectives=[19])
    index_current()
    plain("Diaspora savings", primary_objectives=[19])  # the index is out of date now

    html = client.get(page_practice.get_absolute_url()).content.decode()

    assert section(html) == ""
    client.get("/practices/")  # the list builds it
    assert set(listed_titles(page(client, page_practice))) == {"Remittance funds", "Diaspora savings"}


def test_ready_index_finds_the_index_the_list_built() -> None:
    plain("Diaspora bonds", primary_objectives=[19])
    built = index_current()
    assert ready_index() is built


def test_a_place_name_counts_as_a_place_not_again_as_a_word() -> None:
    page_practice = plain("Diaspora bonds in Azerbaijan", primary_objectives=[19], countries=["AZE"])
    other = plain("Remittance funds in Azerbaijan", primary_objectives=[2], countries=["AZE"])
    plain("Skills passports", primary_objectives=[18], countries=["PER"])

    index_current()
    found = similar_practices(page_practice)

    assert [item.practice.title for item in found] == [other.title]
    assert found[0].words == []
    assert found[0].reason == "Shares Azerbaijan."


def test_words_in_common_are_shown_as_written() -> None:
    page_practice = plain(
        "Coopératives apicoles des réfugiés",
        primary_objectives=[21],
        countries=["ETH"],
        original_language="fr",
    )
    twin = plain("Apiculture et coopératives apicoles", primary_objectives=[2], countries=["PER"])

    index_current()
    found = similar_practices(page_practice)

    assert [item.practice.title for item in found] == [twin.title]
    assert found[0].words == ["coopératives", "apicoles"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_as_written_keeps_every_word(text: str) -> None:
    found = words.as_written(list(dict.fromkeys(tokenize(text))), text)
    assert list(found) == list(dict.fromkeys(tokenize(text)))
    assert all(tokenize(written) == [word] or written == word for word, written in found.items())
