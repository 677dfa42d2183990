from django.db import migrations


def load(apps, schema_editor):
    from thidua.evaluation.reference import load_reference_rules

    load_reference_rules(apps)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial"), ("catalog", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
