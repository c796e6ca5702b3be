"""Word files built to exhaust the server are refused before python-docx reads them; real ones are not."""

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from practicehub.catalogue.models import Practice
from practicehub.core.ooxml import PackageRefused
from practicehub.submissions.docx import TemplateError, template_build, template_read
from practicehub.submissions.docx_guard import docx_check
from practicehub.submissions.forms import LONG_TEXT_MAX
from tests import hostile_files as hostile

from .files import upload
from .helpers import errors_beside, html_tree

pytestmark = pytest.mark.django_db
TOO_COMPLEX = (
    "This file holds far more than a filled template can (tables, cells or other content beyond the "
    "template's), so it was not read. Download the template from this page, copy your text into it, "
    "and upload it again."
)
DAMAGED = "This file cannot be read as a Word document (.docx)"

HOSTILE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "huge grid span": (hostile.huge_grid_span, "too_complex"),
    "50,000 empty cells": (hostile.many_empty_cells, "too_complex"),
    "zip bomb member": (hostile.zip_bomb_member, "too_complex"),
    "20,000 members": (hostile.many_members, "too_complex"),
    "300 vertically merged cells": (hostile.vertical_merges, "too_complex"),
    "15,000 list items in one answer": (hostile.many_paragraphs, "too_complex"),
    "40 nested tables": (hostile.nested_tables, "too_complex"),
    "50,000 nested elements": (hostile.deep_xml, "too_complex"),
    "billion laughs": (hostile.billion_laughs, "damaged"),
}


_BUILT: dict[str, bytes] = {}


@pytest.fixture
def template() -> bytes:
    """The template the site generates (built once: the vocabularies are the same in every test)."""
    if "template" not in _BUILT:
        _BUILT["template"] = template_build()
    return _BUILT["template"]


def _read(content: bytes) -> dict[str, list[str]]:
    return template_read(io.BytesIO(content), size=len(content))


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_word_file_is_refused_before_it_is_parsed(
    template: bytes, name: str, monkeypatch: Any
) -> None:
    make, code = HOSTILE[name]
    content = make(template)
    opened: list[bytes] = []

    def record(source: Any) -> Any:
        opened.append(source.read())
        raise ValueError("not read in this test")

    monkeypatch.setattr("practicehub.submissions.docx.Document", record)
    with pytest.raises(TemplateError) as caught:
        _read(content)
    assert caught.value.code == code
    assert opened == []  # python-docx never saw it


@pytest.mark.parametrize("name", ["huge grid span", "50,000 empty cells", "billion laughs"])
def test_the_upload_page_says_why_and_saves_nothing(signed_in: Any, template: bytes, name: str) -> None:
    make, code = HOSTILE[name]
    response = signed_in.post(
        reverse("submissions:word_upload"), {"template_file": upload("practice.docx", make(template))}
    )
    assert response.status_code == 400
    assert not Practice.objects.exists()
    errors = errors_beside(html_tree(response), "id_template_file")
    assert len(errors) == 1
    assert errors[0] == TOO_COMPLEX if code == "too_complex" else errors[0].startswith(DAMAGED)


def test_a_file_that_is_not_a_zip_under_a_docx_name_is_refused(signed_in: Any) -> None:
    response = signed_in.post(
        reverse("submissions:word_upload"), {"template_file": upload("practice.docx", hostile.not_a_zip())}
    )
    assert response.status_code == 400
    assert not Practice.objects.exists()
    assert errors_beside(html_tree(response), "id_template_file")[0].startswith(DAMAGED)


def test_a_member_whose_directory_entry_hides_a_larger_size_cannot_unpack_more(template: bytes) -> None:
    """A zip that declares a small size for a large member: Python's zipfile stops at the declared
    size (and then finds the CRC wrong), so the checked sizes bound the work."""
    bomb = hostile.zip_bomb_member(template, unpacked=2 * 1024 * 1024)
    target = b"word/media/image1.png"
    central = bomb.rindex(b"PK\x01\x02", 0, bomb.rindex(target))
    lying = bytearray(bomb)
    lying[central + 24 : central + 28] = (1000).to_bytes(4, "little")  # uncompressed size: 1,000 bytes
    with pytest.raises(TemplateError) as caught:
        _read(bytes(lying))
    assert caught.value.code == "damaged"


def test_a_zip_that_claims_a_million_members_is_refused_from_its_end_record(template: bytes) -> None:
    end = template.rindex(b"PK\x05\x06")
    claimed = bytearray(template)
    claimed[end + 10 : end + 12] = (0xFFFF).to_bytes(2, "little")
    with pytest.raises(PackageRefused) as caught:
        docx_check(io.BytesIO(bytes(claimed)))
    assert caught.value.reason == "too many members"


def test_a_template_filled_to_the_forms_maxima_is_read(template: bytes) -> None:
    content = hostile.filled_to_the_maxima(template)
    data = _read(content)
    assert data["title"] == ["Migrant resource centres"]
    assert data["organizations-TOTAL_FORMS"] == ["40"]
    assert len(data["summary"][0]) > LONG_TEXT_MAX - 1000
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.getinfo("word/document.xml").file_size > 400_000
