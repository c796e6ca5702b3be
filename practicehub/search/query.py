"""Any text a person types in the search box, turned into a small query tree.

The syntax is the one people already know from web search engines:

- words: every word must appear (in any field), e.g. ``migrant women``;
- ``"quoted words"``: a phrase, the words next to each other in this order (curly quotes work too;
  an unclosed quote runs to the end);
- ``-word`` or ``-"a phrase"`` (or ``NOT word``): practices containing it are left out;
- ``OR`` (or ``|``) between two items: either one will do, e.g. ``remittances OR diaspora``;
- ``AND`` and ``+word`` are accepted and change nothing.

Nothing else has a meaning: brackets, ``*``, ``:``, ``NEAR``, control characters and the like are
dropped with the rest of the punctuation by the analyzer. Parsing never fails; a query with no
searchable word is empty. Sizes are capped (characters, items, words in a phrase) so that a very
long input costs no more than a reasonable one.

The tree holds folded tokens, not stems: each backend expands a token into its variants
(``analysis.term_variants``) when it compiles the tree into its own syntax.
"""

import unicodedata
from dataclasses import dataclass
from typing import Union

from .analysis import tokenize

MAX_QUERY_CHARS = 1000
MAX_ITEMS = 24
MAX_PHRASE_TOKENS = 12

_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»〝〞＂", '"'))
_DASHES = "-‐‑‒–—−－"  # a leading dash in any of these forms excludes


@dataclass(frozen=True)
class Term:
    """One folded token."""

    token: str

    def __str__(self) -> str:
        return self.token

    @property
    def tokens(self) -> tuple[str, ...]:
        return (self.token,)


@dataclass(frozen=True)
class Phrase:
    """Two or more folded tokens, next to each other in this order."""

    words: tuple[str, ...]

    def __str__(self) -> str:
        return '"' + " ".join(self.words) + '"'

    @property
    def tokens(self) -> tuple[str, ...]:
        return self.words


Atom = Union[Term, Phrase]  # noqa: UP007 - a runtime alias, used in isinstance-free code


@dataclass(frozen=True)
class AnyOf:
    """At least one of these atoms must match (a single atom when there was no OR)."""

    atoms: tuple[Atom, ...]

    def __str__(self) -> str:
        return " OR ".join(str(atom) for atom in self.atoms)


@dataclass(frozen=True)
class ParsedQuery:
    """Every ``required`` group must match and no ``excluded`` atom may."""

    required: tuple[AnyOf, ...] = ()
    excluded: tuple[Atom, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.required and not self.excluded

    @property
    def positive_atoms(self) -> tuple[Atom, ...]:
        return tuple(atom for group in self.required for atom in group.atoms)

    def __str__(self) -> str:
        """A canonical text form; parsing it again gives the same query."""
        parts = [str(group) for group in self.required]
        parts += [f"-{atom}" for atom in self.excluded]
        return " ".join(parts)


@dataclass
class _Item:
    text: str
    quoted: bool = False
    negated: bool = False


_OR, _AND, _NOT = "OR", "AND", "NOT"


def _clean(text: str) -> str:
    """Control and format characters become spaces; typographic quotes become straight ones."""
    text = (text or "")[:MAX_QUERY_CHARS].translate(_QUOTES)
    return "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in text)


def _lex(text: str) -> list[_Item | str]:
    """Items (words, quoted phrases) and the operators OR, AND, NOT between them."""
    out: list[_Item | str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch in _DASHES and i + 1 < n and not text[i + 1].isspace():
            negated = True
            i += 1
            ch = text[i]
        elif ch == "+" and i + 1 < n and not text[i + 1].isspace():
            i += 1
            ch = text[i]
        if ch == '"':
            end = text.find('"', i + 1)
            end = n if end == -1 else end
            out.append(_Item(text[i + 1 : end], quoted=True, negated=negated))
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        word = text[start:i]
        if not negated and word in (_OR, "|", "||"):
            out.append(_OR)
        elif not negated and word in (_AND, "&", "&&"):
            out.append(_AND)
        elif not negated and word == _NOT:
            out.append(_NOT)
        else:
            out.append(_Item(word, negated=negated))
    return out


def _atom(item: _Item) -> Atom | None:
    tokens = tuple(tokenize(item.text))[:MAX_PHRASE_TOKENS]
    if not tokens:
        return None
    if len(tokens) == 1:
        return Term(tokens[0])
    return Phrase(tokens)


def parse(text: str) -> ParsedQuery:
    """The query tree for any text; never raises."""
    required: list[list[Atom]] = []
    excluded: list[Atom] = []
    pending_or = pending_not = False
    last_was_positive = False
    count = 0
    for entry in _lex(_clean(text)):
        if entry == _OR:
            pending_or = last_was_positive
            continue
        if entry == _AND:
            pending_or = False
            continue
        if entry == _NOT:
            pending_not = True
            continue
        assert isinstance(entry, _Item)
        atom = _atom(entry)
        negated = entry.negated or pending_not
        pending_not = False
        if atom is None:
            continue
        if count >= MAX_ITEMS:
            break
        count += 1
        if negated:
            if atom not in excluded:
                excluded.append(atom)
            pending_or = last_was_positive = False
            continue
        if pending_or and required:
            if atom not in required[-1]:
                required[-1].append(atom)
        else:
            required.append([atom])
        pending_or = False
        last_was_positive = True
    groups: list[AnyOf] = []
    for atoms in required:
        group = AnyOf(tuple(atoms))
        if group not in groups:
            groups.append(group)
    return ParsedQuery(required=tuple(groups), excluded=tuple(excluded))
