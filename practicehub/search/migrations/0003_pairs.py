"""PostgreSQL only: neighbouring-token pairs with a GIN index, to look phrases up without reading
every vector that has both words. Run rebuild_search_index after migrating an existing index."""

from django.db import migrations

POSTGRES_CREATE = (
    "ALTER TABLE search_searchdocument ADD COLUMN pairs tsvector NOT NULL DEFAULT ''::tsvector",
    "CREATE INDEX search_document_pairs_gin ON search_searchdocument USING gin (pairs)",
)
POSTGRES_DROP = (
    "DROP INDEX IF EXISTS search_document_pairs_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS pairs",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_searchindexstate"),
    ]

    operations = [migrations.RunPython(create, drop)]
