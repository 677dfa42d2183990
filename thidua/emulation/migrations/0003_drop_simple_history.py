"""django-simple-history is gone: the one audit trail (`audit.AuditEvent`) records every act with
the fields' before and after. Its rows were copied into the trail first (audit 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("emulation", "0002_movement_launched_downward"),
        ("audit", "0003_copy_simple_history"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalMovement"),
        migrations.DeleteModel(name="HistoricalRegistration"),
    ]
