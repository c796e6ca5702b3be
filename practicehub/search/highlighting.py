"""Snippets: a short passage of the field that best matches a query, matched words in <mark>.

(Not named snippets.py: a submodule of that name would shadow ``practicehub.search.snippets``.)

The passage is cut from the field's shown text (light Markdown reduced to plain text). A word is
marked when the index would match it: its stem in the field's language is one of the query token's
variants, or it starts a run of words equal to one of a phrase's variants. Everything else is
escaped, so the result is safe to put in a page as it is.

The field is the one matching the most query items (the narrative first on a tie, then title and
organization fields, then field order). Choosing it is cheap, because a page shows 20 results and
each has a dozen fields of up to a few thousand characters:

- the practice row and its translations are read first (title, narrative fields, implementer
  details); the vocabulary, organization and resource tables are read only for the practices
  where no narrative field holds every query item;
- each field's distinct folded words are stemmed through a per-language table (a set operation,
  no per-word Python loop once the words were seen) and compared with the query's variants; the
  scan stops at the first narrative field holding every item, which nothing can beat;
- Markdown is stripped by ``core.text.plain_text`` (a few regular expressions), not rendered;
- only a stretch around the field's first matching word is tokenized, stemmed and marked. The whole
  field is scanned only when a phrase must be checked word by word, or when that stretch holds no
  match after all (text that folds to a different length).
"""

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from practicehub.core.text import cut_at_word, plain_text

from .analysis import (
    _LATIN_EXTRA,
    _TOKEN_RE,
    _UNSPACED,
    MAX_TOKEN_LENGTH,
    STEMMERS,
    _word_re,
    base_language,
    normalize,
    phrase_variants,
    stem,
    term_variants,
    token_spans,
)
from .index import Column, IndexText, practice_texts, practices_for_index, practices_for_snippets
from .query import ParsedQuery, Phrase

SNIPPET_CHARS = 240
CONTEXT_BEFORE = 60
# Occurrences of matching words considered when choosing the passage.
MAX_POSITIONS = 200
ELLIPSIS = "…"
# When several fields match equally well, the narrative is the most telling.
COLUMN_PREFERENCE = {Column.BODY: 0, Column.ORGANIZATIONS: 1, Column.VOCABULARY: 2, Column.TITLE: 3}
# Stems remembered per stemming algorithm; the table is emptied when it grows past this.
STEM_TABLE_SIZE = 100_000

_ASCII_TOKEN = re.compile(r"[a-z0-9]+")
_UNSPACED_CHAR = re.compile(f"[{_UNSPACED}]")


@dataclass(frozen=True)
class Snippet:
    field: str
    label: Promise | str
    html: SafeString

    def __html__(self) -> str:
        return str(self.html)

    def __str__(self) -> str:
        return str(self.html)


def field_text(text: IndexText) -> str:
    """The field's text as a reader sees it, on one line."""
    if text.column == Column.BODY:
        flat = plain_text(text.text)
    else:
        flat = " · ".join(line.strip() for line in text.text.splitlines() if line.strip())
    return normalize(" ".join(flat.split()))


def _char_class(codes: Iterable[int]) -> str:
    """A regular-expression character class of these code points (in order), as ranges."""
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )
    return f"[{body}]"


@lru_cache(maxsize=1)
def _combining_re() -> re.Pattern[str]:
    """Every character with a non-zero canonical combining class (what analysis.fold drops)."""
    return re.compile(
        _char_class(code for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))) + "+"
    )


def fast_fold(text: str) -> str:
    """``analysis.fold`` without a Python loop over the characters (same result)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    stripped = _combining_re().sub("", decomposed)
    return unicodedata.normalize("NFC", stripped.translate(_LATIN_EXTRA))


_LATIN_EXTRA_CHARS = frozenset(map(chr, _LATIN_EXTRA))
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _folds_into_words_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Every character that is no letter or digit and folds to one ("™" -> "tm", "🄫" -> "c", the
    combining U+0345 -> "ι"): those of the Basic Multilingual Plane, and those above it (looked for
    only in a text that has any: one class spanning both is three times slower to search)."""
    word = re.compile(r"[^\W_]")
    codes = [
        code
        for code, ch in ((code, chr(code)) for code in range(sys.maxunicode + 1))
        if (unicodedata.decomposition(ch) or ch in _LATIN_EXTRA_CHARS or ch.casefold() != ch)
        and not word.match(ch)
        and word.search(fast_fold(ch))
    ]
    return (
        re.compile(_char_class(c for c in codes if c <= 0xFFFF)),
        re.compile(_char_class(c for c in codes if c > 0xFFFF)),
    )


def _folds_into_words(plain: str) -> bool:
    in_plane, above = _folds_into_words_res()
    return bool(in_plane.search(plain) or (_ASTRAL.search(plain) and above.search(plain)))


def scan_tokens(plain: str) -> set[str]:
    """The distinct folded tokens of ``plain``, as the index makes them (``analysis.tokenize``).

    The index finds the words first and folds each; folding the whole text at once is much cheaper
    and gives the same tokens, unless the text holds a character outside words that folds to a
    letter, which would be glued to the word beside it ("Acme™" would be "acmetm"): such a text is
    folded word by word."""
    if plain.isascii():
        return set(_ASCII_TOKEN.findall(plain.lower()))
    if _folds_into_words(plain):
        return set(_TOKEN_RE.findall(fast_fold("\n".join(set(_word_re().findall(plain))))))
    folded = fast_fold(plain)
    return set((_ASCII_TOKEN if folded.isascii() else _TOKEN_RE).findall(folded))


_STEM_TABLES: dict[str, dict[str, str]] = {}


def _stem_table(language: str) -> dict[str, str] | None:
    """token -> stem for the language's algorithm, filled as tokens are seen (None: no stemming)."""
    algorithm = STEMMERS.get(base_language(language))
    if algorithm is None:
        return None
    table = _STEM_TABLES.setdefault(algorithm, {})
    if len(table) > STEM_TABLE_SIZE:
        table.clear()
    return table


def _stems(tokens: set[str], language: str) -> tuple[set[str], Callable[[str], str]]:
    """The stems of these tokens in the language, and the token -> stem function used."""
    table = _stem_table(language)
    if table is None:
        return tokens, str
    for token in tokens.difference(table):
        table[token] = stem(token, language)
    return set(map(table.__getitem__, tokens)), table.__getitem__


@dataclass(frozen=True)
class _Scan:
    """What the cheap scan of one field found: query items (atom numbers) and matching words."""

    found: frozenset[int]
    words: frozenset[str]  # folded words whose stem is a query variant or a phrase word


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
        # How many items a field can hold at most (an atom repeated in two groups counts once).
        self.atoms = len(set(self.terms.values()) | {number for number, _words in self.phrases})
        self.wanted = set(self.terms) | {word for _n, words in self.phrases for word in words}

    def scan(self, plain: str, language: str) -> _Scan:
        """Cheap: which items the field may hold (exact for words, a necessary condition for phrases)."""
        tokens = scan_tokens(plain)
        if tokens and max(map(len, tokens)) > MAX_TOKEN_LENGTH:
            tokens = {token[:MAX_TOKEN_LENGTH] for token in tokens}
        stems, stem_of = _stems(tokens, language)
        hits = stems & self.wanted
        if not hits:
            return _Scan(frozenset(), frozenset())
        found = {self.terms[s] for s in hits if s in self.terms}
        found.update(n for n, words in self.phrases if hits.issuperset(words))
        words = frozenset(t for t in tokens if stem_of(t) in hits)
        return _Scan(frozenset(found), words)

    def spans(self, text: str, language: str) -> tuple[list[tuple[int, int]], set[int]]:
        """Exact: offsets of matched words and the numbers of the atoms found."""
        spans = list(token_spans(text))
        _stems_known, stem_of = _stems({token for token, _s, _e in spans}, language)
        tokens = [(stem_of(token), start, end) for token, start, end in spans]
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


def _is_word_at(folded: str, start: int, end: int) -> bool:
    if _UNSPACED_CHAR.match(folded, start):
        return True
    before = folded[start - 1] if start > 0 else " "
    after = folded[end] if end < len(folded) else " "
    return not before.isalnum() and not after.isalnum()


def _is_word_char(ch: str) -> bool:
    return (ch.isalnum() or unicodedata.category(ch).startswith("M")) and not _UNSPACED_CHAR.match(ch)


def _inside_word(text: str, at: int) -> bool:
    """Whether offset ``at`` falls between two characters of one word."""
    return 0 < at < len(text) and _is_word_char(text[at - 1]) and _is_word_char(text[at])


def word_positions(plain: str, words: Iterable[str], limit: int = MAX_POSITIONS) -> list[tuple[int, int]]:
    """Where these folded words stand in ``plain`` as whole words, in order (at most ``limit``).

    Found with str.find on the folded text: exact when folding keeps the text's length (nearly
    always), a close guide otherwise."""
    folded = fast_fold(plain)
    found: list[tuple[int, int]] = []
    for word in words:
        at = folded.find(word)
        while at != -1 and len(found) < limit:
            end = at + len(word)
            if _is_word_at(folded, at, end):
                found.append((at, end))
            at = folded.find(word, end)
    return sorted(found)


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


def _marked(text: str, spans: list[tuple[int, int]], start: int, end: int) -> SafeString:
    """text[start:end] with ``spans`` in <mark>, an ellipsis where it is cut; the rest escaped."""
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


def highlight(text: str, spans: list[tuple[int, int]]) -> SafeString:
    """The best passage of ``text`` with ``spans`` wrapped in <mark>; the rest escaped."""
    start, end = _window(text, spans)
    return _marked(text, spans, start, end)


def _passage(matcher: _Matcher, text: IndexText, plain: str, scan: _Scan) -> SafeString | None:
    """The marked passage with the most matches. The passage is chosen from where the matching
    words stand (found with str.find); only the passage itself is tokenized and stemmed."""
    start, end = _window(plain, word_positions(plain, scan.words))
    spans, _found = matcher.spans(plain[start:end], text.language)
    # A passage cut inside a word (no space nearby) shows a piece of it: never mark a piece.
    spans = [
        (a + start, b + start)
        for a, b in spans
        if not (a == 0 and _inside_word(plain, start)) and not (b == end - start and _inside_word(plain, end))
    ]
    if spans:
        return _marked(plain, spans, start, end)
    spans, _found = matcher.spans(plain, text.language)  # folding moved the words: scan it all
    return highlight(plain, spans) if spans else None


@dataclass
class _Candidate:
    key: tuple[int, int, int]
    text: IndexText
    plain: str
    scan: _Scan


def _candidates(texts: list[IndexText], matcher: _Matcher) -> list[_Candidate]:
    """Fields that may match, best first; the scan stops at a narrative field holding every item."""
    found: list[_Candidate] = []
    for position, text in enumerate(texts):
        plain = field_text(text)
        scan = matcher.scan(plain, text.language)
        if not scan.found:
            continue
        found.append(
            _Candidate((-len(scan.found), COLUMN_PREFERENCE[text.column], position), text, plain, scan)
        )
        if len(scan.found) == matcher.atoms and text.column == Column.BODY and not matcher.phrases:
            break
    found.sort(key=lambda c: c.key)
    return found


def _choose(texts: list[IndexText], matcher: _Matcher) -> tuple[Snippet | None, bool]:
    """The best field's snippet, and whether it holds every query item in a narrative field (then
    no other field can beat it)."""
    candidates = _candidates(texts, matcher)
    if not matcher.phrases:
        # The scan is exact for words: the first candidate whose passage has a mark is the best.
        for candidate in candidates:
            passage = _passage(matcher, candidate.text, candidate.plain, candidate.scan)
            if passage is not None:
                snippet = Snippet(candidate.text.field, candidate.text.label, passage)
                return snippet, candidate.key[:2] == (-matcher.atoms, 0)
        return None, False
    # Phrases: the scan only says that every word is there; check the candidates word by word,
    # best possible first, until none left could beat the best confirmed one.
    best: tuple[tuple[int, int, int], _Candidate, list[tuple[int, int]]] | None = None
    for candidate in candidates:
        if best is not None and best[0] <= candidate.key:
            break
        spans, exact = matcher.spans(candidate.plain, candidate.text.language)
        if not exact:
            continue
        key = (-len(exact), *candidate.key[1:])
        if best is None or key < best[0]:
            best = (key, candidate, spans)
    if best is None:
        return None, False
    key, candidate, spans = best
    snippet = Snippet(candidate.text.field, candidate.text.label, highlight(candidate.plain, spans))
    return snippet, key[:2] == (-matcher.atoms, 0)


def best_snippet(texts: list[IndexText], query: ParsedQuery) -> Snippet | None:
    """The snippet of the field matching the most query items (narrative first on a tie)."""
    return _choose(texts, _Matcher(query))[0]


def _fallback(texts: list[IndexText]) -> Snippet | None:
    for text in texts:
        if text.field == "summary":
            return Snippet(text.field, text.label, escape(cut_at_word(field_text(text), SNIPPET_CHARS)))
    return None


def build_snippets(practice_ids: Iterable[int], query: ParsedQuery) -> dict[int, Snippet]:
    """Snippets for the published practices among these ids; the summary's start when nothing matches.

    The practice rows and translations are read first; the related tables only for the practices
    whose best field may be a vocabulary, organization or resource one."""
    ids = {int(pk) for pk in practice_ids}
    out: dict[int, Snippet] = {}
    if not ids:
        return out
    matcher = _Matcher(query)
    unsettled: set[int] = set()
    for practice in practices_for_snippets().filter(pk__in=ids):
        texts = practice_texts(practice, related=False)
        snippet: Snippet | None = None
        if matcher.atoms:
            snippet, settled = _choose(texts, matcher)
            if not settled:
                unsettled.add(practice.pk)
                continue
        snippet = snippet or _fallback(texts)
        if snippet is not None:
            out[practice.pk] = snippet
    if unsettled:
        for practice in practices_for_index().filter(pk__in=unsettled):
            texts = practice_texts(practice)
            snippet = _choose(texts, matcher)[0] or _fallback(texts)
            if snippet is not None:
                out[practice.pk] = snippet
    return out
