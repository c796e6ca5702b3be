"""data/vocabulary_translations.json: every value of every vocabulary in the five other UN languages,
the official names from the shared reference where it has them (docs/glossary.md)."""

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.utils.text import slugify

from practicehub.catalogue.country_data import DATA_DIR
from practicehub.catalogue.templatetags.practice_display import FIELD_NOTES

# The languages other than English, as the site lists them.
LANGUAGES = tuple(code for code, _ in settings.LANGUAGES if code != "en")
SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "zh-hans": re.compile(r"[\u4e00-\u9fff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
}
# (vocabulary, key, language): values that are rightly spelled as in English.
SAME_AS_ENGLISH = {
    ("regions", "europe", "fr"),
    ("regions", "africa", "es"),  # the Hub's Spanish label, kept as the shared reference records it
    ("regions", "asia", "es"),
    ("regions", "melanesia", "es"),
    ("regions", "micronesia", "es"),
    ("scope_levels", "national", "fr"),
    ("scope_levels", "regional", "es"),
}


def _load(name: str) -> Any:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def _region_rows() -> list[dict[str, str]]:
    rows = []
    for region in _load("regions.json"):
        rows.append({"name": region["name"]})
        rows.extend({"name": sub} for sub in region["subregions"])
    return rows


def _keyed(name: str) -> Callable[[], list[dict[str, Any]]]:
    return lambda: _load(name)


Rows = Callable[[], list[dict[str, Any]]]
KeyOf = Callable[[dict[str, Any]], str]
# vocabulary: (the English rows, the key of a row, its translatable attributes)
VOCABULARIES: dict[str, tuple[Rows, KeyOf, tuple[str, ...]]] = {
    "objectives": (_keyed("objectives.json"), lambda row: str(row["number"]), ("short_label", "title")),
    "sdgs": (_keyed("sdgs.json"), lambda row: str(row["number"]), ("short_name", "title")),
    "guiding_principles": (_keyed("guiding_principles.json"), lambda row: row["key"], ("name", "summary")),
    "practice_types": (_keyed("practice_types.json"), lambda row: row["key"], ("name",)),
    "scope_levels": (_keyed("scope_levels.json"), lambda row: row["key"], ("name",)),
    "organization_types": (_keyed("organization_types.json"), lambda row: row["key"], ("name",)),
    "regions": (_region_rows, lambda row: slugify(row["name"]), ("name",)),
}


@pytest.fixture(scope="module")
def translations() -> dict[str, Any]:
    data: dict[str, Any] = _load("vocabulary_translations.json")
    return data


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    path = Path(settings.PRACTICEHUB_SHARED_DIR) / "reference" / "vocabularies-multilingual.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _values(translations: dict[str, Any]) -> Iterator[tuple[str, str, str, str, str]]:
    """(vocabulary, key, language, attribute, text) for every translated vocabulary value."""
    for vocabulary in VOCABULARIES:
        for key, by_language in translations[vocabulary].items():
            for language, attributes in by_language.items():
                for attribute, text in attributes.items():
                    yield vocabulary, key, language, attribute, text


def test_every_value_of_every_vocabulary_is_translated(translations: dict[str, Any]) -> None:
    for vocabulary, (rows, key_of, attributes) in VOCABULARIES.items():
        english = {key_of(row): row for row in rows()}
        assert set(translations[vocabulary]) == set(english), vocabulary
        for key, by_language in translations[vocabulary].items():
            assert tuple(by_language) == LANGUAGES, (vocabulary, key)
            for language, values in by_language.items():
                assert tuple(values) == attributes, (vocabulary, key, language)
                for attribute, text in values.items():
                    assert isinstance(text, str) and text and text == text.strip(), (vocabulary, key)
                    if (vocabulary, key, language) not in SAME_AS_ENGLISH:
                        assert text != english[key][attribute], (vocabulary, key, language, attribute)


def test_the_listed_exceptions_are_really_identical(translations: dict[str, Any]) -> None:
    """The exception list stays exact: a value that stops matching English leaves it."""
    for vocabulary, key, language in SAME_AS_ENGLISH:
        rows, key_of, _ = VOCABULARIES[vocabulary]
        english = {key_of(row): row for row in rows()}[key]
        assert translations[vocabulary][key][language]["name"] == english["name"]


def test_values_are_written_in_their_script(translations: dict[str, Any]) -> None:
    texts = [(language, text) for _, _, language, _, text in _values(translations)]
    for note in ("disclaimer", "guiding_principles_note"):
        texts.extend((language, translations[note][language]) for language in LANGUAGES)
    for language, text in texts:
        if language in SCRIPTS:
            assert SCRIPTS[language].search(text), (language, text)
        if language == "fr":
            assert "'" not in text, text  # French uses the typographic apostrophe (’) throughout


def test_the_shared_reference_wins_where_it_has_a_value(
    translations: dict[str, Any], reference: dict[str, Any]
) -> None:
    ours = {"fr": "fr", "es": "es", "ar": "ar", "zh": "zh-hans", "ru": "ru"}
    compared = 0
    for objective in reference["objectives"]:
        number = str(objective["number"])
        for ref_language, language in ours.items():
            short, title = objective["short"][ref_language], objective["title"][ref_language]
            row = translations["objectives"][number][language]
            if short is not None:
                assert row["short_label"] == short.removeprefix(f"{number} - "), (number, language)
                compared += 1
            if title is not None:
                assert row["title"] == title, (number, language)
                compared += 1
    named = (("guiding_principles", reference["principles"]), ("regions", reference["regions"]))
    for vocabulary, items in named:
        for item in items:
            for ref_language, language in ours.items():
                if (name := item["name"][ref_language]) is not None:
                    translated = translations[vocabulary][item["key"]][language]["name"]
                    assert translated == name, (item["key"], language)
                    compared += 1
    assert compared >= 79  # the reference's 79 non-null names (French and Spanish) were all read


def test_the_page_notes_translate_the_text_the_pages_show(translations: dict[str, Any]) -> None:
    template = settings.BASE_DIR / "practicehub" / "templates" / "discovery" / "practice_detail.html"
    assert f'{{% translate "{translations["disclaimer"]["en"]}" %}}' in template.read_text(encoding="utf-8")
    assert translations["guiding_principles_note"]["en"] == str(FIELD_NOTES["guiding_principles"])
    for note in ("disclaimer", "guiding_principles_note"):
        assert tuple(translations[note]) == ("en", *LANGUAGES)
        english = translations[note]["en"]
        assert all(translations[note][language] not in ("", english) for language in LANGUAGES), note


def test_every_text_says_where_it_comes_from(translations: dict[str, Any]) -> None:
    sources = translations["sources"]
    for vocabulary, (_, _, attributes) in VOCABULARIES.items():
        assert tuple(sources[vocabulary]) == attributes, vocabulary
        for attribute in attributes:
            assert all(sources[vocabulary][attribute].get(language) for language in LANGUAGES), (
                vocabulary,
                attribute,
            )
    for note in ("disclaimer", "guiding_principles_note"):
        assert all(sources[note].get(language) for language in ("key", *LANGUAGES)), note
