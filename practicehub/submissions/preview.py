"""A practice as it will be published, built from a snapshot of values without writing anything.

The object answers what the detail page's field partials ask of a Practice (catalogue/templatetags/
practice_display.py), so the preview is rendered by the same partials as the published page.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse

from practicehub.catalogue.fields import PUBLIC_ROW_ATTRIBUTES
from practicehub.catalogue.models import (
    SDG,
    Country,
    GuidingPrinciple,
    Objective,
    Organization,
    Practice,
    PracticeDocument,
    PracticeStatus,
    PracticeType,
    Region,
    ScopeLevel,
)

from .models import RevisionDocument
from .values import Snapshot


class Rows(list):  # type: ignore[type-arg]
    """A list that also answers .all(), like a related manager."""

    def all(self) -> "Rows":
        return self


def _ordered(model: Any, lookup: str, keys: Iterable[Any]) -> Rows:
    wanted = list(keys)
    found = {getattr(row, lookup): row for row in model.objects.filter(**{f"{lookup}__in": wanted})}
    return Rows(found[k] for k in wanted if k in found)


@dataclass
class _OrganizationLink:
    organization: Organization
    role: str

    @property
    def organization_id(self) -> int | None:
        return self.organization.pk


@dataclass
class _Link:
    title: str
    url: str


@dataclass
class _File:
    url: str

    def __bool__(self) -> bool:
        return True


@dataclass
class _Document:
    title: str
    file: _File
    size: int


class PreviewPractice:
    """What a practice's page shows, from a snapshot; documents link to the permission-checking view."""

    is_published = False
    published_at: datetime | None = None

    def __init__(
        self, snapshot: Snapshot, *, status: str = PracticeStatus.DRAFT, updated_at: datetime | None = None
    ) -> None:
        values = snapshot.values
        self.status = status
        self.updated_at = updated_at
        # Public values only: the focal point is never part of a page, not even a preview.
        for name in (*PUBLIC_ROW_ATTRIBUTES, "is_sample"):
            setattr(self, name, getattr(values, name))
        self.primary_objectives = _ordered(Objective, "number", values.primary_objectives)
        self.secondary_objectives = _ordered(Objective, "number", values.secondary_objectives)
        self.guiding_principles = _ordered(GuidingPrinciple, "key", values.guiding_principles)
        self.sdgs = _ordered(SDG, "number", values.sdgs)
        self.regions = _ordered(Region, "key", values.regions)
        self.countries = _ordered(Country, "iso3", values.countries)
        self.practice_type = (
            PracticeType.objects.filter(key=values.practice_type).first() if values.practice_type else None
        )
        self.scope_level = (
            ScopeLevel.objects.filter(key=values.scope_level).first() if values.scope_level else None
        )
        known = {
            o.name.casefold(): o
            for o in Organization.objects.filter(name__in=[v.name for v in values.organizations])
        }
        self.organization_links = Rows(
            _OrganizationLink(
                known.get(v.name.casefold()) or Organization(name=v.name, acronym=v.acronym), v.role
            )
            for v in values.organizations
        )
        self.links = Rows(_Link(link.title, link.url) for link in values.links)
        self.documents = Rows(self._documents(snapshot))

    @staticmethod
    def _documents(snapshot: Snapshot) -> list[_Document]:
        existing = {
            d.pk: d
            for d in PracticeDocument.objects.filter(
                pk__in=[r.document for r in snapshot.documents if r.document]
            )
        }
        pending = {
            d.pk: d
            for d in RevisionDocument.objects.filter(
                pk__in=[r.pending for r in snapshot.documents if r.pending]
            )
        }
        documents = []
        for ref in snapshot.documents:
            if ref.document in existing:
                doc = existing[ref.document]
                url = reverse("submissions:document", kwargs={"pk": doc.pk})
                documents.append(_Document(ref.title or doc.title, _File(url), doc.size))
            elif ref.pending in pending:
                pdoc = pending[ref.pending]
                url = reverse("submissions:revision_document", kwargs={"pk": pdoc.pk})
                documents.append(_Document(ref.title or pdoc.title, _File(url), pdoc.size))
        return documents

    @property
    def dates_display(self) -> str:
        return str(Practice.dates_display.fget(self))  # type: ignore[attr-defined]

    def get_status_display(self) -> Any:
        return PracticeStatus(self.status).label
