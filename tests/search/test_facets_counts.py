"""Facet counts and results against a brute-force count in Python over random data and selections."""

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.models import Practice
from practicehub.search import counts as counts_module
from practicehub.search.counts import facet_search
from practicehub.search.facet_index import index_current
from practicehub.search.facets import FACETS, FACETS_BY_NAME, FacetKind
from practicehub.search.params import NEWEST, OLDEST, RELEVANCE, SORTS, START_YEAR, TITLE, Selection

from .facet_testdata import WORDS, Catalogue, brute_values, build_catalogue, stand_in_search

pytestmark = pytest.mark.django_db

# Keys that exist nowhere: a selection made only of them restricts nothing.
UNKNOWN = {"objective": "99", "country": "ZZZ", "type": "no-such-type", "organization": "987654"}


def _title_key(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).strip()


class BruteForce:
    def __init__(self, catalogue: Catalogue) -> None:
        self.practices = catalogue.published
        self.values = {p.pk: brute_values(p) for p in self.practices}
        self.search = stand_in_search(catalogue.practices)
        # What a visitor could pick: every key some practice (published or not) has, plus unknown ones.
        every = [brute_values(p) for p in catalogue.practices]
        self.candidates = {
            f.name: sorted({k for vals in every for k in vals[f.name]} | {UNKNOWN.get(f.name, "zz-unknown")})
            for f in FACETS
        }
        self.known = {f.name: {k for vals in self.values.values() for k in vals[f.name]} for f in FACETS}

    def effective(self, selection: Selection) -> Selection:
        """The selection without values no published practice could ever have."""
        kept = {}
        for name, keys in selection.filters.items():
            facet = FACETS_BY_NAME[name]
            if facet.long or name in ("implementer", "organization"):
                known = self.known[name]
            else:  # vocabulary facets know every vocabulary value, used or not
                known = set(index_current().labels[name])
            kept[name] = [k for k in keys if k in known]
        return selection.with_filters(kept)

    def text_ok(self, selection: Selection, pk: int) -> bool:
        if not selection.q:
            return True
        result = self.search(selection.q)
        return result.is_empty_query or pk in result.ids

    def facet_ok(self, selection: Selection, pk: int, name: str) -> bool:
        facet = FACETS_BY_NAME[name]
        if facet.kind == FacetKind.YEAR_RANGE:
            low, high = selection.range(name)
            if low is None and high is None:
                return True
            years = [int(y) for y in self.values[pk][name]]
            return any((low is None or y >= low) and (high is None or y <= high) for y in years)
        keys = set(selection.values(name))
        return not keys or bool(keys & self.values[pk][name])

    def matching(self, selection: Selection, *, ignoring: str = "") -> list[int]:
        return [
            p.pk
            for p in self.practices
            if self.text_ok(selection, p.pk)
            and all(self.facet_ok(selection, p.pk, f.name) for f in FACETS if f.name != ignoring)
        ]

    def counts(self, selection: Selection, name: str) -> dict[str, int]:
        counted: dict[str, int] = {}
        for pk in self.matching(selection, ignoring=name):
            for key in self.values[pk][name]:
                counted[key] = counted.get(key, 0) + 1
        return counted

    def ordered(self, selection: Selection, ids: list[int], sort: str) -> list[int]:
        by_pk = {p.pk: p for p in self.practices}
        newest = sorted(
            ids, key=lambda pk: (by_pk[pk].published_at.timestamp() if by_pk[pk].published_at else -1, pk)
        )
        newest.reverse()
        if sort == NEWEST:
            return newest
        if sort == OLDEST:
            return list(reversed(newest))
        if sort == TITLE:
            return sorted(ids, key=lambda pk: (_title_key(by_pk[pk].title), pk))
        if sort == START_YEAR:
            rank = {pk: n for n, pk in enumerate(newest)}
            return sorted(
                ids, key=lambda pk: (by_pk[pk].start_year is None, -(by_pk[pk].start_year or 0), rank[pk])
            )
        ranked = self.search(selection.q).ids
        return [pk for pk in ranked if pk in set(ids)]


@st.composite
def selections(draw: st.DrawFn, brute: BruteForce) -> Selection:
    filters = {}
    for facet in FACETS:
        if facet.kind == FacetKind.YEAR_RANGE:
            continue
        picked = draw(st.lists(st.sampled_from(brute.candidates[facet.name]), max_size=3, unique=True))
        if picked and draw(st.booleans()):
            filters[facet.name] = picked
    low = draw(st.none() | st.integers(2015, 2025))
    high = draw(st.none() | st.integers(2015, 2025))
    q = draw(st.sampled_from(["", "", *WORDS, "alpha beta", "nothing-matches"]))
    return Selection(q=q, sort=draw(st.sampled_from(["", *SORTS]))).with_filters(
        filters, {"start_year": (low, high)}
    )


@pytest.fixture(params=[1, 2, 3])
def brute(request: pytest.FixtureRequest) -> BruteForce:
    return BruteForce(build_catalogue(seed=request.param))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_counts_match_brute_force(brute: BruteForce, data: st.DataObject) -> None:
    requested = data.draw(selections(brute))
    result = facet_search(requested, text_search=brute.search)
    selection = brute.effective(requested)
    assert result.selection.filters == selection.filters

    expected_ids = brute.matching(selection)
    assert result.total == len(expected_ids)
    for counts in result.facets:
        expected = brute.counts(selection, counts.name)
        assert {k: n for k, n in counts.counts.items() if n} == expected, counts.name
        shown = {v.key: v.count for v in counts.values}
        for key, count in shown.items():
            assert count == expected.get(key, 0), (counts.name, key)
        # Every value that would add practices is offered (these facets are under the long-facet cut).
        assert set(expected) <= set(shown), counts.name
        assert {v.key for v in counts.values if v.selected} == set(selection.values(counts.name))

    sort = result.ids.sort
    assert sort == (requested.effective_sort if requested.q and brute.search(requested.q).ids else sort)
    assert list(result.ids) == brute.ordered(selection, expected_ids, sort)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_unpublished_practices_are_never_counted_or_listed(brute: BruteForce, data: st.DataObject) -> None:
    catalogue_ids = set(Practice.objects.values_list("pk", flat=True))
    unpublished = catalogue_ids - {p.pk for p in brute.practices}
    result = facet_search(data.draw(selections(brute)), text_search=brute.search)
    assert not set(result.ids) & unpublished
    for counts in result.facets:
        assert sum(v.count for v in counts.values) <= sum(
            len(brute.values[pk][counts.name])
            for pk in brute.matching(result.selection, ignoring=counts.name)
        )


def test_selecting_a_second_value_shows_what_it_would_add(brute: BruteForce) -> None:
    first = facet_search(Selection(), text_search=brute.search)
    objectives = [v for v in first.facets_by_name["objective"].values if v.count]
    one = Selection().with_filters({"objective": [objectives[0].key]})
    result = facet_search(one, text_search=brute.search)
    # The objective facet ignores its own selection: its counts are the unfiltered ones.
    assert [v.count for v in result.facets_by_name["objective"].values] == [
        v.count for v in first.facets_by_name["objective"].values
    ]
    # Other facets count only within the selection.
    assert sum(v.count for v in result.facets_by_name["ongoing"].values) == result.total


def test_labels_are_text_not_ids(brute: BruteForce) -> None:
    result = facet_search(Selection(), text_search=brute.search)
    countries = result.facets_by_name["country"].values
    assert countries and all(v.label != v.key for v in countries)
    assert all(str(v.label).startswith("Organization ") for v in result.facets_by_name["organization"].values)
    objectives = {v.key: str(v.label) for v in result.facets_by_name["objective"].values}
    assert objectives["1"] == "1 - Data"
    assert len(objectives) == 23  # short facets list every value, with or without practices


def test_pages_of_results_are_slices_of_the_full_order(brute: BruteForce) -> None:
    for sort in SORTS:
        result = facet_search(
            Selection(sort=sort, q="alpha" if sort == RELEVANCE else ""), text_search=brute.search
        )
        full = list(result.ids)
        for start, stop in ((0, 5), (3, 9), (len(full) - 2, len(full) + 4)):
            assert result.ids[start:stop] == full[start:stop]


def test_a_long_facet_shows_the_selected_then_the_most_frequent_values(
    brute: BruteForce, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counts_module, "LONG_FACET_SHOWN", 2)
    everything = facet_search(Selection(), text_search=brute.search).facets_by_name["country"]
    by_count = sorted(everything.counts.items(), key=lambda kv: -kv[1])
    rare = by_count[-1][0]
    result = facet_search(Selection().with_filters({"country": [rare]}), text_search=brute.search)
    countries = result.facets_by_name["country"]
    shown = [v.key for v in countries.values]
    assert shown[0] == rare and countries.values[0].selected
    top_two = [k for k, _n in by_count if k != rare][:2]
    assert sorted(everything.counts[k] for k in shown[1:]) == sorted(everything.counts[k] for k in top_two)
    assert countries.is_cut
    # The filter box and the "all values" page find the others by label, accents and case ignored.
    kenya = countries.matching("KÉN")
    assert [v.key for v in kenya] == (["KEN"] if everything.counts.get("KEN") else [])
    assert len(countries.matching("")) == sum(1 for n in countries.counts.values() if n)
