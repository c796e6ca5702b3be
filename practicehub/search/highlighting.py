"""Snippets: a short passage of the field that best matches a query, matched words in <mark>.

(Not named snippets.py: a submodule of that name would shadow ``practicehub.search.snippets``.)

The passage is cut from the field's shown text (light Markdown reduced to plain text). A word is
marked when the index would match it: its stem in the field's language is one of the query token's
variants, or it starts a run of words equal to one of a phrase's variants. Everything else is
escaped, so the result is safe to put in a page as it is.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

import nh3
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from practicehub.core.text import plain_excerpt, render_long_text

from .analysis import normalize, phrase_variants, stem, term_variants, token_spans
from .index import Column, IndexText, practice_texts, practices_for_index
from .query import ParsedQuery, Phrase

SNIPPET_CHARS = 240
CONTEXT_BEFORE = 60
ELLIPSIS = "…"
# When several fields match equally well, the narrative is the most telling.
COLUMN_PREFERENCE = {Column.BODY: 0, Column.ORGANIZATIONS: 1, Column.VOCABULARY: 2, Column.TITLE: 3}
_BLOCK_END = re.compile(r"</(p|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


@dataclass(frozen=True)
class Snippet:
    field: str
    label: Promise | str
    html: SafeString

    def __html__(self) -> str:
        return str(self.html)

    def __str__(self) -> str:
        return str(self.html)


def plain_text(text: IndexText) -> str:
    """The text as a reader sees it, on one line."""
    if text.column == Column.BODY:
        rendered = _BLOCK_END.sub(" ", str(render_long_text(text.text)))
        flat = html.unescape(nh3.clean(rendered, tags=set()))
    else:
        flat = " · ".join(line.strip() for line in text.text.splitlines() if line.strip())
    return normalize(" ".join(flat.split()))


class _Matcher:
    def __init__(self, query: ParsedQuery) -> None:
        self.terms: dict[str, int] = {}  # variant -> atom number
        self.phrases: list[tuple[int, tuple[str, ...]]] = []
        for number, atom in enumerate(query.positive_atoms):
            if isinstance(atom, Phrase):
                self.phrases += [(number, words) for words in phrase_variants(atom.words)]
            else:
                for variant in term_variants(atom.token):
                    self.terms.setdefault(variant, number)

    def spans(self, text: str, language: str) -> tuple[list[tuple[int, int]], set[int]]:
        """Offsets of matched words and the numbers of the atoms found."""
        tokens = [(stem(token, language), start, end) for token, start, end in token_spans(text)]
        stems = [t[0] for t in tokens]
        marked: dict[int, tuple[int, int]] = {}
        found: set[int] = set()
        for i, (word, start, end) in enumerate(tokens):
            number = self.terms.get(word)
            if number is not None:
                marked[start] = (start, end)
                found.add(number)
            for number, words in self.phrases:
                if word == words[0] and tuple(stems[i : i + len(words)]) == words:
                    found.add(number)
                    for _w, s, e in tokens[i : i + len(words)]:
                        marked[s] = (s, e)
        return sorted(marked.values()), found


def _window(text: str, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The stretch of about SNIPPET_CHARS holding the most matches, cut at spaces."""
    if len(text) <= SNIPPET_CHARS:
        return 0, len(text)
    best_start, best_count = 0, -1
    for s, _e in spans or [(0, 0)]:
        start = max(0, s - CONTEXT_BEFORE)
        count = sum(1 for a, b in spans if a >= start and b <= start + SNIPPET_CHARS)
        if count > best_count:
            best_start, best_count = start, count
    start = best_start
    if start > 0:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def highlight(text: str, spans: list[tuple[int, int]]) -> SafeString:
    """The best passage of ``text`` with ``spans`` wrapped in <mark>; the rest escaped."""
    start, end = _window(text, spans)
    parts: list[str] = [ELLIPSIS] if start > 0 else []
    cursor = start
    for a, b in spans:
        if a < cursor or b > end:
            continue
        parts.append(escape(text[cursor:a]))
        parts.append(f"<mark>{escape(text[a:b])}</mark>")
        cursor = b
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def best_snippet(texts: list[IndexText], query: ParsedQuery) -> Snippet | None:
    """The snippet of the field matching the most query items (narrative first on a tie)."""
    matcher = _Matcher(query)
    best: tuple[int, int, int] | None = None
    chosen: tuple[IndexText, str, list[tuple[int, int]]] | None = None
    for position, text in enumerate(texts):
        plain = plain_text(text)
        spans, found = matcher.spans(plain, text.language)
        if not found:
            continue
        key = (-len(found), COLUMN_PREFERENCE[text.column], position)
        if best is None or key < best:
            best, chosen = key, (text, plain, spans)
    if chosen is None:
        return None
    text, plain, spans = chosen
    return Snippet(text.field, text.label, highlight(plain, spans))


def _fallback(texts: list[IndexText]) -> Snippet | None:
    for text in texts:
        if text.field == "summary":
            return Snippet(text.field, text.label, escape(plain_excerpt(plain_text(text), SNIPPET_CHARS)))
    return None


def build_snippets(practice_ids: Iterable[int], query: ParsedQuery) -> dict[int, Snippet]:
    """Snippets for the published practices among these ids; the summary's start when nothing matches."""
    ids = {int(pk) for pk in practice_ids}
    out: dict[int, Snippet] = {}
    if not ids:
        return out
    for practice in practices_for_index().filter(pk__in=ids):
        texts = practice_texts(practice)
        snippet = best_snippet(texts, query) if query.positive_atoms else None
        snippet = snippet or _fallback(texts)
        if snippet is not None:
            out[practice.pk] = snippet
    return out
