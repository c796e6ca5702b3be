"""Downloads of a list of practices as CSV, Excel and JSON, as a person or a program reads them."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from practicehub.catalogue.fields import PUBLIC_FIELDS
from practicehub.catalogue.models import Practice
from practicehub.opendata.columns import COLUMN_NAMES, COLUMNS, join, split
from tests.factories import PracticeFactory
from tests.open_data import PRIVATE_STRINGS, OpenCatalogue

pytestmark = pytest.mark.django_db


def content(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    text = content(response).decode("utf-8")
    assert text.startswith("\ufeff"), "UTF-8 with a byte order mark"
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def xlsx_rows(response) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    sheet = load_workbook(io.BytesIO(content(response)), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_csv_has_one_row_per_published_practice_with_multi_values_joined(
    client, open_catalogue: OpenCatalogue
) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/exports/practices.csv")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="practices-')
    rows = csv_rows(response)
    assert list(rows[0]) == list(COLUMN_NAMES)
    assert {r["title"] for r in rows} == {
        "Return desks in border towns",
        "Bilingual schooling for migrant children",
    }
    row = next(r for r in rows if r["id"] == open_catalogue.published.slug)
    assert row["organizations"] == "Agency for Returning Workers | Union of Border Towns"
    assert row["organization_roles"] == "main | partner"
    assert row["organization_acronyms"] == "ARW | "
    assert row["organization_countries"] == "GEO | "
    assert row["countries"] == "GEO" and row["countries_labels"] == "Georgia"
    assert row["is_ongoing"] == "yes" and row["start_year"] == "2019" and row["end_year"] == ""
    assert row["links"] == "https://example.org/handbook" and row["link_titles"] == "Desk handbook"
    # A bar inside a value is escaped, so that it is not read as a separator.
    assert row["benefit_and_impact"] == "About 1,200 people | families were advised."
    assert row["url"] == f"http://testserver/practices/{open_catalogue.published.slug}/"


def test_every_public_field_has_a_column_and_no_private_one(client, open_catalogue: OpenCatalogue) -> None:  # type: ignore[no-untyped-def]
    for field in PUBLIC_FIELDS:
        assert any(c.attribute.field == field for c in COLUMNS), field.name
    for name in ("focal_point_name", "focal_point_email", "submitter", "status"):
        assert name not in COLUMN_NAMES
    for url in ("/exports/practices.csv", "/exports/practices.json", "/exports/practices.xlsx"):
        body = content(client.get(url))
        text = (
            body.decode("utf-8")
            if not url.endswith("xlsx")
            else json.dumps(xlsx_rows(client.get(url)), default=str, ensure_ascii=False)
        )
        for secret in PRIVATE_STRINGS:
            assert secret not in text, (url, secret)
        for title in open_catalogue.hidden_titles:
            assert title not in text, (url, title)


def test_a_download_follows_the_list_pages_search_filters_and_sort(client) -> None:  # type: ignore[no-untyped-def]
    PracticeFactory(title="Zebra crossings", objectives=[3], country_codes=["KEN"])
    PracticeFactory(title="Apple orchards", objectives=[3], country_codes=["MEX"])
    PracticeFactory(title="Other objective", objectives=[4], country_codes=["KEN"])
    rows = csv_rows(client.get("/exports/practices.csv?objective=3&sort=title"))
    assert [r["title"] for r in rows] == ["Apple orchards", "Zebra crossings"]
    rows = csv_rows(client.get("/exports/practices.csv?country=KEN&sort=title&page=7"))
    assert [r["title"] for r in rows] == ["Other objective", "Zebra crossings"]  # every page, not page 7
    api = client.get("/api/v1/practices?country=KEN&sort=title").json()
    assert [p["title"] for p in api["results"]] == [r["title"] for r in rows]


def test_xlsx_has_the_same_columns_and_keeps_text_as_text(client) -> None:  # type: ignore[no-untyped-def]
    PracticeFactory(title='=HYPERLINK("http://evil.example")', summary="+1 line\x01 with a control char")
    response = client.get("/exports/practices.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    rows = xlsx_rows(response)
    assert list(rows[0]) == list(COLUMN_NAMES)
    assert rows[0]["title"] == '=HYPERLINK("http://evil.example")'  # text, not a formula
    assert rows[0]["summary"] == "+1 line  with a control char"  # a space for it (core/xmltext.py)
    assert rows[0]["start_year"] == 2020  # a number


def test_csv_guards_cells_a_spreadsheet_would_run_as_formulas(client) -> None:  # type: ignore[no-untyped-def]
    PracticeFactory(title="=1+2", summary="- a list item")
    row = csv_rows(client.get("/exports/practices.csv"))[0]
    assert row["title"] == "'=1+2"
    assert row["summary"] == "'- a list item"


def test_json_is_an_array_of_the_api_records(client, open_catalogue: OpenCatalogue) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/exports/practices.json?objective=15")
    assert response.streaming and response["Content-Type"] == "application/json; charset=utf-8"
    records = json.loads(content(response))
    assert [r["id"] for r in records] == [open_catalogue.other_published.slug]
    api = client.get(f"/api/v1/practices/{open_catalogue.other_published.slug}").json()
    assert records[0] == api
    assert json.loads(content(client.get("/exports/practices.json?objective=999&q=nothing-at-all"))) == []


def test_bad_query_strings_never_break_a_download(client) -> None:  # type: ignore[no-untyped-def]
    PracticeFactory(title="Still there")
    for query in ("page=abc&sort=%00", "start_from=99999&start_to=-1", "country=" + "A," * 500, "q=%ff%fe"):
        for kind in ("csv", "json", "xlsx"):
            response = client.get(f"/exports/practices.{kind}?{query}")
            assert response.status_code == 200, (kind, query)
            content(response)


def test_the_list_page_offers_downloads_of_its_own_selection(client) -> None:  # type: ignore[no-untyped-def]
    PracticeFactory(title="Kenyan practice", objectives=[3], country_codes=["KEN"])
    html = client.get("/practices/?country=KEN&sort=title&page=1").content.decode()
    assert "Download this practice" in html
    for kind in ("csv", "xlsx", "json"):
        assert f'href="/exports/practices.{kind}?country=KEN&amp;sort=title"' in html
    assert 'href="/exports/columns/"' in html and 'href="/api/v1/docs"' in html
    browse = client.get("/objectives/3/").content.decode()
    assert 'href="/exports/practices.csv?objective=3"' in browse


def test_the_columns_page_documents_every_column(client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/exports/columns/").content.decode()
    for column in COLUMNS:
        assert f"<code>{column.name}</code>" in html
    assert "byte order mark" in html


def test_multi_values_survive_any_text() -> None:
    values = ["a | b", "back\\slash", "pipe|", "", "plain"]
    assert split(join(values)) == [v.strip() for v in values]
    assert split("") == []


def test_downloads_are_rate_limited_per_address(client, settings) -> None:  # type: ignore[no-untyped-def]
    allowed, _period = settings.PRACTICEHUB_DOWNLOAD_RATE
    for _ in range(allowed):
        assert client.get("/exports/practices.json").status_code == 200
    assert client.get("/exports/practices.csv").status_code == 429
    assert Practice.objects.count() == 0


def test_the_download_allowance_is_the_setting_read_on_each_request(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PRACTICEHUB_DOWNLOAD_RATE = (2, 3600)  # as PRACTICEHUB_DOWNLOAD_RATE=2/1h would set it
    statuses = [client.get("/exports/practices.csv").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert 0 < int(client.get("/exports/practices.json")["Retry-After"]) <= 3600


def test_documents_are_listed_with_an_address_that_serves_them(client) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.base import ContentFile

    from practicehub.catalogue.models import PracticeDocument

    practice = PracticeFactory(title="With a report")
    document = PracticeDocument(
        practice=practice, title="Evaluation report", size=12, content_type="application/pdf"
    )
    document.file.save("evaluation.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    row = csv_rows(client.get("/exports/practices.csv"))[0]
    assert row["document_titles"] == "Evaluation report"
    address = row["documents"]
    assert address.startswith("http://testserver/")
    assert client.get(address.removeprefix("http://testserver")).status_code == 200
    record = client.get(f"/api/v1/practices/{practice.slug}").json()
    assert record["documents"] == [
        {"title": "Evaluation report", "url": address, "content_type": "application/pdf", "size": 12}
    ]
