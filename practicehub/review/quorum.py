"""The peer-review quorum: one internal (UN) and two external reviews, and whether they agree."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _

from practicehub.accounts.models import ReviewerKind

from .models import CoiStatus, Recommendation

REQUIRED_INTERNAL = 1
REQUIRED_EXTERNAL = 2


class AssignmentLike(Protocol):
    kind: str
    coi_status: str
    recommendation: str


@dataclass(frozen=True)
class QuorumStatus:
    internal_completed: int
    external_completed: int
    # Reviews still expected: assigned, not declined, no recommendation yet.
    outstanding: int
    # Completed recommendations, in the order of Recommendation, only those given.
    recommendations: tuple[tuple[str, int], ...]

    @property
    def internal_missing(self) -> int:
        return max(0, REQUIRED_INTERNAL - self.internal_completed)

    @property
    def external_missing(self) -> int:
        return max(0, REQUIRED_EXTERNAL - self.external_completed)

    @property
    def met(self) -> bool:
        return self.internal_missing == 0 and self.external_missing == 0

    @property
    def disagreement(self) -> bool:
        """Completed reviews recommend different outcomes."""
        return len(self.recommendations) > 1

    @property
    def summary(self) -> str:
        text = _(
            "%(internal)s of %(needed_internal)s internal and %(external)s of %(needed_external)s "
            "external reviews completed."
        ) % {
            "internal": self.internal_completed,
            "needed_internal": REQUIRED_INTERNAL,
            "external": self.external_completed,
            "needed_external": REQUIRED_EXTERNAL,
        }
        return text

    def recommendation_labels(self) -> list[tuple[str, int]]:
        labels = dict(Recommendation.choices)
        return [(str(labels[value]), count) for value, count in self.recommendations]


def _completed(assignment: AssignmentLike) -> bool:
    return (
        assignment.coi_status == CoiStatus.NO_CONFLICT and assignment.recommendation in Recommendation.values
    )


def review_quorum(assignments: Iterable[AssignmentLike]) -> QuorumStatus:
    """Count one round's completed reviews by kind of reviewer; declined and unfinished ones do not count."""
    internal = external = outstanding = 0
    given: Counter[str] = Counter()
    for assignment in assignments:
        if assignment.coi_status == CoiStatus.DECLINED:
            continue
        if not _completed(assignment):
            outstanding += 1
            continue
        given[assignment.recommendation] += 1
        if assignment.kind == ReviewerKind.INTERNAL:
            internal += 1
        elif assignment.kind == ReviewerKind.EXTERNAL:
            external += 1
    return QuorumStatus(
        internal_completed=internal,
        external_completed=external,
        outstanding=outstanding,
        recommendations=tuple((value, given[value]) for value in Recommendation.values if given[value]),
    )
