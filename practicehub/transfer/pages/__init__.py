"""Importing published practice pages (the text of a page, as saved from the site) as practices.

parser.py reads text into a ParsedPage without touching the database; resolve.py looks its values
up in the vocabularies; load.py merges them with the practice's current values and writes them
with practice_save. The headings the parser knows come from practicehub/catalogue/fields.py.
"""

from .load import ImportReport, import_practice_file, practice_import_page, read_page_file
from .page import NotAPracticePage, ParsedLink, ParsedOrganization, ParsedPage, UnrecognisedText
from .parser import parse_practice_page

__all__ = [
    "ImportReport",
    "NotAPracticePage",
    "ParsedLink",
    "ParsedOrganization",
    "ParsedPage",
    "UnrecognisedText",
    "import_practice_file",
    "parse_practice_page",
    "practice_import_page",
    "read_page_file",
]
