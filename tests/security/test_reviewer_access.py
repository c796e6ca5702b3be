"""A reviewer reads an unpublished practice only while their assignment grants access NOW.

The URL matrix (url_table.py) holds the answer of every document address to every reviewer role; here,
what each reviewer's own assignment page shows: the practice's text and document links only while the
assignment is active (practice in review, current round, not declined, still a reviewer).
"""

from typing import Any

import pytest
from django.urls import reverse

from practicehub.review import services as review
from practicehub.review.selectors import assignment_grants_access

from .conftest import World
from .helpers import get_fully

pytestmark = pytest.mark.django_db


def _page(world: World, role: str) -> Any:
    return get_fully(world.client(role), reverse("review:assignment", args=[world.assignments[role].pk]))


def _document_url(document: Any) -> str:
    return reverse("submissions:document", args=[document.pk])


def test_an_active_reviewer_reads_the_practice_and_its_documents(world: World) -> None:
    role = "other_practice_reviewer"
    review.review_declare_no_conflict(actor=world.users[role], assignment=world.assignments[role])
    page = _page(world, role).body.decode()
    assert world.other_in_review.summary in page
    assert _document_url(world.other_review_document) in page


def test_a_reviewer_whose_round_is_finished_sees_their_review_but_not_the_practice(world: World) -> None:
    page = _page(world, "finished_reviewer").body.decode()
    assert "Your review" in page
    assert world.approved.summary not in page
    assert _document_url(world.approved_document) not in page


def test_a_reviewer_who_declined_sees_that_and_not_the_practice(world: World) -> None:
    page = _page(world, "declined_reviewer").body.decode()
    assert "You declined this review." in page
    assert world.in_review.summary not in page
    assert _document_url(world.review_document) not in page


def test_a_former_reviewer_is_refused_their_old_assignment(world: World) -> None:
    response = _page(world, "former_reviewer")
    assert response.status_code == 403
    assert world.in_review.summary.encode() not in response.body


@pytest.mark.parametrize(
    ("role", "grants"),
    [
        ("assigned_reviewer", True),
        ("other_practice_reviewer", True),
        ("declined_reviewer", False),
        ("former_reviewer", False),
        ("finished_reviewer", False),
    ],
)
def test_which_assignments_grant_access(world: World, role: str, grants: bool) -> None:
    assignment = world.assignment if role == "assigned_reviewer" else world.assignments[role]
    assert assignment_grants_access(assignment) is grants
