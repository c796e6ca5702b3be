"""SQLite FTS5: two virtual tables keyed by practice id (rowid).

``search_fts`` holds every column and answers which practices match; ``search_fts_head`` holds only
the short, heavily weighted columns (title, organizations, vocabulary) so that ordering a very large
result by its title and organization matches stays cheap. Both receive analysed tokens separated by
spaces; the unicode61 tokenizer only splits them again.

User text never reaches MATCH: the expression is built here from the parsed query, with every token
inside double quotes (tokens are letters and digits only) and AND, OR, NOT written by us.
"""

import json
from collections.abc import Iterable

from django.db import connection

from ..analysis import phrase_variants, term_variants
from ..index import COLUMNS, Column, IndexDocument
from ..query import Atom, ParsedQuery, Phrase
from .base import SearchBackend, merge_tiers

HEAD_COLUMNS: tuple[Column, ...] = (Column.TITLE, Column.ORGANIZATIONS, Column.VOCABULARY)


def _quoted(tokens: Iterable[str]) -> str:
    return '"' + " ".join(token.replace('"', "") for token in tokens) + '"'


def _atom(atom: Atom) -> str:
    if isinstance(atom, Phrase):
        forms = [_quoted(words) for words in phrase_variants(atom.words)]
    else:
        forms = [_quoted([variant]) for variant in term_variants(atom.token)]
    return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


def _any(atoms: Iterable[Atom]) -> str:
    parts = [_atom(atom) for atom in atoms]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def compile_match(query: ParsedQuery) -> str:
    """The FTS5 expression for a query with at least one required group."""
    expression = " AND ".join(_any(group.atoms) for group in query.required)
    if query.excluded:
        expression = f"({expression}) NOT {_any(query.excluded)}"
    return expression


# Table and column names are constants of this module; user text only ever travels as a parameter.
# Unranked matches come newest id first, straight from the index order.
MATCH_SQL = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC"
HEAD_MATCH_SQL = "SELECT rowid FROM search_fts_head WHERE search_fts_head MATCH %s ORDER BY rowid DESC"
# bm25 weights per column: title 10, organizations 8, vocabulary 3, body 1.
RANK_SQL = (
    "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
    "ORDER BY bm25(search_fts, 10.0, 8.0, 3.0, 1.0), rowid DESC"
)
HEAD_RANK_SQL = (
    "SELECT rowid FROM search_fts_head WHERE search_fts_head MATCH %s "
    "ORDER BY bm25(search_fts_head, 10.0, 8.0, 3.0), rowid DESC"
)
ALL_SQL = "SELECT practice_id FROM search_searchdocument ORDER BY practice_id DESC"
INSERT_SQL = (
    "INSERT INTO search_fts (rowid, title, organizations, vocabulary, body) VALUES (%s, %s, %s, %s, %s)"
)
HEAD_INSERT_SQL = (
    "INSERT INTO search_fts_head (rowid, title, organizations, vocabulary) VALUES (%s, %s, %s, %s)"
)
DELETE_SQL = "DELETE FROM search_fts WHERE rowid IN (SELECT value FROM json_each(%s))"
HEAD_DELETE_SQL = "DELETE FROM search_fts_head WHERE rowid IN (SELECT value FROM json_each(%s))"


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def _ids(self, sql: str, params: Iterable[str] = ()) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(sql, list(params))
            return [pk for (pk,) in cursor.fetchall()]

    def search(self, query: ParsedQuery) -> list[int]:
        if not query.required:
            return self._all_except(query)
        expression = compile_match(query)
        matched = self._ids(MATCH_SQL, [expression])
        if len(matched) <= self.rank_all_limit:
            return self._ids(RANK_SQL, [expression]) if matched else []
        head_query = ParsedQuery(required=query.required)
        head_expression = compile_match(head_query)
        head = self._ids(HEAD_MATCH_SQL, [head_expression])
        if len(head) <= self.rank_all_limit and head:
            head = self._ids(HEAD_RANK_SQL, [head_expression])
        if query.excluded:
            keep = set(matched)
            head = [i for i in head if i in keep]
        return merge_tiers(head, matched)

    def _all_except(self, query: ParsedQuery) -> list[int]:
        excluded = set(self._ids(MATCH_SQL, [_any(query.excluded)]))
        return [pk for pk in self._ids(ALL_SQL) if pk not in excluded]

    def upsert(self, documents: Iterable[IndexDocument]) -> None:
        documents = list(documents)
        if not documents:
            return
        self.delete(d.practice_id for d in documents)
        with connection.cursor() as cursor:
            cursor.executemany(
                INSERT_SQL,
                [(d.practice_id, *(" ".join(d.columns[c]) for c in COLUMNS)) for d in documents],
            )
            cursor.executemany(
                HEAD_INSERT_SQL,
                [(d.practice_id, *(" ".join(d.columns[c]) for c in HEAD_COLUMNS)) for d in documents],
            )

    def delete(self, practice_ids: Iterable[int]) -> None:
        ids = json.dumps(sorted({int(i) for i in practice_ids}))
        with connection.cursor() as cursor:
            cursor.execute(DELETE_SQL, [ids])
            cursor.execute(HEAD_DELETE_SQL, [ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")
            cursor.execute("DELETE FROM search_fts_head")

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("INSERT INTO search_fts_head(search_fts_head) VALUES ('optimize')")
