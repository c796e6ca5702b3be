"""The pages of the review: what each person sees, and what they must never see."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practicehub.catalogue.models import PracticeStatus
from practicehub.core.models import AuditEvent
from practicehub.review import services
from practicehub.review.models import CoiStatus, Recommendation, ReviewAssignment, ReviewRound

from .conftest import People, assign, complete_practice, complete_quorum

pytestmark = pytest.mark.django_db
S = PracticeStatus


@pytest.fixture
def reviewed(people: People):  # type: ignore[no-untyped-def]
    """A submission whose three reviewers disagree, sent back to the submitter without the quorum rule."""
    practice = complete_practice(submitter=people.owner, status=S.IN_REVIEW, title="Community sponsorship")
    review_round = ReviewRound.objects.create(practice=practice, number=1)
    assign(
        review_round,
        people.internal,
        coi=CoiStatus.NO_CONFLICT,
        recommendation=Recommendation.PUBLISH,
        comments="Very clear description.",
        private="SECRET-INTERNAL-NOTE",
    )
    assign(
        review_round,
        people.external_1,
        coi=CoiStatus.NO_CONFLICT,
        recommendation=Recommendation.REJECT,
        comments="The results are not measured.",
        private="SECRET-EXTERNAL-NOTE",
    )
    assign(review_round, people.external_2, coi=CoiStatus.DECLINED, decline_reason="SECRET-DECLINE-REASON")
    return practice


def test_the_submitter_never_sees_reviewers_or_private_comments(client, people: People, reviewed) -> None:  # type: ignore[no-untyped-def]
    services.practice_request_changes(
        actor=people.editor,
        practice=reviewed,
        message="Please add measured results.",
        override_reason="SECRET-OVERRIDE-REASON",
    )
    client.force_login(people.owner)
    page = client.get(f"/review/submissions/{reviewed.pk}/").content.decode()
    assert "Changes requested" in page
    assert "Please add measured results." in page
    assert "Very clear description." in page and "The results are not measured." in page
    for secret in (
        "SECRET-INTERNAL-NOTE",
        "SECRET-EXTERNAL-NOTE",
        "SECRET-DECLINE-REASON",
        "SECRET-OVERRIDE-REASON",
        "Ingrid",
        "Xavier",
        "Yolanda",
        "int1",
        "ext1",
        "ext2",
        "Edna",
        people.editor.email,
    ):
        assert secret not in page, secret
    assert "Submit again" in page


def test_reviewer_comments_reach_the_submitter_only_with_the_decision(
    client, people: People, reviewed
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(people.owner)
    page = client.get(f"/review/submissions/{reviewed.pk}/").content.decode()
    assert "In review" in page
    assert "Very clear description." not in page


def test_the_submitter_sees_the_timeline_of_states(client, people: People) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner)
    services.practice_submit(actor=people.owner, practice=practice)
    services.review_assign(actor=people.editor, practice=practice, reviewer=people.internal)
    client.force_login(people.owner)
    page = client.get(f"/review/submissions/{practice.pk}/").content.decode()
    assert "Draft → Submitted" in page and "Submitted → In review" in page


def test_the_editor_sees_reviews_names_private_comments_and_the_disagreement(
    client, people: People, reviewed
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(people.editor)
    page = client.get(f"/review/editor/submissions/{reviewed.pk}/").content.decode()
    assert "The reviewers disagree." in page
    assert "Publish: 1; Reject: 1" in page
    assert "Ingrid Insider" in page and "SECRET-INTERNAL-NOTE" in page and "SECRET-DECLINE-REASON" in page
    assert "Add a reviewer" in page
    assert "Fiona Focal" in page  # the focal point, for the editors


def test_the_assign_form_offers_only_reviewers_not_yet_assigned(client, people: People, reviewed) -> None:  # type: ignore[no-untyped-def]
    client.force_login(people.editor)
    page = client.get(f"/review/editor/submissions/{reviewed.pk}/").content.decode()
    form = page.split('id="assign-heading"')[1].split("</form>")[0]
    assert "Zoran Outsider" in form and "Ivo Insider" in form
    for absent in ("Ingrid Insider", "Olga Owner", "stranger@example.org"):
        assert absent not in form
    response = client.post(
        f"/review/editor/submissions/{reviewed.pk}/assign/", {"reviewer": people.external_3.pk}
    )
    assert response.status_code == 302
    assert ReviewAssignment.objects.filter(reviewer=people.external_3).exists()
    response = client.post(
        f"/review/editor/submissions/{reviewed.pk}/assign/", {"reviewer": people.stranger.pk}
    )
    assert response.status_code == 400


def test_deciding_without_quorum_asks_for_a_reason(client, people: People, reviewed) -> None:  # type: ignore[no-untyped-def]
    client.force_login(people.editor)
    url = f"/review/editor/submissions/{reviewed.pk}/decide/"
    response = client.post(url, {"decision": "approve", "message": "", "override_reason": ""})
    assert response.status_code == 400
    assert "Give a reason to decide without them." in response.content.decode()
    reviewed.refresh_from_db()
    assert reviewed.status == S.IN_REVIEW
    response = client.post(url, {"decision": "approve", "override_reason": "Urgent for the regional review."})
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.status == S.APPROVED
    client.post(f"/review/editor/submissions/{reviewed.pk}/publish/", {"comment": ""})
    reviewed.refresh_from_db()
    assert reviewed.status == S.PUBLISHED
    client.post(f"/review/editor/submissions/{reviewed.pk}/archive/", {"comment": "Outdated."})
    reviewed.refresh_from_db()
    assert reviewed.status == S.ARCHIVED


def test_editor_pages_are_for_editors(client, people: People, reviewed) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/review/editor/").status_code == 302  # to sign in
    for user in (people.owner, people.stranger, people.internal):
        client.force_login(user)
        assert client.get("/review/editor/").status_code == 403
        assert client.get(f"/review/editor/submissions/{reviewed.pk}/").status_code == 403
        assert (
            client.post(
                f"/review/editor/submissions/{reviewed.pk}/decide/", {"decision": "approve"}
            ).status_code
            == 403
        )
    reviewed.refresh_from_db()
    assert reviewed.status == S.IN_REVIEW


def test_drafts_stay_private_even_from_editors(client, people: People) -> None:  # type: ignore[no-untyped-def]
    draft = complete_practice(submitter=people.owner)
    client.force_login(people.editor)
    assert client.get(f"/review/editor/submissions/{draft.pk}/").status_code == 404


def test_dashboard_groups_submissions_by_state_and_age(client, people: People) -> None:  # type: ignore[no-untyped-def]
    old = complete_practice(submitter=people.owner, title="Old submission")
    services.practice_submit(actor=people.owner, practice=old)
    new = complete_practice(submitter=people.owner, title="New submission")
    services.practice_submit(actor=people.owner, practice=new)
    AuditEvent.objects.filter(target_id=str(old.pk)).update(created_at=timezone.now() - timedelta(days=40))
    complete_practice(submitter=people.owner, title="Secret draft")
    client.force_login(people.editor)
    page = client.get("/review/editor/").content.decode()
    submitted = page.split('id="state-submitted"')[1].split("</section>")[0]
    assert submitted.index("Old submission") < submitted.index("New submission")
    assert "<td>40</td>" in submitted
    summary = page.split('id="by-age"')[1].split("</table>")[0]
    row = summary.split("#state-submitted")[1].split("</tr>")[0]
    assert row.count("<td>1</td>") == 2 and row.count("<td>2</td>") == 1  # one new, one old, two in all
    assert "Secret draft" not in page


def test_the_reviewer_declares_no_conflict_before_seeing_the_recommendation_form(
    client, people: People
) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner, status=S.SUBMITTED)
    assignment = services.review_assign(actor=people.editor, practice=practice, reviewer=people.external_1)
    url = f"/review/assignments/{assignment.pk}/"
    client.force_login(people.external_1)
    page = client.get(url).content.decode()
    assert "conflict of interest" in page and 'name="recommendation"' not in page
    # Skipping the step does not work.
    client.post(url, {"step": "review", "recommendation": "publish"})
    assignment.refresh_from_db()
    assert assignment.recommendation == ""
    client.post(url, {"step": "coi", "answer": "no_conflict"})
    page = client.get(url).content.decode()
    assert 'name="recommendation"' in page
    client.post(
        url,
        {
            "step": "review",
            "recommendation": "revise",
            "comments_for_submitter": "More data.",
            "private_comments": "Promising.",
        },
    )
    assignment.refresh_from_db()
    assert (assignment.recommendation, assignment.private_comments) == ("revise", "Promising.")
    assert "Your review" in client.get(url).content.decode()


def test_only_the_assigned_reviewer_opens_an_assignment(client, people: People) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner, status=S.SUBMITTED)
    assignment = services.review_assign(actor=people.editor, practice=practice, reviewer=people.external_1)
    for user in (people.external_2, people.editor, people.owner):
        client.force_login(user)
        assert client.get(f"/review/assignments/{assignment.pk}/").status_code == 404


def test_my_reviews_lists_what_is_waiting_and_what_is_overdue(client, people: People) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner, status=S.IN_REVIEW, title="Late one")
    review_round = ReviewRound.objects.create(practice=practice, number=1)
    assign(review_round, people.external_1, assigned_at=timezone.now() - timedelta(days=20))
    done = complete_practice(submitter=people.owner, status=S.IN_REVIEW, title="Finished one")
    assign(
        ReviewRound.objects.create(practice=done, number=1),
        people.external_1,
        coi=CoiStatus.NO_CONFLICT,
        recommendation="publish",
    )
    client.force_login(people.external_1)
    page = client.get("/review/mine/").content.decode()
    waiting, finished = page.split('id="done"')
    assert "Late one" in waiting and "Overdue" in waiting
    assert "Finished one" in finished and "You recommended: Publish" in finished


def test_editor_can_be_told_the_quorum_is_met(client, people: People) -> None:  # type: ignore[no-untyped-def]
    practice = complete_practice(submitter=people.owner, status=S.IN_REVIEW)
    complete_quorum(ReviewRound.objects.create(practice=practice, number=1), people)
    client.force_login(people.editor)
    page = client.get(f"/review/editor/submissions/{practice.pk}/").content.decode()
    assert "The required reviews are in." in page and "The reviewers disagree." not in page


FORM_VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["approve", "reject", "request_changes", "coi", "review", "no_conflict", "decline", "publish", "1"]
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(["decide/", "assign/", "publish/", "archive/", ""]),
    data=st.dictionaries(
        st.sampled_from(
            [
                "decision",
                "message",
                "override_reason",
                "reviewer",
                "comment",
                "step",
                "answer",
                "recommendation",
            ]
        ),
        FORM_VALUES,
    ),
)
def test_any_form_input_gives_a_page_never_a_server_error(
    client, people: People, reviewed, path, data
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(people.editor)
    response = client.post(f"/review/editor/submissions/{reviewed.pk}/{path}", data)
    assert response.status_code in {200, 302, 400, 405}
    assignment = ReviewAssignment.objects.filter(reviewer=people.internal).first()
    client.force_login(people.internal)
    response = client.post(f"/review/assignments/{assignment.pk}/", data)  # type: ignore[union-attr]
    assert response.status_code in {302, 400}


def test_my_reviews_is_for_reviewers(client, people: People) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/review/mine/").status_code == 302
    client.force_login(people.stranger)
    response = client.get("/review/mine/")
    assert response.status_code == 403 and "Only reviewers" in response.content.decode()
    client.force_login(people.external_1)
    assert client.get("/review/mine/").status_code == 200
