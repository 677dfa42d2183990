from django.db import migrations


def load(apps, schema_editor):
    from thidua.councils.reference import load_thresholds

    load_thresholds(apps)


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial"), ("catalog", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
