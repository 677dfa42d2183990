"""One audit trail: the rows django-simple-history kept (one full copy of an object per save) become
rows of `AuditEvent` — who, when, which object, created/changed/deleted and the fields that changed
from the copy before — so nothing recorded is lost when its tables are dropped (the apps' own
`drop_simple_history` migrations run after this one). Related objects are named as their tables
name them today (name, full name or code), or by number when they are gone."""

import datetime as dt

from django.db import migrations
from django.utils import timezone

HISTORIES = {
    "blocks": ["AgreedScore", "Compact", "Review", "Scorecard"],
    "catalog": ["AwardType", "BaseSalary", "LegalText", "ProvinceSetting", "QuotaRule", "RewardCoefficient", "RuleSet"],
    "councils": ["Council", "CouncilMember", "Session", "VoteThreshold"],
    "decisions": ["CertificateLayout", "Decision", "NumberCounter"],
    "emulation": ["Movement", "Registration"],
    "evaluation": ["CriteriaSetting"],
    "organizations": ["Block", "BlockYear", "Province", "Staff", "Unit"],
}
VERB = {"+": "create", "~": "update", "-": "delete"}
SKIP = {"password", "digest", "last_login", "version", "created_at", "updated_at"}
NAME_FIELDS = ("full_name", "name", "title", "code")
BATCH = 1000


def _text(value):
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, (list, tuple)):  # a JSON list (bases, recipients): its items
        return [_text(v) for v in value][:200]
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if hasattr(value, "strftime"):
        return value.strftime(
            "%d/%m/%Y %H:%M"
            if hasattr(value, "hour") and hasattr(value, "day")
            else "%d/%m/%Y"
            if hasattr(value, "day")
            else "%H:%M"
        )
    return str(value)[:500]


class Labels:
    """Names of related rows, read once each."""

    def __init__(self):
        self.cache = {}

    def of(self, model, pk):
        key = (model._meta.label_lower, pk)
        if key not in self.cache:
            known = {x.name for x in model._meta.concrete_fields}
            if {"first_name", "last_name"} <= known:  # a login: the person's name, never the login
                row = model._base_manager.filter(pk=pk).values("first_name", "last_name").first()
                name = " ".join(filter(None, [row["first_name"], row["last_name"]])) if row else None
            else:
                fields = [f for f in NAME_FIELDS if f in known]
                row = model._base_manager.filter(pk=pk).values(*fields).first() if fields else None
                name = next((row[f] for f in fields if row[f]), None) if row else None
            self.cache[key] = str(name)[:200] if name else f"số {pk}"
        return self.cache[key]


def _snapshot(row, fields, labels):
    values = {}
    for field in fields:
        raw = getattr(row, field.attname)
        if raw is None:
            values[field.name] = None
        elif field.is_relation:
            values[field.name] = labels.of(field.related_model, raw)
        elif field.choices:
            values[field.name] = str(dict(field.flatchoices).get(raw, raw))
        else:
            values[field.name] = _text(raw)
    return values


def _label(row):
    for name in NAME_FIELDS:
        value = getattr(row, name, None)
        if value:
            return str(value)[:200]
    return ""


def copy_history(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    labels = Labels()
    for app, names in HISTORIES.items():
        for name in names:
            history = apps.get_model(app, f"Historical{name}")
            fields = [
                f
                for f in history._meta.concrete_fields
                if not f.name.startswith("history_") and f.name not in SKIP and f.name != "id"
            ]
            object_type = f"{app}.{name.lower()}"
            previous, last_id, batch = {}, None, []
            rows = history.objects.order_by("id", "history_date", "history_id").iterator(chunk_size=BATCH)
            for row in rows:
                if row.id != last_id:
                    previous, last_id = {}, row.id
                now = _snapshot(row, fields, labels) if row.history_type != "-" else {}
                after = now if row.history_type != "-" else {}
                before = previous if row.history_type != "+" else {}
                if row.history_type == "-":
                    before = previous or _snapshot(row, fields, labels)
                changes = {
                    k: [before.get(k), after.get(k)]
                    for k in dict.fromkeys([*before, *after])
                    if before.get(k) != after.get(k)
                    and not (before.get(k) in ("", None) and after.get(k) in ("", None))
                }
                previous = now
                if row.history_type == "~" and not changes:
                    continue
                batch.append(
                    AuditEvent(
                        at=row.history_date,
                        actor_id=row.history_user_id,
                        action=f"{name.lower()}.{VERB.get(row.history_type, 'update')}",
                        object_type=object_type,
                        object_id=str(row.id),
                        object_label=_label(row),
                        summary=(row.history_change_reason or "")[:300],
                        changes=changes,
                    )
                )
                if len(batch) >= BATCH:
                    AuditEvent.objects.bulk_create(batch)
                    batch = []
            AuditEvent.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_object_label"),
        ("blocks", "0001_initial"),
        ("catalog", "0009_local_government_texts"),
        ("councils", "0002_vote_thresholds"),
        ("decisions", "0003_line_subject_year_indexes"),
        ("emulation", "0002_movement_launched_downward"),
        ("evaluation", "0002_reference_rules"),
        ("organizations", "0005_staff_service_start_unit_level"),
    ]

    # Going back leaves the copied rows in the trail (the old tables come back empty).
    operations = [migrations.RunPython(copy_history, migrations.RunPython.noop)]
