from datetime import date

import pytest
from django.core.files.base import ContentFile

from practicehub.catalogue.models import Practice, PracticeDocument, PracticeStatus
from practicehub.catalogue.services import LinkValue, OrganizationValue, PracticeValues, practice_save


def full_values(**overrides: object) -> PracticeValues:
    """A practice with every field filled in (our own invented content)."""
    values = PracticeValues(
        title="Regional labour mobility dialogue between ministries",
        summary="Ministries of labour meet **twice a year** to align recruitment rules.\n\n"
        "- shared guidance\n- a joint hotline",
        benefit_and_impact="Recruitment fees charged to workers fell in the pilot corridors.",
        key_lessons="Start with the corridors that already have bilateral agreements.",
        recommendations="Give the secretariat a budget line of its own.",
        innovation="A shared complaints register read by both countries.",
        implementer_details="Department of Labour Migration, Policy Unit",
        primary_objectives=[6, 23],
        secondary_objectives=[1],
        guiding_principles=["international-cooperation", "people-centred"],
        sdgs=[8, 10],
        start_year=2019,
        end_year=2022,
        practice_type="project-programme",
        scope_level="regional",
        regions=["western-asia"],
        countries=["AZE", "GEO"],
        organizations=[
            OrganizationValue(name="Ministry of Labour of Examplestan", role="main"),
            OrganizationValue(name="Coalition of Recruiters", role="other"),
            OrganizationValue(name="Fund for Fair Work", role="partner"),
        ],
        links=[LinkValue(title="Evaluation report", url="https://example.org/evaluation")],
        submitted_on=date(2022, 3, 29),
        original_language="es",
        focal_point_name="Zelda Focalpoint",
        focal_point_email="zelda.focal@example.org",
    )
    for name, value in overrides.items():
        setattr(values, name, value)
    return values


@pytest.fixture
def full_practice(editor) -> Practice:  # type: ignore[no-untyped-def]
    practice = practice_save(actor=editor, values=full_values(), status=PracticeStatus.PUBLISHED)
    PracticeDocument.objects.create(
        practice=practice,
        title="Annual report 2021",
        file=ContentFile(b"%PDF-1.4 test", name="annual-report.pdf"),
        content_type="application/pdf",
        size=2048,
    )
    return practice
