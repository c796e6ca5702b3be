"""What the admin's practice form posts: the required values and the inlines' management forms."""

from typing import Any

from practicehub.catalogue.models import Country, Objective

INLINE_PREFIXES = ("organization_links", "links", "documents", "translations")


def practice_form_data(rows: dict[str, int] | None = None, **values: Any) -> dict[str, Any]:
    """A valid add/change form for a practice; `rows` gives how many rows an inline posts."""
    data: dict[str, Any] = {
        "title": "Newcomer welcome desks",
        "slug": "newcomer-welcome-desks",
        "original_language": "en",
        "primary_objectives": [str(Objective.objects.get(number=16).pk)],
        "countries": [str(Country.objects.get(iso3="KEN").pk)],
        "start_year": "2021",
        "is_ongoing": "on",
        "summary": "Desks where newcomers find help.",
    }
    for prefix in INLINE_PREFIXES:
        data[f"{prefix}-TOTAL_FORMS"] = str((rows or {}).get(prefix, 0))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    return {**data, **values}
