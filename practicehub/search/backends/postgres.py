"""PostgreSQL: weighted tsvectors of the already-analysed tokens, with GIN indexes.

``vector`` holds every column with weights A (title, organizations), B (vocabulary) and C (body);
``head`` holds only the A and B parts, small enough to rank a very large result set cheaply; ``pairs``
holds each pair of neighbouring tokens as one lexeme (no positions), so that a phrase is first looked
up as whole pairs in its GIN index and only those few rows are opened to check word positions: checking
positions of both words' every row otherwise means reading thousands of large vectors. All are
written as tsvector literals with positions computed here (a gap between columns keeps phrases inside
one), and queries are tsquery literals of quoted lexemes with &, |, ! and <-> written by us, so
PostgreSQL's own parser and dictionaries never see user text and both backends agree on tokens.
"""

from collections.abc import Iterable
from itertools import pairwise

from django.db import connection, transaction

from ..analysis import phrase_variants, term_variants
from ..index import Column, IndexDocument
from ..query import Atom, ParsedQuery, Phrase
from .base import SearchBackend, merge_tiers

WEIGHT_LETTERS: dict[Column, str] = {
    Column.TITLE: "A",
    Column.ORGANIZATIONS: "A",
    Column.VOCABULARY: "B",
    Column.BODY: "C",
}
# ts_rank weights for D, C, B, A.
RANK_WEIGHTS = "{0.02, 0.1, 0.4, 1.0}"
MAX_POSITION = 16383
MAX_POSITIONS_PER_LEXEME = 256


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(document: IndexDocument, columns: Iterable[Column]) -> str:
    """``'lexeme':1A,7C ...`` for these columns, positions counted across them with a gap."""
    positions: dict[str, list[str]] = {}
    position = 1
    for column in columns:
        letter = WEIGHT_LETTERS[column]
        for token in document.columns[column]:
            found = positions.setdefault(token, [])
            if len(found) < MAX_POSITIONS_PER_LEXEME and position <= MAX_POSITION:
                found.append(f"{position}{letter}")
            position += 1
        position += 1
    return " ".join(
        f"{_lexeme(token)}:{','.join(p)}" if p else _lexeme(token) for token, p in positions.items()
    )


def pairs_literal(document: IndexDocument) -> str:
    """Each pair of neighbouring tokens within a column, as one lexeme ``'first second'``."""
    pairs: dict[str, None] = {}
    for tokens in document.columns.values():
        for first, second in pairwise(tokens):
            pairs[f"{first} {second}"] = None
    return " ".join(_lexeme(pair) for pair in pairs)


def _phrase_pairs(words: tuple[str, ...]) -> str:
    return " & ".join(_lexeme(f"{a} {b}") for a, b in pairwise(words))


def compile_pairs(query: ParsedQuery) -> str:
    """A tsquery on ``pairs`` that every match of the query satisfies ("" when it would not narrow).

    Only required groups made of phrases alone add a condition: each phrase needs all its pairs."""
    groups = []
    for group in query.required:
        if not all(isinstance(atom, Phrase) for atom in group.atoms):
            continue
        forms = [
            f"({_phrase_pairs(words)})"
            for atom in group.atoms
            if isinstance(atom, Phrase)
            for words in phrase_variants(atom.words)
        ]
        groups.append(forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")")
    return " & ".join(groups)


def _atom(atom: Atom) -> str:
    if isinstance(atom, Phrase):
        forms = ["(" + " <-> ".join(_lexeme(w) for w in words) + ")" for words in phrase_variants(atom.words)]
    else:
        forms = [_lexeme(variant) for variant in term_variants(atom.token)]
    return forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")"


def _any(atoms: Iterable[Atom]) -> str:
    parts = [_atom(atom) for atom in atoms]
    return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"


def compile_tsquery(query: ParsedQuery) -> str:
    """The tsquery literal for a query with at least one required group."""
    expression = " & ".join(_any(group.atoms) for group in query.required)
    if query.excluded:
        expression = f"({expression}) & !{_any(query.excluded)}"
    return expression


HEAD_COLUMNS = (Column.TITLE, Column.ORGANIZATIONS, Column.VOCABULARY)
ALL_COLUMNS = (*HEAD_COLUMNS, Column.BODY)

# Table and column names are constants of this module; user text only ever travels as a parameter.
MATCH_SQL = "SELECT practice_id FROM search_searchdocument WHERE vector @@ %s::tsquery"
MATCH_PAIRS_SQL = (
    "SELECT practice_id FROM search_searchdocument WHERE pairs @@ %s::tsquery AND vector @@ %s::tsquery"
)
RANK_PAIRS_SQL = (
    "SELECT practice_id FROM search_searchdocument WHERE pairs @@ %s::tsquery AND vector @@ %s::tsquery "
    "ORDER BY ts_rank(%s, vector, %s::tsquery) DESC, practice_id DESC"
)
HEAD_MATCH_SQL = "SELECT practice_id FROM search_searchdocument WHERE head @@ %s::tsquery"
RANK_SQL = (
    "SELECT practice_id FROM search_searchdocument WHERE vector @@ %s::tsquery "
    "ORDER BY ts_rank(%s, vector, %s::tsquery) DESC, practice_id DESC"
)
HEAD_RANK_SQL = (
    "SELECT practice_id FROM search_searchdocument WHERE head @@ %s::tsquery "
    "ORDER BY ts_rank(%s, head, %s::tsquery) DESC, practice_id DESC"
)
ALL_SQL = "SELECT practice_id FROM search_searchdocument ORDER BY practice_id DESC"
SETTINGS_SQL = "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"
RESET_SQL = "SELECT set_config('enable_seqscan', 'on', true), set_config('jit', 'on', true)"
UPDATE_SQL = (
    "UPDATE search_searchdocument SET vector = %s::tsvector, head = %s::tsvector, pairs = %s::tsvector "
    "WHERE practice_id = %s"
)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"
    # ts_rank reads each matching tsvector whole (~20 us each at 100k practices): rank fewer.
    rank_all_limit = 2000

    def _ids(self, sql: str, params: Iterable[str] = ()) -> list[int]:
        """Run a matching query with the GIN index preferred to a sequential scan.

        The planner underrates reading every large tsvector (stored out of line) and picks a
        sequential scan for a common word; the index answers such words without opening them.
        JIT is off too: the penalty on sequential scans would otherwise make it compile the plan."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(SETTINGS_SQL)
            cursor.execute(sql, list(params))
            ids = [pk for (pk,) in cursor.fetchall()]
            cursor.execute(RESET_SQL)
        return ids

    def search(self, query: ParsedQuery) -> list[int]:
        if not query.required:
            excluded = set(self._ids(MATCH_SQL, [_any(query.excluded)]))
            return [pk for pk in self._ids(ALL_SQL) if pk not in excluded]
        expression = compile_tsquery(query)
        pairs = compile_pairs(query)
        if pairs:
            matched = self._ids(MATCH_PAIRS_SQL, [pairs, expression])
        else:
            matched = self._ids(MATCH_SQL, [expression])
        matched.sort(reverse=True)  # nearly sorted already (heap order), so this is cheap
        if len(matched) <= self.rank_all_limit:
            if not matched:
                return []
            if pairs:
                return self._ids(RANK_PAIRS_SQL, [pairs, expression, RANK_WEIGHTS, expression])
            return self._ids(RANK_SQL, [expression, RANK_WEIGHTS, expression])
        head_expression = compile_tsquery(ParsedQuery(required=query.required))
        head = self._ids(HEAD_MATCH_SQL, [head_expression])
        if head and len(head) <= self.rank_all_limit:
            head = self._ids(HEAD_RANK_SQL, [head_expression, RANK_WEIGHTS, head_expression])
        else:
            head.sort(reverse=True)
        if query.excluded:
            keep = set(matched)
            head = [i for i in head if i in keep]
        return merge_tiers(head, matched)

    def upsert(self, documents: Iterable[IndexDocument]) -> None:
        rows = [
            (
                tsvector_literal(d, ALL_COLUMNS),
                tsvector_literal(d, HEAD_COLUMNS),
                pairs_literal(d),
                d.practice_id,
            )
            for d in documents
        ]
        with connection.cursor() as cursor:
            cursor.executemany(UPDATE_SQL, rows)

    def delete(self, practice_ids: Iterable[int]) -> None:
        """Rows go with their SearchDocument; nothing else is stored."""

    def clear(self) -> None:
        """Rows go with their SearchDocument; nothing else is stored."""
