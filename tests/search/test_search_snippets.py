import pytest

from practicehub.catalogue.models import PracticeStatus
from practicehub.search import snippets
from practicehub.search.highlighting import SNIPPET_CHARS, build_snippets
from practicehub.search.query import parse

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


def test_the_package_names_are_the_functions():
    import practicehub.search
    from practicehub.search import highlighting, selectors  # noqa: F401 - import every submodule first

    assert callable(practicehub.search.snippets)
    assert practicehub.search.snippets is selectors.snippets
    assert practicehub.search.search_practices is selectors.search_practices
