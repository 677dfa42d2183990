"""Council vote thresholds join the rest of the law in `catalog`. The table, renamed by councils
0004, keeps its rows; here the model enters catalog's state, and what named the old model follows it:
its content type (permissions) and the audit trail's rows."""

import django.db.models.deletion
from django.db import migrations, models

OLD, NEW = "councils.votethreshold", "catalog.votethreshold"


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    if not ContentType.objects.filter(app_label="catalog", model="votethreshold").exists():
        ContentType.objects.filter(app_label="councils", model="votethreshold").update(app_label="catalog")
    AuditEvent.objects.filter(object_type=OLD).update(object_type=NEW)


def unrelabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    if not ContentType.objects.filter(app_label="councils", model="votethreshold").exists():
        ContentType.objects.filter(app_label="catalog", model="votethreshold").update(app_label="councils")
    AuditEvent.objects.filter(object_type=NEW).update(object_type=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0011_criteria_setting"),
        ("councils", "0004_rename_vote_threshold_table"),
        ("organizations", "0006_drop_simple_history"),
        ("audit", "0003_copy_simple_history"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="VoteThreshold",
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
                        (
                            "level",
                            models.CharField(
                                choices=[
                                    ("unit", "Danh hiệu, hình thức cấp cơ sở"),
                                    ("higher", "Cấp tỉnh (bộ, ngành) trở lên"),
                                ],
                                max_length=10,
                                verbose_name="cấp danh hiệu, hình thức",
                            ),
                        ),
                        (
                            "codes",
                            models.CharField(
                                blank=True,
                                max_length=200,
                                verbose_name="chỉ áp dụng cho mã",
                                help_text="Các mã danh hiệu cách nhau bởi dấu phẩy, ví dụ CSTD_TINH,CSTD_TQ; để trống: "
                                "mọi mã của cấp này.",
                            ),
                        ),
                        (
                            "quorum_numerator",
                            models.PositiveSmallIntegerField(
                                default=2, verbose_name="số thành viên dự họp tối thiểu: tử số"
                            ),
                        ),
                        ("quorum_denominator", models.PositiveSmallIntegerField(default=3, verbose_name="mẫu số")),
                        (
                            "approval_numerator",
                            models.PositiveSmallIntegerField(
                                default=70, verbose_name="tỷ lệ tán thành tối thiểu: tử số"
                            ),
                        ),
                        ("approval_denominator", models.PositiveSmallIntegerField(default=100, verbose_name="mẫu số")),
                        (
                            "approval_base",
                            models.CharField(
                                choices=[
                                    ("all", "Tổng số thành viên hội đồng"),
                                    ("present", "Số thành viên tham gia bỏ phiếu"),
                                ],
                                default="all",
                                max_length=10,
                                verbose_name="tính trên",
                            ),
                        ),
                        ("secret_ballot", models.BooleanField(default=True, verbose_name="bỏ phiếu kín")),
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
                                related_name="vote_thresholds",
                                to="catalog.ruleset",
                                verbose_name="bộ quy định",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "ngưỡng biểu quyết của hội đồng",
                        "verbose_name_plural": "ngưỡng biểu quyết của hội đồng",
                        "ordering": ["rule_set", "level", "codes"],
                    },
                ),
            ],
        ),
        migrations.RunPython(relabel, unrelabel),
    ]
