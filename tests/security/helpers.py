"""Shared by the security tests: reading a whole answer, and the state a POST could change."""

from typing import Any

from django.db.models import Max
from django.test import Client

from practicehub.accounts.models import User
from practicehub.catalogue.models import Practice, PracticeDocument
from practicehub.core.models import AuditEvent
from practicehub.review.models import Decision, ReviewAssignment, ReviewRound
from practicehub.submissions.models import DraftInput, PracticeRevision, RevisionDocument


def get_fully(client: Client, path: str) -> Any:
    """GET `path`; a streamed answer is read to the end and kept in `response.body`.

    Read through the test client's wrapper, which closes the response without closing the database
    connection: never call response.close() (a second close would, and break the test transaction
    on PostgreSQL)."""
    response = client.get(path)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    else:
        response.body = response.content
    return response


def fingerprint() -> tuple[Any, ...]:
    """Everything a POST could change: practices, their workflow, documents, revisions, users, audit."""
    return (
        AuditEvent.objects.aggregate(n=Max("pk"))["n"],
        list(
            Practice.objects.order_by("pk").values_list("pk", "status", "title", "updated_at", "published_at")
        ),
        list(PracticeDocument.objects.order_by("pk").values_list("pk", "practice_id", "title")),
        list(PracticeRevision.objects.order_by("pk").values_list("pk", "status", "updated_at")),
        list(RevisionDocument.objects.order_by("pk").values_list("pk")),
        list(ReviewRound.objects.order_by("pk").values_list("pk")),
        list(ReviewAssignment.objects.order_by("pk").values_list("pk", "coi_status", "recommendation")),
        list(Decision.objects.order_by("pk").values_list("pk")),
        list(DraftInput.objects.order_by("pk").values_list("pk", "data")),
        list(User.objects.order_by("pk").values_list("pk", "full_name", "is_editor", "reviewer_kind")),
    )
