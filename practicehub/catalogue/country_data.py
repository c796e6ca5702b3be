"""Countries come from maintained packages: ISO 3166-1 from pycountry, UN M49 sub-regions from
country_converter, names in the six UN languages from CLDR (through Babel). The United Nations' own
short names override CLDR's where they differ (data/country_names_un.json). `manage.py
build_country_data` writes them to data/countries.json, which the data migration reads, so production
needs none of these packages' data tables at run time."""

import gettext
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
COUNTRIES_FILE = DATA_DIR / "countries.json"
UN_NAMES_FILE = DATA_DIR / "country_names_un.json"

# Where a site language code is not the code CLDR or iso-codes use for it.
_CLDR_LOCALES = {"zh-hans": "zh_Hans"}
_ISO_CODES_LOCALES = {"zh-hans": "zh_CN"}


def build_country_rows() -> list[dict[str, Any]]:
    import country_converter
    import pycountry
    from babel import Locale
    from django.conf import settings

    language_codes = [code for code, _ in settings.LANGUAGES]
    converter = country_converter.CountryConverter()
    subregion_by_iso3 = {
        row.ISO3: row.UNregion
        for row in converter.data[["ISO3", "UNregion"]].itertuples()
        if isinstance(row.UNregion, str)
    }
    regions = json.loads((DATA_DIR / "regions.json").read_text(encoding="utf-8"))
    region_by_subregion = {sub: r["name"] for r in regions for sub in r["subregions"]}
    un = json.loads(UN_NAMES_FILE.read_text(encoding="utf-8"))
    cldr = {code: Locale.parse(_CLDR_LOCALES.get(code, code)).territories for code in language_codes}
    iso_name = {code: _iso_codes_translator(pycountry.LOCALES_DIR, code) for code in language_codes}
    rows = []
    for country in pycountry.countries:
        iso3 = country.alpha_3
        subregion = subregion_by_iso3.get(iso3, "")
        un_names = un["names"].get(iso3, {})
        extra_aliases = un["aliases"].get(iso3, {})
        names = {code: un_names.get(code) or cldr[code][country.alpha_2] for code in language_codes}
        aliases = {
            code: _aliases(
                names[code],
                [
                    cldr[code][country.alpha_2],
                    *_iso_names(country, iso_name[code]),
                    *extra_aliases.get(code, []),
                ],
            )
            for code in language_codes
        }
        rows.append(
            {
                "iso3": iso3,
                "iso2": country.alpha_2,
                "numeric": country.numeric,
                "name": names["en"],
                "subregion": subregion if subregion in region_by_subregion else "",
                "region": region_by_subregion.get(subregion, ""),
                "names": names,
                "aliases": aliases,
            }
        )
    return sorted(rows, key=lambda r: r["iso3"])


def _iso_codes_translator(locales_dir: str, code: str) -> Callable[[str], str] | None:
    """The ISO 3166-1 names translated by the iso-codes project (shipped with pycountry); None for English,
    whose names are pycountry's own."""
    if code == "en":
        return None
    language = _ISO_CODES_LOCALES.get(code, code)
    return gettext.translation("iso3166-1", locales_dir, languages=[language]).gettext


def _iso_names(country: Any, translate: Callable[[str], str] | None) -> list[str]:
    english = [getattr(country, attr, "") for attr in ("name", "official_name", "common_name")]
    if translate is None:
        return [name for name in english if name]
    # An untranslated entry comes back in English: it is no alternative name in this language.
    return [translate(name) for name in english if name and translate(name) != name]


def _aliases(shown: str, candidates: Iterable[str]) -> list[str]:
    """The candidates other than the name shown, each once (ignoring case). Spellings that differ only
    in the apostrophe (’ or ') are both kept, so a match on the exact text finds either."""
    seen = {shown.casefold()}
    aliases = []
    for candidate in candidates:
        if candidate.casefold() not in seen:
            seen.add(candidate.casefold())
            aliases.append(candidate)
    return aliases


def render_country_file(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
