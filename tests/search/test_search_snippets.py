import html as html_module
import re
from collections.abc import Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.models import PracticeStatus
from practicehub.search import highlighting
from practicehub.search.analysis import (
    MAX_TOKEN_LENGTH,
    fold,
    normalize,
    stem,
    term_variants,
    tokenize,
)
from practicehub.search.highlighting import SNIPPET_CHARS, best_snippet, build_snippets
from practicehub.search.index import Column, IndexText
from practicehub.search.query import parse
from practicehub.search.selectors import snippets

from .search_helpers import make_practice

pytestmark = pytest.mark.django_db


def test_matched_words_are_marked_and_everything_else_escaped():
    practice = make_practice(
        "Safe <b>houses</b>",
        summary="Shelters for **migrants** <script>alert(1)</script> & their families.",
    )
    html = str(snippets([practice.pk], "migrant")[practice.pk])
    assert "<mark>migrants</mark>" in html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; their" in html
    assert "**" not in html


def test_the_snippet_comes_from_the_field_that_matched():
    practice = make_practice(
        "Diaspora investment",
        summary="A fund for local projects.",
        key_lessons="Trust between the diaspora and local officials took years to build.",
    )
    details = build_snippets([practice.pk], parse("officials trust"))[practice.pk]
    assert details.field == "key_lessons"
    assert "<mark>Trust</mark>" in details.html and "<mark>officials</mark>" in details.html


def test_vocabulary_and_organization_matches_are_shown():
    practice = make_practice(
        "Forum",
        summary="Dialogue.",
        sdgs=[5],
        organizations=[("International Organization for Migration", "IOM")],
    )
    assert "<mark>Gender</mark> <mark>equality</mark>" in str(
        snippets([practice.pk], "gender equality")[practice.pk]
    )
    assert "<mark>IOM</mark>" in str(snippets([practice.pk], "iom")[practice.pk])


def test_accents_stems_and_phrases_are_marked_as_the_index_matches_them():
    practice = make_practice(
        "Plan",
        summary="La migración laboral y las migraciones. Trabajo laboral sí, migración no.",
        original_language="es",
    )
    html = str(snippets([practice.pk], "migracion")[practice.pk])
    assert html.count("<mark>") == 3
    html = str(snippets([practice.pk], '"migracion laboral"')[practice.pk])
    assert "<mark>migración</mark> <mark>laboral</mark>" in html
    assert "Trabajo laboral sí" in html  # not part of the phrase there


def test_long_fields_are_cut_around_the_matches():
    summary = " ".join(["filler"] * 200) + " the rare word here " + " ".join(["padding"] * 200)
    practice = make_practice("Long", summary=summary)
    html = str(snippets([practice.pk], "rare")[practice.pk])
    assert "<mark>rare</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html.replace("<mark>", "").replace("</mark>", "")) <= SNIPPET_CHARS + 2


def test_without_a_match_the_summary_start_is_shown():
    practice = make_practice("Summary only", summary="The beginning of the summary.")
    assert str(snippets([practice.pk], "")[practice.pk]) == "The beginning of the summary."
    assert str(snippets([practice.pk], "-nothing")[practice.pk]) == "The beginning of the summary."


def test_unpublished_practices_get_no_snippet():
    draft = make_practice("Draft", summary="Secret migrants plan.", status=PracticeStatus.DRAFT)
    assert snippets([draft.pk], "migrants") == {}


# --- Choosing the field and the passage cheaply gives what scanning everything gives -------------


tokenize("warm up")  # build the analyzer's tables before hypothesis times examples


def exhaustive_snippet(texts: list[IndexText], query) -> highlighting.Snippet | None:  # type: ignore[no-untyped-def]
    """The straightforward way: every field scanned word by word, the best passage of the best one."""
    matcher = highlighting._Matcher(query)
    best = None
    for position, text in enumerate(texts):
        plain = highlighting.field_text(text)
        spans, found = matcher.spans(plain, text.language)
        if found:
            key = (-len(found), highlighting.COLUMN_PREFERENCE[text.column], position)
            if best is None or key < best[0]:
                best = (key, text, plain, spans)
    if best is None:
        return None
    _key, text, plain, spans = best
    return highlighting.Snippet(text.field, text.label, highlighting.highlight(plain, spans))


# Letters that fold to exactly one letter each, so offsets in folded and shown text agree.
WORDS = st.text(alphabet="abcdeilmnorstuéñçàüо", min_size=1, max_size=9)
LANGUAGES = st.sampled_from(["en", "es", "fr", "ru", "zh-hans"])
FIELDS = [
    ("title", Column.TITLE),
    ("organizations", Column.ORGANIZATIONS),
    ("sdgs", Column.VOCABULARY),
    ("summary", Column.BODY),
    ("key_lessons", Column.BODY),
]


@st.composite
def practice_texts(draw) -> list[IndexText]:  # type: ignore[no-untyped-def]
    texts = []
    for name, column in draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=5)):
        words = draw(st.lists(WORDS, min_size=1, max_size=120))
        separators = draw(
            st.lists(st.sampled_from([" ", " ", " ", ", ", ". ", "-", "\n"]), min_size=len(words))
        )
        text = "".join(w + s for w, s in zip(words, separators, strict=False)).strip() or "x"
        texts.append(IndexText(name, name, column, draw(LANGUAGES), text))
    return texts


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=practice_texts(), data=st.data())
def test_the_cheap_choice_equals_scanning_every_word_of_every_field(texts, data) -> None:  # type: ignore[no-untyped-def]
    vocabulary = sorted({word for text in texts for word in text.text.replace("\n", " ").split()})
    picked = data.draw(st.lists(st.sampled_from(vocabulary) | WORDS, min_size=1, max_size=3))
    operator = data.draw(st.sampled_from([" ", " OR ", " -"]))
    query = parse(operator.join(picked))
    expected = exhaustive_snippet(texts, query)
    found = best_snippet(texts, query)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.field, str(found.html)) == (expected.field, str(expected.html))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=1, max_size=400), word=st.text(min_size=1, max_size=12), language=LANGUAGES)
def test_any_text_marks_only_words_the_index_would_match(text, word, language) -> None:  # type: ignore[no-untyped-def]
    texts = [IndexText("summary", "Summary", Column.BODY, language, text + " " + word)]
    query = parse(word)
    if query.is_empty or not query.positive_atoms:
        return
    snippet = best_snippet(texts, query)
    expected = exhaustive_snippet(texts, query)
    assert (snippet is None) == (expected is None)
    if snippet is None:
        return
    variants = {v for atom in query.positive_atoms for token in atom.tokens for v in term_variants(token)}
    for marked in re.findall(r"<mark>(.*?)</mark>", str(snippet.html)):
        piece = html_module.unescape(marked)
        assert any(stem(token, language) in variants for token in tokenize(piece)), piece


@given(st.text(max_size=200))
def test_the_fast_fold_is_the_analyzer_fold(text: str) -> None:
    assert highlighting.fast_fold(text) == fold(text)


@given(st.text(max_size=200))
def test_the_scan_sees_the_words_the_index_sees(text: str) -> None:
    def cut(tokens: Iterable[str]) -> set[str]:
        return {token[:MAX_TOKEN_LENGTH] for token in tokens}

    text = normalize(text)
    assert cut(highlighting.scan_tokens(text)) == cut(tokenize(text))


def _summary(text: str, language: str = "en") -> list[IndexText]:
    return [IndexText("summary", "Summary", Column.BODY, language, text)]


def test_markdown_is_shown_as_a_reader_sees_it_not_as_typed() -> None:
    text = (
        "Intro with [a **guide** for migrants](https://example.org/migrants-guide) and\n"
        "- a list item about migrants\n"
        "1. a numbered one\n"
        "> a quoted migrants line\n"
        "snake_case_names stay, _emphasis_ goes, \\*literal star\\* stays, R&amp;D decoded"
    )
    html = str(best_snippet(_summary(text), parse("migrants")).html)  # type: ignore[union-attr]
    assert "a guide for <mark>migrants</mark> and a list item about <mark>migrants</mark>" in html
    assert "example.org" not in html and "](" not in html
    assert "- a list" not in html and "1. a numbered" not in html and "&gt; a quoted" not in html
    assert "a numbered one a quoted <mark>migrants</mark> line" in html
    assert "snake_case_names stay, emphasis goes, *literal star* stays, R&amp;D decoded" in html


def test_a_symbol_that_folds_to_a_letter_does_not_hide_the_word_beside_it() -> None:
    # The index reads words first and folds each ("0🄫" is the word "0" and a symbol); folding the
    # whole text first would glue the symbol's letter to the word ("0c") and miss it.
    html = str(best_snippet(_summary("Desk 0\U0001f12b open"), parse("0")).html)  # type: ignore[union-attr]
    assert html == "Desk <mark>0</mark>\U0001f12b open"


def test_a_word_only_in_a_link_address_is_not_a_match_of_the_shown_text() -> None:
    texts = _summary("See [the guide](https://example.org/remittances) for more.")
    assert best_snippet(texts, parse("remittances")) is None


def test_the_passage_with_most_matches_is_shown_not_the_first() -> None:
    text = (
        "Workers "
        + " ".join(["filler"] * 80)
        + " help for migrant workers here "
        + " ".join(["padding"] * 80)
    )
    html = str(best_snippet(_summary(text), parse("migrant workers")).html)  # type: ignore[union-attr]
    assert "<mark>migrant</mark> <mark>workers</mark> here" in html
    assert html.startswith("…")


def test_a_passage_cut_inside_a_word_marks_no_piece_of_it() -> None:
    # No space to cut at: the passage starts CONTEXT_BEFORE characters before the match, which is
    # inside "immigrants", at "grants".
    text = "q" * 200 + "immigrants" + "," * (highlighting.CONTEXT_BEFORE - 6) + "grants" + "," * 300
    html = str(best_snippet(_summary(text), parse("grants")).html)  # type: ignore[union-attr]
    assert html.startswith("…grants,")
    assert html.count("<mark>") == 1 and ",<mark>grants</mark>," in html


def test_a_query_word_repeated_in_two_groups_still_finds_the_narrative() -> None:
    texts = [
        IndexText("title", "Title", Column.TITLE, "en", "Diaspora bonds"),
        IndexText("summary", "Summary", Column.BODY, "en", "Bonds sold to the diaspora abroad."),
    ]
    snippet = best_snippet(texts, parse("diaspora OR bonds diaspora"))
    assert snippet is not None and snippet.field == "summary"


def test_related_tables_are_read_only_when_the_narrative_cannot_settle_it(  # type: ignore[no-untyped-def]
    django_assert_num_queries,
) -> None:
    narrative = make_practice("Plain title", summary="Support for migrant workers.")
    other = make_practice(
        "Another",
        summary="Dialogue.",
        organizations=[("International Organization for Migration", "IOM")],
    )
    with django_assert_num_queries(2):  # the practice rows, their translations
        found = build_snippets([narrative.pk], parse("workers"))
    assert "<mark>workers</mark>" in str(found[narrative.pk].html)
    with django_assert_num_queries(2 + 11):  # then everything the index reads, for that practice
        found = build_snippets([narrative.pk, other.pk], parse("iom"))
    assert found[other.pk].field == "organizations" and "<mark>IOM</mark>" in str(found[other.pk].html)
    assert found[narrative.pk].field == "summary"  # no match: the summary's start
