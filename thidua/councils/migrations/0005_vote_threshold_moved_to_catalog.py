"""The ballots' threshold now names catalog's `VoteThreshold` (same table, same rows: catalog 0012),
and councils' own model leaves the migration state. Nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0012_vote_threshold"),
        ("councils", "0004_rename_vote_threshold_table"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="ballotresult",
                    name="threshold",
                    field=models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="catalog.votethreshold",
                    ),
                ),
                migrations.DeleteModel(name="VoteThreshold"),
            ],
        ),
    ]
