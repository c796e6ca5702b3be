"""Practices for the search tests, written through the catalogue service like real ones."""

from typing import Any

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.catalogue.services import OrganizationValue, PracticeValues, practice_save
from practicehub.search.services import index_practices


def make_practice(
    title: str,
    *,
    status: str = PracticeStatus.PUBLISHED,
    organizations: list[tuple[str, str]] | None = None,
    index: bool = True,
    **values: Any,
) -> Practice:
    """A practice saved by practice_save; indexed (as the on-commit handler would) unless told not to."""
    orgs = [OrganizationValue(name=name, acronym=acronym) for name, acronym in (organizations or [])]
    practice = practice_save(
        actor=None, values=PracticeValues(title=title, organizations=orgs, **values), status=status
    )
    if index:
        index_practices(practice_ids=[practice.pk])
    return practice
