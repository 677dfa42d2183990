"""A small organisation for the council and decision tests (faster than the full demo): Thái Nguyên,
UBND tỉnh, the province board, SKHCN with two departments and twelve staff, SNV with two staff, and
one login per role named as in the demo."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from thidua.accounts.models import Role, User
from thidua.organizations.models import Province, Staff, StaffKind, Unit, UnitKind

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Thu Dung", "Hoàng Văn Giang", "Vũ Thị Hà",
         "Đặng Quốc Hải", "Bùi Thị Hạnh", "Đỗ Văn Hùng", "Hà Thị Lan", "Dương Văn Long", "Lương Thị Mai"]
POSITIONS = ["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Trưởng phòng"]


@dataclass
class Org:
    province: Province
    ubnd: Unit
    board: Unit
    skhcn: Unit
    snv: Unit
    departments: list[Unit]
    staff: list[Staff]
    snv_staff: list[Staff]
    users: dict[str, User] = field(default_factory=dict)


def _user(username: str, role: str, unit: Unit | None) -> User:
    admin = role == Role.ADMIN
    return User.objects.create(username=username, role=role, unit=unit, is_staff=admin, is_superuser=admin)


def build_org() -> Org:
    province = Province.objects.create(code="TN", name="Thái Nguyên", parent_body="UBND TỈNH THÁI NGUYÊN",
                                       place_name="Thái Nguyên")
    ubnd = Unit.objects.create(code="UBND-TN", name="Ủy ban nhân dân tỉnh Thái Nguyên", symbol="UBND",
                               document_name="UBND TỈNH THÁI NGUYÊN", kind=UnitKind.PROVINCE_BODY, province=province)
    board = Unit.objects.create(code="BTDKT-TN", name="Ban Thi đua – Khen thưởng tỉnh Thái Nguyên", symbol="BTĐKT",
                                document_name="BAN THI ĐUA – KHEN THƯỞNG", kind=UnitKind.PROVINCE_BODY,
                                province=province)
    skhcn = Unit.objects.create(code="SKHCN", name="Sở Khoa học và Công nghệ tỉnh Thái Nguyên", symbol="KHCN",
                                document_name="SỞ KHOA HỌC VÀ CÔNG NGHỆ", kind=UnitKind.AGENCY, province=province,
                                position=1)
    snv = Unit.objects.create(code="SNV", name="Sở Nội vụ tỉnh Thái Nguyên", symbol="SNV", document_name="SỞ NỘI VỤ",
                              kind=UnitKind.AGENCY, province=province, position=2)
    departments = [
        Unit.objects.create(code=f"SKHCN-P{i}", name=name, kind=UnitKind.DEPARTMENT, parent=skhcn, province=province,
                            position=i)
        for i, name in enumerate(["Văn phòng Sở", "Phòng Quản lý khoa học"], 1)
    ]
    staff = [
        Staff.objects.create(agency=skhcn, department=None if i < 2 else departments[i % 2], full_name=name,
                             position=POSITIONS[i] if i < len(POSITIONS) else "", kind=StaffKind.CIVIL_SERVANT,
                             active_from=dt.date(2010, 1, 1))
        for i, name in enumerate(NAMES)
    ]
    snv_staff = [Staff.objects.create(agency=snv, full_name=name, kind=StaffKind.CIVIL_SERVANT)
                 for name in ("Ma Văn Nam", "Triệu Thị Oanh")]
    org = Org(province, ubnd, board, skhcn, snv, departments, staff, snv_staff)
    org.users = {
        "admin": _user("admin", Role.ADMIN, None),
        "bantdkt": _user("bantdkt", Role.PROVINCE_OFFICER, board),
        "skhcn": _user("skhcn", Role.AGENCY_OFFICER, skhcn),
        "skhcn.lanhdao": _user("skhcn.lanhdao", Role.AGENCY_LEADER, skhcn),
        "snv": _user("snv", Role.AGENCY_OFFICER, snv),
    }
    return org
