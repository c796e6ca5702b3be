"""People and practices for the review tests, built straight in the database so any state can be set up."""

from dataclasses import dataclass
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.review.models import CoiStatus, Recommendation, ReviewAssignment, ReviewRound
from tests.factories import PracticeFactory, UserFactory


@dataclass
class People:
    owner: Any
    stranger: Any
    editor: Any
    admin: Any
    internal: Any
    external_1: Any
    external_2: Any
    external_3: Any
    spare_reviewer: Any


def verified(user: Any) -> Any:
    """A contributor: a user with a confirmed e-mail address."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def people(db: Any) -> People:
    return People(
        owner=verified(UserFactory(username="owner", full_name="Olga Owner")),
        stranger=UserFactory(username="stranger"),
        editor=UserFactory(username="ed", full_name="Edna Editor", is_editor=True),
        admin=UserFactory(username="admin", is_superuser=True, is_staff=True),
        internal=UserFactory(username="int1", full_name="Ingrid Insider", reviewer_kind="internal"),
        external_1=UserFactory(username="ext1", full_name="Xavier Outsider", reviewer_kind="external"),
        external_2=UserFactory(username="ext2", full_name="Yolanda Outsider", reviewer_kind="external"),
        external_3=UserFactory(username="ext3", full_name="Zoran Outsider", reviewer_kind="external"),
        spare_reviewer=UserFactory(username="int2", full_name="Ivo Insider", reviewer_kind="internal"),
    )


def complete_practice(*, submitter: Any, status: str = PracticeStatus.DRAFT, **kwargs: Any) -> Practice:
    """A practice with every field a submission needs."""
    published = status in (PracticeStatus.PUBLISHED, PracticeStatus.ARCHIVED)
    defaults: dict[str, Any] = {
        "status": status,
        "published_at": timezone.now() if published else None,
        "submitter": submitter,
        "focal_point_name": "Fiona Focal",
        "focal_point_email": "fiona.focal@example.org",
        "country_codes": ["MEX"],
    }
    defaults.update(kwargs)
    return PracticeFactory(**defaults)


def assign(
    review_round: ReviewRound,
    reviewer: Any,
    *,
    coi: str = CoiStatus.PENDING,
    recommendation: str = "",
    comments: str = "",
    private: str = "",
    **kwargs: Any,
) -> ReviewAssignment:
    return ReviewAssignment.objects.create(
        round=review_round,
        reviewer=reviewer,
        kind=reviewer.reviewer_kind,
        coi_status=coi,
        recommendation=recommendation,
        comments_for_submitter=comments,
        private_comments=private,
        completed_at=timezone.now() if recommendation else None,
        **kwargs,
    )


def complete_quorum(
    review_round: ReviewRound, people: People, *, recommendations: tuple[str, ...] = ()
) -> None:
    """One internal and two external completed reviews (all 'publish' unless told)."""
    recs = recommendations or (Recommendation.PUBLISH,) * 3
    for reviewer, rec in zip((people.internal, people.external_1, people.external_2), recs, strict=True):
        assign(
            review_round, reviewer, coi=CoiStatus.NO_CONFLICT, recommendation=rec, comments=f"Comment {rec}"
        )
