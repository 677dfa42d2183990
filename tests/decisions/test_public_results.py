"""The public results page: off by default, on by the province setting; what published decisions
say and nothing more; search without diacritics; no login needed."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.catalog.models import ProvinceSetting
from thidua.core.text import fold
from thidua.decisions.models import DecisionLine, DecisionStatus
from thidua.organizations.models import Staff

URL = "/cong-khai/TN/"


@pytest.fixture
def published(year_end_demo):
    ProvinceSetting.objects.filter(province__code="TN").update(public_results=True)


def test_off_by_default_and_404_for_unknown_provinces(client, year_end_demo):
    assert not ProvinceSetting.objects.get(province__code="TN").public_results
    assert client.get(URL).status_code == 404
    assert client.get("/cong-khai/XX/").status_code == 404


def test_anyone_sees_the_issued_decisions_and_their_recipients(client, published):
    page = client.get(URL + "?nam=2022")
    assert page.status_code == 200
    html = page.content.decode()
    line = DecisionLine.objects.filter(decision__status=DecisionStatus.ISSUED, decision__award_year=2022,
                                       staff__isnull=False).select_related("decision").first()
    assert line.name in html and line.decision.number_display in html


def test_nothing_beyond_the_published_decision(client, published):
    person = Staff.objects.filter(decision_lines__decision__status=DecisionStatus.ISSUED).first()
    Staff.objects.filter(pk=person.pk).update(birth_date=dt.date(1980, 3, 17), personal_id="019080001234")
    html = client.get(URL + "?nam=2022").content.decode()
    assert person.full_name in html
    assert "17/03/1980" not in html and "1980" not in html and "019080001234" not in html
    for word in ("Hoàn thành xuất sắc nhiệm vụ", "xếp loại", "Dự thảo", "đồng"):
        assert word not in html


def test_search_without_diacritics(client, published):
    line = DecisionLine.objects.filter(decision__status=DecisionStatus.ISSUED, staff__isnull=False,
                                       name__regex=r"[^\x00-\x7f]").first()
    found = client.get(URL, {"q": fold(line.name)}).content.decode()
    assert line.name in found
    nothing = client.get(URL, {"q": "khong co ai ten nay"}).content.decode()
    assert "Không có quyết định nào" in nothing
    assert client.get(URL, {"q": "x" * 5000, "nam": "abc"}).status_code == 200  # bounded, no error
