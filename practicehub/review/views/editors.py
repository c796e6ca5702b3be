from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from practicehub.accounts.roles import editor_required
from practicehub.catalogue.models import Practice, PracticeStatus

from .. import selectors, services
from ..forms import AssignReviewerForm, CommentForm, DecisionForm
from ..models import DecisionAction
from ..selectors import AGE_BUCKETS
from ..workflow import Action, WorkflowStateError, allowed_actions


@editor_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "review/dashboard.html",
        {
            "states": selectors.editor_dashboard(),
            "counts": selectors.state_counts(),
            "age_buckets": AGE_BUCKETS,
        },
    )


def _practice(pk: int) -> Practice:
    practice = selectors.practice_for_review(pk=pk)
    # Drafts belong to their authors until they are submitted.
    if practice is None or practice.status == PracticeStatus.DRAFT:
        raise Http404
    return practice


def _render(request: HttpRequest, practice: Practice, status: int = 200, **forms: Any) -> HttpResponse:
    rounds = selectors.rounds_with_assignments(practice)
    current = rounds[-1] if rounds else None
    context = {
        "practice": practice,
        "rounds": rounds,
        "current_round": current,
        "quorum": selectors.quorum_of(current),
        "actions": {str(a) for a in allowed_actions(request.user, practice)},
        "history": selectors.history_for_editor(practice)[:200],
        "assign_form": forms.get("assign_form") or AssignReviewerForm(practice=practice),
        "decision_form": forms.get("decision_form") or DecisionForm(),
        "comment_form": CommentForm(),
        "is_own_submission": practice.submitter_id == request.user.pk,
    }
    return render(request, "review/editor_submission.html", context, status=status)


@editor_required
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _practice(pk))


def _apply_errors(form: Any, error: ValidationError) -> None:
    for name, texts in error.message_dict.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


@editor_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(pk)
    form = AssignReviewerForm(request.POST, practice=practice)
    if form.is_valid():
        try:
            assignment = services.review_assign(
                actor=request.user, practice=practice, reviewer=form.cleaned_data["reviewer"]
            )
        except ValidationError as error:
            _apply_errors(form, error)
        except WorkflowStateError as error:
            messages.error(request, error.message)
            return redirect("review:editor_submission", pk=pk)
        else:
            messages.success(
                request, _("%(reviewer)s has been asked to review.") % {"reviewer": assignment.reviewer}
            )
            return redirect("review:editor_submission", pk=pk)
    return _render(request, practice, status=400, assign_form=form)


DECIDE = {
    DecisionAction.REQUEST_CHANGES: lambda actor, practice, data: services.practice_request_changes(
        actor=actor, practice=practice, message=data["message"], override_reason=data["override_reason"]
    ),
    DecisionAction.APPROVE: lambda actor, practice, data: services.practice_approve(
        actor=actor, practice=practice, message=data["message"], override_reason=data["override_reason"]
    ),
    DecisionAction.REJECT: lambda actor, practice, data: services.practice_reject(
        actor=actor, practice=practice, reasons=data["message"], override_reason=data["override_reason"]
    ),
}


@editor_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _practice(pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            DECIDE[DecisionAction(form.cleaned_data["decision"])](request.user, practice, form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        except WorkflowStateError as error:
            messages.error(request, error.message)
            return redirect("review:editor_submission", pk=pk)
        else:
            messages.success(
                request,
                _("Decision recorded: the practice is now “%(status)s”. The submitter has been told.")
                % {"status": practice.get_status_display()},
            )
            return redirect("review:editor_submission", pk=pk)
    return _render(request, practice, status=400, decision_form=form)


def _move(request: HttpRequest, pk: int, action: Action) -> HttpResponse:
    practice = _practice(pk)
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    service = services.practice_publish if action == Action.PUBLISH else services.practice_archive
    try:
        service(actor=request.user, practice=practice, comment=comment)
    except WorkflowStateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The practice is now “%(status)s”.") % {"status": practice.get_status_display()}
        )
    return redirect("review:editor_submission", pk=pk)


@editor_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, Action.PUBLISH)


@editor_required
@require_POST
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, Action.ARCHIVE)
