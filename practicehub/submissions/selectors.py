"""Reads for the submission pages, and who may see or edit what.

Drafts and submissions are private: only their submitter and the editors see them (and, for
documents, the reviewers whose assignment grants access now: review/selectors.py). Pages answer 404
to everyone else, so the existence of someone else's draft is not revealed.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Max, QuerySet

from practicehub.accounts.roles import is_contributor, is_editor
from practicehub.catalogue.models import CallForPractices, Practice, PracticeDocument, PracticeStatus
from practicehub.review.selectors import calls_open, reviewer_has_access

from .models import OPEN_REVISION_STATES, DraftInput, PracticeRevision, RevisionDocument, RevisionStatus

S = PracticeStatus
# The owner edits a practice while it is theirs to change; editors also while it is being reviewed.
OWNER_EDITABLE = (S.DRAFT, S.CHANGES_REQUESTED)
EDITOR_EDITABLE = (S.DRAFT, S.CHANGES_REQUESTED, S.SUBMITTED, S.IN_REVIEW, S.APPROVED)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_owner(user: Any, practice: Practice) -> bool:
    return _active(user) and practice.submitter_id is not None and practice.submitter_id == user.pk


def can_start_submission(user: Any) -> bool:
    return is_contributor(user) or is_editor(user)


def can_see_submission(user: Any, practice: Practice) -> bool:
    return is_owner(user, practice) or is_editor(user)


def can_edit_practice(user: Any, practice: Practice) -> bool:
    if is_owner(user, practice) and practice.status in OWNER_EDITABLE:
        return True
    return is_editor(user) and practice.status in EDITOR_EDITABLE


def can_submit_practice(user: Any, practice: Practice) -> bool:
    """The review workflow lets only the submitter send a practice to the editors."""
    return is_owner(user, practice) and practice.status in OWNER_EDITABLE


def can_propose_revision(user: Any, practice: Practice) -> bool:
    return practice.status == S.PUBLISHED and (is_owner(user, practice) or is_editor(user))


def can_download_document(user: Any, practice: Practice) -> bool:
    """Everyone once published; before that the owner, the editors and the reviewers whose assignment
    grants access now (not declined, current round, practice in review, still a reviewer)."""
    if practice.status == S.PUBLISHED:
        return True
    return can_see_submission(user, practice) or reviewer_has_access(user, practice)


def can_see_revision(user: Any, revision: PracticeRevision) -> bool:
    return (
        (_active(user) and revision.author_id == user.pk)
        or is_owner(user, revision.practice)
        or is_editor(user)
    )


def can_edit_revision(user: Any, revision: PracticeRevision) -> bool:
    if not revision.is_editable or revision.practice.status != S.PUBLISHED:
        return False
    return (_active(user) and revision.author_id == user.pk) or is_editor(user)


def can_submit_revision(user: Any, revision: PracticeRevision) -> bool:
    return can_edit_revision(user, revision) and _active(user) and revision.author_id == user.pk


def can_decide_revision(user: Any, revision: PracticeRevision) -> bool:
    """An editor who did not propose the revision, while it waits for a decision."""
    return (
        revision.status == RevisionStatus.SUBMITTED
        and is_editor(user)
        and revision.author_id != user.pk
        and revision.practice.status == S.PUBLISHED
    )


# Reads ---------------------------------------------------------------------------------------------


def practice_get(*, pk: int) -> Practice | None:
    return (
        Practice.objects.select_related("submitter", "call", "practice_type", "scope_level")
        .filter(pk=pk)
        .first()
    )


def revision_get(*, pk: int) -> PracticeRevision | None:
    return PracticeRevision.objects.select_related("practice", "author", "decided_by").filter(pk=pk).first()


def draft_input_for(
    *, practice: Practice | None = None, revision: PracticeRevision | None = None
) -> dict | None:
    if practice is not None and practice.pk:
        row = DraftInput.objects.filter(practice=practice).first()
    elif revision is not None:
        row = DraftInput.objects.filter(revision=revision).first()
    else:
        row = None
    return row.data if row is not None else None


def revision_open(practice: Practice) -> PracticeRevision | None:
    return PracticeRevision.objects.filter(practice=practice, status__in=OPEN_REVISION_STATES).first()


def revisions_of(practice: Practice) -> QuerySet[PracticeRevision]:
    return (
        PracticeRevision.objects.filter(practice=practice)
        .select_related("author", "decided_by")
        .order_by("-number")
    )


def revision_next_number(practice: Practice) -> int:
    return (PracticeRevision.objects.filter(practice=practice).aggregate(n=Max("number"))["n"] or 0) + 1


def revisions_waiting() -> QuerySet[PracticeRevision]:
    """Revisions that editors are asked to decide on, oldest first."""
    return (
        PracticeRevision.objects.filter(status=RevisionStatus.SUBMITTED)
        .select_related("practice", "author")
        .order_by("submitted_at", "pk")
    )


def revisions_in_progress() -> QuerySet[PracticeRevision]:
    return (
        PracticeRevision.objects.filter(status__in=(RevisionStatus.DRAFT, RevisionStatus.CHANGES_REQUESTED))
        .select_related("practice", "author")
        .order_by("-updated_at", "-pk")
    )


@dataclass
class MySubmissions:
    practices: list[Practice]
    revisions: list[PracticeRevision]


def my_submissions(user: Any) -> MySubmissions:
    """The user's own practices (every status) and the revisions they proposed that are still open."""
    practices = list(
        Practice.objects.filter(submitter=user)
        .select_related("call")
        .prefetch_related("revisions")
        .order_by("-updated_at", "-pk")
    )
    revisions = list(
        PracticeRevision.objects.filter(author=user, status__in=OPEN_REVISION_STATES)
        .select_related("practice")
        .order_by("-updated_at")
    )
    return MySubmissions(practices=practices, revisions=revisions)


def call_choices(current: CallForPractices | None) -> list[tuple[str, str]]:
    """Open calls, and the practice's own call even once it has closed."""
    calls = list(calls_open())
    if current is not None and current not in calls:
        calls.append(current)
    return [(str(c.pk), c.title) for c in calls]


def call_get(*, pk: str) -> CallForPractices | None:
    return CallForPractices.objects.filter(pk=int(pk)).first() if pk.isdigit() else None


def document_get(*, pk: int) -> PracticeDocument | None:
    return PracticeDocument.objects.select_related("practice").filter(pk=pk).first()


def revision_document_get(*, pk: int) -> RevisionDocument | None:
    return RevisionDocument.objects.select_related("revision__practice").filter(pk=pk).first()
