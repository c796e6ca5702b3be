"""The POST-only actions that change something, with who must be refused (and what they get).

`POST_ACTIONS` maps a label (known without a world, for test ids) to a function building the action
in a world. test_url_matrix.py checks the refusals change nothing; test_csrf.py sends each without
its CSRF token.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from .conftest import ROLES, World
from .expectations import (
    ADMIN_LOGIN,
    FORBIDDEN,
    LOGIN,
    NON_STAFF,
    NOT_FOUND,
    Expected,
    Redirect,
)


@dataclass
class PostAction:
    """A POST that changes something: every role in `refused` must get its answer and change nothing;
    `allowed` (when given) must get `allowed_answer`, and change something when `changes`."""

    path: str
    data: Callable[[], dict[str, Any]]
    refused: dict[str, Expected]
    allowed: str | None = None
    allowed_answer: Expected | None = None
    changes: bool = True


# label -> the action in a world; the labels are known without a world (test ids).
POST_ACTIONS: dict[str, Callable[[World], PostAction]] = {}


def post_action(label: str) -> Callable[[Callable[[World], PostAction]], Callable[[World], PostAction]]:
    def register(build: Callable[[World], PostAction]) -> Callable[[World], PostAction]:
        POST_ACTIONS[label] = build
        return build

    return register


def _r(name: str, *args: Any) -> str:
    return reverse(name, args=args)


NOT_EDITORS: dict[str, Expected] = dict.fromkeys(NON_STAFF, FORBIDDEN) | {"anonymous": LOGIN}
# Everyone signed in but the owner and the staff: 404, as if the thing did not exist.
STRANGERS: dict[str, Expected] = {
    role: NOT_FOUND for role in NON_STAFF if role not in ("anonymous", "contributor")
} | {"anonymous": LOGIN}


def _pdf_upload() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import PDF

    return SimpleUploadedFile("annex.pdf", PDF, "application/pdf")


@post_action("assign a reviewer")
def _assign(w: World) -> PostAction:
    return PostAction(
        _r("review:assign", w.in_review.pk),
        lambda: {"reviewer": str(w.users["unassigned_reviewer"].pk)},
        NOT_EDITORS,
        allowed="editor",
        allowed_answer=Redirect(_r("review:editor_submission", w.in_review.pk)),
    )


@post_action("assign a reviewer to a draft")
def _assign_draft(w: World) -> PostAction:
    return PostAction(
        _r("review:assign", w.draft.pk),
        lambda: {"reviewer": str(w.users["unassigned_reviewer"].pk)},
        NOT_EDITORS | {"editor": NOT_FOUND, "administrator": NOT_FOUND},
    )


@post_action("decide on a submission")
def _decide(w: World) -> PostAction:
    return PostAction(
        _r("review:decide", w.in_review.pk),
        lambda: {"decision": "approve", "message": "Fine.", "override_reason": "Urgent."},
        NOT_EDITORS,
        allowed="editor",
        allowed_answer=Redirect(_r("review:editor_submission", w.in_review.pk)),
    )


@post_action("publish an approved practice")
def _publish(w: World) -> PostAction:
    return PostAction(
        _r("review:publish", w.approved.pk),
        lambda: {"comment": ""},
        NOT_EDITORS,
        allowed="administrator",
        allowed_answer=Redirect(_r("review:editor_submission", w.approved.pk)),
    )


@post_action("archive a published practice")
def _archive(w: World) -> PostAction:
    return PostAction(
        _r("review:archive", w.published.pk),
        lambda: {"comment": ""},
        NOT_EDITORS,
        allowed="editor",
        allowed_answer=Redirect(_r("review:editor_submission", w.published.pk)),
    )


@post_action("submit someone else's draft")
def _submit(w: World) -> PostAction:
    return PostAction(
        _r("review:submit", w.draft.pk),
        dict,
        STRANGERS | {"editor": FORBIDDEN, "administrator": FORBIDDEN},
        allowed="contributor",
        allowed_answer=Redirect(_r("review:submission_status", w.draft.pk)),
    )


@post_action("answer the conflict-of-interest question of someone else's review")
def _coi(w: World) -> PostAction:
    return PostAction(
        _r("review:assignment", w.assignment.pk),
        lambda: {"step": "coi", "answer": "no_conflict"},
        {role: NOT_FOUND for role in ROLES if role != "assigned_reviewer"} | {"anonymous": LOGIN},
        allowed="assigned_reviewer",
        allowed_answer=Redirect(_r("review:assignment", w.assignment.pk)),
    )


def _review_data() -> dict[str, Any]:
    return {"step": "review", "recommendation": "publish", "comments_for_submitter": "Fine."}


@post_action("record a review after losing the reviewer role")
def _review_former(w: World) -> PostAction:
    return PostAction(
        _r("review:assignment", w.assignments["former_reviewer"].pk),
        _review_data,
        {"former_reviewer": FORBIDDEN, "assigned_reviewer": NOT_FOUND, "anonymous": LOGIN},
    )


@post_action("record a review after declining it")
def _review_declined(w: World) -> PostAction:
    page = _r("review:assignment", w.assignments["declined_reviewer"].pk)
    # Sent back to the page, which says the review was declined.
    return PostAction(page, _review_data, {"declined_reviewer": Redirect(page), "anonymous": LOGIN})


@post_action("decline a review of a finished round")
def _decline_finished(w: World) -> PostAction:
    page = _r("review:assignment", w.assignments["finished_reviewer"].pk)
    return PostAction(
        page,
        lambda: {"step": "coi", "answer": "decline", "reason": "Too late."},
        {"finished_reviewer": Redirect(page), "anonymous": LOGIN},
    )


@post_action("save someone else's draft")
def _save(w: World) -> PostAction:
    return PostAction(
        _r("submissions:edit", w.draft.pk),
        lambda: {"action": "save", "title": "Taken over"},
        STRANGERS,
        allowed="contributor",
        allowed_answer=400,  # what was typed is kept, and shown again with its errors
    )


@post_action("upload a document to someone else's draft")
def _upload(w: World) -> PostAction:
    return PostAction(
        _r("submissions:edit", w.draft.pk),
        lambda: {"action": "save", "document_file": _pdf_upload()},
        STRANGERS,
    )


@post_action("remove a document of someone else's draft")
def _remove(w: World) -> PostAction:
    return PostAction(
        _r("submissions:edit", w.draft.pk),
        lambda: {"action": "remove", "remove_document": f"d{w.draft_document.pk}"},
        STRANGERS,
    )


@post_action("change a practice while it is reviewed")
def _change_in_review(w: World) -> PostAction:
    return PostAction(
        _r("submissions:edit", w.in_review.pk),
        lambda: {"action": "save", "title": "Changed during review"},
        STRANGERS | {"contributor": Redirect(_r("review:submission_status", w.in_review.pk))},
    )


@post_action("start an update of someone else's published practice")
def _revise(w: World) -> PostAction:
    return PostAction(
        _r("submissions:revise", w.published.pk),
        dict,
        STRANGERS,
        allowed="contributor",
        allowed_answer=Redirect(_r("submissions:revision_edit", w.revision.pk)),
        changes=False,  # the open update is reopened, not duplicated
    )


@post_action("decide on an update")
def _revision_decide(w: World) -> PostAction:
    return PostAction(
        _r("submissions:revision_decide", w.revision.pk),
        lambda: {"decision": "publish", "message": ""},
        STRANGERS | {"contributor": FORBIDDEN},
        allowed="editor",
        allowed_answer=Redirect(_r("submissions:revision", w.revision.pk)),
    )


@post_action("change an update sent to the editors")
def _revision_edit(w: World) -> PostAction:
    return PostAction(
        _r("submissions:revision_edit", w.revision.pk),
        lambda: {"action": "save", "title": "Changed"},
        STRANGERS | {"contributor": Redirect(_r("submissions:revision", w.revision.pk))},
    )


@post_action("start a practice")
def _new(w: World) -> PostAction:
    return PostAction(
        _r("submissions:new"),
        lambda: {"action": "save", "title": "A new practice"},
        {"anonymous": LOGIN},
        allowed="other_contributor",
        allowed_answer=400,
    )


@post_action("start a practice from the Word template")
def _word(w: World) -> PostAction:
    return PostAction(_r("submissions:word_upload"), dict, {"anonymous": LOGIN})


@post_action("import practices")
def _import(w: World) -> PostAction:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return PostAction(
        _r("transfer:practice_import"),
        lambda: {"file": SimpleUploadedFile("x.csv", b"id,title\n", "text/csv"), "status": "published"},
        dict.fromkeys(NON_STAFF, ADMIN_LOGIN),
    )


@post_action("change a profile")
def _profile(w: World) -> PostAction:
    return PostAction(
        _r("accounts:profile"),
        lambda: {"full_name": "Someone Else"},
        {"anonymous": LOGIN},
        allowed="contributor",
        allowed_answer=Redirect(_r("accounts:profile")),
    )
