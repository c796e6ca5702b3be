"""CSV in the downloads' own columns, streamed: a row wider than a sheet is refused before it is built."""

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO

from django.utils.translation import gettext as _

from .base import (
    _CSV_FIELD_LIMIT,
    MAX_SHEET_ROW_CELLS,
    ImportFile,
    ImportFileError,
    _too_wide,
    _unguard,
    sheet_rows,
)


def _bounded_lines(lines: Iterable[str]) -> Iterator[str]:
    """The lines of a CSV file, refusing a row (lines joined by quoted line breaks) with more commas
    than a sheet has cells before the csv module builds it: one line of 40 million commas took
    800 MB. (Commas inside quotes count too: no real row has that many.)"""
    commas, quoted = 0, False
    for line in lines:
        commas += line.count(",")
        if commas > MAX_SHEET_ROW_CELLS:
            raise _too_wide()
        quoted ^= line.count('"') % 2 == 1
        if not quoted:
            commas = 0
        yield line


def read_csv(handle: IO[bytes]) -> ImportFile:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    try:
        reader = csv.reader(_bounded_lines(text))
        header = next(reader, None)
        if header is None:
            raise ImportFileError(_("The file is empty."))
        body = ((n, [_unguard(c) for c in cells]) for n, cells in enumerate(reader, start=2))
        return sheet_rows(header, body)
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 text. Save it as “CSV UTF-8”.")) from None
    except csv.Error as error:
        raise ImportFileError(_("The file is not valid CSV: %(error)s") % {"error": error}) from None
    finally:
        text.detach()
