"""django-simple-history is gone: the one audit trail (`audit.AuditEvent`) records every act with
the fields' before and after. Its rows were copied into the trail first (audit 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0002_vote_thresholds"),
        ("audit", "0003_copy_simple_history"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalCouncil"),
        migrations.DeleteModel(name="HistoricalCouncilMember"),
        migrations.DeleteModel(name="HistoricalSession"),
        migrations.DeleteModel(name="HistoricalVoteThreshold"),
    ]
