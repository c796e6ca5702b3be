"""What each backend sends to its engine: built from the query tree, every token quoted."""

import re

from hypothesis import given
from hypothesis import strategies as st

from practicehub.search.analysis import phrase_variants, term_variants, tokenize
from practicehub.search.backends.postgres import (
    MAX_POSITION,
    compile_pairs,
    compile_tsquery,
    pairs_literal,
    tsvector_literal,
)
from practicehub.search.backends.sqlite import compile_match
from practicehub.search.index import Column, IndexDocument
from practicehub.search.query import parse

tokenize("warm up")


def test_fts5_expression_quotes_every_token_and_writes_the_operators():
    def alternatives(forms: list[str]) -> str:
        return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"

    def any_of(token: str) -> str:
        return alternatives([f'"{v}"' for v in term_variants(token)])

    def phrase(*words: str) -> str:
        return alternatives(['"' + " ".join(v) + '"' for v in phrase_variants(words)])

    expression = compile_match(parse('migrants "labour market" OR remittances -detention'))
    assert expression == (
        f"({any_of('migrants')} AND ({phrase('labour', 'market')} OR {any_of('remittances')})) "
        f"NOT {any_of('detention')}"
    )


def test_tsquery_uses_quoted_lexemes_and_phrase_operators():
    query = compile_tsquery(parse('"labour market" -detention'))
    assert "<->" in query and "& !" in query
    assert re.fullmatch(r"[()'a-z0-9 <>&|!-]+", query)


@given(st.text(max_size=200))
def test_no_user_character_reaches_the_engine_outside_quotes(text):
    parsed = parse(text)
    if not parsed.required:
        return
    fts = compile_match(parsed)
    outside = re.sub(r'"[^"]*"', "", fts)
    assert set(outside) <= set("() ANDORT")
    inside = re.findall(r'"([^"]*)"', fts)
    assert all(all(ch.isalnum() or ch == " " for ch in chunk) for chunk in inside)
    pg = compile_tsquery(parsed)
    assert set(re.sub(r"'[^']*'", "", pg)) <= set("()&|!<-> ")


def test_tsvector_positions_leave_a_gap_between_columns_and_are_capped():
    document = IndexDocument(practice_id=1, language="en")
    document.add(Column.TITLE, ["return", "counsel"])
    document.add(Column.BODY, ["reintegr", "support", "return"])
    assert tsvector_literal(document, (Column.TITLE, Column.BODY)) == (
        "'return':1A,6C 'counsel':2A 'reintegr':4C 'support':5C"
    )
    long = IndexDocument(practice_id=2, language="en")
    long.add(Column.BODY, [f"w{i}" for i in range(MAX_POSITION + 10)])
    literal = tsvector_literal(long, (Column.BODY,))
    assert f"'w{MAX_POSITION - 1}':{MAX_POSITION}C" in literal
    assert f"'w{MAX_POSITION + 5}'" in literal and f"'w{MAX_POSITION + 5}':" not in literal


def test_phrases_are_also_looked_up_as_pairs_of_neighbouring_tokens():
    document = IndexDocument(practice_id=1, language="en")
    document.add(Column.TITLE, ["return", "counsel"])
    document.add(Column.BODY, ["reintegr", "support", "return"])
    assert pairs_literal(document) == "'return counsel' 'reintegr support' 'support return'"
    # No pair across columns; only groups made of phrases narrow the lookup.
    assert compile_pairs(parse("migrants")) == ""
    assert compile_pairs(parse('migrants OR "return counselling"')) == ""
    pairs = compile_pairs(parse('"return counselling" -"border control"'))
    assert "'return counsel'" in pairs
    assert "border" not in pairs
