"""Download views: the list page's practices (any search, filters and sort) as CSV, XLSX or JSON,
and the page documenting the columns. Thin: the selection is read with the list page's parser and
the practices come from its selector (tabular.selection_ids)."""

from collections.abc import Callable
from typing import cast

from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from practicehub.core.ratelimit import ratelimited
from practicehub.search.params import parse as parse_selection

from .columns import COLUMNS, escape
from .records import records_for_ids
from .tabular import (
    CSV_CONTENT_TYPE,
    JSON_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    csv_lines,
    json_chunks,
    selection_ids,
    xlsx_file,
)

# Downloads read every matching practice: (requests, seconds) per client address, from the environment.
DOWNLOAD_RATE = "PRACTICEHUB_DOWNLOAD_RATE"


def _filename(extension: str) -> str:
    return f"practices-{timezone.now():%Y-%m-%d}.{extension}"


def _prepare(request: HttpRequest) -> tuple[list[int], Callable[[str], str]]:
    return selection_ids(parse_selection(request.GET)), request.build_absolute_uri


def _download(request: HttpRequest, extension: str) -> HttpResponse:
    ids, absolute = _prepare(request)
    records = records_for_ids(ids, absolute)
    response: StreamingHttpResponse
    if extension == "csv":
        lines = (line.encode("utf-8") for line in csv_lines(records))
        response = StreamingHttpResponse(lines, content_type=CSV_CONTENT_TYPE)
    elif extension == "json":
        chunks = (chunk.encode("utf-8") for chunk in json_chunks(records))
        response = StreamingHttpResponse(chunks, content_type=JSON_CONTENT_TYPE)
    else:
        response = FileResponse(xlsx_file(records), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(extension)}"'
    response["X-Total-Count"] = str(len(ids))
    response["Cache-Control"] = "no-store"
    # Streamed: the ratelimited decorator (and Django) handle it like any response.
    return cast(HttpResponse, response)


@require_GET
@ratelimited("export", setting=DOWNLOAD_RATE, key="ip", methods=None)
def practices_csv(request: HttpRequest) -> HttpResponse:
    """CSV, UTF-8 with a byte order mark, streamed."""
    return _download(request, "csv")


@require_GET
@ratelimited("export", setting=DOWNLOAD_RATE, key="ip", methods=None)
def practices_json(request: HttpRequest) -> HttpResponse:
    """A JSON array of the API's practice records, streamed."""
    return _download(request, "json")


@require_GET
@ratelimited("export", setting=DOWNLOAD_RATE, key="ip", methods=None)
def practices_xlsx(request: HttpRequest) -> HttpResponse:
    """An Excel workbook, written row by row to a temporary file, then sent."""
    return _download(request, "xlsx")


@require_GET
def columns(request: HttpRequest) -> HttpResponse:
    """Every column of the CSV and Excel downloads, what it holds, and whether the importer reads it."""
    return render(
        request,
        "opendata/columns.html",
        {"columns": COLUMNS, "escaped_bar": escape("|"), "escaped_backslash": escape("\\")},
    )
