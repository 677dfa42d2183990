"""Staff import from a spreadsheet (.xlsx) or .csv.

Every row is checked first; if any row is wrong nothing is saved and each bad row is listed. A row
for someone already recorded in the agency updates them instead of adding a second record: the key
is the personal identifier when the row has one, else the name with the date (or year) of birth,
else the name alone when only one person in the agency bears it. The officer sees what will be
added, changed and left unchanged before anything is written; applying is all-or-nothing, so
importing the same sheet twice adds nobody the second time."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.audit.services import audit_record, audit_record_many, snapshot
from thidua.core import bounds, uploads
from thidua.core.text import fold
from thidua.organizations.policy import can_manage_staff

from .models import MovementKind, Staff, StaffKind, StaffMovement, Unit, UnitKind

COLUMNS = ["Họ và tên", "Số định danh cá nhân", "Ngày sinh", "Năm sinh", "Giới tính", "Phòng, ban", "Chức vụ",
           "Loại", "Làm việc từ", "Ngày tuyển dụng"]
REQUIRED = {"Họ và tên", "Loại"}
KINDS = {fold(label): value for value, label in StaffKind.choices}
GENDERS = {"nam": "nam", "nu": "nu", "": ""}
GENDER_NAMES = {"nam": "Nam", "nu": "Nữ", "": ""}
# How the agency's leadership (people in no department) is written in the "Phòng, ban" column.
LEADERSHIP = "Lãnh đạo"
LEADERSHIP_NAMES = {fold(LEADERSHIP), fold("Lãnh đạo cơ quan"), fold("Ban lãnh đạo"), fold("Ban giám đốc")}
MAX_NEW_DEPARTMENTS = 30
# Where read_rows keeps a row's number as the user sees it in Excel (blank rows are skipped).
ROW_NUMBER = "#row"
# The template's example row: left in the file by mistake, it is not imported.
EXAMPLE_NAME = "Nguyễn Văn Mẫu (dòng ví dụ, hãy ghi đè)"
# What a row may set, with the label shown in the preview.
FIELD_LABELS = {
    "full_name": "Họ và tên", "personal_id": "Số định danh cá nhân", "birth_date": "Ngày sinh",
    "birth_year": "Năm sinh", "gender": "Giới tính", "department": "Phòng, ban", "position": "Chức vụ",
    "kind": "Loại", "active_from": "Làm việc từ", "service_start": "Ngày tuyển dụng",
}


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class RowPlan:
    """What one row will do: add a person, change one already there, or nothing."""

    row: int
    staff: Staff
    action: str  # "add" | "change" | "same"
    changes: list[Change] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    department_name: str | None = None  # None: keep; "": leadership; else the department's name


@dataclass
class ImportResult:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_departments: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def _of(self, action: str) -> list[RowPlan]:
        return [r for r in self.rows if r.action == action]

    @property
    def added(self) -> list[RowPlan]:
        return self._of("add")

    @property
    def changed(self) -> list[RowPlan]:
        return self._of("change")

    @property
    def unchanged(self) -> list[RowPlan]:
        return self._of("same")

    @property
    def staff(self) -> list[Staff]:
        return [r.staff for r in self.rows if r.action != "same"]

    @property
    def fingerprint(self) -> str:
        """Identifies the plan shown in the preview, so that applying it after the data moved on (or
        with another file) is refused rather than doing something the officer did not see."""
        parts = [f"{r.row}|{r.action}|{r.staff.pk}|" + ";".join(f"{c.label}={c.new}" for c in r.changes)
                 for r in self.rows]
        return hashlib.sha256("\n".join([*parts, *self.new_departments]).encode()).hexdigest()[:32]


class ImportFileError(ValueError):
    pass


def read_rows(filename: str, content: bytes) -> list[dict[str, Any]]:
    """Rows as dicts keyed by the header row. The file's type is taken from its content, and it is
    read one row at a time within the upload bounds (thidua.core.uploads: size, rows, columns), so
    an oversized or fake file is refused before it fills memory."""
    if not filename.lower().endswith((".xlsx", ".csv")):
        raise ImportFileError("Chỉ nhận tệp .xlsx hoặc .csv.")
    header: list[str] | None = None
    rows: list[dict[str, Any]] = []
    try:
        for number, values in uploads.iter_table(content, filename):
            if header is None:
                header = [str(h or "").strip() for h in values]
                missing = [c for c in COLUMNS if c in REQUIRED and c not in header]
                if missing:
                    raise ImportFileError("Thiếu cột: " + ", ".join(missing) + ". Các cột dùng được: "
                                          + ", ".join(COLUMNS) + ".")
                continue
            rows.append({**dict(zip(header, values, strict=False)), ROW_NUMBER: number})
    except uploads.UploadError as exc:
        raise ImportFileError(str(exc)) from None
    if header is None:
        raise ImportFileError("Tệp không có dữ liệu.")
    return rows


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    parts = re.fullmatch(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", text)
    problem = parts and bounds.partial_date_error(*(int(g) for g in parts.groups()))
    if problem:  # the right form, not a real day: say which (30/02), not "wrong form"
        raise ValueError(f"Ngày «{text}» không có thật: {problem}")
    raise ValueError("Ngày phải có dạng dd/mm/yyyy, ví dụ 05/02/2022.")


def _personal_id(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        # Excel turns "001090000123" into the number 1090000123: the identifier always has 12 digits.
        return str(value).zfill(12)
    return _text(value).replace(" ", "")


def _shown(name: str, value: Any) -> str:
    if value in (None, ""):
        return "(trống)"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if name == "kind":
        return StaffKind(value).label
    if name == "gender":
        return GENDER_NAMES[value]
    if name == "department":
        return value.name if isinstance(value, Unit) else value or LEADERSHIP
    return str(value)


def _parse_row(row: dict[str, Any], bad) -> tuple[dict[str, Any], str | None]:
    """The row's values for the columns it fills (blank cells change nothing), and its department
    name ("" for the leadership, None when the cell is blank)."""
    values: dict[str, Any] = {}
    name = _text(row.get("Họ và tên"))
    if not name:
        bad("Họ và tên", "Chưa có họ và tên.")
    elif len(name) > 150:
        bad("Họ và tên", "Họ và tên dài quá 150 ký tự.")
    values["full_name"] = name
    kind = KINDS.get(fold(_text(row.get("Loại"))))
    if kind is None:
        bad("Loại", "Phải là một trong: " + ", ".join(StaffKind.labels) + ".")
    values["kind"] = kind or ""
    personal_id = _personal_id(row.get("Số định danh cá nhân"))
    if personal_id:
        if not (personal_id.isdigit() and len(personal_id) == 12):
            bad("Số định danh cá nhân", "Số định danh cá nhân (số căn cước) gồm đúng 12 chữ số.")
        values["personal_id"] = personal_id
    gender = GENDERS.get(fold(_text(row.get("Giới tính"))))
    if gender is None:
        bad("Giới tính", "Ghi Nam hoặc Nữ (hoặc để trống).")
    elif gender:
        values["gender"] = gender
    position = _text(row.get("Chức vụ"))
    if len(position) > 150:
        bad("Chức vụ", "Chức vụ dài quá 150 ký tự.")
    elif position:
        values["position"] = position
    latest_birth = dt.date.today().year - 15
    try:
        birth_date = _date(row.get("Ngày sinh"))
        if birth_date is not None:
            if not 1930 <= birth_date.year <= latest_birth:
                raise ValueError("Ngày sinh không hợp lệ.")
            values["birth_date"], values["birth_year"] = birth_date, birth_date.year
    except ValueError as exc:
        bad("Ngày sinh", str(exc))
    if _text(row.get("Năm sinh")) and "birth_date" not in values:
        try:
            birth_year = int(float(_text(row.get("Năm sinh"))))
            if not 1930 <= birth_year <= latest_birth:
                raise ValueError
            values["birth_year"] = birth_year
        except (ValueError, OverflowError):  # "inf" is a float that no integer holds
            bad("Năm sinh", "Năm sinh không hợp lệ.")
    for column, name in (("Làm việc từ", "active_from"), ("Ngày tuyển dụng", "service_start")):
        try:
            day = _date(row.get(column))
            if day is not None:
                values[name] = day
        except ValueError as exc:
            bad(column, str(exc))
    department = _text(row.get("Phòng, ban"))
    if len(department) > 255:
        bad("Phòng, ban", "Tên phòng, ban dài quá 255 ký tự.")
    if not department:
        return values, None
    return values, "" if fold(department) in LEADERSHIP_NAMES else department


class _Index:
    """The agency's people, findable by each key a row may carry."""

    def __init__(self, people: list[Staff]) -> None:
        self.by_id: dict[str, Staff] = {}
        self.by_name: dict[str, list[Staff]] = {}
        for person in people:
            if person.personal_id:
                self.by_id[person.personal_id] = person
            self.by_name.setdefault(person.name_folded, []).append(person)

    def match(self, values: dict[str, Any]) -> list[Staff]:
        personal_id = values.get("personal_id")
        if personal_id and personal_id in self.by_id:
            return [self.by_id[personal_id]]
        # Same name, and nothing recorded that says it is someone else.
        candidates = [p for p in self.by_name.get(fold(values["full_name"]), [])
                      if not (personal_id and p.personal_id)]
        if values.get("birth_date"):
            candidates = [p for p in candidates if p.birth_date == values["birth_date"]
                          or (p.birth_date is None and p.birth_year in (None, values["birth_year"]))]
        elif values.get("birth_year"):
            candidates = [p for p in candidates if p.birth_year in (None, values["birth_year"])]
        return candidates


def check_rows(agency: Unit, rows: list[dict[str, Any]]) -> ImportResult:
    departments = {fold(d.name): d for d in agency.children.filter(kind=UnitKind.DEPARTMENT)}
    index = _Index(list(Staff.objects.filter(agency=agency).select_related("department")))
    result = ImportResult()
    seen: dict[int, int] = {}  # staff pk -> row that matched it
    new_keys: dict[tuple, int] = {}
    for position, row in enumerate(rows, start=2):  # row 1 is the header, as the user sees it in Excel
        number = row.get(ROW_NUMBER, position)
        errors_before = len(result.errors)

        def bad(column: str, message: str, number: int = number) -> None:
            result.errors.append(RowError(number, column, message))

        if _text(row.get("Họ và tên")) == EXAMPLE_NAME:
            continue
        values, department_name = _parse_row(row, bad)
        known = departments.keys() | {fold(n) for n in result.new_departments}
        if department_name and fold(department_name) not in known:
            result.new_departments.append(department_name)
        if len(result.errors) > errors_before:
            continue
        matches = index.match(values)
        if len(matches) > 1:
            bad("Họ và tên", f"Cơ quan có {len(matches)} người tên {values['full_name']}: hãy ghi Số định danh "
                "cá nhân hoặc Ngày sinh để biết là ai.")
            continue
        if matches:
            person = matches[0]
            if person.pk in seen:
                bad("Họ và tên", f"Trùng người với dòng {seen[person.pk]}.")
                continue
            seen[person.pk] = number
            result.rows.append(_change_plan(number, person, values, department_name, departments))
            continue
        key = (values.get("personal_id") or fold(values["full_name"]),
               values.get("birth_date") or values.get("birth_year"))
        if key in new_keys:
            bad("Họ và tên", f"Trùng người với dòng {new_keys[key]}.")
            continue
        new_keys[key] = number
        person = Staff(agency=agency, department=departments.get(fold(department_name or "")), **values)
        person.name_folded = fold(person.full_name)
        result.rows.append(RowPlan(number, person, "add", values=values, department_name=department_name or ""))
    if not result.rows and not result.errors:
        result.errors.append(RowError(0, "", "Tệp không có dòng dữ liệu nào."))
    if len(result.new_departments) > MAX_NEW_DEPARTMENTS:
        result.errors.append(RowError(0, "Phòng, ban", f"Tệp có {len(result.new_departments)} phòng, ban chưa có "
                                      f"trong cơ quan (tối đa {MAX_NEW_DEPARTMENTS}); hãy kiểm tra lại cột này."))
    return result


def _change_plan(number: int, person: Staff, values: dict[str, Any], department_name: str | None,
                 departments: dict[str, Unit]) -> RowPlan:
    changes = []
    updates = {}
    for name, value in values.items():
        old = getattr(person, name)
        if name == "birth_year" and values.get("birth_date"):
            continue  # follows the date of birth
        if value != old:
            updates[name] = value
            changes.append(Change(FIELD_LABELS[name], _shown(name, old), _shown(name, value)))
    if department_name is not None:
        current = person.department.name if person.department else ""
        if fold(current) != fold(department_name):
            changes.append(Change(FIELD_LABELS["department"], _shown("department", person.department),
                                  _shown("department", department_name)))
        else:
            department_name = None
    return RowPlan(number, person, "change" if changes else "same", changes, updates, department_name)


def _new_departments(agency: Unit, names: list[str]) -> dict[str, Unit]:
    taken = set(Unit.objects.filter(code__startswith=f"{agency.code}-P").values_list("code", flat=True))
    position = (agency.children.aggregate(m=Max("position"))["m"] or 0) + 1
    created = {}
    for name in names:
        number = position
        while f"{agency.code}-P{number}" in taken:
            number += 1
        code = f"{agency.code}-P{number}"
        taken.add(code)
        created[fold(name)] = Unit.objects.create(code=code, name=name, kind=UnitKind.DEPARTMENT, parent=agency,
                                                  province_id=agency.province_id, position=position)
        position += 1
    return created


def staff_import_preview(*, actor: Any, agency: Unit, filename: str, content: bytes) -> ImportResult:
    """What importing the file would do; writes nothing."""
    if not can_manage_staff(actor, agency):
        raise PermissionDenied("Bạn chỉ nhập được danh sách nhân sự của cơ quan mình.")
    return check_rows(agency, read_rows(filename, content))


@transaction.atomic
def staff_import(*, actor: Any, agency: Unit, filename: str, content: bytes,
                 expected: str | None = None) -> ImportResult:
    """Apply the file: all rows or none. With `expected` (the fingerprint of the preview the officer
    saw), nothing is written when the plan is no longer the same; the result then has an error."""
    result = staff_import_preview(actor=actor, agency=agency, filename=filename, content=content)
    if not result.ok:
        return result
    if expected is not None and expected != result.fingerprint:
        result.errors.append(RowError(0, "", "Danh sách nhân sự đã thay đổi từ lúc xem trước; hãy xem lại rồi "
                                      "mới cập nhật."))
        return result
    departments = {fold(d.name): d for d in agency.children.filter(kind=UnitKind.DEPARTMENT)}
    departments.update(_new_departments(agency, result.new_departments))
    added = []
    for plan in result.added:
        plan.staff.department = departments.get(fold(plan.department_name or ""))
        added.append(plan.staff)
    Staff.objects.bulk_create(added)
    today = dt.date.today()
    audited = [(person, {}, f"Thêm theo tệp {filename}") for person in added]
    for plan in result.changed:
        person = plan.staff
        audited.append((person, snapshot(person), f"Cập nhật theo tệp {filename}"))
        for name, value in plan.values.items():
            setattr(person, name, value)
        if plan.department_name is not None:
            target = departments.get(fold(plan.department_name))
            StaffMovement.objects.create(
                staff=person, kind=MovementKind.MOVE, date=today, from_department=person.department,
                to_department=target, note=f"Theo tệp nhập {filename}"[:255],
                recorded_by=actor if getattr(actor, "pk", None) else None)
            person.department = target
        person.save()
    audit_record(actor=actor, action="staff.import", obj=agency,
                 summary=f"Nhập {filename}: thêm {len(result.added)}, cập nhật {len(result.changed)}, "
                         f"giữ nguyên {len(result.unchanged)} người",
                 changes={"added": len(result.added), "changed": len(result.changed)})
    audit_record_many(actor=actor, action="staff.import", items=audited)
    return result


def staff_template(agency: Unit) -> bytes:
    """An .xlsx to fill in: the columns in the order the import reads them, drop-down lists of the
    allowed values (kinds, genders, the agency's departments) and one example row to overwrite."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhân sự"
    lists = book.create_sheet("Danh mục")
    sheet.append(COLUMNS)
    departments = [LEADERSHIP, *agency.children.filter(kind=UnitKind.DEPARTMENT).order_by("position", "name")
                   .values_list("name", flat=True)]
    example_department = departments[1] if len(departments) > 1 else LEADERSHIP
    sheet.append([EXAMPLE_NAME, "001090000123", dt.date(1990, 5, 20), None, "Nam",
                  example_department, "Chuyên viên", StaffKind.CIVIL_SERVANT.label, dt.date(2015, 8, 1),
                  dt.date(2012, 3, 1)])
    bold = Font(bold=True)
    for column, title in enumerate(COLUMNS, start=1):
        cell = sheet.cell(1, column)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        sheet.column_dimensions[get_column_letter(column)].width = max(14, len(title) + 4)
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["F"].width = 30
    sheet.freeze_panes = "A2"
    rows = 2000
    # The identifier as text, so Excel keeps its leading zeros; dates shown as dd/mm/yyyy.
    for row in range(2, rows + 2):
        sheet.cell(row, 2).number_format = "@"
        for column in (3, 9, 10):
            sheet.cell(row, column).number_format = "DD/MM/YYYY"
    sheet.cell(2, 2).value = "001090000123"

    for column, (title, values) in enumerate(
            [("Loại", StaffKind.labels), ("Giới tính", ["Nam", "Nữ"]), ("Phòng, ban", departments)], start=1):
        lists.cell(1, column, title).font = bold
        for row, value in enumerate(values, start=2):
            lists.cell(row, column, value)
        letter = get_column_letter(column)
        lists.column_dimensions[letter].width = 40
        target = get_column_letter(COLUMNS.index(title) + 1)
        check = DataValidation(type="list", formula1=f"'Danh mục'!${letter}$2:${letter}${len(values) + 1}",
                               allow_blank=title != "Loại", showErrorMessage=title != "Phòng, ban")
        check.error = f"Hãy chọn {title.lower()} trong danh sách."
        check.errorTitle = "Giá trị không hợp lệ"
        check.prompt = "Chọn trong danh sách" + (" (hoặc gõ tên phòng, ban mới)" if title == "Phòng, ban" else "")
        check.showInputMessage = True
        sheet.add_data_validation(check)
        check.add(f"{target}2:{target}{rows + 1}")
    notes = [
        "Bắt buộc: Họ và tên, Loại. Ô để trống không xóa thông tin đã có.",
        "Người đã có trong cơ quan được cập nhật, không thêm lần nữa: nhận ra theo Số định danh cá nhân; "
        "không có thì theo họ tên và ngày (năm) sinh.",
        f"Phòng, ban: ghi «{LEADERSHIP}» cho lãnh đạo cơ quan; tên phòng, ban chưa có sẽ được tạo mới sau khi "
        "bạn xem trước và xác nhận.",
    ]
    for row, note in enumerate(notes, start=len(departments) + 4):
        lists.cell(row, 1, note)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
