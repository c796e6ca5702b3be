"""Load the vocabulary data files into their tables. Idempotent: existing rows are updated in place,
so running it again after an editor's change only restores values the files define."""

import json
from typing import Any

from django.utils.text import slugify

from .country_data import DATA_DIR


def _load(name: str) -> Any:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def seed_vocabularies(apps: Any) -> None:
    get = apps.get_model
    Objective = get("catalogue", "Objective")
    for row in _load("objectives.json"):
        Objective.objects.update_or_create(
            number=row["number"], defaults={"short_label": row["short_label"], "title": row["title"]}
        )
    SDG = get("catalogue", "SDG")
    for row in _load("sdgs.json"):
        SDG.objects.update_or_create(
            number=row["number"], defaults={"short_name": row["short_name"], "title": row["title"]}
        )
    GuidingPrinciple = get("catalogue", "GuidingPrinciple")
    for row in _load("guiding_principles.json"):
        GuidingPrinciple.objects.update_or_create(
            key=row["key"],
            defaults={"name": row["name"], "summary": row["summary"], "position": row["position"]},
        )
    for model_name, file_name in (
        ("PracticeType", "practice_types.json"),
        ("ScopeLevel", "scope_levels.json"),
        ("OrganizationType", "organization_types.json"),
    ):
        model = get("catalogue", model_name)
        for row in _load(file_name):
            model.objects.update_or_create(
                key=row["key"], defaults={"name": row["name"], "position": row["position"]}
            )
    Region = get("catalogue", "Region")
    regions_by_name = {}
    for row in _load("regions.json"):
        region, _ = Region.objects.update_or_create(
            key=slugify(row["name"]), defaults={"name": row["name"], "parent": None}
        )
        regions_by_name[region.name] = region
        for sub in row["subregions"]:
            regions_by_name[sub], _ = Region.objects.update_or_create(
                key=slugify(sub), defaults={"name": sub, "parent": region}
            )
    Country = get("catalogue", "Country")
    for row in _load("countries.json"):
        Country.objects.update_or_create(
            iso3=row["iso3"],
            defaults={
                "iso2": row["iso2"],
                "numeric": row["numeric"],
                "name": row["name"],
                "region": regions_by_name.get(row["region"]),
                "subregion": regions_by_name.get(row["subregion"]),
            },
        )
