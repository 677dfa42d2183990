"""Award statistics with charts: the numbers behind each chart agree with the decisions; the
province view for the board, each agency's own view; in and out of scope."""

from __future__ import annotations

import json
import re

from thidua.decisions.models import DecisionLine, DecisionStatus
from thidua.organizations.models import Province, Unit
from thidua.reports.awards import agency_lines, award_statistics, province_lines


def _in_force(**filters):
    return DecisionLine.objects.filter(decision__status=DecisionStatus.ISSUED, revoked_by__isnull=True, **filters)


def test_province_series_agree_with_the_decisions(users):
    province = Province.objects.get(code="TN")
    data = award_statistics(province_lines(province), 2022, by_unit=True)
    lines = _in_force(decision__issuer__province=province)
    assert data.year == 2022
    year_row = dict((label, (c, i)) for label, c, i, _ in data.by_year.rows())["2022"]
    assert year_row == (lines.filter(year=2022, unit__isnull=False).count(),
                        lines.filter(year=2022, staff__isnull=False).count())
    total = lines.filter(year=2022).count()
    for series in (data.by_level, data.by_form, data.by_unit):
        assert sum(t for *_, t in series.rows()) == total
    forms = {label: t for label, _, _, t in data.by_form.rows()}
    assert forms["Lao động tiên tiến"] == lines.filter(year=2022, code="LDTT").count()
    units = {label: t for label, _, _, t in data.by_unit.rows()}
    assert units[Unit.objects.get(code="SKHCN").name] == agency_lines(Unit.objects.get(code="SKHCN")).filter(
        year=2022).count()


def test_pages_in_scope_and_out(client, users):
    client.force_login(users["bantdkt"])
    page = client.get("/bao-cao/khen-thuong/?nam=2022")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/vendor/chartjs/chart.umd.min.js" in html and "cdn" not in html.lower()
    series = json.loads(re.search(r'<script id="by-form" type="application/json">(.*?)</script>', html).group(1))
    assert "Lao động tiên tiến" in series["labels"]
    assert client.get("/bao-cao/khen-thuong/don-vi/SKHCN/?nam=2022").status_code == 200
    client.force_login(users["skhcn"])
    assert client.get("/bao-cao/khen-thuong/don-vi/SKHCN/").status_code == 200
    assert client.get("/bao-cao/khen-thuong/don-vi/SNV/").status_code == 404
    assert client.get("/bao-cao/khen-thuong/").status_code == 403
    assert client.get("/bao-cao/khen-thuong/don-vi/SKHCN/?nam=zzz").status_code == 200
    client.logout()
    assert client.get("/bao-cao/khen-thuong/don-vi/SKHCN/").status_code == 302
