"""Which practices a harvester sees, in datestamp order, and the sets they belong to.

Published practices are records. A practice that was published and is now archived is reported as
deleted (a header with status="deleted", no metadata): the repository's deletedRecord policy is
"transient". Nothing else that is not published is ever mentioned: an unpublished identifier does
not exist. Datestamps are the practice's `updated_at`.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Min, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from practicehub.catalogue.models import Objective, Practice, PracticeOrganization, PracticeStatus

from .arguments import Harvest

OBJECTIVE_SET = "objective"
_OBJECTIVE_SPEC = re.compile(r"^objective:(\d{1,4})$")
_IDENTIFIER = re.compile(r"^oai:(?P<namespace>[^:]+):practice/(?P<pk>\d{1,18})$")

_EXPOSED = Q(status=PracticeStatus.PUBLISHED) | Q(status=PracticeStatus.ARCHIVED, published_at__isnull=False)


def oai_namespace() -> str:
    """The repository's identifier namespace: PRACTICEHUB_OAI_NAMESPACE, else the host of
    PRACTICEHUB_SITE_URL. Never the host a request came in on, so identifiers do not change with it."""
    configured = str(settings.PRACTICEHUB_OAI_NAMESPACE)
    return (configured or urlsplit(str(settings.PRACTICEHUB_SITE_URL)).hostname or "").lower()


def oai_identifier(namespace: str, practice_id: int) -> str:
    return f"oai:{namespace}:practice/{practice_id}"


def practice_id_from(identifier: str, namespace: str) -> int | None:
    """The practice id in an identifier of this repository, or None."""
    found = _IDENTIFIER.match(identifier)
    if found is None or found["namespace"].lower() != namespace.lower():
        return None
    return int(found["pk"])


def is_deleted(practice: Practice) -> bool:
    return practice.status != PracticeStatus.PUBLISHED


def exposed_practices() -> QuerySet[Practice]:
    """Every practice a harvester may hear of: published ones, and archived ones as deleted."""
    return Practice.objects.filter(_EXPOSED)


def earliest_datestamp() -> datetime | None:
    return exposed_practices().aggregate(earliest=Min("updated_at"))["earliest"]


def _in_objective_set(numbers: list[int] | None) -> Q:
    """Practices with these objectives, primary or secondary (all objectives when None)."""
    primary = Practice.objects.filter(primary_objectives__isnull=False)
    secondary = Practice.objects.filter(secondary_objectives__isnull=False)
    if numbers is not None:
        primary = Practice.objects.filter(primary_objectives__number__in=numbers)
        secondary = Practice.objects.filter(secondary_objectives__number__in=numbers)
    return Q(pk__in=primary.values("pk")) | Q(pk__in=secondary.values("pk"))


def set_filter(set_spec: str) -> Q | None:
    """The practices in a set, or None when the repository has no such set."""
    if set_spec == OBJECTIVE_SET:
        return _in_objective_set(None)
    found = _OBJECTIVE_SPEC.match(set_spec)
    if found and Objective.objects.filter(number=int(found[1])).exists():
        return _in_objective_set([int(found[1])])
    return None


@dataclass(frozen=True)
class OAISet:
    spec: str
    name: str
    description: str = ""


def oai_sets() -> list[OAISet]:
    """The set hierarchy: every GCM objective, under one set of all of them."""
    sets = [OAISet(OBJECTIVE_SET, _("GCM objectives"))]
    sets.extend(
        OAISet(
            f"{OBJECTIVE_SET}:{o.number}",
            _("GCM objective %(number)s: %(label)s") % {"number": o.number, "label": o.short_label},
            o.title,
        )
        for o in Objective.objects.order_by("number")
    )
    return sets


def set_specs(practice: Practice) -> list[str]:
    """The sets a practice is in (prefetched objectives are used when present)."""
    numbers = {o.number for o in practice.primary_objectives.all()}
    numbers.update(o.number for o in practice.secondary_objectives.all())
    return [f"{OBJECTIVE_SET}:{n}" for n in sorted(numbers)]


def with_record_data(queryset: QuerySet[Practice], *, metadata: bool) -> QuerySet[Practice]:
    """What headers (and, with metadata, oai_dc records) read, in a fixed number of queries."""
    queryset = queryset.prefetch_related("primary_objectives", "secondary_objectives")
    if not metadata:
        return queryset
    return queryset.select_related("practice_type").prefetch_related(
        "guiding_principles",
        "sdgs",
        "regions",
        "countries",
        "links",
        Prefetch("organization_links", queryset=PracticeOrganization.objects.select_related("organization")),
    )


def harvest_queryset(harvest: Harvest) -> QuerySet[Practice] | None:
    """The practices a list request selects, in datestamp order; None for an unknown set."""
    queryset = exposed_practices()
    if harvest.set_spec is not None:
        in_set = set_filter(harvest.set_spec)
        if in_set is None:
            return None
        queryset = queryset.filter(in_set)
    if (lower := harvest.lower) is not None:
        queryset = queryset.filter(updated_at__gte=lower)
    if (upper := harvest.upper) is not None:
        queryset = queryset.filter(updated_at__lt=upper)
    return queryset.order_by("updated_at", "pk")


def page_after(
    queryset: QuerySet[Practice], after: tuple[datetime, int] | None, size: int, *, metadata: bool
) -> tuple[list[Practice], bool]:
    """Up to `size` practices after a position, and whether more follow."""
    if after is not None:
        moment, pk = after
        queryset = queryset.filter(Q(updated_at__gt=moment) | Q(updated_at=moment, pk__gt=pk))
    found = list(with_record_data(queryset, metadata=metadata)[: size + 1])
    return found[:size], len(found) > size


def practice_for_record(practice_id: int) -> Practice | None:
    return with_record_data(exposed_practices().filter(pk=practice_id), metadata=True).first()
