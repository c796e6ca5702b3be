"""Characters XML 1.0 forbids, in a published practice and a vocabulary, never break an output: every
download, feed, harvest, sitemap, the JSON-LD and the Word template answer 200 and parse (one of them
once made the whole XLSX download a 500 for everyone). They are cleaned by one function
(core/xmltext.py), which a property test holds to its promise."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from openpyxl import load_workbook

from practicehub.catalogue.models import Organization, Practice, PracticeType
from practicehub.core.xmltext import has_forbidden, xml_text
from tests.factories import OrganizationFactory, PracticeFactory

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# What a database keeps of the forbidden characters (neither can store a lone surrogate; PostgreSQL
# no NUL either): stored directly, as a practice imported before the inputs were cleaned would be.
C0 = "".join(chr(n) for n in range(0x20) if chr(n) not in "\t\n\r")


def _stored_forbidden() -> str:
    return ("\ufffe\uffff" + C0).replace("\x00", "" if connection.vendor == "postgresql" else "\x00")


@pytest.fixture
def odd() -> Practice:
    bad = _stored_forbidden()
    organization = OrganizationFactory(name=f"Centro{bad} de Apoyo")
    practice = PracticeFactory(
        title=f"Migrant{bad} centres", summary=f"Advice{bad} for **all**.", main_implementer=organization
    )
    Practice.objects.filter(pk=practice.pk).update(key_lessons=f"Lessons{bad}")
    PracticeType.objects.filter(pk=practice.practice_type_id).update(name=f"Service{bad} delivery")
    assert Organization.objects.get(pk=organization.pk).name.startswith("Centro\ufffe")
    return practice


def _body(response: Any) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content) if response.streaming else bytes(response.content)


def _xml(response: Any) -> etree._Element:
    """Parsed by lxml, which refuses any character XML 1.0 forbids."""
    return etree.fromstring(_body(response))


def test_the_downloads_answer_and_parse(client: Any, odd: Practice) -> None:
    rows = list(csv.reader(io.StringIO(_body(client.get("/exports/practices.csv")).decode("utf-8-sig"))))
    assert rows[1][rows[0].index("title")].startswith("Migrant\ufffe")  # CSV is not XML: kept as stored
    records = json.loads(_body(client.get("/exports/practices.json")))
    assert records[0]["title"].startswith("Migrant\ufffe")
    sheet = load_workbook(io.BytesIO(_body(client.get("/exports/practices.xlsx"))), read_only=True)
    header, row = list(sheet.worksheets[0].iter_rows(values_only=True))
    titled = dict(zip(header, row, strict=True))
    assert titled["title"] == xml_text(odd.title)
    assert not has_forbidden(str(titled["summary"]))


@pytest.mark.parametrize("feed", ["opendata:feed_atom", "opendata:feed_rss"])
def test_the_feeds_answer_and_parse(client: Any, odd: Practice, feed: str) -> None:
    text = etree.tostring(_xml(client.get(reverse(feed))), encoding="unicode")
    assert "Migrant" in text and "Centro" in text


def test_oai_pmh_answers_and_parses(client: Any, odd: Practice) -> None:
    oai = reverse("opendata:oai")
    records = _xml(client.get(oai, {"verb": "ListRecords", "metadataPrefix": "oai_dc"}))
    assert "Migrant" in etree.tostring(records, encoding="unicode")
    for params in ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}, {"verb": "ListSets"}):
        root = _xml(client.get(oai, params))
        assert not root.findall("{http://www.openarchives.org/OAI/2.0/}error"), params


def test_the_sitemaps_answer_and_parse(client: Any, odd: Practice) -> None:
    index = _xml(client.get("/sitemap.xml"))
    locations = [e.text or "" for e in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations
    for location in locations:
        _xml(client.get(location.removeprefix("http://testserver")))


def test_the_practice_page_and_its_json_ld_answer(client: Any, odd: Practice) -> None:
    html = _body(client.get(odd.get_absolute_url())).decode("utf-8")
    (script,) = SCRIPT.findall(html)
    assert json.loads(script)["name"].startswith("Migrant")


def test_the_word_template_answers_and_opens(client: Any, odd: Practice) -> None:
    document = Document(io.BytesIO(_body(client.get(reverse("submissions:word_template")))))
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert xml_text(PracticeType.objects.get(pk=odd.practice_type_id).name) in text


# Any character at all (surrogates included, which st.text() leaves out), and often the odd ones.
ANY_CHARACTER = st.characters(exclude_categories=()) | st.sampled_from(
    ["\x00", "\x01", "\x0b", "\x1f", "\r", "\ud800", "\udfff", "\ufffe", "\uffff", "&", "<", ">"]
)


@given(st.text(ANY_CHARACTER))
def test_any_text_through_the_one_function_is_accepted_inside_an_element_and_an_attribute(
    text: str,
) -> None:
    """Any Python text (lone surrogates, NUL, U+FFFE, anything) becomes text both XML parsers accept,
    one character for one, and text XML already accepts is left as it is."""
    cleaned = xml_text(text)
    assert len(cleaned) == len(text)
    escaped = cleaned.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    document = f'<a b="{escaped}">{escaped}</a>'.encode()
    # (Parsers read a carriage return as a line feed.)
    expected = cleaned.replace("\r\n", "\n").replace("\r", "\n")
    assert (etree.fromstring(document).text or "") == expected
    assert (ET.fromstring(document).text or "") == expected  # noqa: S314 - text made here
    if not has_forbidden(text):
        assert cleaned == text
