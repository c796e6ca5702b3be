"""ParsedPage -> PracticeValues -> practice_save: a page file becomes a published practice.

Importing a page again finds its practice by the slug of the title and updates it. A field the
page gives a value for takes the page's value; a field it leaves empty (icons, cut-off text)
takes the caller's override if there is one, otherwise keeps what the practice already has.
"""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from practicehub.catalogue.fields import FIELDS_BY_NAME
from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.catalogue.services import LinkValue, OrganizationValue, PracticeValues, practice_save
from practicehub.core.audit import audit_record

from .page import NotAPracticePage, ParsedPage
from .parser import parse_practice_page
from .resolve import resolve_page

MAX_FILE_BYTES = 2_000_000
_VALUE_NAMES = frozenset(f.name for f in dataclasses.fields(PracticeValues))
_RELATED = frozenset(
    {
        "primary_objectives",
        "secondary_objectives",
        "guiding_principles",
        "sdgs",
        "practice_type",
        "scope_level",
        "regions",
        "countries",
        "organizations",
        "links",
    }
)


@dataclass
class ImportReport:
    title: str
    practice: Practice | None  # None on a dry run
    created: bool
    warnings: list[str] = field(default_factory=list)
    missing_icon_fields: list[str] = field(default_factory=list)
    dry_run: bool = False
    slug: str = ""
    truncated: bool = False  # the page text stops mid-sentence


def read_page_file(path: Path) -> str:
    """The text of a file, in UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise NotAPracticePage(_("The file is too large to be a practice page."))
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotAPracticePage(_("There is no such file.")) from exc
    except OSError as exc:
        raise NotAPracticePage(_("The file cannot be read: %s") % (exc.strerror or exc)) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NotAPracticePage(_("The file is not text.")) from exc
    if b"\x00" in data:
        raise NotAPracticePage(_("The file is not text."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NotAPracticePage(_("The file is not text."))


def practice_find_for_title(title: str) -> Practice | None:
    """The practice a page with this title updates: the one whose slug is the title's slug."""
    base = slugify(title)[:200].strip("-")
    if base:
        return Practice.objects.filter(slug=base).first()
    return Practice.objects.filter(title__iexact=title.strip()).first()


def values_from_practice(practice: Practice) -> PracticeValues:
    """The current values of a practice, in the form practice_save takes."""
    plain = {name: getattr(practice, name) for name in _VALUE_NAMES - _RELATED - {"title"}}
    return PracticeValues(
        title=practice.title,
        **plain,
        primary_objectives=[o.number for o in practice.primary_objectives.all()],
        secondary_objectives=[o.number for o in practice.secondary_objectives.all()],
        guiding_principles=[p.key for p in practice.guiding_principles.all()],
        sdgs=[s.number for s in practice.sdgs.all()],
        practice_type=practice.practice_type.key if practice.practice_type else "",
        scope_level=practice.scope_level.key if practice.scope_level else "",
        regions=[r.key for r in practice.regions.all()],
        countries=[c.iso3 for c in practice.countries.all()],
        organizations=[
            OrganizationValue(name=link.organization.name, role=link.role, acronym=link.organization.acronym)
            for link in practice.organization_links.select_related("organization")
        ],
        links=[LinkValue(title=link.title, url=link.url) for link in practice.links.all()],
    )


def _icon_field_label(name: str) -> str:
    if name in FIELDS_BY_NAME:
        return str(FIELDS_BY_NAME[name].label)
    return str({"countries": _("Countries"), "regions": _("Regions")}.get(name, name))


def _merge(
    page_values: dict[str, Any], overrides: Mapping[str, Any], base: PracticeValues
) -> tuple[PracticeValues, set[str]]:
    unknown = set(overrides) - _VALUE_NAMES
    if unknown:
        raise ValueError(f"Not fields of PracticeValues: {', '.join(sorted(unknown))}")
    applied = {name for name, value in overrides.items() if name not in page_values}
    merged = {name: overrides[name] for name in applied} | page_values
    return dataclasses.replace(base, **merged), applied


@transaction.atomic
def practice_import_page(
    *,
    actor: Any,
    page: ParsedPage,
    overrides: Mapping[str, Any] | None = None,
    dry_run: bool = False,
    source: str = "",
) -> ImportReport:
    """Create or update the published practice a parsed page describes; one transaction.

    On a dry run everything is written and then rolled back, so the report is the real one."""
    resolved = resolve_page(page)
    existing = practice_find_for_title(page.title)
    base = values_from_practice(existing) if existing else PracticeValues(title=page.title)
    values, from_overrides = _merge(resolved.values, overrides or {}, base)
    warnings = [*page.warnings, *resolved.warnings]
    for name in page.empty_icon_fields:
        label = _icon_field_label(name)
        if name in from_overrides:
            warnings.append(_("%s: shown only as icons on the page; set from the values given.") % label)
        elif getattr(values, name, None):
            warnings.append(_("%s: shown only as icons on the page; the current values were kept.") % label)
        else:
            warnings.append(_("%s: shown only as icons on the page, so left empty.") % label)

    practice = practice_save(actor=actor, values=values, practice=existing, status=PracticeStatus.PUBLISHED)
    if page.submitted_on is not None:
        published_at = timezone.make_aware(datetime.combine(page.submitted_on, time.min))
        if practice.published_at != published_at:
            practice.published_at = published_at
            practice.save(update_fields=["published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="practice.imported",
        target=practice,
        to_state=practice.status,
        data={"source": source, "created": existing is None, "warnings": len(warnings)},
    )
    report = ImportReport(
        title=practice.title,
        practice=None if dry_run else practice,
        created=existing is None,
        warnings=warnings,
        missing_icon_fields=list(page.empty_icon_fields),
        dry_run=dry_run,
        slug=practice.slug or "",
        truncated=page.truncated,
    )
    if dry_run:
        transaction.set_rollback(True)
    return report


def import_practice_file(
    path: Path,
    *,
    actor: Any = None,
    overrides: Mapping[str, Any] | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Import one page file. Raises NotAPracticePage (nothing written) if it is not a practice page."""
    page = parse_practice_page(read_page_file(Path(path)))
    return practice_import_page(
        actor=actor, page=page, overrides=overrides, dry_run=dry_run, source=Path(path).name
    )
