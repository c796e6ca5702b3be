from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from practicehub.accounts.roles import is_editor
from practicehub.catalogue.fields import FIELDS_BY_NAME
from practicehub.catalogue.models import Practice

from .. import selectors, services
from ..workflow import Action, WorkflowStateError, allowed_actions


def _own_practice(request: HttpRequest, pk: int) -> Practice:
    practice = selectors.practice_for_review(pk=pk)
    if practice is None:
        raise Http404
    if practice.submitter_id != request.user.pk and not is_editor(request.user):
        raise Http404
    return practice


def _render(
    request: HttpRequest, practice: Practice, errors: dict[str, list[str]] | None = None, status: int = 200
) -> HttpResponse:
    labelled_errors = [
        (FIELDS_BY_NAME[name].label if name in FIELDS_BY_NAME else "", texts)
        for name, texts in (errors or {}).items()
    ]
    context = {
        "practice": practice,
        "timeline": selectors.status_timeline(practice),
        "rounds": selectors.submitter_rounds(practice),
        "can_submit": Action.SUBMIT in allowed_actions(request.user, practice),
        "errors": labelled_errors,
    }
    return render(request, "review/submission_status.html", context, status=status)


@login_required
def submission_status(request: HttpRequest, pk: int) -> HttpResponse:
    """What the submitter sees: status, dates of each step, and the comments meant for them."""
    return _render(request, _own_practice(request, pk))


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _own_practice(request, pk)
    try:
        services.practice_submit(actor=request.user, practice=practice)
    except services.SubmissionIncomplete as error:
        return _render(request, practice, errors=error.message_dict, status=400)
    except WorkflowStateError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your practice has been submitted. The editors will be in touch."))
    return redirect("review:submission_status", pk=practice.pk)
