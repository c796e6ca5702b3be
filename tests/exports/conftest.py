"""Practices in every state, with private data that must never leave the site."""

from dataclasses import dataclass
from datetime import date

import pytest

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.catalogue.services import (
    LinkValue,
    OrganizationValue,
    PracticeValues,
    practice_save,
    practice_set_status,
)
from tests.factories import UserFactory

FOCAL_NAME = "Quentin Focalperson"
FOCAL_EMAIL = "quentin.focal@example.org"
SUBMITTER_EMAIL = "submitter.private@example.org"


def values(title: str, **overrides: object) -> PracticeValues:
    """Invented content with every public and private field filled in."""
    found = PracticeValues(
        title=title,
        summary="Border towns open **one-stop** desks for returning workers.\n\n- advice\n- referrals",
        primary_objectives=[6],
        secondary_objectives=[21],
        guiding_principles=["people-centred"],
        sdgs=[8],
        start_year=2019,
        is_ongoing=True,
        practice_type="project-programme",
        scope_level="national",
        regions=["western-asia"],
        countries=["GEO"],
        organizations=[
            OrganizationValue(name="Agency for Returning Workers", role="main"),
            OrganizationValue(name="Union of Border Towns", role="partner"),
        ],
        links=[LinkValue(title="Desk handbook", url="https://example.org/handbook")],
        submitted_on=date(2023, 5, 2),
        original_language="en",
        focal_point_name=FOCAL_NAME,
        focal_point_email=FOCAL_EMAIL,
    )
    for name, value in overrides.items():
        setattr(found, name, value)
    return found


@dataclass
class Catalogue:
    published: Practice
    other_published: Practice
    archived: Practice  # published once, then archived: a deleted record
    hidden: list[Practice]  # never published: must not appear anywhere

    @property
    def hidden_titles(self) -> list[str]:
        return [p.title for p in self.hidden]


@pytest.fixture
def catalogue(editor, django_capture_on_commit_callbacks) -> Catalogue:  # type: ignore[no-untyped-def]
    # Written as in production: the search index is kept on commit.
    with django_capture_on_commit_callbacks(execute=True):
        submitter = UserFactory(username="submitter", email=SUBMITTER_EMAIL)
        published = practice_save(
            actor=editor, values=values("Return desks in border towns"), status=PracticeStatus.PUBLISHED
        )
        Practice.objects.filter(pk=published.pk).update(submitter=submitter)
        other = practice_save(
            actor=editor,
            values=values(
                "Bilingual schooling for migrant children",
                primary_objectives=[15],
                secondary_objectives=[],
                countries=["KEN"],
                regions=[],
            ),
            status=PracticeStatus.PUBLISHED,
        )
        archived = practice_save(
            actor=editor,
            values=values("Withdrawn hotline for seasonal workers"),
            status=PracticeStatus.PUBLISHED,
        )
        practice_set_status(actor=editor, practice=archived, status=PracticeStatus.ARCHIVED)
        hidden = [
            practice_save(actor=editor, values=values(f"Secret {status.label} practice"), status=status)
            for status in PracticeStatus
            if status not in (PracticeStatus.PUBLISHED,)
        ]
        for practice in hidden:
            assert practice.published_at is None
    return Catalogue(
        published=Practice.objects.get(pk=published.pk),
        other_published=other,
        archived=Practice.objects.get(pk=archived.pk),
        hidden=hidden,
    )
