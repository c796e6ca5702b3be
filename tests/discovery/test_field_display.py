"""The detail page is driven by catalogue/fields.py: no field is listed in a template."""

import pytest
from django.template.loader import get_template

from practicehub.catalogue.fields import PRACTICE_FIELDS, Group, Kind, PracticeField
from practicehub.catalogue.templatetags import practice_display
from practicehub.search.facets import FACETS_BY_PARAM
from tests.factories import PracticeFactory

from .test_detail import heading_texts


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_of_field_has_a_partial(kind) -> None:  # type: ignore[no-untyped-def]
    assert get_template(f"catalogue/fields/{kind}.html")


def test_every_filter_parameter_of_a_field_is_a_list_filter() -> None:
    assert {f.filter_param for f in PRACTICE_FIELDS if f.filter_param} <= set(FACETS_BY_PARAM)
    # The parts of the geographic scope link to these.
    assert {"scope", "region", "country"} <= set(FACETS_BY_PARAM)


@pytest.mark.django_db
def test_a_new_public_field_appears_on_the_page_without_a_template_change(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    practice = PracticeFactory(implementer_details="Run by the regional office.")
    extra = PracticeField("implementer_details", "Who runs it day to day", Kind.LONG_TEXT, Group.DESCRIPTION)
    monkeypatch.setattr(practice_display, "PUBLIC_FIELDS", (*practice_display.PUBLIC_FIELDS, extra))
    response = client.get(practice.get_absolute_url())
    assert "Who runs it day to day" in heading_texts(response)
    assert "Run by the regional office." in response.content.decode()
