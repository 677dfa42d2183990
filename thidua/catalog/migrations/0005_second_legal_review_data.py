from django.db import migrations


def load(apps, schema_editor):
    from thidua.catalog.reference import sync_reference_data

    sync_reference_data(apps)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_second_legal_review")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
