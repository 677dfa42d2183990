"""Eligibility: which titles or forms a person or collective can be proposed for, judged at the end
of a year under the rule set then in force (law.md §1, §3).

Each verdict is `eligible`, `not_eligible` or `review` with Vietnamese reasons naming the rule, the
condition met or missing and its legal basis. How a verdict is reached:

- a condition clearly not met (a recorded fact contradicts it) → `not_eligible`, whatever else is
  unknown;
- otherwise an input the rule needs is missing (no rating, no record for a year a streak needs,
  an initiative of unknown scope) → `review`, naming what is missing — never a silent no;
- otherwise `eligible`. The qualitative conditions of each title (tinh thần đoàn kết, đạo đức …)
  are confirmed by people; the machine checks what can be counted.

Codes whose criteria are qualitative (BK_TINH, CO_TINH, GK, most HC…, AHLD …) always give
`review`. Names and citations come from the law snapshot (catalog data), never from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from thidua.rules.law import BOTH, Law
from thidua.rules.regimes import find_rule_set, rule_set_for_year
from thidua.rules.types import (
    CITATION_GROUNDS,
    COLLECTIVE,
    DISCIPLINES,
    ELIGIBLE,
    INDIVIDUAL,
    NOT_ELIGIBLE,
    RATING_NAMES,
    RATING_RANK,
    REVIEW,
    SCOPE_NAMES,
    SCOPE_RANK,
    Case,
    CaseResult,
    CollectiveFigures,
    Criteria,
    RuleSetPeriod,
    Verdict,
    YearRecord,
    case_from_dict,
)


def _q(text: str) -> str:
    return f"“{text}”"


def _rating_text(rating: str) -> str:
    return _q(RATING_NAMES.get(rating, rating))


def _number(value: Decimal) -> str:
    """20.00 → '20', 12.5 → '12,5'."""
    return f"{Decimal(value).normalize():f}".replace(".", ",")


def _percent(part: int, total: int) -> str:
    value = (Decimal(part) * 100 / Decimal(total)).quantize(Decimal("0.1"))
    text = f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    return text.replace(".", ",") + "%"


# --- collecting findings --------------------------------------------------------------------


@dataclass
class _Findings:
    """Sentences about one code: conditions met, failed, or not decidable for want of input."""

    name: str
    met: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said whatever the status (what was not assessed)

    def _s(self, text: str, basis: str) -> str:
        return f"{self.name}: {text} ({basis})."

    def ok(self, text: str, basis: str) -> None:
        self.met.append(self._s(text, basis))

    def fail(self, text: str, basis: str) -> None:
        self.failed.append(self._s(text, basis))

    def need(self, text: str, basis: str) -> None:
        self.missing.append(self._s(text, basis))

    def add(self, state: bool | None, text: str, basis: str) -> None:
        {True: self.ok, False: self.fail, None: self.need}[state](text, basis)

    def note(self, text: str, basis: str) -> None:
        self.notes.append(self._s(text, basis))

    def verdict(self) -> Verdict:
        if self.failed:
            return Verdict(NOT_ELIGIBLE, tuple(self.failed + self.missing + self.met + self.notes))
        if self.missing:
            return Verdict(REVIEW, tuple(self.missing + self.met + self.notes))
        return Verdict(ELIGIBLE, tuple(self.met + self.notes))


@dataclass(frozen=True)
class _Ctx:
    case: Case
    rule_set: str
    criteria: Criteria
    period: RuleSetPeriod
    snapshot: Law

    @property
    def old(self) -> bool:
        return self.criteria.is_old_law(self.rule_set)

    def name(self, code: str) -> str:
        return self.snapshot.name(code)

    @property
    def law_name(self) -> str:
        """The law of the regime as reasons name it ("Luật Thi đua, khen thưởng 2022")."""
        return self.period.law_name or self.period.name or self.rule_set

    def cite(self, ground: str) -> str:
        """What a reason on `ground` cites under this rule set (catalog data: the article of the
        text); the regime's law by name when the catalog has no citation for it."""
        return self.period.citation(ground) or self.law_name

    @property
    def decree(self) -> str:
        return self.period.decree_name or self.period.name or self.rule_set


# --- shared conditions ----------------------------------------------------------------------


def _discipline_bar(ctx: _Ctx, f: _Findings, rec: YearRecord | None) -> None:
    """A person disciplined in the year judged is not proposed.

    ND 152/2025 states it as a principle of every award (law.md §3, verified). For the earlier
    regimes this module reads the same bar: the old law asks of an LĐTT — and so of every title
    built on it — that he "chấp hành tốt … pháp luật" (the rule set's citation `conduct`), which a
    discipline in the year contradicts, and practice under ND 91/2017 and ND 98/2023 did not propose disciplined people.
    Turning it off is `Criteria(discipline_bars_individual=False)`."""
    if not ctx.criteria.discipline_bars_individual or rec is None or rec.discipline is None:
        return
    form = DISCIPLINES.get(rec.discipline, rec.discipline)
    if ctx.rule_set in ctx.criteria.discipline_bar_stated_in:
        basis = f"{ctx.decree}, nguyên tắc khen thưởng; {_once_basis(ctx)}"
    elif ctx.old:
        basis = f"{ctx.cite('conduct')}; {ctx.decree}; cách hiểu của hệ thống"
    else:
        basis = f"{ctx.law_name}, nguyên tắc khen thưởng; {ctx.decree}; cách hiểu của hệ thống"
    f.fail(
        f"năm {rec.year} đang chịu hình thức kỷ luật {_q(form)}; không xét danh hiệu thi đua, "
        "hình thức khen thưởng cho cá nhân bị kỷ luật trong năm xét",
        basis,
    )


def _informative(rec: YearRecord | None) -> bool:
    """A record that says something about the year: a rating or a title. A record with neither
    cannot tell a missing title from an unrecorded one."""
    return rec is not None and (rec.rating is not None or bool(rec.titles))


def _meets_ldtt(rec: YearRecord, crit: Criteria) -> bool | None:
    """LĐTT standard met: by the rating; an individual title already awarded for the year (each
    builds on LĐTT) stands for it when the rating was not recorded."""
    state = rec.rating_at_least(crit.ldtt_min_rating)
    if state is None and rec.titles & _BUILT_ON_LDTT:
        return True
    return state


_BUILT_ON_LDTT = frozenset({"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ"})


def service_months(start: dt.date, year: int) -> int:
    """Whole months of service from `start` to the end of `year` (a start on the 1st counts its
    month: from 01/03 that is 10 months). Negative when the service starts after the year."""
    months = (year + 1 - start.year) * 12 + (1 - start.month)
    return months - (1 if start.day > 1 else 0)


def _service_condition(ctx: _Ctx, f: _Findings, year: int, prefix: str) -> None:
    """ND 91/2017: a person recruited less than N whole months before 31/12 is not LĐTT (regime
    data: `RuleSetPeriod.ldtt_min_months`; None where the regime has no such rule)."""
    start = ctx.case.service_start
    minimum = ctx.period.ldtt_min_months if ctx.period is not None else None
    if start is None or minimum is None or start.year < year:
        return
    basis = ctx.period.ldtt_min_months_basis or ctx.decree
    months = service_months(start, year)
    when = f"tuyển dụng ngày {start:%d/%m/%Y}"
    if months >= minimum:
        f.ok(f"{prefix}{when}, đến hết năm {year} có {months} tháng công tác (cần từ {minimum} tháng)", basis)
    else:
        f.fail(f"{prefix}{when}, đến hết năm {year} chỉ có {max(months, 0)} tháng công tác, chưa đủ {minimum} "
               f"tháng để xét {ctx.name('LDTT')}", basis)


def _ldtt_condition(ctx: _Ctx, f: _Findings, rec: YearRecord, *, as_part_of: bool = False) -> None:
    crit = ctx.criteria
    basis = ctx.cite("ldtt")
    state = _meets_ldtt(rec, crit)
    need = _rating_text(crit.ldtt_min_rating)
    prefix = f"về tiêu chuẩn {ctx.name('LDTT')}, " if as_part_of else ""
    _service_condition(ctx, f, rec.year, prefix)
    if state is None:
        f.need(f"{prefix}chưa có xếp loại mức độ hoàn thành nhiệm vụ năm {rec.year} "
               f"(cần từ {need} trở lên)", basis)
    elif rec.rating is None:
        held = ", ".join(ctx.name(c) for c in sorted(rec.titles & _BUILT_ON_LDTT))
        f.ok(f"{prefix}năm {rec.year} chưa ghi xếp loại nhưng đã được công nhận {held}", basis)
    elif state:
        f.ok(f"{prefix}năm {rec.year} xếp loại {_rating_text(rec.rating)}, đạt yêu cầu từ {need} trở lên",
             basis)
    else:
        f.fail(f"{prefix}năm {rec.year} xếp loại {_rating_text(rec.rating)}, chưa đạt yêu cầu từ {need} "
               "trở lên", basis)


def _scope_ok(scope: str | None, minimum: str) -> bool | None:
    if SCOPE_RANK[minimum] == 0:
        return True  # any recognised initiative reaches the lowest scope
    if scope is None:
        return None
    return SCOPE_RANK[scope] >= SCOPE_RANK[minimum]


def _achievement_within(
    case: Case, years: Iterable[int], minimum: str
) -> tuple[bool | None, str]:
    """Is there an initiative or research of at least `minimum` scope in `years`? With a sentence
    fragment saying which one, or what is missing."""
    years = sorted(years)
    unknown_scope: list[int] = []
    for y in years:
        rec = case.record(y)
        if rec is None:
            continue  # a year not listed has no record: nothing was recognised in it
        for a in rec.achievements:
            state = _scope_ok(a.scope, minimum)
            if state:
                what = "sáng kiến" if a.kind == "initiative" else "đề tài, đề án nghiên cứu"
                scope = f" có phạm vi ảnh hưởng {SCOPE_NAMES[a.scope]}" if a.scope else ""
                return True, f"có {what}{scope} được công nhận năm {y}"
            if state is None:
                unknown_scope.append(y)
    span = _span(years)
    wanted = f"sáng kiến hoặc đề tài, đề án nghiên cứu có phạm vi ảnh hưởng {SCOPE_NAMES[minimum]} trở lên"
    if unknown_scope:
        return None, (f"chưa rõ phạm vi ảnh hưởng của sáng kiến, đề tài năm {_list(unknown_scope)}; "
                      f"cần {wanted} trong {span}")
    return False, f"không có {wanted} được công nhận trong {span}"


def _span(years: list[int]) -> str:
    if len(years) == 1:
        return f"năm {years[0]}"
    return f"các năm {years[0]}–{years[-1]}"


def _list(years: Iterable[int]) -> str:
    return ", ".join(str(y) for y in years)


def _record_or_need(ctx: _Ctx, f: _Findings, basis: str) -> YearRecord | None:
    rec = ctx.case.record(ctx.case.year)
    if rec is None:
        f.need(f"không có dữ liệu của năm {ctx.case.year} (năm xét)", basis)
    return rec


def _once_basis(ctx: _Ctx) -> str:
    """One achievement is rewarded once: a principle of the law (the rule set's citation `once`)."""
    return ctx.cite("once")


def _used_before(ctx: _Ctx, f: _Findings, code: str, window: list[int],
                 next_text: Callable[[int], str]) -> bool:
    """Years already counted for an earlier award of the same title are not counted again: an
    earlier `code` recorded for a year inside `window` (before the year judged) means the window's
    years up to it were used. Returns True when that happened (the verdict is not_eligible)."""
    year = ctx.case.year
    earlier = [r.year for r in ctx.case.history if code in r.titles and window[0] <= r.year < year]
    if not earlier:
        return False
    t = max(earlier)
    f.fail(f"các năm {t - len(window) + 1}–{t} đã được tính cho danh hiệu {ctx.name(code)} năm {t}; một thành "
           f"tích chỉ được khen thưởng một lần, {next_text(t)}", _once_basis(ctx))
    return True


def _discipline_in_period(ctx: _Ctx, f: _Findings, years: Iterable[int], basis: str) -> None:
    """A discipline in force in any year of a multi-year title's counted period (other than the year
    judged, which bars outright): a person decides (review)."""
    for y in sorted(years):
        rec = ctx.case.record(y)
        if y != ctx.case.year and rec is not None and rec.discipline is not None:
            form = DISCIPLINES.get(rec.discipline, rec.discipline)
            f.need(f"năm {y} (trong thời gian tính thành tích) chịu hình thức kỷ luật {_q(form)}; cần Hội đồng "
                   "Thi đua – Khen thưởng xem xét", f"{basis}; {ctx.law_name}, nguyên tắc khen thưởng; "
                   "cách hiểu của hệ thống")


# --- individual titles ----------------------------------------------------------------------


def _ldtt(ctx: _Ctx) -> Verdict:
    f = _Findings(ctx.name("LDTT"))
    rec = _record_or_need(ctx, f, ctx.cite("ldtt"))
    if rec is not None:
        _discipline_bar(ctx, f, rec)
        _ldtt_condition(ctx, f, rec)
    return f.verdict()


def _cstdcs_in(ctx: _Ctx, year: int) -> Verdict:
    """CSTĐCS standard for `year`: LĐTT and an initiative/research (mandatory under the old law);
    under Luật 2022 an HTXSNV rating may take the initiative's place."""
    crit = ctx.criteria
    f = _Findings(ctx.name("CSTDCS"))
    basis = ctx.cite("cstdcs")
    rec = ctx.case.record(year)
    if rec is None:
        f.need(f"không có dữ liệu của năm {year}", basis)
        return f.verdict()
    _discipline_bar(ctx, f, rec)
    _ldtt_condition(ctx, f, rec, as_part_of=True)
    has, text = _achievement_within(ctx.case, [year], crit.cstdcs_min_scope)
    mandatory = ctx.rule_set in crit.cstdcs_initiative_mandatory_in
    if mandatory:
        if has:
            f.ok(text, basis)
        else:
            f.add(has, f"{text} — bắt buộc theo {ctx.decree}", basis)
        return f.verdict()
    alt = crit.cstdcs_rating_instead_of_initiative
    alt_state = rec.rating_at_least(alt)
    if alt_state:
        f.ok(f"năm {year} xếp loại {_rating_text(rec.rating)}, thay cho yêu cầu sáng kiến, đề tài", basis)
    elif has:
        f.ok(text, basis)
    elif alt_state is None:
        f.need(f"chưa có xếp loại năm {year} và không có sáng kiến, đề tài; cần xếp loại "
               f"{_rating_text(alt)} hoặc có sáng kiến, đề tài được công nhận", basis)
    else:
        f.fail(f"năm {year} xếp loại {_rating_text(rec.rating)}, không đạt {_rating_text(alt)} và "
               "không có sáng kiến, đề tài được công nhận", basis)
    return f.verdict()


def _cstdcs(ctx: _Ctx) -> Verdict:
    return _cstdcs_in(ctx, ctx.case.year)


def _title_in_year(ctx: _Ctx, f: _Findings, code: str, year: int, basis: str,
                   judge_now: Callable[[], Verdict] | None) -> None:
    """Condition "holds `code` for `year`". The law asks for the title itself, so a year with a
    rating or titles but without `code` breaks the streak. The year judged gets one allowance:
    its lower title is decided by the unit in the same round and may not be recorded yet, so it
    is judged by its own rule — clearly failed → broken; met → `review` (the title must be
    awarded before the proposal); undecidable → `review`."""
    title = ctx.name(code)
    rec = ctx.case.record(year)
    if rec is not None and code in rec.titles:
        f.ok(f"năm {year} đạt danh hiệu {title}", basis)
        return
    if rec is None:
        f.fail(f"không có dữ liệu năm {year} (không được ghi nhận danh hiệu {title}), chuỗi năm liên tục bị "
               "gián đoạn", basis)
        return
    if judge_now is not None:
        sub = judge_now()
        if sub.status == ELIGIBLE:
            f.need(f"năm {year} chưa ghi nhận danh hiệu {title}; cá nhân đạt tiêu chuẩn của danh hiệu này, "
                   "cần có quyết định công nhận trước khi đề nghị", basis)
        elif sub.status == NOT_ELIGIBLE:
            f.fail(f"năm {year} không đạt danh hiệu {title}", basis)
            f.failed.extend(r for r in sub.reasons if r not in f.failed)
        else:
            f.need(f"năm {year} chưa xác định được danh hiệu {title}", basis)
            f.missing.extend(r for r in sub.reasons if r not in f.missing)
        return
    if _informative(rec):
        f.fail(f"năm {year} không đạt danh hiệu {title}, chuỗi năm liên tục bị gián đoạn", basis)
    else:
        f.need(f"dữ liệu năm {year} không có xếp loại và danh hiệu, chưa xác định được danh hiệu {title}",
               basis)


def _cstd_tinh_in(ctx: _Ctx, year: int) -> Verdict:
    """CSTĐ cấp bộ, ngành, tỉnh for `year`: CSTĐCS in each of the N consecutive years ending with
    it, and an initiative/research of provincial scope or wider recognised within those years."""
    crit = ctx.criteria
    f = _Findings(ctx.name("CSTD_TINH"))
    basis = ctx.cite("cstd_tinh")
    rec = ctx.case.record(year)
    _discipline_bar(ctx, f, rec)
    n = crit.cstd_tinh_streak_years
    years = list(range(year - n + 1, year + 1))
    if year == ctx.case.year and _used_before(
            ctx, f, "CSTD_TINH", years,
            lambda t: f"lần tiếp theo cần {ctx.name('CSTDCS')} các năm {t + 1}–{t + n}, xét vào cuối năm {t + n}"):
        return f.verdict()
    for y in years:
        judge = (lambda y=y: _cstdcs_in(ctx, y)) if y == year else None
        _title_in_year(ctx, f, "CSTDCS", y, basis, judge)
    _discipline_in_period(ctx, f, years, basis)
    state, text = _achievement_within(ctx.case, years, crit.cstd_tinh_min_scope)
    f.add(state, text, basis)
    return f.verdict()


def _cstd_tinh(ctx: _Ctx) -> Verdict:
    return _cstd_tinh_in(ctx, ctx.case.year)


def _cstd_tq(ctx: _Ctx) -> Verdict:
    """CSTĐ toàn quốc: k consecutive CSTĐ cấp tỉnh whose N-year periods adjoin (so the titles are
    recorded N years apart, the last for the year judged), and a national-scope initiative or
    research within the years they cover. "Adjoin" is this project's reading (law.md §3)."""
    crit = ctx.criteria
    year, n, k = ctx.case.year, crit.cstd_tinh_streak_years, crit.cstd_tq_consecutive_tinh
    f = _Findings(ctx.name("CSTD_TQ"))
    basis = ctx.cite("cstd_tq")
    _discipline_bar(ctx, f, ctx.case.record(year))
    window = list(range(year - n * k + 1, year + 1))
    if _used_before(ctx, f, "CSTD_TQ", window,
                    lambda t: f"lần tiếp theo tính từ năm {t + 1}"):
        return f.verdict()
    _discipline_in_period(ctx, f, window, basis)
    title_years = [year - n * i for i in range(k)][::-1]
    held = sorted(r.year for r in ctx.case.history if "CSTD_TINH" in r.titles and r.year <= year)
    for y in title_years:
        rec = ctx.case.record(y)
        if y == year:
            _title_in_year(ctx, f, "CSTD_TINH", y, basis, lambda: _cstd_tinh_in(ctx, year))
            continue
        if rec is not None and "CSTD_TINH" in rec.titles:
            f.ok(f"đạt danh hiệu {ctx.name('CSTD_TINH')} cho giai đoạn {y - n + 1}–{y}", basis)
            continue
        others = [h for h in held if h not in title_years]
        if rec is None and not others:
            # A year not listed has no record (cases/README.md): no title for it, the run is broken.
            f.fail(f"không có dữ liệu năm {y} (không được ghi nhận danh hiệu {ctx.name('CSTD_TINH')} cho giai đoạn "
                   f"{y - n + 1}–{y}), chuỗi danh hiệu liên tục bị gián đoạn", basis)
        elif others or _informative(rec):
            found = (f"; danh hiệu đã có (năm {_list(others)}) không liền kề giai đoạn "
                     f"{y + 1}–{y + n}" if others else "")
            f.fail(f"không đạt danh hiệu {ctx.name('CSTD_TINH')} cho giai đoạn {y - n + 1}–{y} liền kề "
                   f"trước giai đoạn {y + 1}–{y + n}{found}", basis)
        else:
            f.need(f"không có dữ liệu năm {y} để xác định danh hiệu {ctx.name('CSTD_TINH')} cho giai đoạn "
                   f"{y - n + 1}–{y}", basis)
    state, text = _achievement_within(ctx.case, window, crit.cstd_tq_min_scope)
    f.add(state, text, basis)
    return f.verdict()


def _hcld3(ctx: _Ctx) -> Verdict:
    """HCLĐ hạng Ba, individual, the one ground a machine can check (the rule set's citation `hcld3`):
    holds a BK_TTG; in the ≥ 5 consecutive years after it up to the year judged every year
    ≥ HTTNV, at least one HTXSNV, and 3 CSTĐCS titles. The other points of khoản 1 need a
    person's judgement and are not checked here."""
    crit = ctx.criteria
    f = _Findings(ctx.name("HCLD3"))
    year = ctx.case.year
    if ctx.case.subject == COLLECTIVE:
        return _qualitative(ctx, "HCLD3", f"tiêu chuẩn {ctx.name('HCLD3')} cho tập thể đòi hỏi đánh giá thành tích")
    if ctx.rule_set in crit.hcld3_rule_sets_excluded:
        return _qualitative(ctx, "HCLD3", f"tiêu chuẩn theo {ctx.decree} chưa được mã hóa")
    basis = ctx.cite("hcld3")
    f.note(ctx.period.citation("hcld3_unassessed") or "hệ thống chỉ xét căn cứ nêu trên; các căn cứ khác do Hội "
           "đồng Thi đua – Khen thưởng đánh giá, chưa được xét", ctx.cite("hcld3_grounds"))
    _discipline_bar(ctx, f, ctx.case.record(year))
    bk_years = sorted(r.year for r in ctx.case.history if "BK_TTG" in r.titles and r.year <= year)
    if not bk_years:
        f.fail(f"chưa có {ctx.name('BK_TTG')} trong quá trình công tác đã ghi nhận", basis)
        return f.verdict()
    since = bk_years[-1]  # the latest: achievements already rewarded are not counted again
    f.ok(f"đã được tặng {ctx.name('BK_TTG')} năm {since}", basis)
    earlier = [r.year for r in ctx.case.history if "HCLD3" in r.titles and since < r.year < year]
    if earlier:
        f.note(f"các năm {since + 1}–{max(earlier)} đã được tính cho {ctx.name('HCLD3')} năm {max(earlier)}, "
               "không tính lại (một thành tích chỉ được khen thưởng một lần)", _once_basis(ctx))
        since = max(earlier)
    years = list(range(since + 1, year + 1))
    if len(years) < crit.hcld3_years_after_bk_ttg:
        f.fail(f"từ sau năm {since} đến năm {year} mới có {len(years)} năm, chưa đủ "
               f"{crit.hcld3_years_after_bk_ttg} năm liên tục", basis)
        return f.verdict()
    span = _span(years)
    _discipline_in_period(ctx, f, years, basis)
    low = [(y, r.rating) for y in years
           if (r := ctx.case.record(y)) and r.rating_at_least(crit.hcld3_min_rating) is False]
    absent = [y for y in years if ctx.case.record(y) is None]
    unknown = [y for y in years if (r := ctx.case.record(y)) is not None and r.rating is None]
    if absent:
        f.fail(f"không có dữ liệu năm {_list(absent)}: không có xếp loại từ {_rating_text(crit.hcld3_min_rating)} "
               f"trở lên trong các năm liên tục {span}", basis)
    if low:
        f.fail("có năm xếp loại dưới " + _rating_text(crit.hcld3_min_rating) + ": "
               + ", ".join(f"năm {y} {_rating_text(r)}" for y, r in low), basis)
    if unknown:
        f.need(f"chưa có xếp loại năm {_list(unknown)}", basis)
    if not low and not unknown and not absent:
        f.ok(f"{span} đều xếp loại từ {_rating_text(crit.hcld3_min_rating)} trở lên", basis)
    best = crit.hcld3_excellent_rating
    htxs = [y for y in years if (r := ctx.case.record(y)) and r.rating_at_least(best)]
    if len(htxs) >= crit.hcld3_htxs_years_min:
        f.ok(f"có {len(htxs)} năm xếp loại {_rating_text(best)} (năm {_list(htxs)})", basis)
    elif len(htxs) + len(unknown) >= crit.hcld3_htxs_years_min:
        f.need(f"chưa đủ căn cứ về số năm xếp loại {_rating_text(best)} (cần "
               f"{crit.hcld3_htxs_years_min})", basis)
    else:
        f.fail(f"không có năm nào xếp loại {_rating_text(best)} trong {span} (cần "
               f"{crit.hcld3_htxs_years_min})", basis)
    cstdcs: list[int] = []
    maybe: list[int] = []
    for y in years:
        rec = ctx.case.record(y)
        if rec is not None and "CSTDCS" in rec.titles:
            cstdcs.append(y)
        elif y == year and rec is not None:
            # The year judged may not have its CSTĐCS decided yet: if it meets the standard, the
            # title is pending (review), not counted.
            if _cstdcs_in(ctx, y).status != NOT_ELIGIBLE:
                maybe.append(y)
        elif rec is not None and not _informative(rec):
            maybe.append(y)
    need = crit.hcld3_cstdcs_min
    if len(cstdcs) >= need:
        f.ok(f"có {len(cstdcs)} lần đạt {ctx.name('CSTDCS')} (năm {_list(cstdcs)})", basis)
    elif len(cstdcs) + len(maybe) >= need:
        f.need(f"mới xác định {len(cstdcs)} lần đạt {ctx.name('CSTDCS')}, chưa rõ năm {_list(maybe)} "
               f"(cần {need})", basis)
    else:
        f.fail(f"chỉ có {len(cstdcs)} lần đạt {ctx.name('CSTDCS')} trong {span} (cần {need})", basis)
    return f.verdict()


# --- collective titles ----------------------------------------------------------------------


def _counts(ctx: _Ctx, f: _Findings, basis: str) -> int | None:
    """The member total, if usable; every count must lie within it."""
    m = ctx.case.collective.members if ctx.case.collective else None
    total = m.total if m else None
    if total is None or total <= 0:
        f.need("chưa có tổng số thành viên của tập thể", basis)
        return None
    counts = (("hoàn thành nhiệm vụ", m.completed), (ctx.name("LDTT"), m.ldtt),
              (ctx.name("CSTDCS"), m.cstdcs), ("bị kỷ luật", m.disciplined_canh_cao_or_above))
    bad = [n for n, v in counts if v is not None and not 0 <= v <= total]
    if bad:
        f.need(f"số thành viên {', '.join(bad)} không hợp lệ so với tổng số {total}", basis)
        return None
    return total


def _collective_rating(ctx: _Ctx, f: _Findings, minimum: str, basis: str, exact_text: str) -> None:
    rating = ctx.case.collective.rating if ctx.case.collective else None
    if rating is None:
        f.need(f"chưa có xếp loại của tập thể (cần {exact_text})", basis)
    elif RATING_RANK[rating] >= RATING_RANK[minimum]:
        f.ok(f"tập thể xếp loại {_rating_text(rating)}", basis)
    else:
        f.fail(f"tập thể xếp loại {_rating_text(rating)}, chưa đạt {exact_text}", basis)


def _no_discipline(ctx: _Ctx, f: _Findings, basis: str) -> None:
    m = ctx.case.collective.members
    if m.disciplined_canh_cao_or_above is None:
        f.need("chưa có số thành viên bị kỷ luật từ hình thức cảnh cáo trở lên", basis)
    elif m.disciplined_canh_cao_or_above == 0:
        f.ok("không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên", basis)
    else:
        f.fail(f"có {m.disciplined_canh_cao_or_above} thành viên bị kỷ luật từ hình thức cảnh cáo trở lên",
               basis)


def _ttldxs(ctx: _Ctx) -> Verdict:
    crit = ctx.criteria
    f = _Findings(ctx.name("TTLDXS"))
    basis = ctx.cite("ttldxs")
    total = _counts(ctx, f, basis)
    m = ctx.case.collective.members
    if total is not None:
        if m.completed is None:
            f.need("chưa có số thành viên hoàn thành nhiệm vụ", basis)
        elif m.completed * 100 >= crit.ttldxs_completed_min_percent * total:
            f.ok(f"{m.completed}/{total} thành viên hoàn thành nhiệm vụ "
                 f"(cần {crit.ttldxs_completed_min_percent}%)", basis)
        else:
            f.fail(f"chỉ {m.completed}/{total} thành viên hoàn thành nhiệm vụ "
                   f"({_percent(m.completed, total)}, cần {crit.ttldxs_completed_min_percent}%)", basis)
        if m.ldtt is None:
            f.need(f"chưa có số thành viên đạt {ctx.name('LDTT')}", basis)
        elif m.ldtt * 100 >= crit.ttldxs_ldtt_min_percent * total:
            f.ok(f"{m.ldtt}/{total} thành viên đạt {ctx.name('LDTT')} ({_percent(m.ldtt, total)}, cần từ "
                 f"{crit.ttldxs_ldtt_min_percent}% trở lên)", basis)
        else:
            f.fail(f"chỉ {m.ldtt}/{total} thành viên đạt {ctx.name('LDTT')} ({_percent(m.ldtt, total)}, "
                   f"cần từ {crit.ttldxs_ldtt_min_percent}% trở lên)", basis)
    if m.cstdcs is None:
        f.need(f"chưa có số thành viên đạt {ctx.name('CSTDCS')}", basis)
    elif m.cstdcs >= crit.ttldxs_cstdcs_min:
        f.ok(f"có {m.cstdcs} thành viên đạt {ctx.name('CSTDCS')} (cần ít nhất {crit.ttldxs_cstdcs_min})",
             basis)
    else:
        f.fail(f"có {m.cstdcs} thành viên đạt {ctx.name('CSTDCS')} (cần ít nhất {crit.ttldxs_cstdcs_min})",
               basis)
    _collective_rating(ctx, f, crit.ttldxs_rating, basis, _rating_text(crit.ttldxs_rating))
    if ctx.rule_set in crit.ttldxs_no_discipline_in:
        _no_discipline(ctx, f, f"{basis}; {ctx.decree}")
    return f.verdict()


def _ttldtt(ctx: _Ctx) -> Verdict:
    """Old law: > 50% LĐTT, nobody disciplined at cảnh cáo or above, tasks completed well. The 2022
    law delegates the standard to ministries and provinces; until a province sets its own, the old
    rule applies (law.md §3), as data in `Criteria`; the citation `ttldtt` says which."""
    crit = ctx.criteria
    f = _Findings(ctx.name("TTLDTT"))
    basis = ctx.cite("ttldtt")
    total = _counts(ctx, f, basis)
    m = ctx.case.collective.members
    above = crit.ttldtt_ldtt_above_percent
    if total is not None:
        if m.ldtt is None:
            f.need(f"chưa có số thành viên đạt {ctx.name('LDTT')}", basis)
        elif m.ldtt * 100 > above * total:
            f.ok(f"{m.ldtt}/{total} thành viên đạt {ctx.name('LDTT')} ({_percent(m.ldtt, total)}, cần trên "
                 f"{above}%)", basis)
        else:
            f.fail(f"chỉ {m.ldtt}/{total} thành viên đạt {ctx.name('LDTT')} ({_percent(m.ldtt, total)}, "
                   f"cần trên {above}%)", basis)
    if crit.ttldtt_no_discipline:
        _no_discipline(ctx, f, basis)
    if crit.ttldtt_min_rating:
        _collective_rating(ctx, f, crit.ttldtt_min_rating, basis,
                           f"từ {_rating_text(crit.ttldtt_min_rating)} trở lên")
    return f.verdict()


def _co_cp(ctx: _Ctx) -> Verdict:
    """CO_CP: one of its grounds (the rule set's citation `co_cp`), each a recorded fact."""
    f = _Findings(ctx.name("CO_CP"))
    c = ctx.case.collective
    if ctx.old:
        # Under the old decree: the collective leads the emulation of the ministry, sector or province,
        # chosen among the collectives that reached the provincial flag's standard; the quota of the
        # rule set (catalog data) caps them over the whole province in the year, checked when the
        # proposals are totalled.
        basis = ctx.cite("co_cp")
        flag = ctx.name("CO_TINH")
        grounds = [
            (c.leads_block, "dẫn đầu phong trào thi đua của bộ, ngành, tỉnh (khối, cụm thi đua do bộ, ngành, tỉnh "
                            f"tổ chức), được lựa chọn trong số các tập thể đạt tiêu chuẩn {flag}"),
            (c.leads_central_block, "dẫn đầu khối, cụm thi đua do Hội đồng Thi đua – Khen thưởng Trung ương tổ chức"),
        ]
        quota = ctx.snapshot.quota(ctx.rule_set, "CO_CP")
        if quota is not None:
            f.note(f"số tập thể đề nghị không quá {_number(quota.ratio)}% số tập thể đạt tiêu chuẩn "
                   f"{ctx.name(quota.base_code)} của cả bộ, ngành, tỉnh trong năm; giới hạn này được kiểm tra khi "
                   "tổng hợp đề nghị của tỉnh", quota.basis or basis)
    else:
        basis = ctx.cite("co_cp")
        grounds = [
            (c.leads_block, "dẫn đầu khối, cụm thi đua do bộ, ngành, tỉnh tổ chức"),
            (c.leads_central_block,
             "dẫn đầu khối, cụm thi đua do Hội đồng Thi đua – Khen thưởng Trung ương tổ chức"),
            (c.led_pm_movement, f"dẫn đầu phong trào thi đua từ {ctx.criteria.co_cp_movement_min_years} năm trở "
                                "lên do Thủ tướng Chính phủ phát động"),
        ]
    met = [text for state, text in grounds if state]
    if met:
        f.ok(f"tập thể {met[0]}", basis)
    elif all(state is None for state, _ in grounds):
        f.need("chưa có thông tin tập thể có dẫn đầu khối, cụm thi đua hay không", basis)
    else:
        f.fail("tập thể không dẫn đầu khối, cụm thi đua hay phong trào thi đua nào đã ghi nhận", basis)
    return f.verdict()


def _qualitative(ctx: _Ctx, code: str, why: str | None = None) -> Verdict:
    f = _Findings(ctx.name(code))
    award = ctx.snapshot.awards.get(code)
    note = why or (award.review_note if award else "") or "tiêu chuẩn định tính"
    if ctx.case.subject == INDIVIDUAL:
        _discipline_bar(ctx, f, ctx.case.record(ctx.case.year))
    f.need(f"{note}, cần Hội đồng Thi đua – Khen thưởng xem xét", f"{ctx.law_name}; {ctx.decree}")
    return f.verdict()


RULES: dict[str, Callable[[_Ctx], Verdict]] = {
    "LDTT": _ldtt,
    "CSTDCS": _cstdcs,
    "CSTD_TINH": _cstd_tinh,
    "CSTD_TQ": _cstd_tq,
    "TTLDXS": _ttldxs,
    "TTLDTT": _ttldtt,
    "CO_CP": _co_cp,
    "HCLD3": _hcld3,
}


def _judge(ctx: _Ctx, code: str) -> Verdict:
    subject = ctx.snapshot.subject(code)
    if subject is None:
        return Verdict(REVIEW, (f"Mã {code} không có trong danh mục danh hiệu, hình thức khen thưởng; "
                                "cần kiểm tra lại mã đề nghị.",))
    if subject != BOTH and subject != ctx.case.subject:
        who = "cá nhân" if subject == INDIVIDUAL else "tập thể"
        return Verdict(NOT_ELIGIBLE, (f"{ctx.name(code)}: danh hiệu chỉ xét tặng cho {who} "
                                      f"({ctx.cite(_ground(code))}).",))
    rule = RULES.get(code)
    return rule(ctx) if rule else _qualitative(ctx, code)


def _ground(code: str) -> str:
    """The citation of a title's own rule (its code in lower case), else of the list of titles."""
    return code.lower() if code.lower() in CITATION_GROUNDS else "titles"


def evaluate(case: Case | Mapping[str, Any], law: Law, criteria: Criteria | None = None) -> CaseResult:
    """Judge each code the case asks for, under the rule set in force at the end of its year (or
    the one the case forces), with the names, periods and criteria of the law snapshot `law`
    (`criteria`, when given, replaces the snapshot's criteria of that rule set: a province's)."""
    if not isinstance(case, Case):
        case = case_from_dict(case)
    if case.subject == COLLECTIVE and case.collective is None:
        case = replace(case, collective=CollectiveFigures())
    periods = law.periods
    if case.rule_set:
        period = find_rule_set(case.rule_set, periods)
        problem = f"bộ quy định {case.rule_set} không có trong danh mục"
    else:
        period = rule_set_for_year(case.year, periods)
        problem = f"không có bộ quy định nào có hiệu lực vào ngày 31/12/{case.year}"
    if period is None:
        verdict = Verdict(REVIEW, (f"Không xác định được chế độ pháp lý áp dụng: {problem} "
                                   "(Luật Thi đua, khen thưởng; danh mục bộ quy định).",))
        return CaseResult(case.id, case.rule_set, {code: verdict for code in case.ask})
    ctx = _Ctx(case, period.code, criteria or law.criteria_for(period.code), period, law)
    return CaseResult(case.id, period.code, {code: _judge(ctx, code) for code in case.ask})


def evaluate_all(cases: Iterable[Case | Mapping[str, Any]], law: Law, criteria: Criteria | None = None,
                 ) -> list[CaseResult]:
    return [evaluate(c, law, criteria) for c in cases]
