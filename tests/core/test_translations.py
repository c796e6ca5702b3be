"""The message catalogues' check and compiler (practicehub/core/translations.py, make translations)."""

import gettext
from pathlib import Path

from babel.messages.catalog import Catalog
from django.utils import translation

from practicehub.core import translations


def _catalog(*entries: tuple[str, str], fuzzy: tuple[str, ...] = ()) -> Catalog:
    catalog = Catalog(locale="fr", fuzzy=False)
    for msgid, msgstr in entries:
        catalog.add(msgid, msgstr, flags=("fuzzy",) if msgid in fuzzy else ())
    return catalog


def test_a_string_of_the_code_missing_from_a_catalogue_is_named():
    extracted = _catalog(("Search", ""), ("Submit a practice", ""))
    committed = _catalog(("Search", "Rechercher"))
    problems = translations.catalogue_problems("fr", extracted, committed)
    assert problems.missing == ["Submit a practice"]
    assert problems.count == 1


def test_untranslated_fuzzy_and_stale_entries_are_named():
    extracted = _catalog(("Search", ""), ("Filters", ""), ("Home", ""))
    committed = _catalog(
        ("Search", ""), ("Filters", "Filtres"), ("Home", "Accueil"), ("Old text", "Ancien"), fuzzy=("Home",)
    )
    problems = translations.catalogue_problems("fr", extracted, committed)
    assert problems.untranslated == ["Search"]
    assert problems.fuzzy == ["Home"]
    assert problems.stale == ["Old text"]
    assert not problems.missing
    assert "fr: 1 untranslated:" in problems.lines()


def test_a_plural_entry_needs_every_form():
    extracted = Catalog(locale="ru")
    extracted.add(("%(n)s practice", "%(n)s practices"), ("", "", "", ""))
    committed = Catalog(locale="ru")
    committed.add(("%(n)s practice", "%(n)s practices"), ("%(n)s практика", "%(n)s практики", "", ""))
    problems = translations.catalogue_problems("ru", extracted, committed)
    assert problems.untranslated == ["%(n)s practice"]


def test_a_fuzzy_header_is_a_problem():
    extracted = _catalog(("Search", ""))
    committed = _catalog(("Search", "Rechercher"))
    committed.fuzzy = True
    assert translations.catalogue_problems("fr", extracted, committed).fuzzy == ["(the catalogue's header)"]


def test_compiled_catalogues_are_what_gettext_reads(tmp_path: Path, settings):
    source = translations.catalogue_path("fr")
    target = tmp_path / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_bytes(source.read_bytes())
    (written,) = [p for p in translations.compile_catalogues(tmp_path) if "fr" in p.parts]
    with written.open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("Open data") == "Données ouvertes"


def test_the_site_speaks_the_compiled_languages():
    # make pytest compiles the catalogues first (make compile-messages).
    expected_texts = (("fr", "Données ouvertes"), ("ar", "البيانات المفتوحة"), ("zh-hans", "开放数据"))
    for language, expected in expected_texts:
        with translation.override(language):
            assert translation.gettext("Open data") == expected
