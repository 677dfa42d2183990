"""Demo data (`thidua demo`): Thái Nguyên, the block of general advisory agencies, SKHCN with its
departments and staff (made-up names) and its 2022 registration equal to the seed, the other
members' registrations in various states, and one login per role. Idempotent: what exists is kept."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from thidua import demo_seed
from thidua.accounts.models import Role, User
from thidua.blocks.demo import load_block_demo
from thidua.catalog.models import AwardType, ProvinceSetting
from thidua.catalog.reference import load_law
from thidua.core.text import fold
from thidua.councils.demo import load_year_end_demo
from thidua.demo_dates import date_within_year
from thidua.demo_people import ALL_NAMED, agency_staff, body_staff, leader_titles
from thidua.emulation.models import (
    Action,
    Movement,
    RegisteredMovement,
    Registration,
    RegistrationEvent,
    Solution,
    Status,
    Target,
)
from thidua.evaluation.demo import load_evaluation_demo
from thidua.organizations.models import (
    Block,
    BlockMembership,
    BlockYear,
    Province,
    Staff,
    Unit,
    UnitKind,
)
from thidua.yearend.demo import load_nomination_demo
from thidua.yearend.demo_agencies import load_agencies_demo

DEMO_PASSWORD = "thidua2022"
YEAR = 2022

AGENCIES = [
    # code, name, document name, symbol, staff, departments
    ("SKHCN", "Sở Khoa học và Công nghệ tỉnh Thái Nguyên", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "KHCN", 73, [
        "Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch – Tài chính", "Phòng Quản lý khoa học",
        "Phòng Quản lý công nghệ và Thị trường công nghệ", "Phòng Quản lý chuyên ngành",
        "Phòng Thông tin và Thống kê khoa học",
    ]),
    ("STC", "Sở Tài chính tỉnh Thái Nguyên", "SỞ TÀI CHÍNH", "STC", 58, [
        "Văn phòng Sở", "Thanh tra Sở", "Phòng Quản lý ngân sách", "Phòng Tài chính doanh nghiệp",
        "Phòng Quản lý giá và công sản",
    ]),
    ("STP", "Sở Tư pháp tỉnh Thái Nguyên", "SỞ TƯ PHÁP", "STP", 41, [
        "Văn phòng Sở", "Thanh tra Sở", "Phòng Xây dựng và kiểm tra văn bản", "Phòng Hành chính tư pháp",
    ]),
    ("SKHDT", "Sở Kế hoạch và Đầu tư tỉnh Thái Nguyên", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT", 52, [
        "Văn phòng Sở", "Thanh tra Sở", "Phòng Tổng hợp, quy hoạch", "Phòng Đăng ký kinh doanh",
        "Phòng Kinh tế ngành",
    ]),
    ("SNV", "Sở Nội vụ tỉnh Thái Nguyên", "SỞ NỘI VỤ", "SNV", 47, [
        "Văn phòng Sở", "Thanh tra Sở", "Phòng Tổ chức, biên chế", "Phòng Cải cách hành chính",
    ]),
    ("VPUBND", "Văn phòng UBND tỉnh Thái Nguyên", "VĂN PHÒNG UBND TỈNH", "VP", 64, [
        "Phòng Hành chính – Tổ chức", "Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo – Văn xã",
        "Phòng Kiểm soát thủ tục hành chính",
    ]),
    ("TTT", "Thanh tra tỉnh Thái Nguyên", "THANH TRA TỈNH", "TTr", 36, [
        "Văn phòng", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Tiếp công dân và xử lý đơn thư",
    ]),
]
BLOCK_HEAD, BLOCK_DEPUTY = "STC", "STP"

@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    unit: str
    full_name: str = ""  # what pages and histories show (Vietnamese order, in first_name)


LOGINS = [
    DemoLogin("admin", Role.ADMIN, "", "Quản trị hệ thống"),
    DemoLogin("bantdkt", Role.PROVINCE_OFFICER, "BTDKT-TN", "Hoàng Thị Thu Hà"),
    DemoLogin("truongkhoi", Role.BLOCK_OFFICER, BLOCK_HEAD, "Lê Minh Tuấn"),
    DemoLogin("skhcn", Role.AGENCY_OFFICER, "SKHCN", "Phạm Thị Hồng Nhung"),
    DemoLogin("skhcn.lanhdao", Role.AGENCY_LEADER, "SKHCN", "Đinh Bộ Sơn"),
    DemoLogin("snv", Role.AGENCY_OFFICER, "SNV", "Dương Văn Khánh"),
]


def _taken_names() -> set[str]:
    """Names already given (the demo never gives one twice) and those kept for the people it names."""
    return set(Staff.objects.values_list("full_name", flat=True)) | ALL_NAMED


def _body(province: Province, code: str, **fields) -> Unit:
    body = _unit(province, code, kind=UnitKind.PROVINCE_BODY, **fields)
    if not Staff.objects.filter(agency=body).exists():
        rows = body_staff(body, _taken_names())
        for row in rows:
            row.name_folded = fold(row.full_name)
        Staff.objects.bulk_create(rows)
    return body


def _province() -> Province:
    province, _ = Province.objects.get_or_create(
        code="TN",
        defaults={"name": "Thái Nguyên", "parent_body": "UBND TỈNH THÁI NGUYÊN", "place_name": "Thái Nguyên"},
    )
    ProvinceSetting.objects.get_or_create(province=province)
    return province


def _unit(province: Province, code: str, **fields) -> Unit:
    unit, _ = Unit.objects.get_or_create(code=code, defaults={"province": province, **fields})
    return unit


def _agency(province: Province, index: int, spec) -> Unit:
    code, name, doc_name, symbol, headcount, departments = spec
    agency = _unit(province, code, name=name, document_name=doc_name, symbol=symbol, kind=UnitKind.AGENCY,
                   position=index, short_name=code)
    depts = [
        _unit(province, f"{code}-P{i}", name=dept, kind=UnitKind.DEPARTMENT, parent=agency, position=i)
        for i, dept in enumerate(departments, 1)
    ]
    if not Staff.objects.filter(agency=agency).exists():
        rows = agency_staff(agency, depts, headcount, index, _taken_names())
        for row in rows:
            row.name_folded = fold(row.full_name)
        Staff.objects.bulk_create(rows)
    return agency


def _block(province: Province, agencies: dict[str, Unit]) -> BlockYear:
    block, _ = Block.objects.get_or_create(
        code="KHOI-TMTH", defaults={"name": "Khối các cơ quan tham mưu tổng hợp", "province": province}
    )
    block_year, _ = BlockYear.objects.get_or_create(
        block=block, year=YEAR, defaults={"head": agencies[BLOCK_HEAD], "deputy": agencies[BLOCK_DEPUTY]}
    )
    for i, unit in enumerate(agencies.values(), 1):
        BlockMembership.objects.get_or_create(block_year=block_year, unit=unit, defaults={"position": i})
    return block_year


def _users(province: Province, units: dict[str, Unit]) -> None:
    for login in LOGINS:
        if User.objects.filter(username=login.username).exists():
            # Databases loaded before logins had names showed the login name in every history.
            User.objects.filter(username=login.username, first_name=login.username).update(first_name=login.full_name)
            continue
        user = User(username=login.username, role=login.role, unit=units.get(login.unit),
                    first_name=login.full_name, is_staff=login.role == Role.ADMIN,
                    is_superuser=login.role == Role.ADMIN)
        user.set_password(DEMO_PASSWORD)
        user.save()


def _seed_registration(unit: Unit, addressee_block: BlockYear, actor: User) -> Registration:
    existing = Registration.objects.filter(unit=unit, year=YEAR).first()
    if existing:
        return existing
    reg = Registration.objects.create(unit=unit, year=YEAR, **demo_seed.REGISTRATION)
    Solution.objects.bulk_create(
        Solution(registration=reg, position=i, text=t) for i, t in enumerate(demo_seed.SOLUTIONS, 1)
    )
    for i, (name, text) in enumerate(demo_seed.MOVEMENTS, 1):
        movement, _ = Movement.objects.get_or_create(
            name=name, launched_by=unit,
            defaults={"start_date": dt.date(YEAR, 1, 1), "end_date": dt.date(YEAR, 12, 31)},
        )
        RegisteredMovement.objects.create(registration=reg, movement=movement, position=i, text=text)
    awards = {a.code: a for a in AwardType.objects.all()}
    Target.objects.bulk_create(
        Target(registration=reg, award_type=awards[code], position=awards[code].position or 99, label=label,
               note=awards[code].registration_note, collective_count=cc, collective_ratio=cr,
               individual_count=ic, individual_ratio=ir)
        for code, (label, cc, cr, ic, ir) in demo_seed.TARGETS.items()
    )
    RegistrationEvent.objects.create(registration=reg, action=Action.CREATE, to_status=Status.DRAFT, actor=actor)
    return reg


# Other members of the block, each left in a different state for the block head's inbox.
MEMBER_STATES = {"STC": Status.DRAFT, "STP": Status.SUBMITTED, "SKHDT": Status.RECEIVED, "SNV": Status.RETURNED,
                 "VPUBND": Status.SUBMITTED, "TTT": Status.DRAFT}


def _officer(unit: Unit) -> User | None:
    """The agency's emulation officer among the demo logins (SKHCN's, SNV's), if it has one."""
    return User.objects.filter(role=Role.AGENCY_OFFICER, unit=unit).first()


def _member_registration(unit: Unit, status: str, block_year: BlockYear, actor: User) -> None:
    if Registration.objects.filter(unit=unit, year=YEAR).exists():
        return
    headcount = Staff.objects.filter(agency=unit).count()
    # Signed by the agency's head, under the head's own title (CHÁNH THANH TRA for the inspectorate).
    title = leader_titles(unit.code)[0]
    head = Staff.objects.filter(agency=unit, position=title).first()
    head_title = title.removesuffix(" UBND tỉnh").removesuffix(" tỉnh").upper()
    departments = unit.children.count()
    reg = Registration.objects.create(
        unit=unit, year=YEAR, heading_year=YEAR, addressee=block_year.block.head_title(), place="Thái Nguyên",
        doc_day=10, doc_month=2, doc_year=YEAR, letter_symbol=f"{unit.symbol}-VP", letter_day=10, letter_month=2,
        letter_year=YEAR, preamble=f"Hưởng ứng phong trào thi đua năm {YEAR} do UBND tỉnh phát động, "
        f"{unit.name} đăng ký thi đua năm {YEAR} với các nội dung sau:",
        professional_goal=f"Phấn đấu hoàn thành xuất sắc nhiệm vụ được UBND tỉnh giao năm {YEAR}.",
        signer_authority_title=head_title, signer_position=head_title, signer_name=head.full_name if head else "",
    )
    ldtt = headcount * 9 // 10
    figures = {"LDTT": (None, ldtt), "CSTDCS": (None, ldtt * 15 // 100), "TTLDTT": (departments, None),
               "TTLDXS": (departments // 2, None), "BK_TINH": (1, 2)}
    awards = AwardType.objects.filter(position__isnull=False).order_by("position")
    Target.objects.bulk_create(
        Target(registration=reg, award_type=a, position=a.position, label=a.name, note=a.registration_note,
               collective_count=figures.get(a.code, (None, None))[0],
               individual_count=figures.get(a.code, (None, None))[1])
        for a in awards
    )
    # Drafted and sent by the agency's own officer; received or returned by the block head's.
    officer = _officer(unit) or actor
    head_officer = User.objects.filter(role=Role.BLOCK_OFFICER, unit=block_year.head).first() or actor
    RegistrationEvent.objects.create(registration=reg, action=Action.CREATE, to_status=Status.DRAFT, actor=officer)
    path = {
        Status.DRAFT: [],
        Status.SUBMITTED: [(Action.SUBMIT, Status.SUBMITTED, "")],
        Status.RECEIVED: [(Action.SUBMIT, Status.SUBMITTED, ""), (Action.RECEIVE, Status.RECEIVED, "")],
        Status.RETURNED: [(Action.SUBMIT, Status.SUBMITTED, ""),
                          (Action.RETURN, Status.RETURNED, "Thiếu danh sách phong trào thi đua đơn vị phát động.")],
    }[status]
    previous = Status.DRAFT
    for action, to_status, reason in path:
        RegistrationEvent.objects.create(registration=reg, action=action, from_status=previous,
                                         to_status=to_status, reason=reason,
                                         actor=officer if action == Action.SUBMIT else head_officer)
        previous = to_status
    reg.status = status
    reg.save(update_fields=["status"])


def login_lines(logins: list[DemoLogin]) -> list[str]:
    """The demo logins as lines for a terminal: login, person, role and unit name."""
    names = dict(Unit.objects.filter(code__in=[login.unit for login in logins]).values_list("code", "name"))
    lines = [f"Tài khoản đăng nhập (mật khẩu chung: {DEMO_PASSWORD}):"]
    for login in logins:
        unit = names.get(login.unit, login.unit)
        where = f", {unit}" if unit else ""
        who = login.role.label if login.full_name == login.role.label else f"{login.full_name} — {login.role.label}"
        lines.append(f"  {login.username:<15} {who}{where}")
    lines.append("In lại danh sách này bất cứ lúc nào: thidua demo --logins")
    return lines


@transaction.atomic
def load_demo(*, year_end: bool = True) -> list[DemoLogin]:
    """`year_end=False` leaves out the 2022 councils, decisions and dossiers (the slow part), for
    tests that only need the organisation, registrations, records and blocks."""
    load_law(apps)  # normally there from the migrations; a flushed test database lacks it
    started = timezone.now()
    province = _province()
    units = {
        "UBND-TN": _body(province, "UBND-TN", name="Ủy ban nhân dân tỉnh Thái Nguyên",
                         document_name="UBND TỈNH THÁI NGUYÊN", symbol="UBND"),
        "BTDKT-TN": _body(province, "BTDKT-TN", name="Ban Thi đua – Khen thưởng tỉnh Thái Nguyên",
                          document_name="BAN THI ĐUA – KHEN THƯỞNG", symbol="BTĐKT"),
    }
    agencies = {spec[0]: _agency(province, i, spec) for i, spec in enumerate(AGENCIES, 1)}
    units.update(agencies)
    block_year = _block(province, agencies)
    _users(province, units)
    actor = User.objects.get(username="admin")
    _seed_registration(agencies["SKHCN"], block_year, _officer(agencies["SKHCN"]) or actor)
    for code, status in MEMBER_STATES.items():
        _member_registration(agencies[code], status, block_year, actor)
    load_evaluation_demo()  # SKHCN's ratings, initiatives and award history 2018–2022
    load_block_demo()  # KHOI-TMTH 2022: compact, scoring table, scores, agreed scores; the province's movement
    if not year_end:
        date_within_year(YEAR, started)
        return LOGINS
    load_year_end_demo()  # SKHCN's and the province's councils, ballots, BB and issued decisions for 2022
    load_nomination_demo()  # SKHCN's 2022 dossiers linked to those councils and decisions; individual registrations
    load_agencies_demo()  # SNV's and STC's own 2022 ratings, councils, dossiers and director's decisions
    date_within_year(YEAR, started)  # what 2022 did is dated in 2022, not today
    return LOGINS
