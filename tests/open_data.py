"""Invented practices for the API and export tests: published ones with every public and private
field filled in, and the same content in every other status (which must never be visible).

One builder for both test packages: tests/api/conftest.py and tests/exports/conftest.py import the
fixtures below (``fresh_cache``, ``open_catalogue``, and ``catalogue``, the same data written as in
production, with the search index kept on commit).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.cache import cache

from practicehub.catalogue.models import CallForPractices, Practice, PracticeStatus
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
HIDDEN_ORGANIZATION = "Consortium Seen Only In Drafts"
PRIVATE_STRINGS = (FOCAL_NAME, FOCAL_EMAIL, SUBMITTER_EMAIL, HIDDEN_ORGANIZATION)


def values(title: str, **overrides: object) -> PracticeValues:
    found = PracticeValues(
        title=title,
        summary="Border towns open **one-stop** desks for returning workers.\n\n- advice\n- referrals",
        benefit_and_impact="About 1,200 people | families were advised.",
        key_lessons="Trust takes time; a backslash \\ stays a backslash.",
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
            OrganizationValue(name="Agency for Returning Workers", role="main", acronym="ARW", country="GEO"),
            OrganizationValue(name="Union of Border Towns", role="partner", org_type="civil-society-ngo"),
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
class OpenCatalogue:
    published: Practice
    other_published: Practice
    archived: Practice  # published once, then archived: a deleted record for harvesters
    hidden: list[Practice]  # never published, one in every other status: must not appear anywhere
    call: CallForPractices
    hidden_call: CallForPractices

    @property
    def hidden_titles(self) -> list[str]:
        return [p.title for p in [*self.hidden, self.archived]]


def build_open_catalogue(editor: object) -> OpenCatalogue:
    submitter = UserFactory(username="submitter", email=SUBMITTER_EMAIL)
    call = CallForPractices.objects.create(
        title="Call on decent work",
        slug="call-decent-work",
        description="Practices on fair recruitment.",
        opens_on=date(2024, 1, 1),
        closes_on=date(2024, 6, 30),
        contact_name="Repository team",
        contact_email="repository@example.org",
        is_published=True,
    )
    hidden_call = CallForPractices.objects.create(
        title="Call still being drafted",
        slug="call-draft",
        opens_on=date(2030, 1, 1),
        closes_on=date(2030, 6, 30),
        is_published=False,
    )
    published = practice_save(
        actor=editor, values=values("Return desks in border towns"), status=PracticeStatus.PUBLISHED
    )
    Practice.objects.filter(pk=published.pk).update(submitter=submitter, call=call)
    other = practice_save(
        actor=editor,
        values=values(
            "Bilingual schooling for migrant children",
            primary_objectives=[15],
            secondary_objectives=[],
            countries=["KEN"],
            regions=[],
            organizations=[OrganizationValue(name="Schools Without Borders", role="main")],
        ),
        status=PracticeStatus.PUBLISHED,
    )
    archived = practice_save(
        actor=editor, values=values("Withdrawn hotline for seasonal workers"), status=PracticeStatus.PUBLISHED
    )
    practice_set_status(actor=editor, practice=archived, status=PracticeStatus.ARCHIVED)
    hidden = [
        practice_save(
            actor=editor,
            values=values(
                f"Secret {status.label} practice",
                organizations=[OrganizationValue(name=HIDDEN_ORGANIZATION, role="main")],
            ),
            status=status,
        )
        for status in PracticeStatus
        if status != PracticeStatus.PUBLISHED
    ]
    for practice in hidden:
        Practice.objects.filter(pk=practice.pk).update(call=call)
    return OpenCatalogue(
        published=Practice.objects.get(pk=published.pk),
        other_published=Practice.objects.get(pk=other.pk),
        archived=Practice.objects.get(pk=archived.pk),
        hidden=hidden,
        call=call,
        hidden_call=hidden_call,
    )


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Rate-limit counters and the facet index start empty in every test."""
    cache.clear()


@pytest.fixture
def open_catalogue(editor: Any) -> OpenCatalogue:
    return build_open_catalogue(editor)


@pytest.fixture
def catalogue(editor: Any, django_capture_on_commit_callbacks: Any) -> OpenCatalogue:
    """The same practices written as in production: the search index is kept on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return build_open_catalogue(editor)
