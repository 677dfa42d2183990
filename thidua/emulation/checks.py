"""Findings about a registration: what is impossible (errors, which block submitting), what looks
wrong (warnings) and what could not be read (info). Works on plain values so the same check runs on
a saved registration, on a form being typed (htmx) and from the command line."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from thidua.rules.quotas import check_quota

from .ratios import parse_ratio

ERROR, WARNING, INFO = "error", "warning", "info"

BASIS_ND30 = "Nghị định 30/2020/NĐ-CP, Phụ lục I (tên loại và trích yếu nội dung văn bản)"
BASIS_ORG = "Số liệu tổ chức, biên chế của đơn vị trong năm đăng ký"
BASIS_CATALOG = "Danh mục danh hiệu thi đua, hình thức khen thưởng (đối tượng áp dụng)"
# The ladder of individual titles: each needs the one below it in the same year.
TITLE_LADDER = [("CSTDCS", "LDTT"), ("CSTD_TINH", "CSTDCS")]
# Cited when the rule set has no citation for the ladder (catalog RuleSet.citations["title_ladder"]).
LADDER_FALLBACK = "Tiêu chuẩn danh hiệu thi đua của bộ quy định đang áp dụng"


@dataclass(frozen=True)
class TargetInput:
    code: str
    label: str
    allows_individual: bool
    allows_collective: bool
    collective_scope: str  # department | agency | any
    collective_count: int | None = None
    collective_ratio: str = ""
    individual_count: int | None = None
    individual_ratio: str = ""


@dataclass(frozen=True)
class QuotaInput:
    code: str
    base_code: str
    ratio: Decimal
    rounding: str
    basis: str


@dataclass(frozen=True)
class UnitFacts:
    headcount: int
    departments: int


@dataclass(frozen=True)
class Finding:
    level: str
    code: str
    message: str
    basis: str
    target: str = ""
    field: str = ""  # the form field the finding is about, for showing it in place

    def as_json(self) -> dict:
        data = asdict(self)
        data.pop("field")
        return data


@dataclass
class RegistrationInput:
    year: int
    heading_year: int | None
    targets: list[TargetInput] = field(default_factory=list)


def _pct(count: int, base: int) -> Decimal:
    return (Decimal(count) * 100 / Decimal(base)).quantize(Decimal("0.1"))


def _fmt(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def _collective_base(scope: str, facts: UnitFacts) -> int:
    return {"department": facts.departments, "agency": 1}.get(scope, facts.departments + 1)


def _collective_base_name(scope: str) -> str:
    return {"department": "phòng, ban trực thuộc", "agency": "tập thể đơn vị"}.get(
        scope, "tập thể (phòng, ban và đơn vị)"
    )


def _check_counts(t: TargetInput, facts: UnitFacts) -> list[Finding]:
    out = []
    if t.individual_count is not None and not t.allows_individual:
        out.append(Finding(ERROR, "WRONG_SUBJECT", f"«{t.label}» chỉ xét cho tập thể, không đăng ký cho cá nhân.",
                           BASIS_CATALOG, t.code, f"{t.code}-individual_count"))
    if t.collective_count is not None and not t.allows_collective:
        out.append(Finding(ERROR, "WRONG_SUBJECT", f"«{t.label}» chỉ xét cho cá nhân, không đăng ký cho tập thể.",
                           BASIS_CATALOG, t.code, f"{t.code}-collective_count"))
    if t.individual_count is not None and t.individual_count > facts.headcount:
        out.append(Finding(
            ERROR, "COUNT_OVER_HEADCOUNT",
            f"«{t.label}»: đăng ký {t.individual_count} cá nhân, nhiều hơn số người của đơn vị ({facts.headcount}).",
            BASIS_ORG, t.code, f"{t.code}-individual_count"))
    base = _collective_base(t.collective_scope, facts)
    if t.collective_count is not None and t.allows_collective and t.collective_count > base:
        out.append(Finding(
            ERROR, "COUNT_OVER_COLLECTIVES",
            f"«{t.label}»: đăng ký {t.collective_count} tập thể, nhiều hơn số "
            f"{_collective_base_name(t.collective_scope)} ({base}).",
            BASIS_ORG, t.code, f"{t.code}-collective_count"))
    return out


def _check_ratio(t: TargetInput, side: str, count: int | None, written: str, bases: list[tuple[int, str]]
                 ) -> list[Finding]:
    field_name = f"{t.code}-{side}_ratio"
    who = "cá nhân" if side == "individual" else "tập thể"
    if not written.strip():
        return []
    ratio = parse_ratio(written)
    if ratio is None:
        return [Finding(INFO, "RATIO_UNREADABLE",
                        f"«{t.label}»: không đọc được tỷ lệ {who} «{written}»; giữ nguyên như đã ghi.",
                        "", t.code, field_name)]
    if count is None:
        return [Finding(WARNING, "RATIO_WITHOUT_COUNT",
                        f"«{t.label}»: có tỷ lệ {who} «{written}» nhưng chưa ghi số lượng.", BASIS_ORG, t.code,
                        f"{t.code}-{side}_count")]
    usable = [(b, name) for b, name in bases if b > 0]
    if not usable or any(ratio.accepts(_pct(count, b)) for b, _ in usable):
        return []
    base, name = usable[0]
    return [Finding(
        WARNING, "RATIO_INCONSISTENT",
        f"«{t.label}»: tỷ lệ {who} ghi «{written}» nhưng {count}/{base} {name} là {_fmt(_pct(count, base))}%.",
        BASIS_ORG, t.code, field_name)]


def check_registration(data: RegistrationInput, facts: UnitFacts, *, rule_set: str | None,
                       quotas: list[QuotaInput], ladder_basis: str = "") -> list[Finding]:
    """Findings on what was typed. `ladder_basis`: what the rule set cites for "each higher title
    needs the lower one" (catalog data)."""
    findings: list[Finding] = []
    if data.heading_year is not None and data.heading_year != data.year:
        findings.append(Finding(
            ERROR, "HEADING_YEAR_MISMATCH",
            f"Tiêu đề ghi «BẢN ĐĂNG KÝ THI ĐUA NĂM {data.heading_year}» nhưng đây là bản đăng ký năm {data.year}.",
            BASIS_ND30, "", "heading_year"))
    if rule_set is None:
        findings.append(Finding(
            WARNING, "NO_RULE_SET",
            f"Chưa có bộ quy định nào có hiệu lực cho năm {data.year}; không kiểm tra được giới hạn tỷ lệ.", ""))
    by_code = {t.code: t for t in data.targets}
    for t in data.targets:
        findings += _check_counts(t, facts)
        quota_bases = [
            (by_code[q.base_code].individual_count or 0, f"người đạt {by_code[q.base_code].label}")
            for q in quotas if q.code == t.code and q.base_code in by_code
        ]
        findings += _check_ratio(t, "individual", t.individual_count, t.individual_ratio,
                                 [(facts.headcount, "người của đơn vị"), *quota_bases])
        base = _collective_base(t.collective_scope, facts)
        findings += _check_ratio(t, "collective", t.collective_count, t.collective_ratio,
                                 [(base, _collective_base_name(t.collective_scope))])
    for upper, lower in TITLE_LADDER:
        up, low = by_code.get(upper), by_code.get(lower)
        if up and up.individual_count and (low is None or (low.individual_count or 0) < up.individual_count):
            findings.append(Finding(
                WARNING, "TITLE_LADDER",
                f"«{up.label}» ({up.individual_count}) nhiều hơn «{low.label if low else lower}» "
                f"({(low.individual_count or 0) if low else 0}): mỗi người đạt danh hiệu trên phải đạt danh hiệu dưới.",
                ladder_basis or LADDER_FALLBACK, upper, f"{upper}-individual_count"))
    for q in quotas:
        t, base_t = by_code.get(q.code), by_code.get(q.base_code)
        if not t or not t.individual_count or not base_t or base_t.individual_count is None:
            continue
        result = check_quota(code=q.code, base_code=q.base_code, count=t.individual_count,
                             base_count=base_t.individual_count, ratio_percent=q.ratio, rounding=q.rounding,
                             basis=q.basis)
        if result.exceeded:
            rounding = {"down": "làm tròn xuống", "up": "làm tròn lên", "half_up": "làm tròn gần nhất"}[q.rounding]
            findings.append(Finding(
                WARNING, "QUOTA_EXCEEDED",
                f"«{t.label}»: đăng ký {result.count} người, vượt giới hạn {_fmt(q.ratio)}% của "
                f"{result.base_count} người đạt «{base_t.label}» (tối đa {result.cap} người, {rounding}; "
                f"tỷ lệ đăng ký {_fmt(result.exact_share)}%).",
                q.basis, q.code, f"{q.code}-individual_count"))
    return findings


def has_errors(findings: list[Finding]) -> bool:
    return any(f.level == ERROR for f in findings)
