"""The world of the security tests: every role, and practices in every state, built through the services.

Contributor A owns a draft, a submission in review (reviewed by R1; R2 is a reviewer who is not
assigned), an approved, a rejected, a published and an archived practice, and an unpublished update of
the published one. Reviewers whose assignment no longer grants access are roles of their own: one who
declined the submission in review, one who was assigned to it and then lost the reviewer role, one
whose round on the approved practice is finished; and one reviews another submission in review.
Everything that is not published carries MARKER in its title and summary, and uses vocabulary values
no published practice uses, so that a leak shows up as the word or as a count.
"""

import io
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from practicehub.accounts import services as accounts
from practicehub.catalogue.models import CallForPractices, Organization, Practice, PracticeDocument
from practicehub.catalogue.services import LinkValue, OrganizationValue, PracticeValues
from practicehub.review import services as review
from practicehub.review.models import ReviewAssignment
from practicehub.submissions import services as submissions
from practicehub.submissions.models import PracticeRevision, RevisionDocument
from practicehub.submissions.uploads import KINDS_BY_KEY
from practicehub.submissions.values import snapshot_from_json
from tests.factories import UserFactory

# Written into everything that is not published; it must never be seen publicly.
MARKER = "Quokkaflux"
# The private data of the published practice.
FOCAL_NAME = "Philippa Focalis"
FOCAL_EMAIL = "philippa.focalis@example.org"
SUBMITTER_EMAIL = "amira.submitter@example.org"
PASSWORD = "pw-123456-test"

ROLES = (
    "anonymous",
    "contributor",
    "other_contributor",
    "unassigned_reviewer",
    "assigned_reviewer",
    "declined_reviewer",
    "former_reviewer",
    "finished_reviewer",
    "other_practice_reviewer",
    "editor",
    "administrator",
)
STAFF_ROLES = ("editor", "administrator")

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def public_values(title: str) -> PracticeValues:
    return PracticeValues(
        title=title,
        summary="Volunteers run weekly language cafes in the harbour district.",
        benefit_and_impact="Newcomers practise the language.",
        key_lessons="Keep it informal.",
        recommendations="Meet every week.",
        innovation="Cafes instead of classrooms.",
        implementer_details="A city programme.",
        primary_objectives=[1],
        secondary_objectives=[2],
        guiding_principles=["people-centred"],
        sdgs=[10],
        start_year=2020,
        is_ongoing=True,
        practice_type="project-programme",
        scope_level="national",
        countries=["MEX"],
        organizations=[OrganizationValue(name="Harbour City Council", role="main")],
        links=[LinkValue(title="Cafe schedule", url="https://example.org/cafes")],
        original_language="en",
        focal_point_name=FOCAL_NAME,
        focal_point_email=FOCAL_EMAIL,
    )


def hidden_values(title: str) -> PracticeValues:
    """Complete (so it can be submitted), and unlike the published practice in every facet."""
    return PracticeValues(
        title=f"{MARKER} {title}",
        summary=f"The {MARKER} scheme is not public yet.",
        benefit_and_impact=f"{MARKER} benefits.",
        key_lessons=f"{MARKER} lessons.",
        recommendations=f"{MARKER} recommendations.",
        innovation=f"{MARKER} innovation.",
        implementer_details=f"{MARKER} details.",
        primary_objectives=[23],
        secondary_objectives=[22],
        guiding_principles=["child-sensitive"],
        sdgs=[17],
        start_year=1999,
        end_year=2001,
        is_ongoing=False,
        practice_type="research-data-collection",
        scope_level="regional",
        regions=["northern-europe"],
        countries=["ISL"],
        organizations=[
            OrganizationValue(name=f"{MARKER} Foundation", role="main", org_type="academia-research"),
        ],
        links=[LinkValue(title=f"{MARKER} site", url="https://example.org/hidden")],
        original_language="fr",
        focal_point_name="Hidden Focal",
        focal_point_email="hidden.focal@example.org",
    )


@dataclass
class World:
    users: dict[str, Any]
    draft: Practice
    in_review: Practice
    approved: Practice
    rejected: Practice
    published: Practice
    archived: Practice
    other_in_review: Practice
    revision: PracticeRevision
    assignment: ReviewAssignment
    # The assignment of each reviewer role that has one (assigned_reviewer's is `assignment`).
    assignments: dict[str, ReviewAssignment]
    draft_document: PracticeDocument
    review_document: PracticeDocument
    approved_document: PracticeDocument
    other_review_document: PracticeDocument
    public_document: PracticeDocument
    revision_document: RevisionDocument
    closed_call: CallForPractices
    unpublished_call: CallForPractices
    hidden_organization: Organization

    @property
    def hidden(self) -> list[Practice]:
        """The practices that must never be visible publicly."""
        return [self.draft, self.in_review, self.other_in_review, self.approved, self.rejected, self.archived]

    def client(self, role: str, **kwargs: Any) -> Client:
        client = Client(**kwargs)
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


def _user(username: str, email: str | None = None, **kwargs: Any) -> Any:
    user = UserFactory(username=username, email=email or f"{username}@example.org", **kwargs)
    # With mandatory verification, everyone who can sign in has confirmed an address.
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def _pdf(actor: Any, title: str, **owner: Any) -> Any:
    return submissions.document_add(
        actor=actor,
        upload=io.BytesIO(PDF),
        name=f"{title}.pdf",
        size=len(PDF),
        kind=KINDS_BY_KEY["pdf"],
        title=title,
        **owner,
    )


def _submitted(owner: Any, values: PracticeValues, call: CallForPractices | None = None) -> Practice:
    practice = submissions.submission_save_draft(actor=owner, practice=None, values=values, call=call)
    return submissions.submission_submit(actor=owner, practice=practice, confirmations={"confirm": True})


def _submitted_with_document(
    owner: Any, values: PracticeValues, call: CallForPractices | None
) -> tuple[Practice, PracticeDocument]:
    practice = submissions.submission_save_draft(actor=owner, practice=None, values=values, call=call)
    document = _pdf(owner, f"{values.title} annex", practice=practice)
    return submissions.submission_submit(actor=owner, practice=practice, confirmations={}), document


def build_world() -> World:
    users = {
        "contributor": _user("amira", SUBMITTER_EMAIL, full_name="Amira Contributor"),
        "other_contributor": _user("bruno", full_name="Bruno Contributor"),
        "unassigned_reviewer": _user("ines", full_name="Ines Reviewer", reviewer_kind="internal"),
        "assigned_reviewer": _user("xavi", full_name="Xavi Reviewer", reviewer_kind="external"),
        "declined_reviewer": _user("dora", full_name="Dora Reviewer", reviewer_kind="external"),
        "former_reviewer": _user("fabio", full_name="Fabio Reviewer", reviewer_kind="internal"),
        "finished_reviewer": _user("gael", full_name="Gael Reviewer", reviewer_kind="external"),
        "other_practice_reviewer": _user("olga", full_name="Olga Reviewer", reviewer_kind="internal"),
        "editor": _user("edna", full_name="Edna Editor", is_editor=True, is_staff=True),
        "administrator": _user("root", full_name="Ada Admin", is_superuser=True, is_staff=True),
    }
    owner, editor = users["contributor"], users["editor"]
    today = timezone.localdate()
    call = CallForPractices.objects.create(
        title="Call on language learning",
        slug="language-learning",
        description="Practices on language learning.",
        opens_on=today - timedelta(days=60),
        closes_on=today + timedelta(days=30),
        is_published=True,
    )
    unpublished_call = CallForPractices.objects.create(
        title=f"{MARKER} call in preparation",
        slug="call-in-preparation",
        opens_on=today,
        closes_on=today + timedelta(days=30),
        is_published=False,
    )

    # A draft with a document that is not public.
    draft = submissions.submission_save_draft(
        actor=owner, practice=None, values=hidden_values("draft shelter desks")
    )
    draft_document = _pdf(owner, f"{MARKER} draft annex", practice=draft)

    # In review: R1 assigned, R2 not; one reviewer declined, another lost the reviewer role since.
    in_review, review_document = _submitted_with_document(owner, hidden_values("reviewed tutoring"), call)
    assignment = review.review_assign(actor=editor, practice=in_review, reviewer=users["assigned_reviewer"])
    assignments = {"assigned_reviewer": assignment}
    for role in ("declined_reviewer", "former_reviewer"):
        assignments[role] = review.review_assign(actor=editor, practice=in_review, reviewer=users[role])
    review.review_decline(
        actor=users["declined_reviewer"], assignment=assignments["declined_reviewer"], reason="I advise them."
    )
    review.review_declare_no_conflict(
        actor=users["former_reviewer"], assignment=assignments["former_reviewer"]
    )
    accounts.user_roles_set(actor=editor, user=users["former_reviewer"], is_editor=False, reviewer_kind="")

    # Another submission in review, with its own reviewer.
    other_in_review, other_review_document = _submitted_with_document(
        owner, hidden_values("other interpreting desk"), call
    )
    assignments["other_practice_reviewer"] = review.review_assign(
        actor=editor, practice=other_in_review, reviewer=users["other_practice_reviewer"]
    )

    # Approved after a review: that round is finished.
    approved, approved_document = _submitted_with_document(owner, hidden_values("approved mentoring"), call)
    finished = review.review_assign(actor=editor, practice=approved, reviewer=users["finished_reviewer"])
    review.review_declare_no_conflict(actor=users["finished_reviewer"], assignment=finished)
    review.review_record(actor=users["finished_reviewer"], assignment=finished, recommendation="publish")
    assignments["finished_reviewer"] = finished
    review.practice_approve(actor=editor, practice=approved, override_reason="Security test world.")
    rejected = _submitted(owner, hidden_values("rejected hotline"), call)
    review.practice_reject(
        actor=editor, practice=rejected, reasons="Out of scope.", override_reason="Security test world."
    )

    # Published, with a public document; the focal point and submitter stay private.
    published = submissions.submission_save_draft(
        actor=owner, practice=None, values=public_values("Harbour language cafes"), call=call
    )
    public_document = _pdf(owner, "Cafe evaluation report", practice=published)
    published = submissions.submission_submit(actor=owner, practice=published, confirmations={})
    review.practice_approve(actor=editor, practice=published, override_reason="Security test world.")
    review.practice_publish(actor=editor, practice=published)

    archived = _submitted(owner, hidden_values("archived ferry guides"))
    review.practice_approve(actor=editor, practice=archived, override_reason="Security test world.")
    review.practice_publish(actor=editor, practice=archived)
    review.practice_archive(actor=editor, practice=archived)

    # An update of the published practice, sent to the editors but not published.
    revision = submissions.submission_start_revision(actor=owner, practice=published)
    proposed = snapshot_from_json(revision.proposed).values
    proposed = replace(
        proposed, title=f"{MARKER} renamed cafes", summary=f"The {MARKER} update is not public yet."
    )
    submissions.revision_save_draft(actor=owner, revision=revision, values=proposed)
    revision_document = _pdf(owner, f"{MARKER} update annex", revision=revision)
    submissions.revision_submit(actor=owner, revision=revision, confirmations={})

    # The call has closed since the practices were sent.
    CallForPractices.objects.filter(pk=call.pk).update(closes_on=today - timedelta(days=1))

    return World(
        users=users,
        draft=Practice.objects.get(pk=draft.pk),
        in_review=Practice.objects.get(pk=in_review.pk),
        approved=Practice.objects.get(pk=approved.pk),
        rejected=Practice.objects.get(pk=rejected.pk),
        published=Practice.objects.get(pk=published.pk),
        archived=Practice.objects.get(pk=archived.pk),
        other_in_review=Practice.objects.get(pk=other_in_review.pk),
        revision=PracticeRevision.objects.get(pk=revision.pk),
        assignment=assignment,
        assignments={role: ReviewAssignment.objects.get(pk=a.pk) for role, a in assignments.items()},
        draft_document=draft_document,
        review_document=review_document,
        approved_document=approved_document,
        other_review_document=other_review_document,
        public_document=public_document,
        revision_document=revision_document,
        closed_call=CallForPractices.objects.get(pk=call.pk),
        unpublished_call=unpublished_call,
        hidden_organization=Organization.objects.get(name=f"{MARKER} Foundation"),
    )


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    """Rate-limit counters, cached search results and the facet index start empty in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db: None, django_capture_on_commit_callbacks: Any) -> World:
    # Written as in production: the search index and e-mails follow each commit.
    with django_capture_on_commit_callbacks(execute=True):
        return build_world()
