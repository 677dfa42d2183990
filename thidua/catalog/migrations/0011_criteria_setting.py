"""The criteria settings of the eligibility rules join the rest of the law in `catalog`. The table,
renamed by evaluation 0005, keeps its rows; here the model enters catalog's state, its index gets a
name of its own, and what named the old model follows it: its content type (permissions) and the
audit trail's rows (so an object's history and the log still find and name them)."""

import django.db.models.deletion
from django.db import migrations, models

OLD, NEW = "evaluation.criteriasetting", "catalog.criteriasetting"


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    if not ContentType.objects.filter(app_label="catalog", model="criteriasetting").exists():
        ContentType.objects.filter(app_label="evaluation", model="criteriasetting").update(app_label="catalog")
    AuditEvent.objects.filter(object_type=OLD).update(object_type=NEW)


def unrelabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    if not ContentType.objects.filter(app_label="evaluation", model="criteriasetting").exists():
        ContentType.objects.filter(app_label="catalog", model="criteriasetting").update(app_label="evaluation")
    AuditEvent.objects.filter(object_type=NEW).update(object_type=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0010_drop_simple_history"),
        ("evaluation", "0005_move_criteria_setting_to_catalog"),
        ("organizations", "0006_drop_simple_history"),
        ("audit", "0003_copy_simple_history"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CriteriaSetting",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("valid_from", models.DateField(verbose_name="hiệu lực từ")),
                        ("valid_to", models.DateField(blank=True, null=True, verbose_name="hiệu lực đến")),
                        ("basis", models.CharField(blank=True, max_length=300, verbose_name="căn cứ pháp lý")),
                        ("key", models.CharField(max_length=60, verbose_name="tiêu chí")),
                        (
                            "value",
                            models.CharField(
                                blank=True,
                                max_length=200,
                                verbose_name="giá trị",
                                help_text="Số, đúng/sai (true/false), mã xếp loại (HTTNV…), phạm vi (co_so, tinh, "
                                "toan_quoc) hoặc danh sách mã bộ quy định cách nhau bởi dấu phẩy.",
                            ),
                        ),
                        (
                            "province",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="organizations.province",
                                verbose_name="tỉnh (nếu riêng)",
                            ),
                        ),
                        (
                            "rule_set",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="criteria_settings",
                                to="catalog.ruleset",
                                verbose_name="bộ quy định",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "tiêu chí xét danh hiệu",
                        "verbose_name_plural": "tiêu chí xét danh hiệu",
                        "ordering": ["rule_set", "key", "province"],
                        "indexes": [models.Index(fields=["rule_set", "key"], name="evaluation__rule_se_6231c6_idx")],
                    },
                ),
            ],
        ),
        migrations.RenameIndex(
            model_name="criteriasetting",
            new_name="catalog_criteria_rule_key",
            old_name="evaluation__rule_se_6231c6_idx",
        ),
        migrations.RunPython(relabel, unrelabel),
    ]
