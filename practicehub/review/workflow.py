"""The review workflow as data: which action moves a practice from which states to which, and who may.

Services consult this table before writing anything; pages consult it to offer only what is allowed.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from practicehub.accounts.roles import is_contributor, is_editor, is_reviewer
from practicehub.catalogue.models import Practice, PracticeStatus

S = PracticeStatus


class Role(StrEnum):
    OWNER = "owner"  # the practice's submitter, a contributor (verified e-mail address)
    EDITOR = "editor"  # an editor (or administrator) who did not submit the practice
    REVIEWER = "reviewer"  # the reviewer of the assignment acted on


class Action(StrEnum):
    SUBMIT = "submit"
    ASSIGN = "assign"
    DECLARE_NO_CONFLICT = "declare_no_conflict"
    DECLINE = "decline"
    RECORD_REVIEW = "record_review"
    REQUEST_CHANGES = "request_changes"
    APPROVE = "approve"
    PUBLISH = "publish"
    REJECT = "reject"
    ARCHIVE = "archive"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    # The practice's status afterwards; None leaves it as it is (reviewers' steps).
    target: str | None
    role: Role


TRANSITIONS: dict[Action, Transition] = {
    Action.SUBMIT: Transition(frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.SUBMITTED, Role.OWNER),
    Action.ASSIGN: Transition(frozenset({S.SUBMITTED, S.IN_REVIEW}), S.IN_REVIEW, Role.EDITOR),
    Action.DECLARE_NO_CONFLICT: Transition(frozenset({S.IN_REVIEW}), None, Role.REVIEWER),
    Action.DECLINE: Transition(frozenset({S.IN_REVIEW}), None, Role.REVIEWER),
    Action.RECORD_REVIEW: Transition(frozenset({S.IN_REVIEW}), None, Role.REVIEWER),
    Action.REQUEST_CHANGES: Transition(
        frozenset({S.SUBMITTED, S.IN_REVIEW}), S.CHANGES_REQUESTED, Role.EDITOR
    ),
    Action.APPROVE: Transition(frozenset({S.SUBMITTED, S.IN_REVIEW}), S.APPROVED, Role.EDITOR),
    Action.PUBLISH: Transition(frozenset({S.APPROVED}), S.PUBLISHED, Role.EDITOR),
    Action.REJECT: Transition(frozenset({S.SUBMITTED, S.IN_REVIEW}), S.REJECTED, Role.EDITOR),
    Action.ARCHIVE: Transition(frozenset({S.PUBLISHED}), S.ARCHIVED, Role.EDITOR),
}
DECISIONS = (Action.REQUEST_CHANGES, Action.APPROVE, Action.REJECT)


class WorkflowStateError(Exception):
    """The action is not possible in the practice's (or the assignment's) current state."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class WorkflowPermissionError(PermissionDenied):
    """The user does not hold the role the action needs."""


def roles_of(user: Any, practice: Practice, reviewer_id: int | None = None) -> set[Role]:
    """The workflow roles `user` holds for this practice (and, for reviewers, this assignment)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    roles: set[Role] = set()
    owner = practice.submitter_id is not None and practice.submitter_id == user.pk
    if owner and is_contributor(user):
        roles.add(Role.OWNER)
    # An editor never decides on their own submission.
    if is_editor(user) and not owner:
        roles.add(Role.EDITOR)
    # Someone whose reviewer role was withdrawn no longer acts on their old assignments.
    if reviewer_id is not None and reviewer_id == user.pk and is_reviewer(user):
        roles.add(Role.REVIEWER)
    return roles


def check_allowed(
    action: Action, *, user: Any, practice: Practice, reviewer_id: int | None = None
) -> Transition:
    """The transition for `action`, or an error saying why this user cannot take it now."""
    transition = TRANSITIONS[action]
    if transition.role not in roles_of(user, practice, reviewer_id):
        raise WorkflowPermissionError(_("You are not allowed to do this."))
    if practice.status not in transition.sources:
        raise WorkflowStateError(
            _("This is not possible while the practice is “%(status)s”.")
            % {"status": PracticeStatus(practice.status).label}
        )
    return transition


def allowed_actions(user: Any, practice: Practice, reviewer_id: int | None = None) -> set[Action]:
    """Every action this user could take on the practice now (before the action's own checks)."""
    roles = roles_of(user, practice, reviewer_id)
    return {
        action
        for action, transition in TRANSITIONS.items()
        if transition.role in roles and practice.status in transition.sources
    }
