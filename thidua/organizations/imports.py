"""Staff import from a spreadsheet (.xlsx) or .csv: every row is checked first; if any row is
wrong nothing is saved and each bad row is listed with what is wrong."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from thidua.audit.services import audit_record
from thidua.core.text import fold

from .models import Staff, StaffKind, Unit

COLUMNS = ["Họ và tên", "Phòng, ban", "Chức vụ", "Loại", "Giới tính", "Năm sinh", "Làm việc từ"]
REQUIRED = {"Họ và tên", "Loại"}
KINDS = {fold(label): value for value, label in StaffKind.choices}
GENDERS = {"nam": "nam", "nu": "nu", "": ""}


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    staff: list[Staff] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class ImportFileError(ValueError):
    pass


def read_rows(filename: str, content: bytes) -> list[dict[str, Any]]:
    """Rows as dicts keyed by the header row; the file's type is taken from its name."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as exc:  # openpyxl raises many kinds for a damaged file
            raise ImportFileError("Không đọc được tệp Excel. Hãy lưu lại dưới dạng .xlsx rồi thử lại.") from exc
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
    elif filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFileError("Tệp CSV phải được lưu với bảng mã UTF-8.") from exc
        values = list(csv.reader(io.StringIO(text)))
    else:
        raise ImportFileError("Chỉ nhận tệp .xlsx hoặc .csv.")
    if not values:
        raise ImportFileError("Tệp không có dữ liệu.")
    header = [str(h or "").strip() for h in values[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError("Thiếu cột: " + ", ".join(missing) + ". Các cột dùng được: " + ", ".join(COLUMNS) + ".")
    return [dict(zip(header, row, strict=False)) for row in values[1:] if any(v not in (None, "") for v in row)]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(_text(value), pattern).date()
        except ValueError:
            continue
    raise ValueError("Ngày phải có dạng dd/mm/yyyy, ví dụ 05/02/2022.")


def check_rows(agency: Unit, rows: list[dict[str, Any]]) -> ImportResult:
    departments = {fold(d.name): d for d in agency.children.all()}
    result = ImportResult()
    for number, row in enumerate(rows, start=2):  # row 1 is the header, as the user sees it in Excel
        def bad(column: str, message: str, number: int = number) -> None:
            result.errors.append(RowError(number, column, message))

        name = _text(row.get("Họ và tên"))
        if not name:
            bad("Họ và tên", "Chưa có họ và tên.")
        kind = KINDS.get(fold(_text(row.get("Loại"))))
        if kind is None:
            bad("Loại", "Phải là một trong: Cán bộ, Công chức, Viên chức, Người lao động.")
        department = None
        if _text(row.get("Phòng, ban")):
            department = departments.get(fold(_text(row.get("Phòng, ban"))))
            if department is None:
                bad("Phòng, ban", f"Không có phòng, ban «{_text(row.get('Phòng, ban'))}» trong {agency.name}.")
        gender = GENDERS.get(fold(_text(row.get("Giới tính"))))
        if gender is None:
            bad("Giới tính", "Ghi Nam hoặc Nữ (hoặc để trống).")
        birth_year = None
        if _text(row.get("Năm sinh")):
            try:
                birth_year = int(float(_text(row.get("Năm sinh"))))
                if not 1930 <= birth_year <= dt.date.today().year - 15:
                    raise ValueError
            except ValueError:
                bad("Năm sinh", "Năm sinh không hợp lệ.")
                birth_year = None
        try:
            since = _date(row.get("Làm việc từ"))
        except ValueError as exc:
            bad("Làm việc từ", str(exc))
            since = None
        result.staff.append(Staff(agency=agency, department=department, full_name=name, name_folded=fold(name),
                                  position=_text(row.get("Chức vụ")), kind=kind or "", gender=gender or "",
                                  birth_year=birth_year, active_from=since))
    if not rows:
        result.errors.append(RowError(0, "", "Tệp không có dòng dữ liệu nào."))
    return result


@transaction.atomic
def staff_import(*, actor: Any, agency: Unit, filename: str, content: bytes) -> ImportResult:
    """All rows or none."""
    from thidua.accounts.policy import can_manage_staff

    if not can_manage_staff(actor, agency):
        raise PermissionDenied("Chỉ cán bộ phụ trách thi đua của đơn vị mới nhập được danh sách nhân sự.")
    result = check_rows(agency, read_rows(filename, content))
    if result.ok:
        Staff.objects.bulk_create(result.staff)
        audit_record(actor=actor, action="staff.import", obj=agency,
                     summary=f"Nhập {len(result.staff)} người từ {filename}")
    return result
