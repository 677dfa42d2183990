"""Vote thresholds are law: the model moves to `catalog` (catalog 0012 takes it over in the
migration state, councils 0005 lets go of it). Here only the table's name changes, to the one
catalog's model uses; its rows and the ballots' foreign key to them stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0003_drop_simple_history"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="votethreshold", table="catalog_votethreshold"),
            ],
        ),
    ]
