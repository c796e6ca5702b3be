import json

import pytest

from practicehub.catalogue.country_data import COUNTRIES_FILE, build_country_rows, render_country_file
from practicehub.catalogue.models import SDG, Country, GuidingPrinciple, Objective, PracticeType, Region

pytestmark = pytest.mark.django_db


def test_data_migration_seeds_every_vocabulary() -> None:
    assert Objective.objects.count() == 23
    assert str(Objective.objects.get(number=23)) == "23 - International cooperation"
    assert GuidingPrinciple.objects.count() == 10
    assert SDG.objects.count() == 17
    assert PracticeType.objects.filter(name="Partnership/Multistakeholder initiative").exists()
    assert Region.objects.filter(parent=None).count() == 5
    assert Region.objects.get(name="Western Asia").parent.name == "Asia"


def test_countries_carry_their_m49_region_and_subregion() -> None:
    azerbaijan = Country.objects.get(iso3="AZE")
    assert (azerbaijan.name, azerbaijan.iso2) == ("Azerbaijan", "AZ")
    assert azerbaijan.subregion.name == "Western Asia"
    assert azerbaijan.region.name == "Asia"
    assert Country.objects.count() >= 249


def test_committed_country_file_matches_the_maintained_packages() -> None:
    """data/countries.json is generated, never hand-edited: regenerate with build_country_data."""
    assert COUNTRIES_FILE.read_text(encoding="utf-8") == render_country_file(build_country_rows())
    rows = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    assert all(row["region"] for row in rows if row["iso3"] != "ATA")
