"""django-simple-history is gone: the one audit trail (`audit.AuditEvent`) records every act with
the fields' before and after. Its rows were copied into the trail first (audit 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0009_local_government_texts"),
        ("audit", "0003_copy_simple_history"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalAwardType"),
        migrations.DeleteModel(name="HistoricalBaseSalary"),
        migrations.DeleteModel(name="HistoricalLegalText"),
        migrations.DeleteModel(name="HistoricalProvinceSetting"),
        migrations.DeleteModel(name="HistoricalQuotaRule"),
        migrations.DeleteModel(name="HistoricalRewardCoefficient"),
        migrations.DeleteModel(name="HistoricalRuleSet"),
    ]
