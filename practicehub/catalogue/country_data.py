"""Countries come from maintained packages: ISO 3166-1 from pycountry, UN M49 sub-regions from
country_converter. `manage.py build_country_data` writes them to data/countries.json, which the
data migration reads, so production needs neither package's data tables at run time."""

import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
COUNTRIES_FILE = DATA_DIR / "countries.json"


def build_country_rows() -> list[dict[str, Any]]:
    import country_converter
    import pycountry

    converter = country_converter.CountryConverter()
    subregion_by_iso3 = {
        row.ISO3: row.UNregion
        for row in converter.data[["ISO3", "UNregion"]].itertuples()
        if isinstance(row.UNregion, str)
    }
    regions = json.loads((DATA_DIR / "regions.json").read_text(encoding="utf-8"))
    region_by_subregion = {sub: r["name"] for r in regions for sub in r["subregions"]}
    rows = []
    for country in pycountry.countries:
        subregion = subregion_by_iso3.get(country.alpha_3, "")
        rows.append(
            {
                "iso3": country.alpha_3,
                "iso2": country.alpha_2,
                "numeric": country.numeric,
                "name": getattr(country, "common_name", None) or country.name,
                "subregion": subregion if subregion in region_by_subregion else "",
                "region": region_by_subregion.get(subregion, ""),
            }
        )
    return sorted(rows, key=lambda r: r["iso3"])


def render_country_file(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
