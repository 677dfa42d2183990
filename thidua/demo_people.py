"""The demo's people (made up, deterministic), built so that an officer of the province finds
nothing untrue in them (issue 12, item 7):

- a name says its gender: a man's middle and given name from men's names ("Văn", "Đức"… "Hùng"),
  a woman's from women's ("Thị", "Thu"… "Hương"), so no "Trần Thị Dũng" or "Lê Văn Yến";
- one head of each agency (Giám đốc Sở; Chánh Văn phòng UBND tỉnh; Chánh Thanh tra tỉnh) and
  three deputies, one head and one deputy per department (Trưởng phòng and Phó Trưởng phòng;
  Chánh/Phó Chánh Văn phòng of the Văn phòng, Chánh/Phó Chánh Thanh tra of the Thanh tra), the
  others Chuyên viên, or Nhân viên for the contract workers;
- ages that fit: leaders older, nobody starting work before 22;
- the people the demo's documents and logins name (the province's chairman and the vice-chairman
  who signs its decisions, the council members, the directors, the demo logins' officers) are
  staff of their units with their positions (`NAMED`).

Only `thidua.demo` builds the staff; the other demos read it back by position (`held_title`)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from thidua.organizations.models import Staff, StaffKind, Unit

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hà", "Dương", "Lương", "Ma",
            "Nông", "Ngô", "Triệu"]
MALE_MIDDLE = ["Văn", "Văn", "Đức", "Minh", "Quang", "Xuân", "Mạnh", "Hữu", "Quốc", "Trọng", "Tiến", "Công"]
FEMALE_MIDDLE = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Hồng", "Thanh", "Kim", "Phương", "Thúy"]
MALE_GIVEN = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Hưng", "Khánh", "Kiên", "Long",
              "Nam", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Đức",
              "Thịnh"]
FEMALE_GIVEN = ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Huyền", "Lan", "Linh",
                "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Thảo", "Thủy", "Trang", "Vân", "Yến",
                "Hồng", "Ngọc"]
# Given names that say a gender on their own ("An", "Bình", "Khánh", "Giang", "Hà", "Anh" do not).
_MALE_ONLY = set(MALE_GIVEN) - {"An", "Bình", "Khánh"}
_FEMALE_ONLY = set(FEMALE_GIVEN) - {"Giang", "Hà", "Anh"}


def gender_of(name: str, default: str) -> str:
    """The gender a Vietnamese name says: the middle name "Thị"/"Văn" first, then the given name;
    `default` when the name does not tell (Hà, Bình, Khánh…)."""
    parts = name.split()
    if "Thị" in parts[1:-1]:
        return "nu"
    if "Văn" in parts[1:-1]:
        return "nam"
    if parts and parts[-1] in _FEMALE_ONLY:
        return "nu"
    if parts and parts[-1] in _MALE_ONLY:
        return "nam"
    return default


def make_name(rng: random.Random, gender: str, taken: set[str]) -> str:
    """A made-up name of that gender, not in `taken` (added to it)."""
    middles, givens = (FEMALE_MIDDLE, FEMALE_GIVEN) if gender == "nu" else (MALE_MIDDLE, MALE_GIVEN)
    while True:
        middle, given = rng.choice(middles), rng.choice(givens)
        name = f"{rng.choice(SURNAMES)} {middle} {given}"
        if middle != given and name not in taken and gender_of(name, gender) == gender:
            taken.add(name)
            return name


# The head and deputy titles of an agency (default: a Sở) and of a department by the start of its name.
AGENCY_LEADERS = {"VPUBND": ("Chánh Văn phòng UBND tỉnh", "Phó Chánh Văn phòng UBND tỉnh"),
                  "TTT": ("Chánh Thanh tra tỉnh", "Phó Chánh Thanh tra tỉnh")}
SO_LEADERS = ("Giám đốc", "Phó Giám đốc")
HEAD_TITLES = (("Văn phòng", "Chánh Văn phòng", "Phó Chánh Văn phòng"),
               ("Thanh tra", "Chánh Thanh tra", "Phó Chánh Thanh tra"),
               ("", "Trưởng phòng", "Phó Trưởng phòng"))


def leader_titles(agency_code: str) -> tuple[str, str]:
    return AGENCY_LEADERS.get(agency_code, SO_LEADERS)


def department_titles(department_name: str) -> tuple[str, str]:
    return next((head, deputy) for start, head, deputy in HEAD_TITLES if department_name.startswith(start))


@dataclass(frozen=True)
class Named:
    """Someone the demo's documents or logins name: (agency, index in its staff list) → this person."""

    full_name: str
    gender: str


# Index 0 is the agency's head, 1–3 its deputies; for departments see `_department_slot`.
NAMED = {
    ("SKHCN", 1): Named("Đinh Bộ Sơn", "nam"),  # signs the seed registration (KT. GIÁM ĐỐC), leader's login
    ("SKHCN", "officer"): Named("Phạm Thị Hồng Nhung", "nu"),  # login skhcn
    ("STC", 0): Named("Phạm Minh Đức", "nam"),  # council member
    ("STC", "officer"): Named("Lê Minh Tuấn", "nam"),  # login truongkhoi
    ("SNV", 0): Named("Trần Quốc Hưng", "nam"),  # standing member of the provincial council
    ("SNV", "officer"): Named("Dương Văn Khánh", "nam"),  # login snv
    ("VPUBND", 0): Named("Lê Văn Thành", "nam"),  # council member
}
# The province's own bodies: UBND tỉnh (the chairman and vice-chairmen: the decisions' signers and
# the council's chair) and the emulation board (its head is the council's secretary).
PROVINCE_BODIES = {
    "UBND-TN": [("Hoàng Văn Khánh", "nam", "Chủ tịch UBND tỉnh"),
                ("Nguyễn Thị Thu Hương", "nu", "Phó Chủ tịch UBND tỉnh"),
                ("", "nam", "Phó Chủ tịch UBND tỉnh"), ("", "nam", "Phó Chủ tịch UBND tỉnh")],
    "BTDKT-TN": [("Hà Minh Tuấn", "nam", "Trưởng ban"), ("", "nu", "Phó Trưởng ban"), ("", "nam", "Phó Trưởng ban"),
                 ("Hoàng Thị Thu Hà", "nu", "Chuyên viên"), ("", "nam", "Chuyên viên"), ("", "nu", "Chuyên viên"),
                 ("", "nu", "Chuyên viên")],
}
ALL_NAMED = {n.full_name for n in NAMED.values()} | {name for rows in PROVINCE_BODIES.values() for name, _, _ in rows
                                                     if name}

# A Sở's people are công chức; one in ten is a contract worker (người lao động: driver, văn thư,
# guard), who works in the office. (Viên chức work in the Sở's public service units, not in the demo.)
KIND_CYCLE = [StaffKind.CIVIL_SERVANT] * 9 + [StaffKind.WORKER]
LEADERS = 4  # the head and three deputies


def _birth_year(rng: random.Random, rank: str, started: int) -> int:
    low, high = {"head": (1964, 1970), "deputy": (1966, 1978), "dept_head": (1968, 1982),
                 "dept_deputy": (1972, 1988)}.get(rank, (1970, 1998))
    return min(rng.randint(low, high), started - 22)


def agency_staff(agency: Unit, departments: list[Unit], headcount: int, seed: int, taken: set[str]) -> list[Staff]:
    """The staff of a demo agency, unsaved: the head and deputies (no department), then everyone
    else spread over the departments in turn — the first in each its head, the second its deputy —
    except the contract workers, who work in the office."""
    rng = random.Random(f"{agency.code}-{seed}")
    head, deputy = leader_titles(agency.code)
    seen: dict[int, int] = {}
    office = next((d for d in departments if d.name.startswith(("Văn phòng", "Phòng Hành chính"))), departments[0])
    officer_slot = None
    rows = []
    for i in range(headcount):
        # The year each started is the first demo's (the evaluation demo's history follows it); in
        # January, so rated for that whole year, and not on New Year's Day.
        started = dt.date(2005 + i % 15, 1, 2 + i % 27)
        dept = None if i < LEADERS else departments[(i - LEADERS) % len(departments)]
        kind = KIND_CYCLE[i % len(KIND_CYCLE)]
        if i == 0:
            position, rank, kind = head, "head", StaffKind.CIVIL_SERVANT
        elif i < LEADERS:
            position, rank, kind = deputy, "deputy", StaffKind.CIVIL_SERVANT
        elif seen.get(dept.pk, -1) < 1:  # the department has no head or no deputy yet
            order = seen[dept.pk] = seen.get(dept.pk, -1) + 1
            dept_head, dept_deputy = department_titles(dept.name)
            kind = StaffKind.CIVIL_SERVANT
            position, rank = (dept_head, "dept_head") if order == 0 else (dept_deputy, "dept_deputy")
        elif kind == StaffKind.WORKER:
            position, rank, dept = "Nhân viên", "staff", office
        else:
            position, rank = "Chuyên viên", "staff"
        key: int | str = i
        if (officer_slot is None and dept is not None and dept.name.startswith("Văn phòng")
                and position == "Chuyên viên" and kind == StaffKind.CIVIL_SERVANT):
            officer_slot, key = i, "officer"  # the agency's emulation officer works in its office
        named = NAMED.get((agency.code, key))
        gender = named.gender if named else ("nu" if rng.random() < 0.45 else "nam")
        name = named.full_name if named else make_name(rng, gender, taken)
        rows.append(Staff(agency=agency, department=dept, full_name=name, position=position, kind=kind,
                          gender=gender, birth_year=_birth_year(rng, rank, started.year), active_from=started))
    return rows


def body_staff(body: Unit, taken: set[str]) -> list[Staff]:
    """The staff of one of the province's own bodies (UBND tỉnh, Ban TĐKT), unsaved."""
    rng = random.Random(body.code)
    rows = []
    for i, (name, gender, position) in enumerate(PROVINCE_BODIES.get(body.code, [])):
        elected = position.endswith("UBND tỉnh")  # elected by the council (HĐND) for the 2021–2026 term
        started = dt.date(2021, 6, 25) if elected else dt.date(2008 + i, 3, 1)
        rows.append(Staff(agency=body, full_name=name or make_name(rng, gender, taken), position=position,
                          kind=StaffKind.CADRE if elected else StaffKind.CIVIL_SERVANT, gender=gender,
                          birth_year=_birth_year(rng, "head" if i == 0 else "deputy" if i < 3 else "staff",
                                                 started.year),
                          active_from=started))
    return rows


def held_title(person: Staff) -> str:
    """A person's position with where it is held, as a council's member list or a minutes' header
    writes it: "Giám đốc Sở Nội vụ", "Trưởng phòng Quản lý khoa học", "Chánh Văn phòng Sở",
    "Chuyên viên Văn phòng Sở"."""
    position = person.position
    if person.department_id:
        name = person.department.name
        if position in ("Trưởng phòng", "Phó Trưởng phòng") and name.startswith("Phòng "):
            return f"{position} {name.removeprefix('Phòng ')}"  # "Trưởng phòng Quản lý khoa học"
        if position.endswith(("Văn phòng", "Thanh tra")):  # "Chánh Văn phòng Sở", "Phó Chánh Thanh tra Sở"
            return f"{position} Sở" if name.endswith(" Sở") else position
        return f"{position} {name}" if name.startswith(("Phòng", "Văn phòng", "Thanh tra")) else f"{position}, {name}"
    agency, place = person.agency, person.agency.province.name
    if position in SO_LEADERS:  # "Giám đốc Sở Nội vụ"
        return f"{position} {agency.name.removesuffix(f' tỉnh {place}')}"
    if position in ("Trưởng ban", "Phó Trưởng ban"):  # "Trưởng ban Ban Thi đua – Khen thưởng tỉnh"
        return f"{position} {agency.name.removesuffix(f' {place}')}"
    return position
