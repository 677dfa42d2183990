"""thidua doctor: rows stored before the bounds (over-long text, giant numbers, years outside the
window, impossible dates, NaN) are found and named in Vietnamese, repaired with --fix (audited), and
pages showing them meanwhile answer without a 500."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.blocks.models import Score
from thidua.emulation.models import Registration
from thidua.organizations.models import Staff


@pytest.fixture
def damaged(demo, seed_registration):
    """Rows as an old version (or a hand edit) left them, written around the services."""
    person = Staff.objects.filter(agency__code="SKHCN").order_by("pk").first()
    if connection.vendor == "sqlite":  # PostgreSQL refuses over-long text itself
        Staff.objects.filter(pk=person.pk).update(full_name="Nguyễn " * 2000, position="x" * 10_000)
    Registration.objects.filter(pk=seed_registration.pk).update(doc_day=30, doc_month=2, doc_year=2024,
                                                                letter_year=9999)
    score = Score.objects.order_by("pk").first()
    table = connection.ops.quote_name(Score._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET points = 'NaN' WHERE id = %s", [score.pk])
        if connection.vendor == "sqlite":  # PostgreSQL refuses such a date itself
            staff = connection.ops.quote_name(Staff._meta.db_table)
            cursor.execute(f"UPDATE {staff} SET birth_date = '2024-02-30' WHERE id = %s", [person.pk])
    return {"person": person, "registration": seed_registration, "score": score}


def _doctor(*args) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("doctor", *args, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc.returncode
    return out.getvalue(), 0


def test_a_clean_database_is_clean(demo):
    text, code = _doctor()
    assert code == 0 and "Không thấy giá trị nào nằm ngoài giới hạn." in text


def test_the_doctor_names_every_bad_value_then_repairs_them_with_an_audit_row(damaged):
    person, registration = damaged["person"], damaged["registration"]
    text, code = _doctor()
    assert code == 1, text
    if connection.vendor == "sqlite":
        assert f"#{person.pk}, họ và tên: Dài 14000 ký tự, tối đa 150." in text
    assert f"#{registration.pk}, ngày: Ngày không có thật: tháng 2 không có ngày 30." in text
    assert "Năm 9999 nằm ngoài khoảng cho phép" in text
    assert "không phải là một số hữu hạn" in text
    if connection.vendor == "sqlite":
        assert "tháng 2 không có ngày 30" in text.split(f"#{person.pk}, ngày sinh")[1].splitlines()[0]
    assert "Traceback" not in text

    text, code = _doctor("--fix")
    assert code == 0, text
    assert "Đã sửa" in text
    person.refresh_from_db()
    registration.refresh_from_db()
    if connection.vendor == "sqlite":
        assert person.full_name == ("Nguyễn " * 2000)[:150] and len(person.position) == 150
    assert registration.doc_day is None and registration.letter_year is None
    assert Score.objects.get(pk=damaged["score"].pk).points == 0
    assert AuditEvent.objects.filter(action="doctor.fix", object_type="emulation.registration",
                                     object_id=str(registration.pk)).count() == 2
    assert _doctor() == ("Không thấy giá trị nào nằm ngoài giới hạn.\n", 0)


def test_pages_with_such_rows_do_not_answer_500(damaged, client, users):
    if connection.vendor == "sqlite":  # an impossible date cannot even be read back by Django
        Staff.objects.filter(pk=damaged["person"].pk).update(birth_date=None)
    client.force_login(users["skhcn"])
    registration = damaged["registration"]
    for url in (reverse("agency_detail", args=["SKHCN"]), reverse("staff_detail", args=[damaged["person"].pk]),
                reverse("registration_detail", args=[registration.pk]),
                reverse("registration_edit", args=[registration.pk]),
                reverse("registration_download", args=[registration.pk, "registration", "docx"])):
        response = client.get(url)
        assert response.status_code in (200, 302, 422), (url, response.status_code)
