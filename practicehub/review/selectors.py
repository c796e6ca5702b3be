"""Reads for the review pages and for the calls for practices."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import CharField, Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from practicehub.accounts.roles import is_reviewer
from practicehub.accounts.selectors import reviewer_list
from practicehub.catalogue.models import CallForPractices, Practice, PracticeStatus
from practicehub.core.models import AuditEvent

from .models import CoiStatus, Decision, ReviewAssignment, ReviewRound
from .quorum import QuorumStatus, review_quorum

S = PracticeStatus
REVIEW_DUE_DAYS = 14
# The states in which a submission waits for someone, in workflow order.
QUEUE_STATES: tuple[str, ...] = (S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED)
# Age buckets of the editor dashboard: (upper bound in days, inclusive) ... and older.
AGE_BUCKETS: tuple[int, ...] = (7, 30)


# Calls for practices ----------------------------------------------------------------------------


def _today(on: date | None) -> date:
    return on or timezone.localdate()


def calls_published() -> QuerySet[CallForPractices]:
    return CallForPractices.objects.filter(is_published=True)


def calls_open(on: date | None = None) -> QuerySet[CallForPractices]:
    """Published calls accepting submissions on that day (today by default), closing soonest first."""
    day = _today(on)
    return calls_published().filter(opens_on__lte=day, closes_on__gte=day).order_by("closes_on", "title")


def calls_open_listing(on: date | None = None) -> list[CallForPractices]:
    """The open calls with their focus objectives, for a listing (the home page)."""
    return list(calls_open(on).prefetch_related("focus_objectives"))


def calls_upcoming(on: date | None = None) -> QuerySet[CallForPractices]:
    return calls_published().filter(opens_on__gt=_today(on)).order_by("opens_on", "title")


def calls_past(on: date | None = None) -> QuerySet[CallForPractices]:
    return calls_published().filter(closes_on__lt=_today(on)).order_by("-closes_on", "title")


def calls_with_published_counts() -> QuerySet[CallForPractices]:
    """Published calls with `published_count`: how many published practices answer each (for a facet)."""
    return calls_published().annotate(
        published_count=Count("practices", filter=Q(practices__status=S.PUBLISHED), distinct=True)
    )


def call_get(*, slug: str) -> CallForPractices | None:
    return calls_published().prefetch_related("focus_objectives").filter(slug=slug).first()


def call_published_practices(call: CallForPractices) -> QuerySet[Practice]:
    """Only published practices: drafts and submissions answering the call stay private."""
    return (
        Practice.objects.published()
        .filter(call=call)
        .select_related("practice_type", "scope_level")
        .prefetch_related("primary_objectives", "secondary_objectives", "countries", "regions")
        .order_by("-published_at", "-id")
    )


# Rounds, assignments and quorum -----------------------------------------------------------------


def rounds_with_assignments(practice: Practice) -> list[ReviewRound]:
    return list(
        ReviewRound.objects.filter(practice=practice)
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "assignments", queryset=ReviewAssignment.objects.select_related("reviewer", "assigned_by")
            ),
            Prefetch("decisions", queryset=Decision.objects.select_related("editor")),
        )
    )


def round_current(practice: Practice) -> ReviewRound | None:
    return ReviewRound.objects.filter(practice=practice).order_by("-number").first()


def assignments_granting_access(practice: Practice) -> QuerySet[ReviewAssignment]:
    """The assignments that let their reviewer read the unpublished practice (and its documents) NOW:
    the practice is in review, the assignment is of its current round and was not declined, and the
    reviewer is still an active reviewer. Access follows the current state, never a past assignment."""
    if practice.status != S.IN_REVIEW:
        return ReviewAssignment.objects.none()
    current = ReviewRound.objects.filter(practice=practice).order_by("-number").values("pk")[:1]
    return (
        ReviewAssignment.objects.filter(round=Subquery(current), reviewer__is_active=True)
        .exclude(reviewer__reviewer_kind="")
        .exclude(coi_status=CoiStatus.DECLINED)
    )


def reviewer_has_access(user: Any, practice: Practice) -> bool:
    return is_reviewer(user) and assignments_granting_access(practice).filter(reviewer=user).exists()


def assignment_grants_access(assignment: ReviewAssignment) -> bool:
    return assignments_granting_access(assignment.round.practice).filter(pk=assignment.pk).exists()


def quorum_of(review_round: ReviewRound | None) -> QuorumStatus:
    return review_quorum(review_round.assignments.all() if review_round else [])


def reviewer_candidates(practice: Practice) -> QuerySet[Any]:
    """Active reviewers who can still be assigned to the current round (never the submitter)."""
    users = reviewer_list()
    if practice.submitter_id:
        users = users.exclude(pk=practice.submitter_id)
    current = round_current(practice)
    if current is not None:
        users = users.exclude(review_assignments__round=current)
    return users.order_by("reviewer_kind", "full_name", "email")


def assignment_due(assignment: ReviewAssignment) -> datetime:
    return assignment.assigned_at + timedelta(days=REVIEW_DUE_DAYS)


def assignments_overdue(*, days: int, now: datetime | None = None) -> QuerySet[ReviewAssignment]:
    """Open assignments of practices in review, assigned more than `days` days ago, in the current round."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    latest = (
        ReviewRound.objects.filter(practice=OuterRef("round__practice")).order_by("-number").values("pk")[:1]
    )
    return (
        ReviewAssignment.objects.filter(
            round__practice__status=S.IN_REVIEW,
            recommendation="",
            assigned_at__lt=cutoff,
            reviewer__is_active=True,
        )
        .exclude(coi_status="declined")
        .filter(round=Subquery(latest))
        .select_related("round__practice", "reviewer")
        .order_by("assigned_at", "pk")
    )


# Queues -----------------------------------------------------------------------------------------


@dataclass
class ReviewQueueItem:
    assignment: ReviewAssignment
    practice: Practice
    is_current: bool
    due: datetime
    is_overdue: bool

    @property
    def can_act(self) -> bool:
        return self.is_current and self.practice.status == S.IN_REVIEW and self.assignment.is_open


def my_reviews(user: Any, *, now: datetime | None = None) -> dict[str, list[ReviewQueueItem]]:
    """The user's assignments: `to_do` (still expected from them), `done` (recorded, declined, closed)."""
    now = now or timezone.now()
    latest = (
        ReviewRound.objects.filter(practice=OuterRef("round__practice")).order_by("-number").values("pk")[:1]
    )
    assignments = (
        ReviewAssignment.objects.filter(reviewer=user)
        .annotate(latest_round=Subquery(latest))
        .select_related("round__practice")
        .order_by("-assigned_at", "-pk")
    )
    queues: dict[str, list[ReviewQueueItem]] = {"to_do": [], "done": []}
    for assignment in assignments:
        due = assignment_due(assignment)
        item = ReviewQueueItem(
            assignment=assignment,
            practice=assignment.round.practice,
            is_current=assignment.round_id == assignment.latest_round,  # type: ignore[attr-defined]
            due=due,
            is_overdue=due < now,
        )
        item.is_overdue = item.is_overdue and item.can_act
        queues["to_do" if item.can_act else "done"].append(item)
    queues["to_do"].sort(key=lambda i: i.due)
    return queues


def _state_since() -> Coalesce:
    """When the practice entered its current status (from the audit log; last update otherwise)."""
    entered = (
        AuditEvent.objects.filter(
            target_type=Practice._meta.label_lower,
            target_id=Cast(OuterRef("pk"), output_field=CharField()),
            to_state=OuterRef("status"),
        )
        .exclude(from_state=OuterRef("status"))
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    return Coalesce(Subquery(entered), "updated_at")


@dataclass
class DashboardRow:
    practice: Practice
    since: datetime
    age_days: int
    quorum: QuorumStatus | None = None
    overdue_reviews: int = 0


@dataclass
class DashboardState:
    status: str
    label: Any
    rows: list[DashboardRow] = field(default_factory=list)
    buckets: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)


def age_bucket(age_days: int) -> int:
    """Index into AGE_BUCKETS (len(AGE_BUCKETS) for the oldest)."""
    for index, bound in enumerate(AGE_BUCKETS):
        if age_days <= bound:
            return index
    return len(AGE_BUCKETS)


def editor_dashboard(*, now: datetime | None = None) -> list[DashboardState]:
    """Submissions waiting in each state, oldest first, with their age in days and review progress."""
    now = now or timezone.now()
    practices = (
        Practice.objects.filter(status__in=QUEUE_STATES)
        .annotate(state_since=_state_since())
        .select_related("submitter", "call")
        .prefetch_related(
            Prefetch(
                "review_rounds",
                queryset=ReviewRound.objects.order_by("number").prefetch_related("assignments"),
            )
        )
        .order_by("state_since", "pk")
    )
    states = {
        status: DashboardState(status, S(status).label, buckets=[0] * (len(AGE_BUCKETS) + 1))
        for status in QUEUE_STATES
    }
    for practice in practices:
        since = practice.state_since  # type: ignore[attr-defined]
        age = max(0, (now - since).days)
        row = DashboardRow(practice=practice, since=since, age_days=age)
        rounds = list(practice.review_rounds.all())  # type: ignore[attr-defined]
        if practice.status == S.IN_REVIEW and rounds:
            assignments = list(rounds[-1].assignments.all())
            row.quorum = review_quorum(assignments)
            row.overdue_reviews = sum(1 for a in assignments if a.is_open and assignment_due(a) < now)
        state = states[practice.status]
        state.rows.append(row)
        state.buckets[age_bucket(age)] += 1
    return list(states.values())


def state_counts() -> list[tuple[str, Any, int]]:
    """(status, label, number of practices) for every status, in workflow order."""
    counts = dict(Practice.objects.order_by().values_list("status").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in S.choices]


# Pages of one submission -----------------------------------------------------------------------


def practice_for_review(*, pk: int) -> Practice | None:
    return (
        Practice.objects.select_related("submitter", "call", "practice_type", "scope_level")
        .filter(pk=pk)
        .first()
    )


def assignment_get(*, pk: int) -> ReviewAssignment | None:
    return ReviewAssignment.objects.select_related("round__practice", "reviewer").filter(pk=pk).first()


@dataclass
class TimelineEntry:
    when: datetime
    from_status: str
    to_status: str

    @property
    def from_label(self) -> Any:
        return S(self.from_status).label if self.from_status in S.values else ""

    @property
    def to_label(self) -> Any:
        return S(self.to_status).label if self.to_status in S.values else self.to_status


def status_timeline(practice: Practice) -> list[TimelineEntry]:
    """Status changes only: when, from, to. No names, no internal comments (safe for the submitter)."""
    events = (
        AuditEvent.objects.filter(target_type=Practice._meta.label_lower, target_id=str(practice.pk))
        .exclude(to_state="")
        .order_by("created_at", "id")
        .values_list("created_at", "from_state", "to_state")
    )
    return [TimelineEntry(when, old, new) for when, old, new in events if old != new]


def history_for_editor(practice: Practice) -> QuerySet[AuditEvent]:
    """Every audit row of the practice and of its review assignments, newest first, with who did it."""
    assignment_ids = [
        str(pk)
        for pk in ReviewAssignment.objects.filter(round__practice=practice).values_list("pk", flat=True)
    ]
    return AuditEvent.objects.filter(
        Q(target_type=Practice._meta.label_lower, target_id=str(practice.pk))
        | Q(target_type=ReviewAssignment._meta.label_lower, target_id__in=assignment_ids)
    ).select_related("actor")


@dataclass(frozen=True)
class SubmitterMessage:
    when: datetime
    decision: Any
    message: str


@dataclass
class SubmitterRound:
    """What the submitter may see of one round: the editor's decisions and messages and the reviewers'
    comments meant for them, without names, and only once the editor has decided on the round.
    Built from plain values so that no template can reach a reviewer, an editor or a private comment."""

    number: int
    submitted_at: datetime
    messages: list[SubmitterMessage]
    reviewer_comments: list[str]


def submitter_rounds(practice: Practice) -> list[SubmitterRound]:
    result = []
    for review_round in rounds_with_assignments(practice):
        decisions = list(review_round.decisions.all())
        messages = [
            SubmitterMessage(d.created_at, d.get_action_display(), d.message_to_submitter) for d in decisions
        ]
        comments = []
        if decisions:
            comments = [
                a.comments_for_submitter
                for a in review_round.assignments.all()
                if a.is_complete and a.comments_for_submitter
            ]
        result.append(SubmitterRound(review_round.number, review_round.submitted_at, messages, comments))
    return result
