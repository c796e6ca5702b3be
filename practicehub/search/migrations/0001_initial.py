"""The search index: a row per indexed practice, plus the engine's own structures.

One migration for both databases, branching on the vendor: FTS5 virtual tables on SQLite, weighted
tsvector columns with GIN indexes on PostgreSQL.
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, organizations, vocabulary, body, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_head USING fts5("
    "title, organizations, vocabulary, tokenize = 'unicode61 remove_diacritics 0')",
)
SQLITE_DROP = ("DROP TABLE IF EXISTS search_fts_head", "DROP TABLE IF EXISTS search_fts")
POSTGRES_CREATE = (
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
    "ALTER TABLE search_searchdocument ADD COLUMN head tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_document_head_gin ON search_searchdocument USING gin (head)",
)
POSTGRES_DROP = (
    "DROP INDEX IF EXISTS search_document_head_gin",
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS head",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
)


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
        schema_editor.execute(statement)


def create_engine_tables(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE})


def drop_engine_tables(apps, schema_editor):
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP})


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalogue", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "practice",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="catalogue.practice",
                        verbose_name="practice",
                    ),
                ),
                ("language", models.CharField(max_length=12, verbose_name="language")),
                ("indexed_at", models.DateTimeField(auto_now=True, verbose_name="indexed")),
            ],
            options={
                "verbose_name": "search index entry",
                "verbose_name_plural": "search index entries",
            },
        ),
        migrations.RunPython(create_engine_tables, drop_engine_tables),
    ]
