"""Result pages in sort order, for any density of matches (no database: a hand-made index)."""

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st
from pyroaring import BitMap, FrozenBitMap

from practicehub.search.counts import ResultIds
from practicehub.search.facet_index import ORDER_NEWEST, ORDER_START_YEAR, ORDER_TITLE, FacetIndex
from practicehub.search.params import NEWEST, OLDEST, RELEVANCE, START_YEAR, TITLE

ORDER_OF = {NEWEST: ORDER_NEWEST, OLDEST: ORDER_NEWEST, TITLE: ORDER_TITLE, START_YEAR: ORDER_START_YEAR}


def _index(ids: list[int], orders: dict[str, list[int]]) -> FacetIndex:
    size = max(ids) + 1
    positions = {}
    for name, order in orders.items():
        where = array("I", bytes(4 * size))
        for n, pk in enumerate(order):
            where[pk] = n
        positions[name] = where
    return FacetIndex(
        key="test",
        all_ids=FrozenBitMap(ids),
        postings={},
        values={},
        orders={name: array("I", order) for name, order in orders.items()},
        positions=positions,
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[FacetIndex, BitMap, str, list[int], int, int, list[int]]:
    ids = draw(st.lists(st.integers(1, 3000), min_size=1, max_size=400, unique=True))
    orders = {name: draw(st.permutations(ids)) for name in (ORDER_NEWEST, ORDER_TITLE, ORDER_START_YEAR)}
    index = _index(ids, orders)
    density = draw(st.sampled_from([1.0, 0.9, 0.3, 0.05, 0.0]))
    matching = BitMap(pk for pk in ids if draw(st.floats(0, 1)) < density) if density < 1 else BitMap(ids)
    sort = draw(st.sampled_from([NEWEST, OLDEST, TITLE, START_YEAR, RELEVANCE]))
    ranked = draw(st.permutations(ids))
    start = draw(st.integers(0, len(ids) + 5))
    stop = draw(st.integers(0, len(ids) + 25))
    if sort == RELEVANCE:
        full = [pk for pk in ranked if pk in matching]
    else:
        order = orders[ORDER_OF[sort]]
        full = [pk for pk in (reversed(order) if sort == OLDEST else order) if pk in matching]
    return index, matching, sort, ranked, start, stop, full


@settings(max_examples=300, deadline=None)
@given(cases())
def test_any_slice_equals_the_slice_of_the_full_order(case) -> None:  # type: ignore[no-untyped-def]
    index, matching, sort, ranked, start, stop, full = case
    ids = ResultIds(index, matching, sort, ranked)
    assert len(ids) == len(full)
    assert ids[start:stop] == full[start:stop]
    if full:
        assert ids[0] == full[0]
        assert ids[-1] == full[-1]
