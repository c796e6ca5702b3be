"""A summary written with links, emphasis and a list, as each machine-readable output gives it.

Plain-text outputs (JSON-LD, OAI-PMH) show what the practice's page reads: link texts without their
addresses, no emphasis or list marks. Feeds carry the page's HTML. Downloads and the API keep the
stored Markdown, as docs/open-data.md promises ("Long texts are the stored Markdown-lite source").
"""

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from practicehub.catalogue.models import Practice, PracticeStatus
from practicehub.catalogue.services import practice_save
from tests.open_data import values

from .oai_helpers import NS, identifier_for, oai

pytestmark = pytest.mark.django_db

SUMMARY = (
    "Desks run by the [Agency for *Returning* Workers](https://example.org/agency) give "
    "**free** advice.\n\n"
    "- one visit\n"
    "- a _follow-up_ call\n\n"
    "Costs 2 * 3 euros; see <https://example.org/fees>."
)
# What the page shows of it, as text.
SHOWN = (
    "Desks run by the Agency for Returning Workers give free advice. one visit a follow-up call "
    "Costs 2 * 3 euros; see https://example.org/fees."
)


@pytest.fixture
def practice(editor, django_capture_on_commit_callbacks) -> Practice:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return practice_save(
            actor=editor, values=values("Desks with links", summary=SUMMARY), status=PracticeStatus.PUBLISHED
        )


def one_line(text: str) -> str:
    return " ".join(text.split())


def assert_no_markdown(text: str) -> None:
    assert "](" not in text and "**" not in text and "[" not in text
    assert "_follow" not in text and "*Returning" not in text
    assert "https://example.org/agency" not in text
    assert not re.search(r"^\s*- ", text, re.M)


def test_the_page_renders_the_summary_and_lists_show_its_text(client, practice) -> None:  # type: ignore[no-untyped-def]
    page = client.get(practice.get_absolute_url()).content.decode()
    assert (
        '<a href="https://example.org/agency" rel="nofollow noopener">Agency for <em>Returning</em>' in page
    )
    meta = re.search(r'<meta name="description" content="([^"]*)"', page)
    assert meta is not None
    assert html.unescape(meta.group(1)) == SHOWN
    listing = client.get(reverse("discovery:practice_list")).content.decode()
    teaser = re.search(r'<p class="teaser__summary"[^>]*>(.*?)</p>', listing, re.S)
    assert teaser is not None
    assert html.unescape(teaser.group(1)) == SHOWN


def test_the_jsonld_description_is_the_text_the_page_shows(client, practice) -> None:  # type: ignore[no-untyped-def]
    page = client.get(practice.get_absolute_url()).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert script is not None
    description = json.loads(script.group(1))["description"]
    assert_no_markdown(description)
    assert description == SHOWN


def test_the_oai_description_is_plain_text_with_its_paragraphs(client, practice) -> None:  # type: ignore[no-untyped-def]
    root = oai(
        client, {"verb": "GetRecord", "identifier": identifier_for(practice), "metadataPrefix": "oai_dc"}
    )
    description = root.findtext("o:GetRecord/o:record/o:metadata/oai_dc:dc/dc:description", namespaces=NS)
    assert description is not None
    assert_no_markdown(description)
    assert one_line(description) == SHOWN
    assert description.split("\n\n") == [
        "Desks run by the Agency for Returning Workers give free advice.",
        "one visit\na follow-up call",
        "Costs 2 * 3 euros; see https://example.org/fees.",
    ]


@pytest.mark.parametrize(
    ("feed", "summary_path"),
    [
        ("opendata:feed_atom", "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary"),
        ("opendata:feed_rss", "channel/item/description"),
    ],
)
def test_feed_entries_carry_the_pages_html_not_markdown(client, practice, feed, summary_path) -> None:  # type: ignore[no-untyped-def]
    root = ET.fromstring(client.get(reverse(feed)).content)  # noqa: S314 - our own answer
    summary = root.findtext(summary_path)
    assert summary is not None
    assert "](" not in summary and "**" not in summary
    assert '<a href="https://example.org/agency" rel="nofollow noopener">' in summary
    assert "<strong>free</strong>" in summary and "<li>one visit</li>" in summary
    assert one_line(html.unescape(re.sub(r"<[^>]*>", " ", summary))).replace(" .", ".") == SHOWN


def test_downloads_and_the_api_keep_the_stored_markdown(client, practice) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/exports/practices.csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text[1:], newline="")))
    assert [row["summary"] for row in rows if row["title"] == "Desks with links"] == [SUMMARY]
    response = client.get("/exports/practices.json")
    records = json.loads(b"".join(response.streaming_content))
    assert [r["summary"] for r in records if r["title"] == "Desks with links"] == [SUMMARY]
    assert client.get(f"/api/v1/practices/{practice.slug}").json()["summary"] == SUMMARY
