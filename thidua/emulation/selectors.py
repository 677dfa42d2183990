"""Reads for registrations: the facts and rules a check needs, loaded in a handful of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, prefetch_related_objects

from thidua.catalog.models import AwardType, RuleSet
from thidua.catalog.selectors import quotas_for_year
from thidua.organizations.models import Staff, Unit

from .checks import Finding, QuotaInput, RegistrationInput, TargetInput, UnitFacts, check_registration
from .models import Registration, Target


def unit_facts(unit: Unit, year: int) -> UnitFacts:
    """Headcount: staff working in the agency at any time of the year; departments active then."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    departments = Unit.objects.departments().filter(parent=unit).active_on(end)
    departments = departments | Unit.objects.departments().filter(parent=unit).active_on(start)
    return UnitFacts(
        headcount=Staff.objects.filter(agency=unit).active_in_year(year).count(),
        departments=departments.distinct().count(),
    )


def quotas_in_force(province_id: int | None, year: int) -> tuple[str | None, list[QuotaInput]]:
    """The rule set for year Y (in force on 31/12/Y) and its quotas, a province's row overriding the
    national row for the same code; rounding from the row, else the province setting, else down."""
    rule_set, quotas = _rule_set_and_quotas(province_id, year)
    return (rule_set.code if rule_set else None), quotas


def _rule_set_and_quotas(province_id: int | None, year: int) -> tuple[RuleSet | None, list[QuotaInput]]:
    """The catalog's reading (catalog.selectors.quotas_for_year) as the checks' plain inputs."""
    rule_set, quotas = quotas_for_year(province_id, year)
    return rule_set, [QuotaInput(code=q.code, base_code=q.base_code, ratio=q.ratio, rounding=q.rounding,
                                 basis=q.basis) for q in quotas]


def target_input(target: Target, award: AwardType | None = None) -> TargetInput:
    award = award or target.award_type
    return TargetInput(
        code=award.code, label=target.label or award.name,
        allows_individual=award.allows_individual(), allows_collective=award.allows_collective(),
        collective_scope=award.collective_scope,
        collective_count=target.collective_count, collective_ratio=target.collective_ratio,
        individual_count=target.individual_count, individual_ratio=target.individual_ratio,
    )


def registration_input(registration: Registration) -> RegistrationInput:
    return RegistrationInput(
        year=registration.year, heading_year=registration.heading_year,
        targets=[target_input(t) for t in registration.targets.select_related("award_type")],
    )


def registration_findings(registration: Registration, data: RegistrationInput | None = None
                          ) -> tuple[str | None, list[Finding]]:
    """Check a registration as saved, or `data` typed into its form but not yet saved."""
    data = data or registration_input(registration)
    rule_set, quotas = _rule_set_and_quotas(registration.unit.province_id, data.year)
    code = rule_set.code if rule_set else None
    return code, check_registration(data, unit_facts(registration.unit, data.year), rule_set=code, quotas=quotas,
                                    ladder_basis=rule_set.citation("title_ladder") if rule_set else "")


def _parts() -> tuple:
    return Prefetch("targets", queryset=Target.objects.select_related("award_type")), "solutions", "movements"


def registration_with_parts(qs):
    """Prefetch what a registration page or document needs, so no query runs per row."""
    return qs.select_related("unit", "unit__province", "unit__parent").prefetch_related(*_parts())


def read_parts(registration: Registration) -> None:
    """Read the targets, solutions and movements of a registration read without them."""
    prefetch_related_objects([registration], *_parts())
