"""Staff management: add, correct, move, record leaving — through services that check scope —
and the import that updates people already there instead of adding them twice."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from thidua.accounts.models import Role, User
from thidua.audit.models import AuditEvent
from thidua.evaluation.models import AwardRecord
from thidua.organizations import services
from thidua.organizations.imports import COLUMNS, EXAMPLE_NAME, staff_import, staff_import_preview, staff_template
from thidua.organizations.models import MovementKind, Province, Staff, StaffKind, Unit, UnitKind

TODAY = dt.date.today()


@pytest.fixture
def org(db):
    """Two provinces; agency A (two departments) and B in the first, C in the second; one login per role."""
    tn = Province.objects.create(code="TN", name="Thái Nguyên", parent_body="UBND", place_name="Thái Nguyên")
    hg = Province.objects.create(code="HG", name="Hà Giang", parent_body="UBND", place_name="Hà Giang")
    board = Unit.objects.create(code="BTDKT", name="Ban Thi đua", kind=UnitKind.PROVINCE_BODY, province=tn)
    a = Unit.objects.create(code="A", name="Sở A", kind=UnitKind.AGENCY, province=tn)
    b = Unit.objects.create(code="B", name="Sở B", kind=UnitKind.AGENCY, province=tn)
    c = Unit.objects.create(code="C", name="Sở C", kind=UnitKind.AGENCY, province=hg)
    p1 = Unit.objects.create(code="A-P1", name="Văn phòng", kind=UnitKind.DEPARTMENT, province=tn, parent=a,
                             position=1)
    p2 = Unit.objects.create(code="A-P2", name="Thanh tra", kind=UnitKind.DEPARTMENT, province=tn, parent=a,
                             position=2)
    users = {
        "a": User.objects.create(username="a", role=Role.AGENCY_OFFICER, unit=a),
        "a.leader": User.objects.create(username="a.leader", role=Role.AGENCY_LEADER, unit=a),
        "b": User.objects.create(username="b", role=Role.AGENCY_OFFICER, unit=b),
        "board": User.objects.create(username="board", role=Role.PROVINCE_OFFICER, unit=board),
        "c": User.objects.create(username="c", role=Role.AGENCY_OFFICER, unit=c),
    }
    return {"a": a, "b": b, "c": c, "p1": p1, "p2": p2, "users": users}


def add(org, actor="a", **fields):
    values = {"full_name": "Nguyễn Văn An", "kind": StaffKind.CIVIL_SERVANT, **fields}
    return services.staff_create(actor=org["users"][actor], agency=org["a"], department=fields.pop("department", None)
                                 if "department" in fields else org["p1"], **{k: v for k, v in values.items()
                                                                              if k != "department"})


# --- services -------------------------------------------------------------------------------------


def test_the_officer_adds_a_person_and_the_addition_is_audited(org):
    person = add(org, birth_date=dt.date(1990, 5, 20), personal_id="001090000123", gender="nam")
    assert (person.department, person.birth_year, person.name_folded) == (org["p1"], 1990, "nguyen van an")
    assert AuditEvent.objects.filter(action="staff.create", object_id=str(person.pk)).exists()


def test_the_province_board_manages_staff_of_its_province_only(org):
    assert add(org, actor="board").agency == org["a"]
    with pytest.raises(PermissionDenied):
        services.staff_create(actor=org["users"]["board"], agency=org["c"], full_name="X", kind="cong_chuc")


@pytest.mark.parametrize("actor", ["b", "a.leader", "c"])
def test_others_cannot_add_correct_move_or_retire(org, actor):
    person = add(org)
    user = org["users"][actor]
    with pytest.raises(PermissionDenied):
        services.staff_create(actor=user, agency=org["a"], full_name="X", kind="cong_chuc")
    with pytest.raises(PermissionDenied):
        services.staff_update(actor=user, staff=person, full_name="Y")
    with pytest.raises(PermissionDenied):
        services.staff_move(actor=user, staff=person, department=org["p2"], on=TODAY)
    with pytest.raises(PermissionDenied):
        services.staff_depart(actor=user, staff=person, kind=MovementKind.RETIRE, on=TODAY)


def test_a_department_of_another_agency_is_refused(org):
    other = Unit.objects.create(code="B-P1", name="Phòng B", kind=UnitKind.DEPARTMENT, province=org["b"].province,
                                parent=org["b"])
    with pytest.raises(services.StaffError, match="không thuộc"):
        add(org, department=other)
    with pytest.raises(services.StaffError, match="không thuộc"):
        services.staff_move(actor=org["users"]["a"], staff=add(org, full_name="Lê Bình"), department=other, on=TODAY)


@pytest.mark.parametrize(("fields", "field"), [
    ({"full_name": "  "}, "full_name"),
    ({"personal_id": "12345"}, "personal_id"),
    ({"birth_date": dt.date(2020, 1, 1)}, "birth_date"),
    ({"kind": "khac"}, "kind"),
])
def test_bad_particulars_are_refused_field_by_field(org, fields, field):
    with pytest.raises(services.StaffError) as caught:
        add(org, **fields)
    assert field in caught.value.errors


def test_a_correction_changes_only_what_was_given_and_records_before_and_after(org):
    person = add(org, position="Chuyên viên")
    services.staff_update(actor=org["users"]["a"], staff=person, full_name="Nguyễn Văn Ân", gender="nam",
                          birth_date=dt.date(1985, 1, 2))
    person.refresh_from_db()
    assert (person.full_name, person.position, person.birth_year) == ("Nguyễn Văn Ân", "Chuyên viên", 1985)
    event = AuditEvent.objects.get(action="staff.update")
    assert event.changes["full_name"] == ["Nguyễn Văn An", "Nguyễn Văn Ân"]


def test_the_same_personal_identifier_twice_in_one_agency_is_refused(org):
    add(org, personal_id="001090000123")
    with pytest.raises(services.StaffError) as caught:
        add(org, full_name="Trần Bình", personal_id="001090000123")
    assert caught.value.errors


def test_a_move_is_dated_and_keeps_both_departments(org):
    person = add(org)
    movement = services.staff_move(actor=org["users"]["a"], staff=person, department=org["p2"],
                                   on=dt.date(2024, 3, 1), note="QĐ 12/QĐ-A")
    person.refresh_from_db()
    assert person.department == org["p2"]
    assert (movement.from_department, movement.to_department, movement.date) == (org["p1"], org["p2"],
                                                                                  dt.date(2024, 3, 1))
    with pytest.raises(services.StaffError, match="đúng phòng"):
        services.staff_move(actor=org["users"]["a"], staff=person, department=org["p2"], on=TODAY)
    services.staff_move(actor=org["users"]["a"], staff=person, department=None, on=TODAY)  # to the leadership
    person.refresh_from_db()
    assert person.department is None and person.movements.count() == 2


def test_retirement_hides_the_person_from_now_but_keeps_them_in_the_years_they_worked(org):
    person = add(org, active_from=dt.date(2010, 1, 1))
    AwardRecord.objects.create(staff=person, year=2022, code="CSTDCS", decision_number="5/QĐ-A")
    services.staff_depart(actor=org["users"]["a"], staff=person, kind=MovementKind.RETIRE, on=dt.date(2024, 6, 30))
    person.refresh_from_db()
    assert person.active_to == dt.date(2024, 6, 30)
    assert not Staff.objects.active_on(TODAY).filter(pk=person.pk).exists()
    assert Staff.objects.active_in_year(2024).filter(pk=person.pk).exists()
    assert Staff.objects.active_in_year(2022).filter(pk=person.pk).exists()
    assert AwardRecord.objects.filter(staff=person).count() == 1  # awards follow the person
    with pytest.raises(services.StaffError, match="đã thôi"):
        services.staff_depart(actor=org["users"]["a"], staff=person, kind=MovementKind.LEAVE, on=TODAY)
    with pytest.raises(services.StaffError, match="không làm việc"):
        services.staff_move(actor=org["users"]["a"], staff=person, department=org["p2"], on=TODAY)


def test_leaving_before_starting_is_refused(org):
    person = add(org, active_from=dt.date(2020, 1, 1))
    with pytest.raises(services.StaffError, match="sau ngày bắt đầu"):
        services.staff_depart(actor=org["users"]["a"], staff=person, kind=MovementKind.LEAVE, on=dt.date(2019, 1, 1))


# --- import ---------------------------------------------------------------------------------------


def sheet(rows, header=COLUMNS) -> bytes:
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append([row.get(c) for c in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(org, content, actor="a"):
    return staff_import(actor=org["users"][actor], agency=org["a"], filename="ds.xlsx", content=content)


def test_importing_the_same_sheet_twice_adds_nobody_the_second_time(org):
    rows = [{"Họ và tên": "Nguyễn Văn An", "Loại": "Công chức", "Phòng, ban": "Văn phòng", "Năm sinh": 1980},
            {"Họ và tên": "Trần Thị Bình", "Loại": "Viên chức", "Ngày sinh": "02/03/1991"},
            {"Họ và tên": "Lê Văn Cường", "Loại": "Cán bộ", "Phòng, ban": "Lãnh đạo", "Chức vụ": "Giám đốc"}]
    first = run(org, sheet(rows))
    assert first.ok and len(first.added) == 3
    second = run(org, sheet(rows))
    assert second.ok and (len(second.added), len(second.changed), len(second.unchanged)) == (0, 0, 3)
    assert Staff.objects.filter(agency=org["a"]).count() == 3
    assert Staff.objects.get(full_name="Lê Văn Cường").department is None  # "Lãnh đạo": the leadership


def test_a_row_updates_the_person_with_its_identifier_even_when_the_name_was_corrected(org):
    person = add(org, personal_id="001090000123", position="Chuyên viên")
    result = run(org, sheet([{"Họ và tên": "Nguyễn Văn Ân", "Số định danh cá nhân": "001090000123",
                              "Loại": "Công chức", "Chức vụ": "Phó Chánh Văn phòng", "Phòng, ban": "Thanh tra",
                              "Ngày tuyển dụng": "01/03/2012"}]))
    assert result.ok and len(result.changed) == 1 and not result.added
    labels = {c.label: (c.old, c.new) for c in result.changed[0].changes}
    assert labels["Họ và tên"] == ("Nguyễn Văn An", "Nguyễn Văn Ân")
    assert labels["Phòng, ban"] == ("Văn phòng", "Thanh tra")
    assert labels["Ngày tuyển dụng"] == ("(trống)", "01/03/2012")
    person.refresh_from_db()
    assert person.service_start == dt.date(2012, 3, 1)
    assert (person.full_name, person.position, person.department) == ("Nguyễn Văn Ân", "Phó Chánh Văn phòng",
                                                                       org["p2"])
    assert person.movements.get().kind == MovementKind.MOVE  # the move through the sheet is in the history


def test_same_name_different_birth_dates_are_two_people(org):
    add(org, birth_date=dt.date(1980, 1, 1))
    result = run(org, sheet([{"Họ và tên": "Nguyễn Văn An", "Loại": "Công chức", "Ngày sinh": "05/05/1995"}]))
    assert result.ok and len(result.added) == 1


def test_an_ambiguous_name_without_a_key_is_explained(org):
    add(org, birth_date=dt.date(1980, 1, 1))
    add(org, birth_date=dt.date(1995, 5, 5))
    result = staff_import_preview(actor=org["users"]["a"], agency=org["a"], filename="ds.xlsx",
                                  content=sheet([{"Họ và tên": "Nguyễn Văn An", "Loại": "Công chức"}]))
    assert not result.ok and "2 người tên Nguyễn Văn An" in result.errors[0].message


def test_the_same_person_twice_in_one_sheet_is_an_error(org):
    row = {"Họ và tên": "Phạm Dũng", "Loại": "Công chức", "Năm sinh": 1980}
    result = run(org, sheet([row, row]))
    assert not result.ok and "Trùng người với dòng 2" in result.errors[0].message
    assert not Staff.objects.exists()


def test_a_new_department_name_is_created_with_the_import(org):
    result = run(org, sheet([{"Họ và tên": "Phạm Dũng", "Loại": "Công chức", "Phòng, ban": "Phòng Kế hoạch"}]))
    assert result.ok and result.new_departments == ["Phòng Kế hoạch"]
    department = Staff.objects.get().department
    assert (department.name, department.parent, department.kind) == ("Phòng Kế hoạch", org["a"], "department")


def test_applying_after_the_data_changed_is_refused(org):
    content = sheet([{"Họ và tên": "Phạm Dũng", "Loại": "Công chức", "Năm sinh": 1980}])
    seen = staff_import_preview(actor=org["users"]["a"], agency=org["a"], filename="ds.xlsx", content=content)
    add(org, full_name="Phạm Dũng", birth_year=1980, position="Chuyên viên")
    result = staff_import(actor=org["users"]["a"], agency=org["a"], filename="ds.xlsx", content=content,
                          expected=seen.fingerprint)
    assert not result.ok and "đã thay đổi" in result.errors[0].message
    assert Staff.objects.count() == 1


def test_the_import_is_refused_outside_the_actors_scope(org):
    with pytest.raises(PermissionDenied):
        run(org, sheet([{"Họ và tên": "X", "Loại": "Công chức"}]), actor="b")


NAMES = st.sampled_from(["Nguyễn Văn An", "Trần Thị Bình", "Lê Cường", "Phạm Thu Hà", "Hoàng Minh", "Đỗ Lan"])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(st.tuples(NAMES, st.integers(1960, 2000)), min_size=1, max_size=8, unique=True))
def test_any_sheet_imported_again_changes_nothing(org, people):
    Staff.objects.all().delete()
    content = sheet([{"Họ và tên": n, "Năm sinh": y, "Loại": "Công chức"} for n, y in people])
    assert run(org, content).ok
    again = run(org, content)
    assert again.ok and not again.added and not again.changed
    assert Staff.objects.count() == len(people)


def test_the_template_has_the_columns_drop_down_lists_and_an_example_row_that_is_not_imported(org):
    book = load_workbook(io.BytesIO(staff_template(org["a"])))
    sheet_ = book["Nhân sự"]
    assert [c.value for c in sheet_[1]] == COLUMNS
    assert sheet_["A2"].value == EXAMPLE_NAME and sheet_["B2"].value == "001090000123"
    lists = book["Danh mục"]
    assert [lists.cell(r, 3).value for r in range(2, 5)] == ["Lãnh đạo", "Văn phòng", "Thanh tra"]
    assert {str(v.sqref).split(":")[0] for v in sheet_.data_validations.dataValidation} == {
        "E2", "F2", "H2"}
    # The untouched template imports as "nothing to import", never as a person named like the example.
    result = run(org, staff_template(org["a"]))
    assert not result.ok and not Staff.objects.exists()


# --- pages ----------------------------------------------------------------------------------------


def test_the_officer_adds_corrects_moves_and_retires_through_the_pages(client, org):
    client.force_login(org["users"]["a"])
    response = client.post(reverse("staff_create", args=["A"]), {
        "full_name": "Vũ Thị Hoa", "kind": "cong_chuc", "gender": "nu", "birth_date": "1988-04-12",
        "department": org["p1"].pk, "personal_id": "", "position": "Chuyên viên", "active_from": "2012-09-01"})
    person = Staff.objects.get(full_name="Vũ Thị Hoa")
    assert response.status_code == 302 and response.url == reverse("staff_detail", args=[person.pk])
    response = client.post(reverse("staff_edit", args=[person.pk]), {
        "full_name": "Vũ Thị Hòa", "kind": "cong_chuc", "gender": "nu", "birth_date": "1988-04-12",
        "position": "Phó Chánh Văn phòng", "active_from": "2012-09-01", "personal_id": "",
        "service_start": "2010-07-01"})
    assert response.status_code == 302
    client.post(reverse("staff_move", args=[person.pk]), {"department": org["p2"].pk, "date": "2024-01-02"})
    client.post(reverse("staff_depart", args=[person.pk]), {"kind": "retire", "date": "2024-12-31"})
    person.refresh_from_db()
    assert (person.full_name, person.department, person.active_to) == ("Vũ Thị Hòa", org["p2"], dt.date(2024, 12, 31))
    assert person.service_start == dt.date(2010, 7, 1)
    page = client.get(reverse("staff_detail", args=[person.pk])).content.decode()
    assert "Chuyển phòng, ban từ Văn phòng sang Thanh tra" in page and "Nghỉ hưu" in page
    current = client.get(reverse("agency_detail", args=["A"])).content.decode()
    assert "Vũ Thị Hòa" not in current
    assert "Vũ Thị Hòa" in client.get(reverse("agency_detail", args=["A"]), {"nam": "2024"}).content.decode()
    assert "Vũ Thị Hòa" in client.get(reverse("agency_detail", args=["A"]), {"hien": "da-nghi"}).content.decode()


def test_a_bad_form_is_answered_in_vietnamese_without_saving(client, org):
    client.force_login(org["users"]["a"])
    response = client.post(reverse("staff_create", args=["A"]), {"full_name": "", "kind": "", "personal_id": "12",
                                                                 "birth_date": "0202-01-01"})
    page = response.content.decode()
    assert response.status_code == 422 and not Staff.objects.exists()
    assert "Ngày không hợp lệ." in page and "12 chữ số" in page


@pytest.mark.parametrize(("name", "args"), [("staff_create", ["A"]), ("staff_template", ["A"]),
                                            ("staff_edit", None), ("staff_move", None), ("staff_depart", None)])
def test_pages_answer_by_scope(client, org, name, args):
    person = add(org)
    url = reverse(name, args=args or [person.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(org["users"]["c"])
    assert client.get(url).status_code == 404  # another province: not even seen
    client.force_login(org["users"]["a.leader"])
    assert client.get(url).status_code == 403  # sees the agency, does not keep its staff
    client.force_login(org["users"]["board"])
    assert client.get(url).status_code == 200
    client.force_login(org["users"]["a"])
    assert client.get(url).status_code == 200


def test_the_import_page_previews_then_applies_and_reimport_adds_nobody(client, org):
    client.force_login(org["users"]["a"])
    url = reverse("staff_import", args=["A"])
    content = sheet([{"Họ và tên": "Phạm Dũng", "Loại": "Công chức", "Năm sinh": 1980}])
    for expected_added in (1, 0):
        upload = io.BytesIO(content)
        upload.name = "ds.xlsx"
        preview = client.post(url, {"file": upload})
        assert preview.context["preview"].ok and len(preview.context["preview"].added) == expected_added
        client.post(url, {"apply": "1", "fingerprint": preview.context["preview"].fingerprint})
        assert Staff.objects.count() == 1
    assert client.post(url, {"apply": "1", "fingerprint": "x"}).status_code == 422  # nothing waiting any more


def test_the_agency_pages_cached_rows_follow_a_correction_made_through_the_service(client, org):
    """A page of the staff list is drawn once per province stamp (organizations.views.agency_detail):
    a correction through staff_update shows on the next view."""
    person = add(org, full_name="Đỗ Văn Bình", position="Chuyên viên")
    client.force_login(org["users"]["a"])
    url = reverse("agency_detail", args=["A"])
    for _ in range(2):  # the second view from the cache
        page = client.get(url).content.decode()
        assert "Đỗ Văn Bình" in page and "Chuyên viên chính" not in page
    services.staff_update(actor=org["users"]["a"], staff=person, position="Chuyên viên chính")
    assert "Chuyên viên chính" in client.get(url).content.decode()


def test_the_agency_pages_cached_count_departments_and_names_follow_the_services(client, org):
    """The count, the departments with their headcounts and the former names are cached with the rows
    (organizations.views.agency_detail): a person added, a move and a renaming through their services
    show on the next view; an agency of another scope gets 404, never the cached page."""
    add(org, full_name="Đỗ Văn Bình")
    client.force_login(org["users"]["a"])
    url = reverse("agency_detail", args=["A"])

    def figures() -> tuple[str, str]:
        page = client.get(url).content.decode()
        total = page.split("người lao động (", 1)[1].split(")", 1)[0]
        office = page.split(f'<a href="?phong={org["p1"].pk}">', 1)[1].split(" · ", 1)[0].split("</li>", 1)[0]
        return total, office

    assert figures() == figures() == ("1", 'Văn phòng</a> <span class="muted">(1)</span>')
    person = add(org, full_name="Lê Thị Cúc")
    assert figures() == ("2", 'Văn phòng</a> <span class="muted">(2)</span>')
    services.staff_move(actor=org["users"]["a"], staff=person, department=org["p2"], on=TODAY)
    assert figures() == ("2", 'Văn phòng</a> <span class="muted">(1)</span>')
    services.unit_rename(actor=org["users"]["board"], unit=org["a"], new_name="Sở A mới", on=TODAY)
    page = client.get(url).content.decode()
    assert "Tên cũ: Sở A (đến" in page and "<h1>Sở A mới</h1>" in page
    client.force_login(org["users"]["c"])
    assert client.get(url).status_code == 404
