"""Evaluation pages: a person's record and verdicts; an agency's eligibility for the year. Thin:
scope comes from accounts.scope and each app's policy (404 outside it), everything read through selectors."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from thidua.accounts.scope import Scope
from thidua.audit.selectors import history_entries
from thidua.catalog import criteria as criteria_fields
from thidua.catalog.names import award_name
from thidua.core import bounds, versions
from thidua.emulation.years import working_year
from thidua.organizations.models import Unit, UnitKind
from thidua.organizations.policy import can_manage_staff, staff_for, units_for
from thidua.rules.types import ELIGIBLE, NOT_ELIGIBLE, RATING_NAMES, REVIEW, Verdict

from . import decided
from .models import Achievement, AwardRecord, Discipline, Rating
from .selectors import STATUS_NAMES, agency_eligibility, explain, staff_profile

# The person's own rows whose audit history the person's page shows with theirs.
HISTORY_RELATED = (("evaluation.rating", Rating), ("evaluation.achievement", Achievement),
                   ("evaluation.discipline", Discipline), ("evaluation.awardrecord", AwardRecord))
STATUS_CLASSES = {ELIGIBLE: "status-received", REVIEW: "status-submitted", NOT_ELIGIBLE: "status-returned"}


def _year(request: HttpRequest) -> int | None:
    return bounds.query_year(request)


def _verdict(code: str, name: str, verdict: Verdict) -> dict:
    return {"code": code, "name": name, "status": verdict.status, "status_name": STATUS_NAMES[verdict.status],
            "status_class": STATUS_CLASSES[verdict.status], "reasons": explain(verdict)}


def _criteria_rows(rules, *, individual_only: bool = False) -> list[dict]:
    """The criteria rows in force (those that differ from, or restate, the built-in defaults)."""
    if rules is None:
        return []
    return [{"label": criteria_fields.label(s.key), "value": criteria_fields.display(s.key, s.value),
             "basis": s.basis, "province": s.province.name if s.province_id else ""}
            for s in rules.settings if not (individual_only and s.key.startswith(("ttldtt_", "ttldxs_")))]


def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    staff = get_object_or_404(staff_for(request.user).select_related("agency", "agency__province", "department"),
                              pk=pk)
    year = _year(request)
    # The records and verdicts drawn with the links to the person's decisions the user may open (by
    # the number printed in the award history) are cached until the province's data or the law
    # change: judging one person reads the law and five tables, the decisions' scope compiles six
    # subqueries, drawing the records took a third of the page. The links depend on the user's
    # scope, so the part is kept per scope (Scope.reach); nothing else in it depends on the user.
    def compute() -> tuple:
        profile = staff_profile(staff, year)
        # The ids of the person's rows whose history the page shows too, read once with the rest:
        # as subqueries they made the history's query cost more to build than all the others.
        related = {label: [str(pk) for pk in model.objects.filter(staff=staff).values_list("pk", flat=True)]
                   for label, model in HISTORY_RELATED}
        return profile, related, render_to_string("evaluation/_staff_record.html", {
            "staff": staff, "profile": profile,
            "verdicts": [_verdict(code, name, v) for code, name, v in profile.verdicts],
            "criteria_rows": _criteria_rows(profile.criteria, individual_only=True),
            "movements": staff.movements.select_related("from_department", "to_department"),
            "decision_links": decided.decision_links(request.user, staff),
        })

    # Without ?nam= the record judges the latest rated year, else the calendar's (no stamp follows
    # the calendar: its year is in the key).
    profile, related, record = versions.cached(
        "staff-record", (staff.pk, year or f"/{dt.date.today().year}", Scope.of(request.user).reach),
        (versions.province_key(staff.agency.province_id), versions.CATALOG), compute)
    return render(request, "evaluation/staff_detail.html", {
        "staff": staff, "profile": profile, "record_html": mark_safe(record),  # our own template
        "may_manage": can_manage_staff(request.user, staff.agency),
        "today": dt.date.today(),
        # The person's own rows and those of their ratings, initiatives, discipline and awards.
        "audit_history": history_entries(staff, related=related),
        "audit_show_object": True,
    })


def agency_eligibility_page(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(units_for(request.user).filter(kind=UnitKind.AGENCY).select_related("province"),
                               code=code)
    year = working_year(request)
    # The body is the same for everyone who may open the page (scope is checked above): judged and
    # rendered once, then served from the cache until the province's data or the law change.
    body = versions.cached("eligibility", (agency.pk, year),
                           (versions.province_key(agency.province_id), versions.CATALOG),
                           lambda: _eligibility_body(agency, year))
    return render(request, "evaluation/agency_eligibility.html",
                  {"agency": agency, "year": year, "body": mark_safe(body)})  # rendered by our own template


def _eligibility_body(agency: Unit, year: int) -> str:
    data = agency_eligibility(agency, year)
    links: dict[int, str] = {}
    for row in (*data.titles, *data.next_year):
        for judged in (*row.eligible, *row.review, *row.not_eligible):
            link = links.get(judged.person.id)
            if link is None:  # a person appears under each title: one reverse() per person
                link = links[judged.person.id] = f"{reverse('staff_detail', args=[judged.person.id])}?nam={year}"
            judged.link = link
    collectives = [{
        "unit": row.unit, "members": row.figures.members, "rating": row.figures.rating,
        "verdicts": [_verdict(code, award_name(code), v) for code, v in row.verdicts.items()],
        "history": row.history[:4],
    } for row in data.collectives]
    return render_to_string("evaluation/_agency_eligibility.html", {
        "agency": agency, "data": data, "year": year, "collectives": collectives,
        "criteria_rows": _criteria_rows(data.criteria), "rating_names": RATING_NAMES,
        "years": sorted(set(data.years) | {year}, reverse=True),
    })
