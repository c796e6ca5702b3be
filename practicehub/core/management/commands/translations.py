"""manage.py translations [--update | --compile]: the interface's message catalogues.

Without an option it checks them (make test): every string of the code in every catalogue, nothing
stale, nothing untranslated or fuzzy, placeholders and plural forms as msgfmt wants them.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from practicehub.core import translations


class Command(BaseCommand):
    help = "Check the message catalogues (default), add the code's new strings to them, or compile them."

    def add_arguments(self, parser: ArgumentParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--update", action="store_true", help="Add new strings, drop removed ones.")
        group.add_argument("--compile", action="store_true", help="Write the .mo files (Babel).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["compile"]:
                written = translations.compile_catalogues()
                self.stdout.write(f"Compiled {len(written)} catalogues.")
                return
            if options["update"]:
                translations.extract(translations.locale_dir().parent)
                self.stdout.write("Catalogues updated: translate the new entries (msgstr \"\").")
                return
            problems = translations.check_catalogues()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        lines = [line for found in problems for line in found.lines()]
        for language in translations.CATALOGUE_LANGUAGES:
            if errors := translations.format_errors(translations.catalogue_path(language)):
                lines += [f"{language}: msgfmt --check:", errors]
        if lines:
            raise CommandError("The message catalogues are not complete:\n" + "\n".join(lines))
        counts = ", ".join(f"{p.language}" for p in problems)
        self.stdout.write(self.style.SUCCESS(f"Every catalogue is complete ({counts})."))
