"""What the people of the contribution journey do that is not a click: read their e-mail, fill the Word
template in their word processor (python-docx here), and sign in through the site's own pages."""

import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core import mail
from docx import Document
from playwright.sync_api import Page, expect

# The template's hidden markers, as practicehub/submissions/docx.py documents them: the first row of
# each answer table carries {ph:<form field>}, each choice row {v:<value key>}.
TABLE_KEY = re.compile(r"\{ph:([a-z_]+)\}")
CONFIRMATION_PATH = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)")


def confirmation_path(email: str) -> str:
    """The path of the confirmation link in the last message sent to `email`."""
    sent = [message for message in mail.outbox if email in message.to]
    assert sent, f"no e-mail was sent to {email}"
    found = CONFIRMATION_PATH.search(str(sent[-1].body))
    assert found, sent[-1].body
    return found.group(1)


def messages_to(email: str) -> list[Any]:
    return [message for message in mail.outbox if email in message.to]


def _tables(document: Any) -> dict[str, Any]:
    found = {}
    for table in document.tables:
        match = TABLE_KEY.search(table.rows[0].cells[0].text)
        if match:
            found[match.group(1)] = table
    return found


def _mark(table: Any, keys: Iterable[str]) -> None:
    """Type X in the first cell of each row whose choice is one of `keys`."""
    wanted = {f"{{v:{key}}}" for key in keys}
    marked = 0
    for row in table.rows[1:]:
        cells = row.cells
        if len(cells) > 1 and any(marker in cells[1].text for marker in wanted):
            cells[0].text = "X"
            marked += 1
    assert marked == len(wanted), f"the template offers {marked} of the choices {sorted(wanted)}"


def _answer(table: Any, text: str) -> None:
    """Type `text` in the empty box under the label; a blank line starts a new paragraph."""
    cell = table.rows[1].cells[0]
    first, *more = text.split("\n\n")
    cell.text = first
    for paragraph in more:
        cell.add_paragraph(paragraph)


def fill_template(
    template: bytes,
    *,
    texts: Mapping[str, str],
    choices: Mapping[str, Iterable[str]],
    start_year: int,
    ongoing: bool,
    organizations: Iterable[tuple[str, str, str, str, str]],
    links: Iterable[tuple[str, str]] = (),
) -> bytes:
    """The template with answers typed in, as a person would in Word.

    texts: answer-box name -> text (title, summary, countries, focal point ...);
    choices: choice-table name -> value keys to mark with X;
    organizations: rows of (name, acronym, role, type of organization, country) as typed;
    links: rows of (title, address).
    """
    document = Document(io.BytesIO(template))
    tables = _tables(document)
    for name, text in texts.items():
        _answer(tables[name], text)
    for name, keys in choices.items():
        _mark(tables[name], keys)
    for row in tables["dates"].rows[1:]:
        first, second = row.cells[0], row.cells[-1]
        if "{v:start_year}" in first.text:
            second.text = str(start_year)
        elif "{v:is_ongoing}" in first.text and ongoing:
            second.text = "X"
    # Row 0 is the label, row 1 the column headings; people type from row 2 on.
    for row, values in zip(tables["organizations"].rows[2:], organizations, strict=False):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for row, values in zip(tables["links"].rows[2:], links, strict=False):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def sign_in(page: Page, *, email: str, password: str) -> None:
    """Sign in from the link in the site header, as anyone would."""
    page.goto("/")
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Sign in").click()
    main = page.get_by_role("main")
    main.get_by_label("Email").fill(email)
    main.get_by_label(re.compile(r"^Password:?$")).fill(password)
    main.get_by_role("button", name="Sign In").click()
    expect(
        page.get_by_role("navigation", name="Your account").get_by_role("button", name="Sign out")
    ).to_be_visible()
