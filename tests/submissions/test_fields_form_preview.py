"""The submission form and the preview follow the field definition (practicehub/catalogue/fields.py):
every text it defines reaches the saved practice through the form, every value the form edits comes
back on the edit page unchanged, and the preview shows the same fields as the published page.
Each test iterates the definition, so a field added there is checked without a change here."""

from typing import Any

import lxml.html
import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from practicehub.catalogue.fields import (
    PRIVATE_FIELDS,
    PUBLIC_ROW_ATTRIBUTES,
    ROW_ATTRIBUTES,
    TEXT_ATTRIBUTES,
)
from practicehub.catalogue.models import PracticeStatus
from practicehub.catalogue.services import PracticeValues, practice_set_status
from practicehub.submissions.forms import PracticeForm, form_attributes
from practicehub.submissions.preview import PreviewPractice
from practicehub.submissions.values import Snapshot, values_from_practice

from .helpers import edit_url, html_tree, save_draft

pytestmark = pytest.mark.django_db

VALUE_NAMES = set(PracticeValues.__dataclass_fields__)


def test_the_form_edits_exactly_the_values_it_has_fields_for() -> None:
    assert set(form_attributes()) == set(PracticeForm().fields) & VALUE_NAMES
    assert set(TEXT_ATTRIBUTES) <= set(form_attributes())


def test_every_text_of_the_definition_reaches_the_practice_through_the_form_trimmed(signed_in: Any) -> None:
    typed = {name: f"  {name.replace('_', ' ')} as typed  " for name in TEXT_ATTRIBUTES}
    # The form checks an e-mail address before trimming: give those as an address would be typed.
    typed.update(
        {name: f"{name.replace('_', '.')}@example.org" for name in TEXT_ATTRIBUTES if "email" in name}
    )
    practice = save_draft(signed_in, **typed)
    for name in TEXT_ATTRIBUTES:
        assert getattr(practice, name) == typed[name].strip(), name


def test_the_edit_page_gives_back_every_value_the_form_edits(signed_in: Any) -> None:
    """Posting the edit page as a browser would, unchanged, changes nothing."""
    practice = save_draft(signed_in)
    before = values_from_practice(practice)
    page = signed_in.get(edit_url(practice))
    assert page.status_code == 200
    form = next(f for f in html_tree(page).forms if f.xpath('.//*[@name="title"]'))
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    for name in form_attributes():
        # Every value the form edits is on the page (an unticked box or no choice sends nothing).
        assert name in data or not getattr(before, name), name
    response = signed_in.post(edit_url(practice), {**data, "action": "save"})
    assert response.status_code == 302, response.content.decode()[:2000]
    practice.refresh_from_db()
    after = values_from_practice(practice)
    for name in form_attributes():
        assert getattr(after, name) == getattr(before, name), name


def test_the_preview_holds_every_public_row_value_and_no_private_one(signed_in: Any) -> None:
    practice = save_draft(
        signed_in, **{name: f"Own {name}" for name in TEXT_ATTRIBUTES if "email" not in name}
    )
    values = values_from_practice(practice)
    preview = PreviewPractice(Snapshot(values=values))
    for name in PUBLIC_ROW_ATTRIBUTES:
        assert getattr(preview, name) == getattr(values, name), name
    private = {name for f in PRIVATE_FIELDS for name in f.attributes}
    assert private and private.isdisjoint(PUBLIC_ROW_ATTRIBUTES)
    assert private <= set(ROW_ATTRIBUTES)
    for name in private:
        assert not hasattr(preview, name), name


def _sections(html: str) -> list[tuple[str, str]]:
    tree = lxml.html.fromstring(html)
    return [
        (section.get("aria-labelledby"), " ".join(section.text_content().split()))
        for section in tree.xpath('//section[contains(concat(" ", @class, " "), " field ")]')
    ]


def test_the_preview_shows_the_same_fields_as_the_published_page(signed_in: Any, client: Any) -> None:
    practice = save_draft(signed_in)
    preview = signed_in.get(reverse("submissions:preview", kwargs={"pk": practice.pk}))
    assert preview.status_code == 200
    practice_set_status(actor=None, practice=practice, status=PracticeStatus.PUBLISHED)
    published = client.get(practice.get_absolute_url())
    assert published.status_code == 200
    shown = _sections(published.content.decode())
    assert shown and _sections(preview.content.decode()) == shown


def test_the_shared_field_sections_say_so_when_a_preview_has_nothing_to_show() -> None:
    preview = PreviewPractice(Snapshot(values=PracticeValues(title="Only a title", original_language="")))
    context = {"practice": preview}
    assert "<section" not in render_to_string("catalogue/_practice_fields.html", context)
    html = render_to_string("catalogue/_practice_fields.html", {**context, "empty_note": "Nothing yet"})
    assert '<p class="empty">Nothing yet</p>' in html
