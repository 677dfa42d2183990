"""Public results: a province may publish (ProvinceSetting.public_results, off by default) its issued
award decisions and who they award, exactly as the decisions print them — number, date, issuer,
title, and per line the name, position, unit and title or form. Nothing else: no ratings, no dates
of birth, no identity numbers, no amounts, no drafts. Searchable without diacritics."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from thidua.catalog.models import ProvinceSetting
from thidua.core import bounds
from thidua.core.text import fold
from thidua.organizations.models import Province

from .models import Decision, DecisionKind, DecisionStatus

MAX_QUERY = 100
PAGE_LINES = 300


@dataclass(frozen=True)
class PublicLine:
    name: str
    job_title: str
    unit_name: str
    award_name: str


@dataclass(frozen=True)
class PublicDecision:
    pk: int
    number: str
    date: object
    issuer: str
    title: str
    lines: list[PublicLine]
    total_lines: int


def published_province(code: str) -> Province:
    """The province if it publishes its results; 404 otherwise (whether it exists or not)."""
    province = get_object_or_404(Province, code=code[:20])
    if not ProvinceSetting.objects.filter(province=province, public_results=True).exists():
        raise Http404("Tỉnh chưa công khai kết quả khen thưởng.")
    return province


def published_decisions(province: Province, year: int | None) -> QuerySet[Decision]:
    qs = Decision.objects.filter(issuer__province=province, status=DecisionStatus.ISSUED,
                                 kind=DecisionKind.AWARD).select_related("issuer")
    if year:
        qs = qs.filter(award_year=year)
    return qs.order_by("-date", "-number", "-pk")


def search(province: Province, year: int | None, query: str) -> tuple[list[PublicDecision], int]:
    """Decisions with the lines in force that match `query` (folded: "nguyen van an" finds
    "Nguyễn Văn An"); a decision whose number, issuer or title matches shows all its lines."""
    words = fold(query).split()
    found: list[PublicDecision] = []
    shown = 0
    for decision in published_decisions(province, year).prefetch_related("lines"):
        head = fold(" ".join([decision.number_display, decision.issuer.name, decision.title]))
        lines = [line for line in decision.lines.all() if line.revoked_by_id is None]
        if words and not all(w in head for w in words):
            lines = [line for line in lines if all(
                w in fold(f"{line.name} {line.job_title} {line.unit_name} {line.award_name}") for w in words)]
            if not lines:
                continue
        kept = lines[: max(PAGE_LINES - shown, 0)]
        shown += len(kept)
        found.append(PublicDecision(
            pk=decision.pk, number=decision.number_display, date=decision.date, issuer=decision.issuer.name,
            title=decision.title, total_lines=len(lines),
            lines=[PublicLine(line.name, line.job_title, line.unit_name, line.award_name) for line in kept]))
    return found, shown


def public_results(request: HttpRequest, code: str) -> HttpResponse:
    province = published_province(code)
    query = request.GET.get("q", "")[:MAX_QUERY].strip()
    year_text = request.GET.get("nam", "")
    year = bounds.parse_year(year_text)
    years = (published_decisions(province, None).order_by("-award_year").values_list("award_year", flat=True)
             .distinct())
    decisions, shown = search(province, year, query)
    return render(request, "decisions/public_results.html", {
        "province": province, "query": query, "year": year, "years": years, "decisions": decisions,
        "shown": shown, "limit": PAGE_LINES,
    })
