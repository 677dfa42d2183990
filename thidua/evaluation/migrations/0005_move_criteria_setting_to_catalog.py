"""The criteria settings are law: the model moves to `catalog` (catalog 0011 takes it over in the
migration state). The table and its rows stay; only its name changes, to the one catalog's model
uses (`catalog_criteriasetting`)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0004_rating_reopening"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="criteriasetting", table="catalog_criteriasetting"),
            ],
            state_operations=[
                migrations.DeleteModel(name="CriteriaSetting"),
            ],
        ),
    ]
