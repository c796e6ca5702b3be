"""The interface's message catalogues (locale/<language>/LC_MESSAGES/django.po): extract, check, compile.

Every string the site shows goes through Django's translation functions and must arrive translated
into the five other UN languages. ``make test`` runs ``manage.py translations`` and fails when a string
of the code is missing from a catalogue, a catalogue keeps a string the code no longer has, or an
entry is untranslated or fuzzy. Extraction is Django's makemessages (GNU gettext's xgettext), run on
a copy of the code so that checking never rewrites the committed files; compiling uses Babel, so a
machine without gettext can still serve every language.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings

# Catalogue folders of the five languages besides English (Django's names: zh_Hans, not zh-hans).
CATALOGUE_LANGUAGES = ("fr", "es", "ar", "zh_Hans", "ru")
DOMAIN = "django"
# What makemessages reads: the project's own code and templates, not tests, tools or dependencies.
IGNORED = (".venv", "node_modules", "tests", "bench", "staticfiles", "var", "docs", "media")
# The folders a copy of the code needs for makemessages to run.
SOURCE_PARTS = ("practicehub", "config", "locale", "manage.py")


def locale_dir() -> Path:
    return Path(settings.BASE_DIR) / "locale"


def catalogue_path(language: str, base: Path | None = None) -> Path:
    return (base or locale_dir()) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def makemessages_command(base: Path) -> list[str]:
    command = [sys.executable, str(base / "manage.py"), "makemessages"]
    command += ["--add-location=file", "--no-obsolete"]
    for language in CATALOGUE_LANGUAGES:
        command += ["-l", language]
    for ignored in IGNORED:
        command.append(f"--ignore={ignored}")
    return command


def extract(base: Path) -> None:
    """Update the catalogues under ``base`` with the strings of the code under ``base``."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        raise RuntimeError(
            "Extracting messages needs GNU gettext (xgettext, msgmerge): apt-get install gettext"
        )
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "sqlite://:memory:",
    }
    subprocess.run(makemessages_command(base), cwd=base, env=env, check=True, capture_output=True)  # noqa: S603


@dataclass
class Problems:
    """What keeps one catalogue from being complete, by kind, each a list of message ids."""

    language: str
    missing: list[str]
    stale: list[str]
    untranslated: list[str]
    fuzzy: list[str]

    @property
    def count(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.untranslated) + len(self.fuzzy)

    def lines(self, limit: int = 20) -> list[str]:
        out: list[str] = []
        for kind, ids in (
            ("missing from the catalogue (run `make messages`, then translate)", self.missing),
            ("in the catalogue but no longer in the code (run `make messages`)", self.stale),
            ("untranslated", self.untranslated),
            ("fuzzy (check the translation, then remove the flag)", self.fuzzy),
        ):
            if ids:
                out.append(f"{self.language}: {len(ids)} {kind}:")
                out += [f"    {text!r}" for text in ids[:limit]]
                if len(ids) > limit:
                    out.append(f"    ... and {len(ids) - limit} more")
        return out


def _key(message_id: str | tuple[str, ...] | list[str], context: str | None) -> str:
    text = message_id if isinstance(message_id, str) else message_id[0]
    return f"{context}\x04{text}" if context else text


def _entries(catalog: Catalog) -> dict[str, object]:
    return {_key(m.id, m.context): m for m in catalog if m.id}


def _translated(message: object) -> bool:
    strings = getattr(message, "string", "")
    values: Iterable[str] = strings if isinstance(strings, tuple | list) else (strings,)
    return all(value for value in values)


def catalogue_problems(language: str, extracted: Catalog, committed: Catalog) -> Problems:
    """Compare the strings of the code (``extracted``) with a committed catalogue."""
    wanted, have = _entries(extracted), _entries(committed)
    header_fuzzy = committed.fuzzy
    return Problems(
        language=language,
        missing=sorted(set(wanted) - set(have)),
        stale=sorted(set(have) - set(wanted)),
        untranslated=sorted(key for key, m in have.items() if key in wanted and not _translated(m)),
        fuzzy=(["(the catalogue's header)"] if header_fuzzy else [])
        + sorted(key for key, m in have.items() if getattr(m, "fuzzy", False)),
    )


def _copy_sources(target: Path) -> None:
    root = Path(settings.BASE_DIR)
    for part in SOURCE_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        elif source.exists():
            shutil.copy2(source, target / part)


def check_catalogues() -> list[Problems]:
    """Extract the code's strings into a copy and compare every committed catalogue with it."""
    with tempfile.TemporaryDirectory(prefix="practicehub-messages-") as tmp:
        copy = Path(tmp)
        _copy_sources(copy)
        extract(copy)
        found = []
        for language in CATALOGUE_LANGUAGES:
            extracted = read_catalogue(catalogue_path(language, copy / "locale"), language)
            committed = read_catalogue(catalogue_path(language), language)
            found.append(catalogue_problems(language, extracted, committed))
    return found


def format_errors(path: Path) -> str:
    """msgfmt's own check of placeholders and plural forms ("" when the catalogue passes)."""
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    return result.stderr.strip() if result.returncode else ""


def compile_catalogues(base: Path | None = None) -> list[Path]:
    """Write the .mo file beside every catalogue (Babel: no gettext needed). Fuzzy entries are left out."""
    written = []
    for language in CATALOGUE_LANGUAGES:
        source = catalogue_path(language, base)
        if not source.exists():
            continue
        catalog = read_catalogue(source, language)
        target = source.with_suffix(".mo")
        with target.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(target)
    return written
