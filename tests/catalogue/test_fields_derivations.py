"""The lists derived from the field definition (practicehub/catalogue/fields.py) agree with the model,
and every field they name reaches what is built from them: practice_save, the bulk importer and the
list pages. Each test iterates the definition, so a field added there is checked without a change here."""

import io
from datetime import date
from typing import Any

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from practicehub.catalogue.fields import (
    NARRATIVE_TEXT_FIELDS,
    PRACTICE_FIELDS,
    PUBLIC_FIELDS,
    ROW_ATTRIBUTES,
    TEASER_SKIPPED_TEXTS,
    TEXT_ATTRIBUTES,
    Kind,
)
from practicehub.catalogue.models import Practice
from practicehub.catalogue.services import PracticeValues, practice_save
from practicehub.opendata.columns import COLUMN_NAMES
from practicehub.transfer.bulk_import import practices_import
from practicehub.transfer.readers import read_file
from tests.factories import PracticeFactory

MODEL_FIELDS = {f.name: f for f in Practice._meta.get_fields()}
DEFINED_ATTRIBUTES = [name for f in PRACTICE_FIELDS for name in f.attributes]
PUBLIC_TEXT_ATTRIBUTES = [name for f in PUBLIC_FIELDS for name in f.text_attributes]


def _is_column(name: str) -> bool:
    field = MODEL_FIELDS.get(name)
    return field is not None and field.concrete and not field.is_relation


def _is_text_column(name: str) -> bool:
    return _is_column(name) and isinstance(MODEL_FIELDS[name], models.CharField | models.TextField)


def sample(name: str) -> Any:
    """A value for this attribute that no default has, of the model column's type."""
    field = MODEL_FIELDS[name]
    if isinstance(field, models.EmailField):
        return f"{name.replace('_', '.')}@example.org"
    if isinstance(field, models.BooleanField):
        return not field.default
    if isinstance(field, models.DateField):
        return date(2021, 3, 4)
    if isinstance(field, models.IntegerField):
        return 2019
    if isinstance(field, models.CharField | models.TextField):
        text = f"Own text of {name}"
        return text[: field.max_length] if field.max_length and field.max_length < 40 else text
    raise AssertionError(f"No sample value for {name!r} ({type(field).__name__}): add one here.")


def test_the_row_attributes_are_exactly_the_plain_columns_the_definition_names() -> None:
    assert set(ROW_ATTRIBUTES) == {name for name in DEFINED_ATTRIBUTES if _is_column(name)}
    assert len(ROW_ATTRIBUTES) == len(set(ROW_ATTRIBUTES))


def test_the_text_attributes_are_exactly_the_text_columns_the_definition_names() -> None:
    assert set(TEXT_ATTRIBUTES) == {name for name in DEFINED_ATTRIBUTES if _is_text_column(name)} - {
        # A language code, chosen from a list, is not free text.
        f.name
        for f in PRACTICE_FIELDS
        if f.kind == Kind.LANGUAGE
    }
    assert set(NARRATIVE_TEXT_FIELDS) <= set(TEXT_ATTRIBUTES)
    for f in PRACTICE_FIELDS:
        assert set(f.text_parts) <= set(f.attributes), f.name
        if f.kind == Kind.LONG_TEXT:
            assert f.name in NARRATIVE_TEXT_FIELDS


@pytest.mark.django_db
@pytest.mark.parametrize("name", ROW_ATTRIBUTES)
def test_practice_save_writes_every_row_attribute(name: str, editor: Any) -> None:
    value = sample(name)
    values = PracticeValues(**{"title": "A practice", name: value})
    practice = practice_save(actor=editor, values=values)
    practice.refresh_from_db()
    assert getattr(practice, name) == value

    # Saving again replaces the value.
    practice_save(actor=editor, values=PracticeValues(title="A practice"), practice=practice)
    practice.refresh_from_db()
    assert getattr(practice, name) == getattr(PracticeValues(title="A practice"), name)


def _csv(cells: dict[str, str]) -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES, lineterminator="\n")
    writer.writeheader()
    writer.writerow({name: cells.get(name, "") for name in COLUMN_NAMES})
    return out.getvalue().encode()


@pytest.mark.django_db
def test_the_bulk_importer_reads_every_public_text_of_the_definition(editor: Any) -> None:
    assert set(NARRATIVE_TEXT_FIELDS) <= set(PUBLIC_TEXT_ATTRIBUTES)
    cells = {name: f"Imported {name}" for name in PUBLIC_TEXT_ATTRIBUTES}
    cells.update(primary_objectives="2", start_year="2021", is_ongoing="yes", id="imported-texts")
    imported = read_file(io.BytesIO(_csv(cells)), filename="practices.csv")
    report = practices_import(actor=editor, rows=imported.rows)
    assert report.ok, report.errors
    practice = Practice.objects.get(slug="imported-texts")
    for name in PUBLIC_TEXT_ATTRIBUTES:
        assert getattr(practice, name) == f"Imported {name}", name


def _practice_with_every_text(**kwargs: Any) -> Practice:
    return PracticeFactory(
        **{name: f"Only-{name}-{kwargs.get('slug', '')}" for name in TEXT_ATTRIBUTES}, **kwargs
    )


@pytest.mark.django_db
def test_the_list_page_shows_the_teaser_texts_and_never_reads_the_others(client: Any) -> None:
    practice = _practice_with_every_text(slug="first")
    url = reverse("discovery:practice_list")
    html = client.get(url).content.decode()
    teaser_texts = [name for f in PRACTICE_FIELDS if f.in_teaser for name in f.text_attributes]
    assert teaser_texts
    for name in teaser_texts:
        assert getattr(practice, name) in html, name
    for name in TEASER_SKIPPED_TEXTS:
        assert getattr(practice, name) not in html, name

    # A text left unread but shown would cost a query per practice: the count does not grow.
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(3):
        _practice_with_every_text(slug=f"more-{n}")
    client.get(url)  # the facet index is built again once for the new practices
    with CaptureQueriesContext(connection) as four:
        assert client.get(url).content.decode().count('class="teaser"') == 4
    assert len(four.captured_queries) == len(one.captured_queries)
    # The long texts and the focal point are not even read.
    sql = " ".join(q["sql"] for q in four.captured_queries)
    for name in TEASER_SKIPPED_TEXTS:
        assert f'"catalogue_practice"."{name}"' not in sql, name


def _listed(html: str) -> tuple[str, list[str]]:
    import lxml.html

    tree = lxml.html.fromstring(html)
    count = " ".join(tree.xpath('//p[contains(@class, "result-count")]')[0].text_content().split())
    items = [" ".join(li.text_content().split()) for li in tree.xpath('//ol[@class="practice-list"]/li')]
    return count, items


@pytest.mark.django_db
def test_a_browse_page_lists_practices_as_the_list_page_does(client: Any) -> None:
    for n in range(2):
        _practice_with_every_text(slug=f"browsed-{n}")
    listed = _listed(client.get(reverse("discovery:practice_list")).content.decode())
    browsed = _listed(
        client.get(reverse("discovery:objective_browse", kwargs={"number": 1})).content.decode()
    )
    assert listed[0] == "2 practices"
    assert len(listed[1]) == 2
    assert browsed == listed
