"""django-simple-history is gone: the one audit trail (`audit.AuditEvent`) records every act with
the fields' before and after. Its rows were copied into the trail first (audit 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0002_reference_rules"),
        ("audit", "0003_copy_simple_history"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalCriteriaSetting"),
    ]
