from django.db import migrations


def seed(apps, schema_editor):  # type: ignore[no-untyped-def]
    from practicehub.catalogue.vocabulary_seed import seed_vocabularies

    seed_vocabularies(apps)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
