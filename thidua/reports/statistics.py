"""The yearly statistics of emulation and commendation a province sends the Ministry of Home Affairs
(Thông tư 02/2023/TT-BNV: biểu 0601 số phong trào thi đua, 0602 khen thưởng cấp Nhà nước, 0603 khen
thưởng cấp bộ, ngành, tỉnh), and a general table of awards by level, subject, gender and position.

Counted from the decisions, never typed: every line in force (issued, not revoked) of a decision
issued in the province, for the year. Forms, columns, rows and the position words are data
(`data/tt02_2023.json`); the catalog codes in it are the catalog's."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from thidua.catalog.models import AwardType
from thidua.core.text import fold
from thidua.decisions.selectors import lines_in_force
from thidua.emulation.models import Movement, MovementKind
from thidua.organizations.models import Province, UnitKind

FORMS_JSON = Path(__file__).parent / "data" / "tt02_2023.json"


@cache
def form_data() -> dict:
    return json.loads(FORMS_JSON.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class AwardLine:
    """What a statistic needs of one decision line."""

    code: str
    collective: bool
    gender: str  # "nam", "nu" or ""
    position: str  # key of a position group


@dataclass
class Column:
    label: str
    group: str = ""


@dataclass
class Row:
    no: str
    label: str
    unit: str = ""
    values: list[int | None] = field(default_factory=list)
    heading: bool = False
    bold: bool = False
    italic: bool = False

    @property
    def total(self) -> int | None:
        return None if self.heading else sum(v or 0 for v in self.values)


@dataclass
class Table:
    code: str  # "0603.N/BNV-TĐKT", or "" for the general table
    title: str
    province: Province
    year: int
    columns: list[Column]
    rows: list[Row]
    unit_label: str = ""
    total_label: str = "Tổng số"
    notes: list[str] = field(default_factory=list)

    def cell(self, no: str, column: int | None = None) -> int | None:
        """The number in the row numbered `no`, in `column` (None: the total)."""
        row = next(r for r in self.rows if r.no == no)
        return row.total if column is None else row.values[column]


def position_of(title: str) -> str:
    """The position group of a job title: the group whose listed words match it most specifically."""
    folded = fold(title or "")
    groups = form_data()["positions"]
    best, length = groups[-1]["key"], 0
    for group in groups:
        for word in group["words"]:
            if fold(word) in folded and len(word) > length:
                best, length = group["key"], len(word)
    return best


def award_lines(province: Province, year: int) -> list[AwardLine]:
    """Every decision line in force for `year` of a decision issued in `province`."""
    qs = lines_in_force().filter(year=year, decision__issuer__province=province).select_related("staff")
    return [AwardLine(code=line.code, collective=line.unit_id is not None,
                      gender=(line.staff.gender if line.staff_id else ""),
                      position=("" if line.unit_id else position_of(line.job_title or
                                                                     (line.staff.position if line.staff_id else ""))))
            for line in qs]


def _predicate(spec: str) -> Callable[[AwardLine], bool]:
    if spec == "all":
        return lambda line: True
    if spec == "none":
        return lambda line: False
    if spec == "collective":
        return lambda line: line.collective
    if spec == "individual":
        return lambda line: not line.collective
    if spec.startswith("position:"):
        key = spec.split(":", 1)[1]
        return lambda line: not line.collective and line.position == key
    if spec.startswith("gender:"):
        key = spec.split(":", 1)[1]
        return lambda line: not line.collective and line.gender == key
    raise ValueError(f"unknown row filter {spec!r}")


def _column_predicate(spec: dict) -> Callable[[AwardLine], bool]:
    codes = set(spec.get("codes", []))
    subject = spec.get("subject")
    return lambda line: line.code in codes and (
        subject is None or (subject == "collective") == line.collective)


def _count(lines: Iterable[AwardLine], row: Callable, column: Callable) -> int:
    return sum(1 for line in lines if row(line) and column(line))


def award_form(key: str, province: Province, year: int, lines: list[AwardLine] | None = None) -> Table:
    """Biểu 0602 or 0603 for a province and a year."""
    data = form_data()
    form = data["forms"][key]
    lines = award_lines(province, year) if lines is None else lines
    columns = [_column_predicate(c) for c in form["columns"]]
    in_form = [line for line in lines if any(c(line) for c in columns)]
    specs = [{"no": "01", "label": "Tổng số", "filter": "all", "bold": True}, *data["subject_rows"]]
    rows = []
    for spec in specs:
        if spec.get("heading"):
            rows.append(Row(no="", label=spec["label"], heading=True, bold=True))
            continue
        predicate = _predicate(spec["filter"])
        rows.append(Row(no=spec["no"], label=spec["label"], unit=spec.get("unit", ""), bold=spec.get("bold", False),
                        italic=spec.get("italic", False),
                        values=[_count(in_form, predicate, c) for c in columns]))
    return Table(code=form["code"], title=form["title"], province=province, year=year,
                 columns=[Column(c["label"]) for c in form["columns"]], rows=rows, notes=[data["note"]])


def _duration_row(movement: Movement) -> str:
    if not movement.start_date or not movement.end_date:
        return "07"  # a yearly movement without dates: one year
    days = (movement.end_date - movement.start_date).days + 1
    if days < 360:
        return "06"
    if days <= 370:
        return "07"
    if days < 3 * 365:
        return "08"
    return "09" if days < 5 * 365 else "10"


def movements_in(province: Province, year: int) -> list[Movement]:
    """Movements of the province's bodies running in `year` (or launched for it)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    movements = Movement.objects.filter(launched_by__province=province).select_related("launched_by")
    return [m for m in movements
            if m.launched_for_year == year
            or ((m.start_date or start) <= end and (m.end_date or end) >= start and (m.start_date or m.end_date))]


def movement_form(province: Province, year: int) -> Table:
    """Biểu 0601: movements by the level that launched them, scope, length and way."""
    movements = movements_in(province, year)

    def level(m: Movement) -> int:
        return 1 if m.launched_by.kind == UnitKind.PROVINCE_BODY else 2  # column 0 (central) has none here

    def row(no: str, label: str, keep: Callable[[Movement], bool], **kw) -> Row:
        chosen = [m for m in movements if keep(m)]
        return Row(no=no, label=label, values=[0, sum(1 for m in chosen if level(m) == 1),
                                               sum(1 for m in chosen if level(m) == 2)], **kw)

    def by_duration(no: str) -> Callable[[Movement], bool]:
        return lambda m: _duration_row(m) == no

    rows = [
        row("01", "Tổng số", lambda m: True, bold=True),
        Row(no="", label="1. Chia theo phạm vi tổ chức thi đua", heading=True, bold=True),
        row("02", "- Toàn quốc", lambda m: False),
        row("03", "- Bộ, ban, ngành đoàn thể, địa phương", lambda m: level(m) == 1),
        row("04", "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức", lambda m: False),
        row("05", "- Cơ quan, tổ chức, đơn vị", lambda m: level(m) == 2),
        Row(no="", label="2. Chia theo thời hạn thi đua", heading=True, bold=True),
        row("06", "- Dưới 1 năm", by_duration("06")),
        row("07", "- 1 năm", by_duration("07")),
        row("08", "- Từ 1 năm đến dưới 3 năm", by_duration("08")),
        row("09", "- Từ 3 năm đến dưới 5 năm", by_duration("09")),
        row("10", "- Từ 5 năm trở lên", by_duration("10")),
        Row(no="", label="3. Chia theo phương thức tổ chức phong trào thi đua", heading=True, bold=True),
        row("11", "- Thi đua theo chuyên đề", lambda m: m.kind != MovementKind.REGULAR),
        row("12", "- Thi đua thường xuyên hằng năm", lambda m: m.kind == MovementKind.REGULAR),
    ]
    columns = [Column("Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)"),
               Column("Cấp bộ, ban, ngành, đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương"),
               Column("Cơ quan, tổ chức, đơn vị")]
    return Table(code="0601.N/BNV-TĐKT", title="SỐ PHONG TRÀO THI ĐUA", province=province, year=year,
                 columns=columns, rows=rows, unit_label="Đơn vị tính: Phong trào",
                 total_label="Tổng số (1 = 2 + 3 + 4)")


LEVEL_ORDER = ["unit", "province", "ministry", "government", "state"]
LEVEL_LABELS = {"unit": "Cấp cơ quan, đơn vị", "province": "Cấp tỉnh", "ministry": "Cấp bộ, ngành",
                "government": "Cấp Chính phủ", "state": "Cấp Nhà nước"}


def general_table(province: Province, year: int, lines: list[AwardLine] | None = None) -> Table:
    """Every title and form given in the year, by level (columns, tập thể and cá nhân apart), and by
    subject, gender and position (rows): the table for what the official forms leave out."""
    lines = award_lines(province, year) if lines is None else lines
    given = {line.code for line in lines}
    awards = sorted(AwardType.objects.filter(code__in=given),
                    key=lambda a: (LEVEL_ORDER.index(a.level) if a.level in LEVEL_ORDER else 99,
                                   a.position or 999, a.code))
    specs: list[tuple[Column, Callable[[AwardLine], bool]]] = []
    for award in awards:
        group = LEVEL_LABELS.get(award.level, award.level)
        for subject, word in (("collective", "tập thể"), ("individual", "cá nhân")):
            if any(line.code == award.code and line.collective == (subject == "collective") for line in lines):
                specs.append((Column(f"{award.name} – {word}", group=group),
                              _column_predicate({"codes": [award.code], "subject": subject})))
    row_specs = [("01", "Tổng số", "all"), ("02", "- Tập thể", "collective"), ("03", "- Cá nhân", "individual"),
                 ("04", "+ Nam", "gender:nam"), ("05", "+ Nữ", "gender:nu")]
    row_specs += [(f"{6 + i:02d}", f"+ {group['label']}", f"position:{group['key']}")
                  for i, group in enumerate(form_data()["positions"])]
    rows = []
    for no, label, spec in row_specs:
        predicate = _predicate(spec)
        rows.append(Row(no=no, label=label, bold=no == "01", values=[_count(lines, predicate, c) for _, c in specs]))
    return Table(code="", title="SỐ LƯỢNG DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG THEO CẤP, ĐỐI TƯỢNG, "
                                "GIỚI TÍNH VÀ CHỨC VỤ", province=province, year=year,
                 columns=[c for c, _ in specs], rows=rows,
                 notes=["Cá nhân chia theo giới tính và theo chức vụ ghi trong quyết định; nhóm chức vụ theo "
                        "danh sách từ khóa cấu hình được (reports/data/tt02_2023.json)."])


FORMS = {"0601": ("Biểu 0601 – Số phong trào thi đua", None),
         "0602": ("Biểu 0602 – Khen thưởng cấp Nhà nước", "0602"),
         "0603": ("Biểu 0603 – Khen thưởng cấp bộ, ngành, tỉnh", "0603"),
         "tong-hop": ("Bảng tổng hợp theo cấp, đối tượng, giới tính, chức vụ", None)}


def statistics_table(key: str, province: Province, year: int) -> Table:
    if key == "0601":
        return movement_form(province, year)
    if key == "tong-hop":
        return general_table(province, year)
    if key in ("0602", "0603"):
        return award_form(key, province, year)
    raise KeyError(key)
