"""Long facets are counted three ways (a bitmap per value; the values of each practice counted;
every value's total less the practices left out), chosen by cost. Each way gives the brute-force
counts, and an index taken down to fewer practices (while a new one is built) counts only those."""

from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyroaring import BitMap

from practicehub.search import counts as counts_module
from practicehub.search import facet_index
from practicehub.search.counts import facet_search
from practicehub.search.facet_index import index_current, without
from practicehub.search.facets import FACETS
from practicehub.search.params import Selection

from .facet_testdata import build_catalogue
from .test_facets_counts import BruteForce, selections

pytestmark = pytest.mark.django_db

LONG = [facet.name for facet in FACETS if facet.long]


@pytest.fixture(params=[1, 2])
def brute(request: pytest.FixtureRequest) -> BruteForce:
    return BruteForce(build_catalogue(seed=request.param))


@pytest.mark.parametrize(
    "way", [counts_module.BITMAPS, counts_module.PER_PRACTICE, counts_module.TOTALS_LESS_REST]
)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_way_of_counting_a_long_facet_gives_the_brute_force_counts(
    brute: BruteForce, way: str, data: st.DataObject
) -> None:
    index = index_current()
    requested = data.draw(selections(brute))
    forward_counts = mock.Mock(wraps=facet_index.Forward.count)
    with (
        mock.patch.object(counts_module, "_way", lambda within, total, values: way),
        mock.patch.object(facet_index.Forward, "count", autospec=True, side_effect=forward_counts),
    ):
        result = facet_search(requested, text_search=brute.search, index=index)
    selection = brute.effective(requested)
    for counts in result.facets:
        expected = brute.counts(selection, counts.name)
        assert {k: n for k, n in counts.counts.items() if n} == expected, (way, counts.name)
    if way == counts_module.BITMAPS:
        assert not forward_counts.called


def test_the_forward_lists_hold_each_practices_values() -> None:
    build_catalogue(seed=4)
    index = index_current()
    for name in LONG:
        forward = index.forward[name]
        for pk in index.all_ids:
            have = {key for key, ids in index.postings[name].items() if pk in ids}
            assert set(forward.count([pk])) == have


def test_an_index_taken_down_to_fewer_practices_counts_and_orders_only_those(brute: BruteForce) -> None:
    index = index_current()
    ids = sorted(index.all_ids)
    gone = BitMap(ids[::3])
    smaller = without(index, gone)
    assert set(smaller.all_ids) == set(ids) - set(gone)
    for name, postings in smaller.postings.items():
        for key, bm in postings.items():
            assert not bm & gone and set(bm) == set(index.postings[name][key]) - set(gone)
    for order, listed in smaller.orders.items():
        assert list(listed) == [pk for pk in index.orders[order] if pk not in gone]
    result = facet_search(Selection(), index=smaller)
    assert result.total == len(smaller.all_ids)
    assert not set(result.ids) & set(gone)
    assert without(index, BitMap()) is index
