"""Targets against results: an agency, a block (its members and their sum), the province. Scope
through accounts.scope and each app's policy (404 outside it); `?xuat=xlsx` downloads the same table as a workbook.

Who sees what: an agency's table — whoever sees the agency (`units_for`); a block's — the
province board, the block head's officer and the members' people; the province's — the province
board's officers and administrators."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from thidua.accounts.models import Role
from thidua.accounts.scope import VIEW, is_admin
from thidua.core import bounds, versions
from thidua.emulation.years import registration_years, working_year
from thidua.organizations.models import BlockYear, Province, UnitKind
from thidua.organizations.policy import home_agency
from thidua.yearend.policy import agencies_for

from . import awards, statistics, statistics_export
from .dashboard import dashboard
from .exports import group_workbook, unit_workbook
from .jobs import start_province_targets
from .policy import provinces_for
from .selectors import GroupTargets, Row, block_targets, province_targets, unit_targets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request: HttpRequest) -> int:
    """The page's one year (emulation.years.working_year: ?nam=, the user's last choice, the
    current emulation year)."""
    return working_year(request)


def start_page(request: HttpRequest) -> HttpResponse:
    """The start page after login: the year's deadlines, what waits for me, the year's progress."""
    year = _year(request)
    years = sorted({year, dt.date.today().year, *registration_years(request.user)}, reverse=True)[:6]
    return render(request, "reports/dashboard.html", {"board": dashboard(request.user, year), "years": years})


def _xlsx(content: bytes, stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


def _chart(rows: list[Row]) -> dict:
    """Labels and the two series of the bar chart (the page passes them through json_script)."""
    labels, registered, achieved = [], [], []
    for row in rows:
        for kind, word in (("collective", "tập thể"), ("individual", "cá nhân")):
            pair = getattr(row, kind)
            if pair.registered is None and not pair.achieved:
                continue
            labels.append(f"{row.code} ({word})")
            registered.append(pair.registered or 0)
            achieved.append(pair.achieved)
    return {"labels": labels, "registered": registered, "achieved": achieved}


def _bars(rows: list[Row]) -> list[dict]:
    """The same figures as plain HTML/CSS bars (shown without JavaScript, and printed)."""
    pairs = [(f"{row.name} ({word})", getattr(row, kind)) for row in rows
             for kind, word in (("collective", "tập thể"), ("individual", "cá nhân"))]
    pairs = [(label, p) for label, p in pairs if p.registered is not None or p.achieved]
    top = max([max(p.registered or 0, p.achieved) for _, p in pairs] + [1])
    return [{"label": label, "registered": p.registered, "achieved": p.achieved,
             "reg_pct": round(100 * (p.registered or 0) / top), "ach_pct": round(100 * p.achieved / top)}
            for label, p in pairs]


def blocks_for(user) -> QuerySet[BlockYear]:
    """The block-years whose report the user may read: the same rule as the block pages
    (BlockYear.objects.for_user), so the head's officer sees the block it heads."""
    return BlockYear.objects.for_user(user, VIEW).select_related("block", "block__province")


def targets_index(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    agencies = list(agencies_for(request.user).order_by("position", "name"))
    home = home_agency(request.user)
    return render(request, "reports/targets_index.html", {
        "year": year, "agencies": agencies, "home": home if home in agencies else None,
        "blocks": list(blocks_for(request.user).filter(year=year)), "provinces": list(provinces_for(request.user)),
        "years": range(dt.date.today().year, dt.date.today().year - 6, -1),
    })


def unit_page(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(agencies_for(request.user).select_related("province"), code=code)
    year = _year(request)
    if request.GET.get("xuat") == "xlsx":
        return _xlsx(unit_workbook(unit_targets(unit, year)), f"chi-tieu-{unit.code}-{year}".lower())

    def body() -> tuple[bool, str]:
        table = unit_targets(unit, year)
        return table.registered, render_to_string("reports/_targets_unit.html", {
            "year": year, "rows": table.rows, "chart": _chart(table.rows), "bars": _bars(table.rows)})

    # The table and chart read what the province's report reads (registrations, targets, awards and
    # the lines of issued decisions, the units' lineage) and are the same for everyone who may open
    # the page: cached like that report, until the province's data or the catalog change.
    registered, html = versions.cached("targets", ("unit", unit.pk, year), (versions.province_key(unit.province_id),
                                                                          versions.CATALOG), body)
    return render(request, "reports/targets_unit.html", {
        "unit": unit, "year": year, "registered": registered, "body": mark_safe(html),  # our own template
        "years": range(dt.date.today().year, dt.date.today().year - 6, -1),
    })


def _group_page(request: HttpRequest, load: Callable[[], GroupTargets], *, what: tuple, province_id: int,
                year: int, stem: str, heading: str) -> HttpResponse:
    """A block's or the province's report. Its body is cached (`thidua.core.versions`) per group,
    year and the set of members whose own page the user may open, until the province's data or
    the catalog change: the board's officers share one copy."""
    if request.GET.get("xuat") == "xlsx":
        return _xlsx(group_workbook(load()), stem)
    # Members whose own page the user may open (a block's members see each other's figures here).
    linkable = sorted(agencies_for(request.user).values_list("code", flat=True))
    links = hashlib.sha256("\n".join(linkable).encode()).hexdigest()[:16]

    def body() -> str:
        group = load()
        return render_to_string("reports/_targets_group.html", {
            "linkable": set(linkable), "group": group, "heading": heading, "year": year, "rows": group.totals,
            "chart": _chart(group.totals), "bars": _bars(group.totals),
            "years": range(dt.date.today().year, dt.date.today().year - 6, -1), "pdf": what[0] == "province",
        })

    html = versions.cached("targets", (*what, year, dt.date.today().year, links),
                           (versions.province_key(province_id), versions.CATALOG), body)
    return render(request, "reports/targets_group.html",
                  {"heading": heading, "body": mark_safe(html)})  # rendered by our own template


def block_page(request: HttpRequest, code: str) -> HttpResponse:
    year = _year(request)
    block_year = get_object_or_404(blocks_for(request.user), block__code=code, year=year)
    return _group_page(request, lambda: block_targets(block_year), what=("block", block_year.pk),
                       province_id=block_year.block.province_id, year=year,
                       stem=f"chi-tieu-{code}-{year}".lower(), heading=f"{block_year.block.name} – năm {year}")


def province_page(request: HttpRequest, code: str) -> HttpResponse:
    province = get_object_or_404(provinces_for(request.user), code=code)
    year = _year(request)
    fmt = request.GET.get("xuat")
    if fmt in ("xlsx", "pdf"):
        # The whole province's workbook or PDF is made by a background job; its page shows the
        # progress and offers the download.
        job = start_province_targets(actor=request.user, province=province, year=year, fmt=fmt)
        return redirect("job_detail", pk=job.pk)
    return _group_page(request, lambda: province_targets(province, year), what=("province", province.pk),
                       province_id=province.pk, year=year, stem=f"chi-tieu-{code}-{year}".lower(),
                       heading=f"{province.name} – năm {year}")


# --- yearly statistics for the Ministry of Home Affairs (Thông tư 02/2023/TT-BNV) ------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _statistics_province(request: HttpRequest) -> Province:
    """A province board officer sees their province; an administrator chooses (?tinh=)."""
    if is_admin(request.user):
        code = request.GET.get("tinh", "")[:20]
        province = Province.objects.filter(code=code).first() if code else Province.objects.order_by("name").first()
        if province is None:
            raise Http404("Không có tỉnh này.")
        return province
    agency = home_agency(request.user)
    if request.user.role != Role.PROVINCE_OFFICER or agency is None:
        raise PermissionDenied("Báo cáo thống kê của tỉnh dành cho cán bộ Ban Thi đua – Khen thưởng tỉnh.")
    return agency.province


def statistics_page(request: HttpRequest) -> HttpResponse:
    province = _statistics_province(request)
    year = _year(request)
    key = request.GET.get("bieu", "0603")
    if key not in statistics.FORMS:
        key = "0603"
    table = statistics.statistics_table(key, province, year)
    agency = home_agency(request.user)
    issuer = (agency.names_on(dt.date(year, 12, 31))[1] if agency and agency.kind == UnitKind.PROVINCE_BODY
              and agency.province_id == province.pk else province.parent_body)
    stem = f"thong-ke-{key}-{province.code}-{year}"
    fmt = request.GET.get("xuat", "")
    if fmt == "xlsx":
        return _xlsx(statistics_export.statistics_workbook(table, reporter=issuer), stem)
    if fmt == "docx":
        content = statistics_export.statistics_docx(table, parent_body=province.parent_body, issuer=issuer,
                                                    place=province.place_name)
        response = HttpResponse(content, content_type=DOCX)
        response["Content-Disposition"] = f'attachment; filename="{stem}.docx"'
        return response
    return render(request, "reports/statistics.html", {
        "table": table, "key": key, "forms": statistics.FORMS, "year": year, "province": province,
        "provinces": Province.objects.order_by("name") if is_admin(request.user) else None,
        "years": range(dt.date.today().year, dt.date.today().year - 8, -1),
    })


# --- award statistics with charts ------------------------------------------------------------


def _award_year(request: HttpRequest) -> int | None:
    return bounds.parse_year(request.GET.get("nam"))


def awards_province(request: HttpRequest) -> HttpResponse:
    """The province board's view: every award decided in the province, with each agency's share."""
    province = _statistics_province(request)
    data = awards.award_statistics(awards.province_lines(province), _award_year(request), by_unit=True)
    return render(request, "reports/awards.html", {
        "data": data, "heading": province.name, "province": province,
        "provinces": Province.objects.order_by("name") if is_admin(request.user) else None,
        "agencies": agencies_for(request.user).filter(province=province).order_by("position", "name"),
    })


def awards_agency(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(agencies_for(request.user), code=code[:40])
    data = awards.award_statistics(awards.agency_lines(agency), _award_year(request), by_unit=False)
    return render(request, "reports/awards.html", {"data": data, "heading": agency.name, "agency": agency})
