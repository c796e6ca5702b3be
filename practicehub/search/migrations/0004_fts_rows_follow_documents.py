"""On SQLite, the FTS5 rows of a practice go when its index entry goes, whatever deletes the entry.

The engine's virtual tables are not models, so a delete that bypasses the search services (a cascade,
a test flush, a restore tool) used to leave their rows behind, to be matched by later searches. A
trigger on the entry table keeps the two together. PostgreSQL keeps its vectors on the entry row.
"""

from django.db import migrations

CREATE = (
    "CREATE TRIGGER IF NOT EXISTS search_document_deleted AFTER DELETE ON search_searchdocument "
    "BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.practice_id; "
    "DELETE FROM search_fts_head WHERE rowid = old.practice_id; "
    "END"
)
DROP = "DROP TRIGGER IF EXISTS search_document_deleted"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)
        # Rows already left behind by earlier deletes.
        for table in ("search_fts", "search_fts_head"):
            schema_editor.execute(
                f"DELETE FROM {table} WHERE rowid NOT IN (SELECT practice_id FROM search_searchdocument)"  # noqa: S608
            )


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_pairs")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
