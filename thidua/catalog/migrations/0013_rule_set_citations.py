"""Each rule set carries what its rules cite in their reasons (the article of the law or decree for
each ground), filled from the reference data: the rules hold no article number of their own."""

from django.db import migrations, models


def load(apps, schema_editor):
    from thidua.catalog.reference import load_citations

    load_citations(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0012_vote_threshold"),
    ]

    operations = [
        migrations.AddField(
            model_name="ruleset",
            name="citations",
            field=models.JSONField(
                blank=True,
                default=dict,
                verbose_name="căn cứ của từng tiêu chuẩn",
                help_text='Mỗi tiêu chuẩn và điều khoản được trích dẫn trong lý do xét, ví dụ {"ldtt": "Luật Thi '
                'đua, khen thưởng 2022, Điều 24"}.',
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
