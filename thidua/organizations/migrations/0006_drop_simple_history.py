"""django-simple-history is gone: the one audit trail (`audit.AuditEvent`) records every act with
the fields' before and after. Its rows were copied into the trail first (audit 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0005_staff_service_start_unit_level"),
        ("audit", "0003_copy_simple_history"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalBlock"),
        migrations.DeleteModel(name="HistoricalBlockYear"),
        migrations.DeleteModel(name="HistoricalProvince"),
        migrations.DeleteModel(name="HistoricalStaff"),
        migrations.DeleteModel(name="HistoricalUnit"),
    ]
