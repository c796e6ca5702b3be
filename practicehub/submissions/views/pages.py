"""My submissions, previews, revisions of published practices and their history."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from practicehub.accounts.roles import editor_required, is_editor
from practicehub.catalogue.models import Practice, PracticeStatus

from .. import selectors, services
from ..models import PracticeRevision, RevisionStatus
from ..preview import PreviewPractice
from ..values import snapshot_diff, snapshot_from_json, snapshot_of_practice
from .common import revision_documents


def _practice_or_404(request: HttpRequest, pk: int) -> Practice:
    practice = selectors.practice_get(pk=pk)
    if practice is None or not selectors.can_see_submission(request.user, practice):
        raise Http404(_("No submission of yours has this address."))
    return practice


def _revision_or_404(request: HttpRequest, pk: int) -> PracticeRevision:
    revision = selectors.revision_get(pk=pk)
    if revision is None or not selectors.can_see_revision(request.user, revision):
        raise Http404(_("No revision of yours has this address."))
    return revision


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    found = selectors.my_submissions(request.user)
    rows = [
        {
            "practice": practice,
            "can_edit": selectors.can_edit_practice(request.user, practice),
            "can_revise": selectors.can_propose_revision(request.user, practice),
            "has_revisions": bool(practice.revisions.all()),  # type: ignore[attr-defined]
        }
        for practice in found.practices
    ]
    waiting = selectors.revisions_waiting().count() if is_editor(request.user) else None
    return render(
        request,
        "submissions/mine.html",
        {
            "rows": rows,
            "revisions": found.revisions,
            "can_start": selectors.can_start_submission(request.user),
            "revisions_waiting": waiting,
        },
    )


def _render_preview(
    request: HttpRequest, preview: PreviewPractice, *, back_url: str, heading: str
) -> HttpResponse:
    return render(
        request, "submissions/preview.html", {"practice": preview, "back_url": back_url, "heading": heading}
    )


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The practice as it will be published, from its saved values."""
    practice = _practice_or_404(request, pk)
    snapshot = snapshot_of_practice(practice)
    page = PreviewPractice(snapshot, status=practice.status, updated_at=practice.updated_at)
    back = (
        reverse("submissions:edit", kwargs={"pk": practice.pk})
        if selectors.can_edit_practice(request.user, practice)
        else ""
    )
    return _render_preview(request, page, back_url=back, heading=_("Preview of your practice"))


@login_required
def revision_preview(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision_or_404(request, pk)
    page = PreviewPractice(snapshot_from_json(revision.proposed), updated_at=revision.updated_at)
    back = (
        reverse("submissions:revision_edit", kwargs={"pk": revision.pk})
        if selectors.can_edit_revision(request.user, revision)
        else ""
    )
    return _render_preview(request, page, back_url=back, heading=_("Preview of the proposed update"))


@login_required
@require_POST
def revise(request: HttpRequest, pk: int) -> HttpResponse:
    """Open (or reopen) the revision of a published practice and go to its form."""
    practice = _practice_or_404_for_revision(request, pk)
    try:
        revision = services.submission_start_revision(actor=request.user, practice=practice)
    except PermissionDenied:
        raise Http404 from None
    return redirect("submissions:revision_edit", pk=revision.pk)


def _practice_or_404_for_revision(request: HttpRequest, pk: int) -> Practice:
    practice = selectors.practice_get(pk=pk)
    if practice is None or not selectors.can_propose_revision(request.user, practice):
        raise Http404(_("No published practice of yours has this address."))
    return practice


@login_required
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every revision of a practice, each with its field-by-field difference."""
    practice = _practice_or_404(request, pk)
    entries = []
    for revision in selectors.revisions_of(practice):
        before = snapshot_from_json(revision.base)
        entries.append(
            {"revision": revision, "changes": snapshot_diff(before, snapshot_from_json(revision.proposed))}
        )
    return render(
        request,
        "submissions/history.html",
        {
            "practice": practice,
            "entries": entries,
            "open_revision": selectors.revision_open(practice),
            "can_revise": selectors.can_propose_revision(request.user, practice),
            "show_authors": is_editor(request.user),
        },
    )


def _revision_context(request: HttpRequest, revision: PracticeRevision, **extra: Any) -> dict[str, Any]:
    # While open, compare with what is online now; afterwards, with what was online when it started.
    if revision.is_open and revision.practice.status == PracticeStatus.PUBLISHED:
        before = snapshot_of_practice(revision.practice)
    else:
        before = snapshot_from_json(revision.base)
    return {
        "revision": revision,
        "practice": revision.practice,
        "changes": snapshot_diff(before, snapshot_from_json(revision.proposed)),
        "documents": revision_documents(revision),
        "can_edit": selectors.can_edit_revision(request.user, revision),
        "can_decide": selectors.can_decide_revision(request.user, revision),
        "show_authors": is_editor(request.user),
        "errors": {},
        "message_text": "",
        **extra,
    }


@login_required
def revision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision_or_404(request, pk)
    return render(request, "submissions/revision.html", _revision_context(request, revision))


@login_required
@require_POST
def revision_decide(request: HttpRequest, pk: int) -> HttpResponse:
    revision = _revision_or_404(request, pk)
    if not selectors.can_decide_revision(request.user, revision):
        raise PermissionDenied
    decision = request.POST.get("decision", "")
    message = request.POST.get("message", "")[:10000]
    try:
        if decision == "publish":
            services.revision_publish(actor=request.user, revision=revision, message=message)
            messages.success(request, _("The update is published: the practice's page shows it now."))
        elif decision == "request_changes":
            services.revision_request_changes(actor=request.user, revision=revision, message=message)
            messages.success(request, _("The author has been asked to change the update."))
        elif decision == "reject":
            services.revision_reject(actor=request.user, revision=revision, message=message)
            messages.success(request, _("The update has been turned down; the published page is unchanged."))
        else:
            messages.error(request, _("Choose a decision."))
    except ValidationError as error:
        context = _revision_context(request, revision, errors=error.message_dict, message_text=message)
        return render(request, "submissions/revision.html", context, status=400)
    except services.RevisionStateError as error:
        messages.error(request, error.message)
    return redirect("submissions:revision", pk=revision.pk)


@editor_required
def revision_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "submissions/revision_queue.html",
        {
            "waiting": selectors.revisions_waiting(),
            "in_progress": selectors.revisions_in_progress(),
            "status": RevisionStatus,
        },
    )
