"""One text analyzer for every search backend: the index and the query go through the same steps.

1. Unicode NFC, then words are cut on anything that is not a letter or a digit (combining marks stay
   inside their word, so a decomposed "é" does not split it). Han and kana characters, which are
   written without spaces, become one token each, so a Chinese word is searched as a phrase.
2. Folding: case folded, compatibility-decomposed, combining marks dropped, and the few Latin letters
   that do not decompose (ø, ł, đ, æ, œ ...) spelled out, so "Migración" and "migracion" are equal.
3. Stemming with Snowball, by the text's language, for the languages in ``STEMMERS``; other
   languages keep the folded word. Folding comes first so that a word typed without its accents
   stems to the same thing as the accented word.

A query word cannot know the language of the text it should match, so ``term_variants`` gives the
folded word plus its stem in each stemmed language; the backends match any of them. Both backends
receive already-analysed tokens and never tokenize or stem on their own, so they behave alike.
"""

import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer

# Practice language code (its primary subtag) -> Snowball algorithm.
STEMMERS: dict[str, str] = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
}
# Longer tokens are cut to this length, in the index and in queries alike.
MAX_TOKEN_LENGTH = 60

_LATIN_EXTRA = str.maketrans(
    {
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "ħ": "h",
        "ı": "i",
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ŋ": "n",
    }
)
# Scripts written without spaces between words: one token per character.
_UNSPACED = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


def _mark_ranges() -> str:
    """A regex character class body for every combining mark (Mn, Mc, Me)."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
    )


@lru_cache(maxsize=1)
def _word_re() -> re.Pattern[str]:
    """A word in the original (NFC) text: letters and digits, with the marks that belong to them.

    Built on first use: listing the combining marks takes a noticeable fraction of a second."""
    return re.compile(rf"(?=[^\W_])[{_UNSPACED}]|(?:(?![{_UNSPACED}])[^\W_][{_mark_ranges()}]*)+")


# A token in folded text.
_TOKEN_RE = re.compile(rf"(?=[^\W_])[{_UNSPACED}]|(?:(?![{_UNSPACED}])[^\W_])+")


def fold(text: str) -> str:
    """Lower case without accents: "Émigrés Ångström" -> "emigres angstrom"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.translate(_LATIN_EXTRA))


def base_language(code: str) -> str:
    """The primary subtag of a language code: "en-GB" -> "en", "zh-hans" -> "zh"."""
    return (code or "").replace("_", "-").split("-", 1)[0].strip().lower()


@dataclass(frozen=True)
class Token:
    """A folded (not yet stemmed) token and where its word sits in the NFC text."""

    text: str
    start: int
    end: int


def normalize(text: str) -> str:
    """The form of a text that token offsets refer to."""
    return unicodedata.normalize("NFC", text or "")


def token_spans(text: str) -> Iterator[tuple[str, int, int]]:
    """(folded token, start, end) for each token of ``normalize(text)``; offsets are its word's."""
    findall = _TOKEN_RE.findall
    for match in _word_re().finditer(normalize(text)):
        word = match.group()
        if word.isascii() and word.isalnum():
            yield word.lower()[:MAX_TOKEN_LENGTH], match.start(), match.end()
            continue
        for piece in findall(fold(word)):
            yield piece[:MAX_TOKEN_LENGTH], match.start(), match.end()


def tokens_with_offsets(text: str) -> Iterator[Token]:
    """Folded tokens of ``normalize(text)`` with their offsets in it."""
    for piece, start, end in token_spans(text):
        yield Token(piece, start, end)


def tokenize(text: str) -> list[str]:
    """Folded tokens, unstemmed."""
    return [piece for piece, _start, _end in token_spans(text)]


@lru_cache(maxsize=8)
def _stemmer(algorithm: str) -> Any:
    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=200_000)
def _stem(token: str, algorithm: str) -> str:
    stemmed = _stemmer(algorithm).stemWord(token)
    return stemmed or token


def stem(token: str, language: str) -> str:
    """The Snowball stem of a folded token in a language; the token itself for other languages."""
    algorithm = STEMMERS.get(base_language(language))
    if algorithm is None or token.isdigit() or len(token) < 3:
        return token
    return _stem(token, algorithm)


def analyze(text: str, language: str) -> list[str]:
    """The tokens that the index stores for a text in a language."""
    return [stem(token, language) for token in tokenize(text)]


def term_variants(token: str) -> tuple[str, ...]:
    """Every form a folded query token may take in the index: itself and its stem per language."""
    forms = [token, *(stem(token, language) for language in STEMMERS)]
    return tuple(dict.fromkeys(forms))


def phrase_variants(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A phrase as the index stores it: unstemmed, or stemmed throughout in one language."""
    forms = [tokens, *(tuple(stem(token, language) for token in tokens) for language in STEMMERS)]
    return tuple(dict.fromkeys(forms))
