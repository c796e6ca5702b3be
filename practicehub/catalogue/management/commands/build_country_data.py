from django.core.management.base import BaseCommand

from practicehub.catalogue.country_data import COUNTRIES_FILE, build_country_rows, render_country_file


class Command(BaseCommand):
    help = (
        "Regenerate data/countries.json from pycountry, country_converter, CLDR (Babel) and "
        "data/country_names_un.json (development tool)."
    )

    def handle(self, *args: object, **options: object) -> None:
        rows = build_country_rows()
        COUNTRIES_FILE.write_text(render_country_file(rows), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(rows)} countries to {COUNTRIES_FILE.name}"))
