"""django-simple-history is gone: the one audit trail (`audit.AuditEvent`) records every act with
the fields' before and after. Its rows were copied into the trail first (audit 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0003_line_subject_year_indexes"),
        ("audit", "0003_copy_simple_history"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalCertificateLayout"),
        migrations.DeleteModel(name="HistoricalDecision"),
        migrations.DeleteModel(name="HistoricalNumberCounter"),
    ]
