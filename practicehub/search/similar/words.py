"""Distinctive words of a practice, and the published practices whose indexed text contains them.

Candidates are the words of the title, then the summary's most frequent longer words. The search
index is asked, in one statement, for at most ``cap + 1`` ids per word (a word matches its stems as
a typed search word does, ``analysis.term_variants``); a word found in more than ``cap`` practices
says nothing about similarity and is dropped after a capped read.
"""

import json
import time
from collections import Counter
from typing import Any

from django.db import connection, transaction
from pyroaring import BitMap

from ..analysis import normalize, term_variants, token_spans, tokenize
from ..backends.postgres import compile_tsquery
from ..backends.sqlite import compile_match
from ..query import AnyOf, ParsedQuery, Term

TITLE_WORD_WEIGHT = 3
SUMMARY_WORD_WEIGHT = 2
MAX_TITLE_WORDS = 8
MAX_WORDS = 16
MIN_TITLE_WORD_LENGTH = 3
MIN_SUMMARY_WORD_LENGTH = 5
MAX_DOCUMENT_FREQUENCY = 1000
DOCUMENT_FREQUENCY_SHARE = 0.01
MAX_REMEMBERED_WORDS = 200_000
# Parts of addresses in Markdown links, and the commonest short words of the site's languages:
# never distinctive, so not worth asking the index about.
_NOT_WORDS = frozenset(
    {
        *("http", "https", "www", "html", "mailto"),
        *("the", "and", "for", "with", "from", "into", "its", "their", "this", "that", "are", "was"),
        *("les", "des", "une", "pour", "dans", "sur", "par", "aux", "avec", "est", "qui"),
        *("los", "las", "del", "por", "para", "con", "una", "que", "sus"),
    }
)


def candidate_words(title: str, summary: str) -> list[tuple[str, int]]:
    """Words of the title, then the summary's most frequent longer words, each once."""
    chosen: dict[str, int] = {}
    for token in tokenize(title):
        if len(chosen) >= MAX_TITLE_WORDS:
            break
        if len(token) >= MIN_TITLE_WORD_LENGTH and not token.isdigit() and token not in _NOT_WORDS:
            chosen.setdefault(token, TITLE_WORD_WEIGHT)
    tokens = [
        t
        for t in tokenize(summary)
        if len(t) >= MIN_SUMMARY_WORD_LENGTH and not t.isdigit() and t not in _NOT_WORDS and t not in chosen
    ]
    first: dict[str, int] = {}
    for position, token in enumerate(tokens):
        first.setdefault(token, position)
    counts = Counter(tokens)
    ranked = sorted(counts, key=lambda t: (-counts[t], -len(t), first[t]))
    for token in ranked[: max(0, MAX_WORDS - len(chosen))]:
        chosen[token] = SUMMARY_WORD_WEIGHT
    return list(chosen.items())


def as_written(words: list[str], *texts: str) -> dict[str, str]:
    """Each folded word as the texts first write it, in lower case ("réfugiés" for "refugies")."""
    wanted = set(words)
    found: dict[str, str] = {}
    for text in texts:
        normalized = normalize(text)
        for token, start, end in token_spans(text):
            if token in wanted and token not in found:
                written = normalized[start:end].lower()
                # A word the folding split into several tokens keeps its folded form.
                found[token] = written if len(tokenize(written)) == 1 else token
        if len(found) == len(wanted):
            break
    return {word: found.get(word, word) for word in words}


def max_document_frequency(published_count: int) -> int:
    """At most this many practices may contain a word for it to say something about similarity."""
    return max(3, min(MAX_DOCUMENT_FREQUENCY, int(published_count * DOCUMENT_FREQUENCY_SHARE)))


def _word_query(word: str) -> ParsedQuery:
    return ParsedQuery(required=(AnyOf((Term(word),)),))


def _sqlite_postings(words: list[str], cap: int) -> list[list[int]]:
    # One capped subquery per word; table names are constants, the match expressions parameters.
    part = (
        "(SELECT json_group_array(rowid) FROM "
        "(SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s))"
    )
    sql = "SELECT " + ", ".join([part] * len(words))
    params: list[Any] = []
    for word in words:
        params += [compile_match(_word_query(word)), cap + 1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return [json.loads(value) if value else [] for value in row]


# Bitmap scans only: the planner would otherwise walk the primary key and open every tsvector to
# find a common word's first rows.
_PG_SETTINGS = (
    "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), "
    "set_config('jit', 'off', true)"
)
_PG_RESET = (
    "SELECT set_config('enable_seqscan', 'on', true), set_config('enable_indexscan', 'on', true), "
    "set_config('jit', 'on', true)"
)


def _postgres_postings(words: list[str], cap: int) -> list[list[int]]:
    part = "ARRAY(SELECT practice_id FROM search_searchdocument WHERE vector @@ %s::tsquery LIMIT %s)"
    sql = "SELECT " + ", ".join([part] * len(words))
    params: list[Any] = []
    for word in words:
        params += [compile_tsquery(_word_query(word)), cap + 1]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_PG_SETTINGS)
        cursor.execute(sql, params)
        row = cursor.fetchone()
        cursor.execute(_PG_RESET)
    return [list(value or []) for value in row]


# PostgreSQL's statistics on the tsvector column list its most common lexemes with the share of
# rows holding each (ANALYZE, run by autovacuum). A word with a variant among them above the cap is
# left out without a look-up: on PostgreSQL even a capped look-up of a common word reads its whole
# posting list (~3-5 ms). Used only on a catalogue large enough for the statistics to mean something.
_PG_STATS_SQL = (
    "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
    "WHERE schemaname = current_schema() AND tablename = 'search_searchdocument' AND attname = 'vector'"
)
STATS_SECONDS = 600
MIN_PRACTICES_FOR_STATS = 5000


class _LexemeShares:
    """The statistics' common lexemes and their shares, read at most every STATS_SECONDS."""

    def __init__(self) -> None:
        self.loaded: tuple[str, float, dict[str, float]] = ("", 0.0, {})

    def get(self) -> dict[str, float]:
        database = str(connection.settings_dict.get("NAME"))
        name, loaded_at, shares = self.loaded
        now = time.monotonic()
        if name != database or now - loaded_at > STATS_SECONDS:
            with connection.cursor() as cursor:
                cursor.execute(_PG_STATS_SQL)
                row = cursor.fetchone()
            # The frequencies array ends with three summary numbers: zip stops at the lexemes.
            shares = dict(zip(row[0], row[1], strict=False)) if row and row[0] and row[1] else {}
            self.loaded = (database, now, shares)
        return shares


_lexeme_shares = _LexemeShares()


def known_common(words: list[str], cap: int, published_count: int) -> set[str]:
    """Words the database's statistics already show in more than ``cap`` practices (PostgreSQL)."""
    if connection.vendor != "postgresql" or published_count < MIN_PRACTICES_FOR_STATS:
        return set()
    shares = _lexeme_shares.get()
    if not shares:
        return set()
    limit = cap / published_count
    return {w for w in words if max(shares.get(v, 0.0) for v in term_variants(w)) > limit}


class _CommonWords:
    """Words this process found in too many practices (or in none) for one state of the indexes.

    Common words come back on page after page; asking once per state is enough. A new state (any
    publish or edit) starts over."""

    def __init__(self) -> None:
        self.state: tuple[str, set[str]] = ("", set())

    def for_state(self, key: str) -> set[str]:
        current = self.state
        if current[0] != key or len(current[1]) > MAX_REMEMBERED_WORDS:
            current = (key, set())
            self.state = current
        return current[1]


_common_words = _CommonWords()


def common_words(state: str) -> set[str]:
    """The words already known to be useless in this state of the indexes (a set to add to)."""
    return _common_words.for_state(state)


def word_postings(words: list[str], cap: int) -> dict[str, BitMap]:
    """The indexed practices containing each word, for the words found in at most ``cap`` of them."""
    if not words:
        return {}
    if connection.vendor == "postgresql":
        found = _postgres_postings(words, cap)
    else:
        found = _sqlite_postings(words, cap)
    return {word: BitMap(ids) for word, ids in zip(words, found, strict=True) if 0 < len(ids) <= cap}
