"""Reading a public answer as a visitor would: its text (an Excel file unzipped), and every count it shows.

`shown_counts(path, response, truth)` returns (where, shown, expected) for each count in the answer,
the expected number coming from the brute-force Truth. A count the page shows that this module does
not know how to check is reported as a failure too (expected None), so a new count on a public page
cannot go unchecked.
"""

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from xml.etree import ElementTree as ET

import lxml.html
from django.urls import Resolver404, resolve

from .published_truth import Query, Truth, browse_query

Count = tuple[str, int, int | None]  # where, shown, expected (None: a count nobody checks)

FEED_ITEMS = 50  # a feed lists at most this many practices (exports/feeds.py)
OAI = "{http://www.openarchives.org/OAI/2.0/}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# The views whose query string selects practices, as the list page's does.
SELECTING = {
    "discovery:practice_list",
    "discovery:practice_facet_values",
    "api:practice_list",
    "opendata:feed_atom",
    "opendata:feed_rss",
    "opendata:practices_csv",
    "opendata:practices_xlsx",
    "opendata:practices_json",
}
# Classes of elements that show a number which is not a number of practices.
NOT_PRACTICE_COUNTS = {"facet__selected"}  # "(2 selected)": the visitor's own choices


def body_text(response: Any) -> str:
    """Everything a visitor could read in the answer; an Excel file is unzipped and read whole."""
    body: bytes = response.body
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return body.decode("utf-8", "replace")


def xml_root(body: bytes) -> ET.Element:
    return ET.fromstring(body)  # noqa: S314 - our own answer


def _cls(name: str) -> str:
    """An XPath test: the element has the class `name` (a whole class, not part of one)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _count_class(token: str) -> bool:
    """A class naming a count ("count", "result-count", "facet__count"), not a list of them."""
    return bool(re.search(r"(^|[-_])count($|[-_])", token)) and not token.startswith("count-list")


def _int(text: str) -> int:
    found = re.search(r"\d+", text.replace(",", ""))
    if found is None:
        raise AssertionError(f"No number in {text!r}")
    return int(found.group())


def _route(path: str) -> tuple[str, dict[str, Any]]:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return "", {}
    return match.view_name, match.kwargs


def shown_counts(path: str, response: Any, truth: Truth) -> list[Count]:
    if response.status_code != 200:
        return []
    content_type = response.get("Content-Type", "")
    name, kwargs = _route(path)
    query = browse_query(name, kwargs, truth) or (Query.of(path) if name in SELECTING else Query())
    if "html" in content_type:
        return list(_html_counts(path, response.body, name, query, truth))
    if name == "opendata:practices_csv":
        text = response.body.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        return [("CSV rows", len(rows) - 1, truth.total(query))]
    if name == "opendata:practices_xlsx":
        return [("Excel rows", _xlsx_rows(response.body) - 1, truth.total(query))]
    if name == "opendata:practices_json":
        return [("JSON records", len(json.loads(response.body)), truth.total(query))]
    if name.startswith("api:") and "json" in content_type:
        return list(_api_counts(name, json.loads(response.body), query, truth))
    if name in ("opendata:feed_atom", "opendata:feed_rss"):
        root = xml_root(response.body)
        entries = root.findall("{http://www.w3.org/2005/Atom}entry") + root.findall("channel/item")
        return [("feed entries", len(entries), min(truth.total(query), FEED_ITEMS))]
    if name == "opendata:sitemap_section":
        locs = [loc.text or "" for loc in xml_root(response.body).iter(f"{SITEMAP}loc")]
        pages = [loc for loc in locs if _route(urlsplit(loc).path)[0] == "discovery:practice_detail"]
        return [("practice pages in the sitemap", len(pages), truth.total())] if pages else []
    if name == "opendata:oai":
        oai_set = re.fullmatch(r"objective:(\d+)", dict(parse_qsl(urlsplit(path).query)).get("set", ""))
        in_set = Query(values={"objective": frozenset({oai_set.group(1)})}) if oai_set else Query()
        return list(_oai_counts(response.body, truth.total(in_set)))
    return []


def _html_counts(path: str, body: bytes, name: str, query: Query, truth: Truth) -> Iterator[Count]:
    doc = lxml.html.fromstring(body)
    checked: set[Any] = set()

    def found(element: Any, where: str, expected: int | None) -> Count:
        checked.add(element)
        return (where, _int(element.text_content()), expected)

    for element in doc.xpath(f"//*[{_cls('result-count')}]"):
        expected = truth.total(query) if name != "discovery:home" else truth.total()
        yield found(element, "result count", expected)
    for element in doc.xpath(f"//*[{_cls('intro__count')}]"):
        yield found(element, "home page total", truth.total())
    # Facet values: a checkbox and its label ending in "(n)".
    for element in doc.xpath(f"//*[{_cls('facet__count')}]"):
        item = element.xpath("ancestor::li[1]//input[@name and @value]")
        where = f"facet value {item[0].get('name')}={item[0].get('value')}" if item else "facet count"
        expected = truth.value_count(query, item[0].get("name"), item[0].get("value")) if item else None
        yield found(element, where, expected)
    # Start years: <option value="2020">2020 (1)</option>.
    for option in doc.xpath("//select[@name='start_from' or @name='start_to']/option[@value!='']"):
        shown = re.search(r"\((\d+)\)", option.text_content())
        if shown:
            expected = truth.value_count(query, "start", option.get("value"))
            yield (f"start year {option.get('value')}", int(shown.group(1)), expected)
    # Browse indexes and the home page: a link to a value's page and its count.
    for element in doc.xpath(f"//*[{_cls('count-list')}]/li/*[{_cls('count')}]"):
        link = element.xpath("../a[@href]")
        value_query = None
        if link:
            link_name, link_kwargs = _route(link[0].get("href"))
            value_query = browse_query(link_name, link_kwargs, truth)
        where = f"count of {link[0].get('href')}" if link else "count in a list"
        yield found(element, where, truth.total(value_query) if value_query else None)
    # "1 value of “Country” with practices" on a facet's page of values.
    if name == "discovery:practice_facet_values":
        param = _route(path)[1]["param"]
        for element in doc.xpath("//legend"):
            if re.search(r"\d", element.text_content()):
                yield found(element, f"values of {param}", truth.values_listed(query, param))
    # Whatever else looks like a count must be checked above.
    for element in doc.xpath("//*[@class]"):
        tokens = (element.get("class") or "").split()
        if element in checked or set(tokens) & NOT_PRACTICE_COUNTS or not any(map(_count_class, tokens)):
            continue
        if re.search(r"\d", element.text_content()):
            yield (f"unchecked count <{element.tag} class={element.get('class')!r}>", -1, None)
    # The page's description for search engines: "N published practices ...".
    for meta in doc.xpath("//meta[@name='description']/@content"):
        stated = re.match(r"(?:.*\s)?(\d+) (?:peer-reviewed|published) practices?\b", meta)
        if stated:
            expected = truth.total() if name == "discovery:home" else truth.total(query)
            yield ("meta description", int(stated.group(1)), expected)


def _api_counts(name: str, data: Any, query: Query, truth: Truth) -> Iterator[Count]:
    if name == "api:practice_list":
        yield ("API count", data["count"], truth.total(query))
        yield ("API results", len(data["results"]), min(truth.total(query), data["page_size"]))
        for facet in data.get("facets", []):
            for value in facet["values"]:
                where = f"API facet {facet['param']}={value['key']}"
                yield (where, value["count"], truth.value_count(query, facet["param"], value["key"]))
    elif name == "api:organization_list":
        yield ("API organizations", data["count"], truth.organizations())
    if name == "api:openapi-json":
        return  # the schema names the fields; it counts nothing
    for item in _walk(data):
        if isinstance(item.get("practice_count"), int):
            url = item.get("practices_url") or ""
            if url:
                expected: int | None = truth.total(Query.of(url))
            elif name.startswith("api:call_"):
                expected = truth.total(Query(values={"call": frozenset({item["id"]})}))
            else:
                expected = None
            yield (f"API practice_count of {url or item.get('id')}", item["practice_count"], expected)


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)


def _oai_counts(body: bytes, expected: int) -> Iterator[Count]:
    root = xml_root(body)
    for verb in ("ListRecords", "ListIdentifiers"):
        listing = root.find(f"{OAI}{verb}")
        if listing is None:
            continue
        headers = list(listing.iter(f"{OAI}header"))
        live = [h for h in headers if h.get("status") != "deleted"]
        yield (f"OAI {verb} records", len(live), expected)


def _xlsx_rows(body: bytes) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(body), read_only=True)
    try:
        return sum(1 for row in workbook.worksheets[0].iter_rows() if any(c.value is not None for c in row))
    finally:
        workbook.close()
