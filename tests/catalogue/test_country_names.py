"""Country names in the six UN languages: CLDR's, with the United Nations' own short names where they
differ (data/country_names_un.json), written to data/countries.json by build_country_data."""

import io
import json
import re
from pathlib import Path
from typing import Any

import pycountry
import pytest
from babel import Locale
from django.conf import settings
from django.core.management import call_command

from practicehub.catalogue import country_data
from practicehub.catalogue.country_data import COUNTRIES_FILE, UN_NAMES_FILE
from practicehub.catalogue.management.commands import build_country_data

LANGUAGE_CODES = tuple(code for code, _ in settings.LANGUAGES)
SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "zh-hans": re.compile(r"[\u4e00-\u9fff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
}


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, Any]]:
    return {row["iso3"]: row for row in json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def un_file() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(UN_NAMES_FILE.read_text(encoding="utf-8"))
    return data


def test_committed_file_is_what_the_command_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """countries.json is generated, never edited by hand: after changing country_names_un.json (or a
    package upgrade), run `manage.py build_country_data` and commit the result."""
    target = tmp_path / "countries.json"
    monkeypatch.setattr(build_country_data, "COUNTRIES_FILE", target)
    call_command("build_country_data", stdout=io.StringIO())
    assert target.read_text(encoding="utf-8") == COUNTRIES_FILE.read_text(encoding="utf-8")


def test_every_country_is_named_in_the_six_languages(rows: dict[str, dict[str, Any]]) -> None:
    assert set(rows) == {country.alpha_3 for country in pycountry.countries}
    for iso3, row in rows.items():
        assert tuple(row["names"]) == LANGUAGE_CODES, iso3
        assert all(name.strip() == name and name for name in row["names"].values()), iso3
        assert row["name"] == row["names"]["en"], iso3
        for code, script in SCRIPTS.items():
            assert script.search(row["names"][code]), (iso3, code, row["names"][code])


def test_the_united_nations_short_names_override_cldr(rows: dict[str, dict[str, Any]]) -> None:
    turkiye = rows["TUR"]["names"]
    # Türkiye asked in 2022 to be named so in English, French and Spanish; Russian keeps Турция.
    assert [turkiye[code] for code in ("en", "fr", "es", "ru")] == ["Türkiye", "Türkiye", "Türkiye", "Турция"]
    assert rows["VNM"]["name"] == "Viet Nam"
    assert rows["VNM"]["names"]["fr"] == "Viet Nam"
    assert rows["KOR"]["names"]["zh-hans"] == "大韩民国"
    assert rows["IRN"]["names"]["ru"] == "Иран (Исламская Республика)"
    assert rows["BOL"]["names"]["ar"] == "بوليفيا (دولة - المتعددة القوميات)"
    assert rows["GBR"]["name"] == "United Kingdom of Great Britain and Northern Ireland"
    assert rows["PSE"]["names"]["es"] == "Estado de Palestina"


def test_every_override_is_applied_and_differs_from_cldr(
    rows: dict[str, dict[str, Any]], un_file: dict[str, Any]
) -> None:
    """An override equal to CLDR's name says nothing: the file lists only real differences."""
    assert un_file["names"]
    for iso3, names in un_file["names"].items():
        for code, name in names.items():
            assert rows[iso3]["names"][code] == name, (iso3, code)
            cldr = Locale.parse(country_data._CLDR_LOCALES.get(code, code)).territories[rows[iso3]["iso2"]]
            assert cldr != name, (iso3, code, name)


def test_aliases_keep_the_names_people_know(rows: dict[str, dict[str, Any]]) -> None:
    assert "Turkey" in rows["TUR"]["aliases"]["en"]
    assert "Turquie" in rows["TUR"]["aliases"]["fr"]
    assert "Vietnam" in rows["VNM"]["aliases"]["en"]
    assert "Ivory Coast" in rows["CIV"]["aliases"]["en"]
    assert "Costa de Marfil" in rows["CIV"]["aliases"]["es"]
    assert "Korea, Republic of" in rows["KOR"]["aliases"]["en"]
    assert "République libanaise" in rows["LBN"]["aliases"]["fr"]
    for iso3, row in rows.items():
        assert tuple(row["aliases"]) == LANGUAGE_CODES, iso3
        for code, aliases in row["aliases"].items():
            folded = [alias.casefold() for alias in aliases]
            assert len(folded) == len(set(folded)), (iso3, code)
            assert row["names"][code].casefold() not in folded, (iso3, code)
