"""Is a practice complete enough to submit? Driven by the `required_for_submission` flags of
practicehub/catalogue/fields.py, so a new required field needs no change here unless it is a new kind."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from practicehub.catalogue.fields import PRACTICE_FIELDS, Kind, PracticeField
from practicehub.catalogue.models import OrganizationRole, Practice


def _text(practice: Practice, field: PracticeField) -> bool:
    return bool(str(getattr(practice, field.name, "") or "").strip())


def _many(practice: Practice, field: PracticeField) -> bool:
    return bool(getattr(practice, field.name).exists())


def _one(practice: Practice, field: PracticeField) -> bool:
    return getattr(practice, f"{field.name}_id", None) is not None


def _value(practice: Practice, field: PracticeField) -> bool:
    return getattr(practice, field.name, None) not in (None, "")


def _dates(practice: Practice, field: PracticeField) -> bool:
    return practice.start_year is not None and (practice.is_ongoing or practice.end_year is not None)


def _scope(practice: Practice, field: PracticeField) -> bool:
    if practice.scope_level is None:
        return False
    if practice.scope_level.key == "global":
        return True
    return practice.regions.exists() or practice.countries.exists()


def _organizations(practice: Practice, field: PracticeField) -> bool:
    return practice.organization_links.filter(role=OrganizationRole.MAIN).exists()


def _resources(practice: Practice, field: PracticeField) -> bool:
    return practice.links.exists() or practice.documents.exists()


FILLED: dict[Kind, Callable[[Practice, PracticeField], bool]] = {
    Kind.TITLE: _text,
    Kind.OBJECTIVES: _many,
    Kind.VOCABULARY: _many,
    Kind.CHOICE: _one,
    Kind.DATES: _dates,
    Kind.SCOPE: _scope,
    Kind.LONG_TEXT: _text,
    Kind.ORGANIZATIONS: _organizations,
    Kind.RESOURCES: _resources,
    Kind.DATE: _value,
    Kind.LANGUAGE: _text,
    Kind.SHORT_TEXT: _text,
    Kind.EMAIL: _text,
}


def _missing_message(field: PracticeField) -> str:
    if field.kind == Kind.DATES:
        return _("Give the start year, and the end year or mark the practice as ongoing.")
    if field.kind == Kind.SCOPE:
        return _("Choose the geographic scope and, unless it is global, the regions or countries.")
    if field.kind == Kind.ORGANIZATIONS:
        return _("Name the main implementing organization.")
    return _("“%(label)s” is required before you submit.") % {"label": field.label}


def missing_for_submission(practice: Practice) -> dict[str, list[str]]:
    """Field name -> messages, for every required field that is still empty (an empty dict when complete)."""
    errors: dict[str, list[str]] = {}
    for field in PRACTICE_FIELDS:
        if field.required_for_submission and not FILLED.get(field.kind, _value)(practice, field):
            errors[field.name] = [_missing_message(field)]
    return errors
