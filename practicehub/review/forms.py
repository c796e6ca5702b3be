from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DecisionAction, Recommendation
from .selectors import reviewer_candidates


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.get_reviewer_kind_display()}, {obj.email})"


class AssignReviewerForm(forms.Form):
    reviewer = ReviewerChoiceField(
        label=_("Reviewer"),
        queryset=None,
        empty_label=_("Choose a reviewer"),
        help_text=_("Only people registered as internal or external reviewers are listed."),
    )

    def __init__(self, *args: Any, practice: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewer_candidates(practice)  # type: ignore[attr-defined]


class ConflictOfInterestForm(forms.Form):
    NO_CONFLICT = "no_conflict"
    DECLINE = "decline"
    answer = forms.ChoiceField(
        label=_("Conflict of interest"),
        widget=forms.RadioSelect,
        choices=[
            (
                NO_CONFLICT,
                _("I declare that I have no conflict of interest with this practice or its organizations."),
            ),
            (DECLINE, _("I decline this review (a conflict of interest, or I cannot review it in time).")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason for declining (seen by the editors only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), widget=forms.RadioSelect, choices=Recommendation.choices
    )
    comments_for_submitter = forms.CharField(
        label=_("Comments for the submitter"),
        help_text=_("Sent to the submitter with the editor's decision, without your name."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
    )
    private_comments = forms.CharField(
        label=_("Private comments for the editor"),
        help_text=_("Only the editors read these."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect, choices=DecisionAction.choices
    )
    message = forms.CharField(
        label=_("Message to the submitter"),
        help_text=_("Required to request changes (what to change) or to reject (the reasons)."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
    )
    override_reason = forms.CharField(
        label=_("Reason for deciding before the required reviews are in"),
        help_text=_(
            "Only needed without one internal and two external reviews. Recorded, never shown to the "
            "submitter."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (for the record)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )
