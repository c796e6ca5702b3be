"""Long texts are stored as plain text with light Markdown (paragraphs, lists, emphasis, links).

That keeps them readable in the Word template, CSV exports and the search index, while pages show
paragraphs and lists. This module is the one place that turns such a text into something else:

- ``render_long_text``: safe HTML for pages and feeds (rendered, raw HTML escaped, then sanitised
  with nh3);
- ``plain_text``: the words a reader of the page sees, with no markup, for everything that is not
  HTML (search snippets, JSON-LD, OAI-PMH);
- ``plain_excerpt``: the first words of ``plain_text`` on one line (listings, meta descriptions).

``plain_text`` does not render: search snippets flatten a dozen fields of each of 20 results per
page, so it is a few regular expressions, each run only when its characters occur. On text made of
paragraphs, lists, quotes, emphasis, links and HTML-looking text it gives exactly the visible text of
``render_long_text`` (a property test compares them); it differs only on malformed Markdown, such
as an emphasis mark that opens nothing.
"""

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable(
    ["image", "heading", "lheading", "code", "fence", "html_block", "html_inline", "hr"]
)

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "br", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


def render_long_text(text: str) -> SafeString:
    """Paragraphs and lists as safe HTML; anything else is escaped or stripped."""
    if not text or not text.strip():
        return mark_safe("")
    html_text = _markdown.render(text)
    clean = nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


# [link text](address "optional title"): the text stays, the address goes. (Images are not rendered:
# "![alt](address)" shows as "!" and a link, so the "!" stays too. An escaped \[ opens no link.)
_LINK = re.compile(
    r"\[(?<!\\\[)([^\]\n]*)\]"
    r"\((?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\([^\s()]*\))*)"
    r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*\)"""
)
# <https://...>, <mailto:...>, <name@example.org>: the address is the link's text.
_AUTOLINK = re.compile(
    r"<((?!(?:javascript|vbscript|file|data):)[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)
# At the start of a line (the text is given a leading newline): quote marks, then a list mark.
_LINE_MARK = re.compile(r"\n[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|(?=\n)))?")
# A run of * or ` is markup when it touches a word on either side; with spaces on both sides it is a
# plain star (CommonMark's rule), and so is an escaped one (\*). A run of _ is markup only at a
# word's edge: snake_case_names keep theirs. (Found by a literal search, then judged by their
# neighbours: a pattern that starts with a look-behind would be tried at every character.)
_MARK_RUN = re.compile(r"[*`]+")
_UNDERSCORE_RUN = re.compile(r"_+")
# Backslash escapes (a backslash before a line end is a line break) and character references.
_ESCAPE_OR_ENTITY = re.compile(
    r"\\([!-/:-@\[-`{-~])|\\(?=\n)|(&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});)"
)
_SPACES = re.compile(r"[ \t]{2,}|\t")
_LINE_EDGES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


def _star_or_mark(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else " "
    if before == "\\" or (before.isspace() and (end == len(text) or text[end].isspace())):
        return match.group()
    return ""


def _underscore_or_mark(match: re.Match[str]) -> str:
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before == "\\" or (before.isspace() and after.isspace()):
        return match.group()
    if (before.isalnum() or before == "_") and (after.isalnum() or after == "_"):
        return match.group()
    return ""


def _unescape(match: re.Match[str]) -> str:
    if match.group(2):
        return html.unescape(match.group(2))
    return match.group(1) or ""


def plain_text(text: str) -> str:
    """A long text as the reader of its page sees it, without markup.

    Link texts stay and their addresses go (the reader of the page sees the text only; a
    description is read, not followed); list, quote and emphasis marks go; escapes and character
    references are undone. Text that looks like HTML stays as text, as the page shows it: whoever
    writes the result into HTML, XML or JSON escapes it. Paragraphs are separated by one blank
    line, the other lines are kept, spaces within a line collapse to one."""
    if not text:
        return ""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    text = _LINE_MARK.sub("\n", "\n" + text)[1:]
    if "*" in text or "`" in text:
        text = _MARK_RUN.sub(_star_or_mark, text)
    if "_" in text:
        text = _UNDERSCORE_RUN.sub(_underscore_or_mark, text)
    if "\\" in text or "&" in text:
        text = _ESCAPE_OR_ENTITY.sub(_unescape, text)
    # Spaces tidied only where there is something to tidy: most texts have nothing.
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGES.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def cut_at_word(flat: str, length: int) -> str:
    """A one-line text cut to at most ``length`` characters at a word boundary, with an ellipsis."""
    if len(flat) <= length:
        return flat
    cut = flat[:length].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def plain_excerpt(text: str, length: int = 300) -> str:
    """The first words of a long text as plain text on one line, cut at a word boundary."""
    return cut_at_word(" ".join(plain_text(text).split()), length)
