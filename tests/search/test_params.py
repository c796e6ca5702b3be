"""The list page's query string: any input is read without error, and written back canonically."""

import random
from urllib.parse import urlencode

from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from practicehub.search.facets import FACETS, MAX_VALUES_PER_FACET, FacetKind
from practicehub.search.params import (
    MAX_QUERY_LENGTH,
    NEWEST,
    RELEVANCE,
    SORTS,
    TITLE,
    Selection,
    parse,
    to_query_string,
)

PARAMS = sorted(
    {f.param for f in FACETS if f.kind != FacetKind.YEAR_RANGE}
    | {p for f in FACETS if f.kind == FacetKind.YEAR_RANGE for p in f.range_params}
    | {"q", "sort", "page", "utm_source", "objective[]", ""}
)
# Values that look like what people and robots send: valid keys, near misses, and junk.
PLAUSIBLE = st.sampled_from(
    [
        *("1", "19", "023", "AZE", "aze", "KAZ,AZE", "gender-responsive", "national", "2019", "1899", "yes"),
        *(
            "title",
            "relevance",
            "-1",
            "1e3",
            "٣",
            "",
            " ",
            "a" * 90,
            "zh-hans",
            "\x00",
            "'; DROP TABLE",
            "%00",
        ),
    ]
)
VALUES = PLAUSIBLE | st.text(max_size=40)


def _querydict(pairs: list[tuple[str, str]]) -> QueryDict:
    qd = QueryDict(mutable=True)
    for key, value in pairs:
        qd.appendlist(key, value)
    return qd


pairs_strategy = st.lists(st.tuples(st.sampled_from(PARAMS) | st.text(max_size=10), VALUES), max_size=30)


@settings(max_examples=400)
@given(pairs_strategy)
def test_any_parameters_parse_without_error_and_round_trip(pairs: list[tuple[str, str]]) -> None:
    selection = parse(_querydict(pairs))
    canonical = to_query_string(selection)
    again = parse(QueryDict(canonical))
    assert again == selection
    assert to_query_string(again) == canonical
    assert selection.page >= 1
    assert selection.sort in ("", *SORTS)
    assert len(selection.q) <= MAX_QUERY_LENGTH
    for facet in FACETS:
        keys = selection.values(facet)
        assert len(keys) <= MAX_VALUES_PER_FACET
        assert all(facet.normalize(k) == k for k in keys)


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_any_raw_query_string_parses(raw: str) -> None:
    selection = parse(QueryDict(raw))
    assert parse(QueryDict(selection.query_string())) == selection


@settings(max_examples=200)
@given(pairs_strategy, st.randoms())
def test_parameter_order_does_not_change_the_canonical_string(
    pairs: list[tuple[str, str]], rnd: random.Random
) -> None:
    shuffled = list(pairs)
    rnd.shuffle(shuffled)
    # Repeated single-valued parameters (q, sort, page, ranges) are order-sensitive; keep theirs.
    single = {"q", "sort", "page", *(p for f in FACETS for p in f.range_params)}
    shuffled = [p for p in shuffled if p[0] not in single] + [p for p in pairs if p[0] in single]
    assert to_query_string(parse(_querydict(shuffled))) == to_query_string(parse(_querydict(pairs)))


def test_the_issue_example_is_already_canonical() -> None:
    raw = "q=diaspora&objective=19&country=AZE"
    selection = parse(QueryDict(raw))
    assert selection.q == "diaspora"
    assert selection.values("objective") == ("19",)
    assert selection.values("country") == ("AZE",)
    assert to_query_string(selection) == raw


def test_values_are_normalised_sorted_and_deduplicated() -> None:
    selection = parse(QueryDict("country=kaz&country=AZE,aze&objective=10&objective=2&objective=02&sdg=x"))
    assert selection.values("country") == ("AZE", "KAZ")
    assert selection.values("objective") == ("2", "10")  # as numbers, not as text
    assert selection.values("sdg") == ()
    assert to_query_string(selection) == "objective=2&objective=10&country=AZE&country=KAZ"


def test_unknown_and_malformed_parameters_are_ignored() -> None:
    selection = parse(QueryDict("colour=red&page=abc&sort=cheapest&start_from=20x9&objective=one&q=%00"))
    assert selection == Selection()
    assert to_query_string(selection) == ""


def test_year_range_is_read_and_put_in_order() -> None:
    selection = parse(QueryDict("start_to=2018&start_from=2022"))
    assert selection.range("start_year") == (2018, 2022)
    assert to_query_string(selection) == "start_from=2018&start_to=2022"
    assert parse(QueryDict("start_from=2019")).range("start_year") == (2019, None)
    assert parse(QueryDict("start_from=3000")).range("start_year") == (None, None)


def test_sort_and_page_defaults_are_left_out() -> None:
    assert to_query_string(parse(QueryDict("sort=newest&page=1"))) == ""
    assert to_query_string(parse(QueryDict("q=water&sort=relevance"))) == "q=water"
    assert to_query_string(parse(QueryDict("sort=relevance"))) == ""  # nothing to rank without a query
    assert parse(QueryDict("sort=relevance")).effective_sort == NEWEST
    assert parse(QueryDict("q=water")).effective_sort == RELEVANCE
    assert to_query_string(parse(QueryDict("sort=title&page=3"))) == "sort=title&page=3"
    assert parse(QueryDict("page=0")).page == 1
    assert parse(QueryDict("page=99999999999")).page == 1


def test_query_text_is_cleaned() -> None:
    selection = parse(QueryDict(urlencode({"q": "  remittances\t\n and\x07 diaspora  "})))
    assert selection.q == "remittances and diaspora"


def test_removing_a_value_or_a_facet_and_clearing() -> None:
    selection = parse(
        QueryDict("q=water&objective=1&objective=2&country=AZE&start_from=2019&sort=title&page=4")
    )
    assert selection.without("objective", "1").query_string() == (
        "q=water&objective=2&country=AZE&start_from=2019&sort=title"
    )
    assert (
        selection.without("start_year").query_string()
        == "q=water&objective=1&objective=2&country=AZE&sort=title"
    )
    assert selection.cleared().query_string() == "q=water&sort=title"
    assert selection.without_query().query_string() == (
        "objective=1&objective=2&country=AZE&start_from=2019&sort=title"
    )
    assert selection.with_page(2).query_string().endswith("&page=2")
    assert selection.query_string(page=False).endswith("sort=title")


def test_relevance_is_offered_only_with_a_query() -> None:
    assert RELEVANCE not in dict(Selection().sorts)
    assert RELEVANCE in dict(Selection(q="water").sorts)
    assert TITLE in dict(Selection().sorts)
