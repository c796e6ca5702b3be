from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from practicehub.accounts.roles import forbidden, is_reviewer, reviewer_required

from .. import selectors, services
from ..forms import ConflictOfInterestForm, ReviewForm
from ..models import ReviewAssignment
from ..workflow import WorkflowStateError


@reviewer_required
def my_reviews(request: HttpRequest) -> HttpResponse:
    return render(request, "review/my_reviews.html", {"queues": selectors.my_reviews(request.user)})


def _render(
    request: HttpRequest,
    assignment: ReviewAssignment,
    coi_form: ConflictOfInterestForm | None = None,
    review_form: ReviewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    practice = assignment.round.practice
    current = selectors.round_current(practice)
    can_act = current is not None and current.pk == assignment.round_id and practice.status == "in_review"
    context = {
        "assignment": assignment,
        "practice": practice,
        "can_act": can_act,
        # The practice's text and documents only while the assignment grants access (not once declined
        # or the round is over); the reviewer's own record stays visible.
        "can_read": selectors.assignment_grants_access(assignment),
        "due": selectors.assignment_due(assignment),
        "coi_form": coi_form or ConflictOfInterestForm(),
        "review_form": review_form or ReviewForm(),
    }
    return render(request, "review/assignment.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = selectors.assignment_get(pk=pk)
    # Only the assigned reviewer ever sees this page, editors included.
    if assignment is None or assignment.reviewer_id != request.user.pk:
        raise Http404
    if not is_reviewer(request.user):
        return forbidden(request, role="reviewer")
    if request.method == "GET":
        return _render(request, assignment)
    step = request.POST.get("step")
    try:
        if step == "coi":
            coi_form = ConflictOfInterestForm(request.POST)
            if not coi_form.is_valid():
                return _render(request, assignment, coi_form=coi_form, status=400)
            if coi_form.cleaned_data["answer"] == ConflictOfInterestForm.NO_CONFLICT:
                services.review_declare_no_conflict(actor=request.user, assignment=assignment)
                messages.success(request, _("Thank you. You can now record your review."))
            else:
                services.review_decline(
                    actor=request.user, assignment=assignment, reason=coi_form.cleaned_data["reason"]
                )
                messages.success(request, _("You declined this review. The editors have been told."))
        elif step == "review":
            review_form = ReviewForm(request.POST)
            if not review_form.is_valid():
                return _render(request, assignment, review_form=review_form, status=400)
            services.review_record(actor=request.user, assignment=assignment, **review_form.cleaned_data)
            messages.success(request, _("Your review has been recorded. Thank you."))
        else:
            messages.error(request, _("Choose an answer and send the form again."))
    except WorkflowStateError as error:
        messages.error(request, error.message)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    return redirect("review:assignment", pk=assignment.pk)
