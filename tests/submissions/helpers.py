"""Form data as a browser would post it, built from values."""

from typing import Any

from django.urls import reverse

PASSWORD = "pw-123456-test"


def management(prefix: str, total: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def complete_data(**overrides: Any) -> dict[str, Any]:
    """Everything a submission needs, with both confirmations ticked."""
    data: dict[str, Any] = {
        "title": "Community sponsorship of refugees in Canada",
        "primary_objectives": ["16", "23"],
        "secondary_objectives": ["5"],
        "guiding_principles": ["people-centred"],
        "sdgs": ["10"],
        "start_year": "2019",
        "end_year": "",
        "is_ongoing": "on",
        "practice_type": "project-programme",
        "scope_level": "national",
        "regions": [],
        "countries": ["CAN"],
        "summary": "Groups of residents sponsor refugee families.\n\nThey help for a year.",
        "benefit_and_impact": "Faster integration.",
        "key_lessons": "Local support matters.",
        "recommendations": "Train the sponsors.",
        "innovation": "Private sponsorship.",
        "implementer_details": "The resettlement unit.",
        "original_language": "en",
        "focal_point_name": "Fiona Focal",
        "focal_point_email": "fiona.focal@example.org",
        "call": "",
        "confirm_principles": "on",
        "confirm_focal_point": "on",
        **management("organizations", 2),
        "organizations-0-name": "Ministry of Immigration",
        "organizations-0-acronym": "MOI",
        "organizations-0-role": "main",
        "organizations-0-org_type": "",
        "organizations-0-country": "CAN",
        "organizations-1-name": "Refugee Aid Network",
        "organizations-1-acronym": "",
        "organizations-1-role": "partner",
        "organizations-1-org_type": "",
        "organizations-1-country": "",
        **management("links", 1),
        "links-0-title": "Programme website",
        "links-0-url": "https://example.org/sponsorship",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def new_url() -> str:
    return reverse("submissions:new")


def edit_url(practice: Any) -> str:
    return reverse("submissions:edit", kwargs={"pk": practice.pk})


def save_draft(client: Any, **overrides: Any) -> Any:
    """Post the complete form as a new draft and return the practice it created."""
    from practicehub.catalogue.models import Practice

    before = set(Practice.objects.values_list("pk", flat=True))
    response = client.post(new_url(), complete_data(action="save", **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Practice.objects.exclude(pk__in=before).get()


def html_tree(response: Any) -> Any:
    import lxml.html

    return lxml.html.fromstring(response.content.decode())


def errors_beside(tree: Any, input_id: str) -> list[str]:
    """The error messages rendered for one input (the list whose id is <input id>-errors)."""
    found = tree.xpath(f'//*[@id="{input_id}-errors"]//li')
    return [" ".join(li.text_content().split()) for li in found]
