"""The law as the system applies it, for a day and a province: one typed snapshot of the rule set and
its texts, the base salary, every reward coefficient, quota, vote threshold and criteria setting,
each with its source (national row, the province's own row, or the built-in default) and how sure
it is. The page "Quy định đang áp dụng" shows it; nothing here writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from thidua.organizations.models import IssuerLevel, Province
from thidua.rules.law import Law

from . import citations as citation_fields
from . import criteria as criteria_fields
from . import selectors
from .models import (
    AwardType,
    BaseSalary,
    Certainty,
    CriteriaSetting,
    LegalText,
    ProvinceSetting,
    QuotaRule,
    RewardCoefficient,
    RuleSet,
    VoteThreshold,
)

NATIONAL = "Quy định chung"
DEFAULT = "Mặc định của hệ thống (chưa có quy định)"


def _last_day(period, today: dt.date) -> dt.date:
    if period.valid_to is not None and period.valid_to < today:
        return period.valid_to
    return max(today, period.valid_from or today)


def snapshot(*, province_id: int | None = None, on: dt.date | None = None) -> Law:
    """The law as the rules read it (`thidua.rules.law.Law`): the catalog's awards and rule sets, the
    national quotas, and for each rule set the criteria in force for the province on `on` — or, when
    no day is given, on the last day of the rule set's period (today for the one in force), so a
    case of any year is judged by the criteria its regime ended with."""
    today = dt.date.today()
    periods = selectors.rule_set_periods()
    criteria = {
        p.code: selectors.criteria_for(rule_set=p.code, province_id=province_id,
                                        on=on or _last_day(p, today))
        for p in periods
    }
    return selectors.law_snapshot(periods=periods, criteria=criteria)


def number(value: Decimal) -> str:
    """1.50 → '1,5' (Vietnamese decimal comma, no trailing zeros)."""
    return f"{value.normalize():f}".replace(".", ",")


def _source(province_id: int | None, province: Province | None) -> str:
    return f"Quy định riêng của {province}" if province_id is not None and province else NATIONAL


@dataclass(frozen=True)
class TextEntry:
    citation: str
    certainty: str
    source: str


@dataclass(frozen=True)
class CoefficientEntry:
    name: str
    subject: str
    issuer_level: str
    coefficient: str
    collective: str  # what a collective receives, in words
    basis: str
    certainty: str
    source: str
    own: bool  # the province's own row


@dataclass(frozen=True)
class QuotaEntry:
    name: str
    base_name: str
    ratio: str
    rounding: str
    basis: str
    source: str
    own: bool


@dataclass(frozen=True)
class ThresholdEntry:
    what: str
    quorum: str
    approval: str
    secret_ballot: bool
    basis: str
    source: str
    own: bool


@dataclass(frozen=True)
class CriteriaEntry:
    key: str
    label: str
    value: str
    basis: str
    source: str
    own: bool


@dataclass(frozen=True)
class CitationEntry:
    ground: str
    label: str
    citation: str
    source: str


@dataclass(frozen=True)
class LawInForce:
    day: dt.date
    province: Province | None
    rule_set: RuleSet | None
    texts: tuple[TextEntry, ...]
    base_salary: BaseSalary | None
    ldtt_months: str
    coefficients: tuple[CoefficientEntry, ...]
    quotas: tuple[QuotaEntry, ...]
    thresholds: tuple[ThresholdEntry, ...]
    criteria: tuple[CriteriaEntry, ...]
    citations: tuple[CitationEntry, ...] = ()


def _chosen(rows, key) -> list:
    """The row that applies per key: a province's own row over the national one, then the latest."""
    chosen: dict = {}
    for row in sorted(rows, key=lambda r: (r.province_id is not None, r.valid_from)):
        chosen[key(row)] = row
    return list(chosen.values())


def law_in_force(day: dt.date, province: Province | None) -> LawInForce:
    rule_set = RuleSet.objects.in_force_on(day).order_by("-valid_from").first()
    salary = BaseSalary.objects.in_force_on(day).order_by("-valid_from").first()
    if rule_set is None:
        return LawInForce(day, province, None, (), salary, "", (), (), (), ())
    pid = province.pk if province else None
    where = Q(province__isnull=True) | Q(province_id=pid)
    names = dict(AwardType.objects.values_list("code", "name"))
    subjects = dict(AwardType._meta.get_field("subject").choices)
    levels = dict(IssuerLevel.choices)
    certainty = dict(Certainty.choices)

    texts = tuple(TextEntry(t.citation_line().removeprefix("Căn cứ ").rstrip(";"), certainty[t.certainty],
                            t.source) for t in LegalText.objects.filter(rule_set=rule_set))
    coefficients = []
    rows = RewardCoefficient.objects.in_force_on(day).filter(rule_set=rule_set).filter(where)
    for r in sorted(_chosen(rows, lambda r: (r.code, r.subject, r.issuer_level)),
                    key=lambda r: (list(names).index(r.code) if r.code in names else 99, r.issuer_level)):
        if r.subject == "collective":
            collective = "hệ số riêng của tập thể"
        elif r.collective_multiplier:
            collective = f"gấp {number(r.collective_multiplier)} lần mức của cá nhân"
        else:
            collective = "không tặng cho tập thể"
        coefficients.append(CoefficientEntry(
            names.get(r.code, r.code), subjects.get(r.subject, r.subject),
            levels.get(r.issuer_level, "Mọi cấp") if r.issuer_level else "Mọi cấp", number(r.coefficient), collective,
            r.basis, certainty[r.certainty], _source(r.province_id, province), r.province_id is not None))

    setting = ProvinceSetting.objects.filter(province_id=pid).first() if pid else None
    default_rounding = setting.get_quota_rounding_display() if setting else "Làm tròn xuống (mặc định)"
    quotas = tuple(
        QuotaEntry(names.get(q.code, q.code), names.get(q.base_code, q.base_code), number(q.ratio),
                   q.get_rounding_display() if q.rounding else default_rounding, q.basis,
                   _source(q.province_id, province), q.province_id is not None)
        for q in _chosen(QuotaRule.objects.in_force_on(day).filter(rule_set=rule_set).filter(where),
                         lambda q: q.code))
    thresholds = tuple(
        ThresholdEntry(", ".join(names.get(c, c) for c in t.code_list()) or t.get_level_display(),
                       t.quorum.label(), f"{t.approval.label()} ({t.get_approval_base_display().lower()})",
                       t.secret_ballot, t.basis, _source(t.province_id, province), t.province_id is not None)
        for t in _chosen(VoteThreshold.objects.in_force_on(day).filter(rule_set=rule_set).filter(where),
                         lambda t: (t.level, t.codes)))
    settings = {s.key: s for s in _chosen(
        CriteriaSetting.objects.in_force_on(day).filter(rule_set=rule_set).filter(where), lambda s: s.key)}
    criteria = []
    rule_set_names = dict(RuleSet.objects.values_list("code", "name"))
    for key in criteria_fields.KEYS:
        row = settings.get(key)
        text = criteria_fields.default_text(key) if row is None else row.value
        value = criteria_fields.display(key, text, rule_set_names)
        if row is None:
            # The built-in value follows the rule's own article (the rule set's citation), else the
            # law's principles, else the rule set's texts.
            ground = criteria_fields.ground(key)
            basis = (rule_set.citation(ground) or rule_set.citation("once")) if ground else rule_set.basis
            criteria.append(CriteriaEntry(key, criteria_fields.label(key), value, basis, DEFAULT, False))
        else:
            criteria.append(CriteriaEntry(key, criteria_fields.label(key), value, row.basis,
                                          _source(row.province_id, province), row.province_id is not None))
    months = (f"Không xét Lao động tiên tiến cho người được tuyển dụng dưới {rule_set.ldtt_min_months} tháng "
              f"tính đến hết năm ({rule_set.ldtt_min_months_basis})" if rule_set.ldtt_min_months
              else "Không đặt điều kiện số tháng công tác")
    citations = tuple(CitationEntry(ground, citation_fields.label(ground), rule_set.citation(ground), NATIONAL)
                      for ground in citation_fields.LABELS if rule_set.citation(ground))
    return LawInForce(day, province, rule_set, texts, salary, months, tuple(coefficients), quotas, thresholds,
                      tuple(criteria), citations)
