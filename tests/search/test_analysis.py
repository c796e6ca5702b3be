from hypothesis import given
from hypothesis import strategies as st

from practicehub.search.analysis import analyze, fold, stem, term_variants, tokenize, tokens_with_offsets

# Build the analyzer's tables before hypothesis starts timing examples.
tokenize("warm up")


def test_fold_removes_case_and_accents():
    assert fold("Migración") == "migracion"
    assert fold("RÉFUGIÉS Ångström Øresund Łódź Straße") == "refugies angstrom oresund lodz strasse"


def test_words_split_on_punctuation_and_keep_numbers():
    assert tokenize("SDG 5: Gender-equality, l’intégration (COVID-19)") == [
        "sdg",
        "5",
        "gender",
        "equality",
        "l",
        "integration",
        "covid",
        "19",
    ]


def test_decomposed_accents_stay_inside_the_word():
    assert tokenize("e\u0301cole nai\u0308ve") == tokenize("école naïve") == ["ecole", "naive"]


def test_chinese_characters_are_single_tokens():
    assert tokenize("移民政策") == ["移", "民", "政", "策"]


def test_offsets_point_at_the_original_words():
    text = "Les réfugiés, à Paris"
    assert [(t.text, text[t.start : t.end]) for t in tokens_with_offsets(text)] == [
        ("les", "Les"),
        ("refugies", "réfugiés"),
        ("a", "à"),
        ("paris", "Paris"),
    ]


def test_stemming_follows_the_language():
    assert analyze("migrants migrant", "en") == ["migrant", "migrant"]
    assert stem("migrations", "fr") == stem("migration", "fr")
    assert stem("migraciones", "es") == stem("migración".replace("ó", "o"), "es")
    # Languages without a stemmer keep the folded word.
    assert analyze("Migrants", "sw") == ["migrants"]


def test_a_query_word_covers_every_stemmed_language():
    variants = term_variants("migrants")
    assert "migrants" in variants
    assert stem("migrants", "en") in variants
    assert stem("migrants", "fr") in variants


@given(st.text(max_size=200))
def test_tokens_are_never_empty_and_made_of_letters_or_digits(text):
    for token in tokenize(text):
        assert token
        assert all(ch.isalnum() for ch in token)
        assert token == fold(token)
