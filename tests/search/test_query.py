import pytest
from hypothesis import given
from hypothesis import strategies as st

from practicehub.search.analysis import tokenize
from practicehub.search.query import MAX_ITEMS, MAX_PHRASE_TOKENS, AnyOf, Phrase, Term, parse

# Build the analyzer's tables before hypothesis starts timing examples.
tokenize("warm up")


def test_words_are_all_required():
    parsed = parse("Migrant  Women")
    assert parsed.required == (AnyOf((Term("migrant"),)), AnyOf((Term("women"),)))
    assert not parsed.excluded


def test_quotes_make_a_phrase_and_an_open_quote_runs_to_the_end():
    assert parse('"labour migration" Asia').required == (
        AnyOf((Phrase(("labour", "migration")),)),
        AnyOf((Term("asia"),)),
    )
    assert parse("“labour migration").required == (AnyOf((Phrase(("labour", "migration")),)),)


def test_minus_and_not_exclude():
    parsed = parse('migrants -detention NOT "border control"')
    assert parsed.required == (AnyOf((Term("migrants"),)),)
    assert parsed.excluded == (Term("detention"), Phrase(("border", "control")))


def test_or_joins_neighbours():
    parsed = parse("remittances OR diaspora women")
    assert parsed.required == (AnyOf((Term("remittances"), Term("diaspora"))), AnyOf((Term("women"),)))
    # Lower-case "or" is a word; a dangling OR is ignored.
    assert parse("this or that").required[1] == AnyOf((Term("or"),))
    assert parse("OR remittances OR").required == (AnyOf((Term("remittances"),)),)


def test_a_hyphenated_word_is_a_phrase():
    assert parse("co-operation").required == (AnyOf((Phrase(("co", "operation")),)),)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "***", '"', '""', "()", "-", "OR", "NOT", "AND", ":", "\x00\x1f", "'", "- -"],
)
def test_nothing_searchable_is_empty(text):
    assert parse(text).is_empty


def test_engine_syntax_is_just_punctuation():
    parsed = parse('title:migrants NEAR(a b) "x" * (y')
    # Words joined by punctuation stay together, as a phrase.
    assert [str(group) for group in parsed.required] == ['"title migrants"', '"near a"', "b", "x", "y"]


def test_size_is_capped():
    parsed = parse(" ".join(f"w{i}" for i in range(200)))
    assert len(parsed.required) == MAX_ITEMS
    phrase = parse('"' + " ".join(f"w{i}" for i in range(50)) + '"').required[0].atoms[0]
    assert isinstance(phrase, Phrase)
    assert len(phrase.words) == MAX_PHRASE_TOKENS
    assert parse("x" * 100_000).required[0].atoms[0] == Term("x" * 60)


PIECES = [*"abcé \"-*():^~+|&\\'\x00\n\t", "OR", "NOT", "AND", "NEAR", "移民", "“", "»", "−"]
hostile = st.lists(st.sampled_from(PIECES), max_size=60).map("".join) | st.text(max_size=300)


@given(hostile)
def test_parse_never_fails_and_its_text_form_parses_to_itself(text):
    parsed = parse(text)
    assert parse(str(parsed)) == parsed
    for atom in (*parsed.positive_atoms, *parsed.excluded):
        assert atom.tokens
        assert all(token and token.isalnum() for token in atom.tokens)
