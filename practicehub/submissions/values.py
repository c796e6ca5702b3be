"""A practice's values as plain data: read from a practice, kept as JSON in a revision, shown as text,
and compared field by field. Fields and their order come from practicehub/catalogue/fields.py."""

import difflib
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from practicehub.catalogue.fields import PRACTICE_FIELDS, Kind, PracticeField
from practicehub.catalogue.models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    OrganizationRole,
    OrganizationType,
    Practice,
    PracticeType,
    Region,
    ScopeLevel,
)
from practicehub.catalogue.services import LinkValue, OrganizationValue, PracticeValues

SNAPSHOT_VERSION = 1


@dataclass
class DocumentRef:
    """One supporting document of a snapshot: a document the practice already has, or one uploaded
    with a revision and not yet published."""

    title: str
    document: int | None = None
    pending: int | None = None


@dataclass
class Snapshot:
    values: PracticeValues
    documents: list[DocumentRef] = field(default_factory=list)


def values_from_practice(practice: Practice) -> PracticeValues:
    """Everything practice_save() would need to write this practice again as it is."""
    organizations = [
        OrganizationValue(
            name=link.organization.name,
            role=link.role,
            acronym=link.organization.acronym,
            org_type=link.organization.org_type.key if link.organization.org_type else "",
            country=link.organization.country.iso3 if link.organization.country else "",
        )
        for link in practice.organization_links.select_related(
            "organization__org_type", "organization__country"
        ).order_by("role", "position", "id")
    ]
    # The main implementers first, as on the page.
    order = {OrganizationRole.MAIN: 0, OrganizationRole.OTHER: 1, OrganizationRole.PARTNER: 2}
    organizations.sort(key=lambda o: order.get(OrganizationRole(o.role), 3))
    return PracticeValues(
        title=practice.title,
        summary=practice.summary,
        benefit_and_impact=practice.benefit_and_impact,
        key_lessons=practice.key_lessons,
        recommendations=practice.recommendations,
        innovation=practice.innovation,
        implementer_details=practice.implementer_details,
        primary_objectives=[o.number for o in practice.primary_objectives.order_by("number")],
        secondary_objectives=[o.number for o in practice.secondary_objectives.order_by("number")],
        guiding_principles=[p.key for p in practice.guiding_principles.order_by("position", "name")],
        sdgs=[s.number for s in practice.sdgs.order_by("number")],
        start_year=practice.start_year,
        end_year=practice.end_year,
        is_ongoing=practice.is_ongoing,
        practice_type=practice.practice_type.key if practice.practice_type else "",
        scope_level=practice.scope_level.key if practice.scope_level else "",
        regions=[r.key for r in practice.regions.order_by("name")],
        countries=[c.iso3 for c in practice.countries.order_by("name")],
        organizations=organizations,
        links=[
            LinkValue(title=link.title, url=link.url) for link in practice.links.order_by("position", "id")
        ],
        submitted_on=practice.submitted_on,
        original_language=practice.original_language,
        focal_point_name=practice.focal_point_name,
        focal_point_email=practice.focal_point_email,
        is_sample=practice.is_sample,
    )


def snapshot_of_practice(practice: Practice) -> Snapshot:
    documents = [
        DocumentRef(title=d.title, document=d.pk) for d in practice.documents.order_by("position", "id")
    ]
    return Snapshot(values=values_from_practice(practice), documents=documents)


# JSON ------------------------------------------------------------------------------------------


def snapshot_to_json(snapshot: Snapshot) -> dict[str, Any]:
    values = asdict(snapshot.values)
    values["submitted_on"] = (
        snapshot.values.submitted_on.isoformat() if snapshot.values.submitted_on else None
    )
    return {
        "version": SNAPSHOT_VERSION,
        "values": values,
        "documents": [asdict(d) for d in snapshot.documents],
    }


def _str_list(raw: Any) -> list[str]:
    return [str(v) for v in raw] if isinstance(raw, list) else []


def _int_list(raw: Any) -> list[int]:
    return [int(v) for v in raw if _int_or_none(v) is not None] if isinstance(raw, list) else []


def _int_or_none(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    return int(raw) if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def _dicts(raw: Any) -> list[dict[str, Any]]:
    return [item for item in raw if isinstance(item, dict)] if isinstance(raw, list) else []


def _date_or_none(raw: Any) -> date | None:
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) and raw else None
    except ValueError:
        return None


def snapshot_from_json(data: Any) -> Snapshot:
    """The snapshot stored by snapshot_to_json (unknown, missing or malformed keys get their defaults)."""
    data = data if isinstance(data, dict) else {}
    raw = data.get("values") if isinstance(data.get("values"), dict) else {}
    values = PracticeValues(
        title=str(raw.get("title") or ""),
        summary=str(raw.get("summary") or ""),
        benefit_and_impact=str(raw.get("benefit_and_impact") or ""),
        key_lessons=str(raw.get("key_lessons") or ""),
        recommendations=str(raw.get("recommendations") or ""),
        innovation=str(raw.get("innovation") or ""),
        implementer_details=str(raw.get("implementer_details") or ""),
        primary_objectives=_int_list(raw.get("primary_objectives")),
        secondary_objectives=_int_list(raw.get("secondary_objectives")),
        guiding_principles=_str_list(raw.get("guiding_principles")),
        sdgs=_int_list(raw.get("sdgs")),
        start_year=_int_or_none(raw.get("start_year")),
        end_year=_int_or_none(raw.get("end_year")),
        is_ongoing=bool(raw.get("is_ongoing")),
        practice_type=str(raw.get("practice_type") or ""),
        scope_level=str(raw.get("scope_level") or ""),
        regions=_str_list(raw.get("regions")),
        countries=_str_list(raw.get("countries")),
        organizations=[
            OrganizationValue(
                name=str(o.get("name") or ""),
                role=str(o.get("role") or OrganizationRole.MAIN),
                acronym=str(o.get("acronym") or ""),
                org_type=str(o.get("org_type") or ""),
                country=str(o.get("country") or ""),
            )
            for o in _dicts(raw.get("organizations"))
        ],
        links=[
            LinkValue(title=str(link.get("title") or ""), url=str(link.get("url") or ""))
            for link in _dicts(raw.get("links"))
        ],
        submitted_on=_date_or_none(raw.get("submitted_on")),
        original_language=str(raw.get("original_language") or "en"),
        focal_point_name=str(raw.get("focal_point_name") or ""),
        focal_point_email=str(raw.get("focal_point_email") or ""),
        is_sample=bool(raw.get("is_sample")),
    )
    documents = [
        DocumentRef(
            title=str(d.get("title") or ""),
            document=_int_or_none(d.get("document")),
            pending=_int_or_none(d.get("pending")),
        )
        for d in _dicts(data.get("documents"))
    ]
    return Snapshot(values=values, documents=documents)


# Values as text, one list of lines per field of the definition ----------------------------------


class _Labels:
    """Vocabulary labels fetched once for a comparison."""

    def __init__(self) -> None:
        self.objectives = {o.number: str(o) for o in Objective.objects.all()}
        self.principles = {p.key: str(p) for p in GuidingPrinciple.objects.all()}
        self.sdgs = {s.number: str(s) for s in SDG.objects.all()}
        self.types = {t.key: str(t) for t in PracticeType.objects.all()}
        self.scopes = {s.key: str(s) for s in ScopeLevel.objects.all()}
        self.regions = {r.key: str(r) for r in Region.objects.all()}
        self.countries = {c.iso3: str(c) for c in Country.objects.all()}
        self.org_types = {t.key: str(t) for t in OrganizationType.objects.all()}
        self.roles = dict(OrganizationRole.choices)
        self.languages = dict(settings.LANGUAGES)


def _dates_text(values: PracticeValues) -> str:
    if not values.start_year:
        return ""
    if values.is_ongoing:
        return f"{values.start_year} - {_('Present')}"
    if values.end_year and values.end_year != values.start_year:
        return f"{values.start_year} - {values.end_year}"
    return str(values.start_year)


def _field_lines(snapshot: Snapshot, practice_field: PracticeField, labels: _Labels) -> list[str]:
    values = snapshot.values
    name, kind = practice_field.name, practice_field.kind
    if kind == Kind.OBJECTIVES:
        return [labels.objectives.get(n, str(n)) for n in getattr(values, name)]
    if name == "guiding_principles":
        return [labels.principles.get(k, k) for k in values.guiding_principles]
    if name == "sdgs":
        return [labels.sdgs.get(n, str(n)) for n in values.sdgs]
    if kind == Kind.CHOICE:
        key = getattr(values, name)
        return [labels.types.get(key, key)] if key else []
    if kind == Kind.DATES:
        text = _dates_text(values)
        return [text] if text else []
    if kind == Kind.SCOPE:
        lines = [labels.scopes.get(values.scope_level, values.scope_level)] if values.scope_level else []
        lines += [f"{_('Region')}: {labels.regions.get(k, k)}" for k in values.regions]
        lines += [f"{_('Country')}: {labels.countries.get(k, k)}" for k in values.countries]
        return lines
    if kind == Kind.ORGANIZATIONS:
        lines = []
        for org in values.organizations:
            parts = [org.name + (f" ({org.acronym})" if org.acronym else "")]
            if org.org_type:
                parts.append(labels.org_types.get(org.org_type, org.org_type))
            if org.country:
                parts.append(labels.countries.get(org.country, org.country))
            lines.append(f"{labels.roles.get(org.role, org.role)}: {', '.join(parts)}")
        if values.implementer_details.strip():
            lines.append(f"{_('Detailed Information')}: {values.implementer_details.strip()}")
        return lines
    if kind == Kind.RESOURCES:
        lines = [f"{link.title} <{link.url}>" for link in values.links]
        lines += [f"{_('Document')}: {doc.title}" for doc in snapshot.documents]
        return lines
    if kind == Kind.DATE:
        day = getattr(values, name)
        return [day.isoformat()] if day else []
    if kind == Kind.LANGUAGE:
        code = getattr(values, name)
        return [str(labels.languages.get(code, code))] if code else []
    text = str(getattr(values, name, "") or "").strip()
    return [text] if text else []


@dataclass
class FieldChange:
    field: PracticeField
    before: list[str]
    after: list[str]

    @property
    def removed(self) -> list[str]:
        return [line for line in self.before if line not in self.after]

    @property
    def added(self) -> list[str]:
        return [line for line in self.after if line not in self.before]

    @property
    def is_text(self) -> bool:
        return self.field.kind in (Kind.TITLE, Kind.LONG_TEXT, Kind.SHORT_TEXT, Kind.EMAIL)

    @property
    def marked(self) -> tuple[SafeString, SafeString]:
        """The old text with its deleted words in <del>, and the new one with its inserted words in <ins>."""
        return word_diff("\n".join(self.before), "\n".join(self.after))


_TOKENS = re.compile(r"\n|[^\s]+")


def _join(tokens: list[str]) -> str:
    return " ".join(escape(t) for t in tokens).replace(" \n ", "<br>").replace("\n", "<br>")


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts, escaped, with line breaks kept and the words that differ marked."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    before: list[str] = []
    after: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            before.append(_join(a[i1:i2]))
            after.append(_join(b[j1:j2]))
            continue
        if op in ("delete", "replace"):
            before.append(f"<del>{_join(a[i1:i2])}</del>")
        if op in ("insert", "replace"):
            after.append(f"<ins>{_join(b[j1:j2])}</ins>")
    # Every piece of text is escaped in _join.
    return mark_safe(" ".join(before)), mark_safe(" ".join(after))  # noqa: S308


def snapshot_diff(before: Snapshot, after: Snapshot, *, include_private: bool = True) -> list[FieldChange]:
    """The fields whose value differs, in the order of the field definition."""
    labels = _Labels()
    changes = []
    for practice_field in PRACTICE_FIELDS:
        if not practice_field.public and not include_private:
            continue
        old = _field_lines(before, practice_field, labels)
        new = _field_lines(after, practice_field, labels)
        if old != new:
            changes.append(FieldChange(practice_field, old, new))
    return changes
