"""The law as the system applies it (read-only, every signed-in user) and a province officer's own
overrides (their province only, never national rows, audited)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.catalog import services
from thidua.catalog.models import CriteriaSetting, QuotaRule, RewardCoefficient, RuleSet, VoteThreshold
from thidua.organizations.models import Province

pytestmark = pytest.mark.django_db


def page(client, user, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("law_in_force"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_is_sent_to_login(client):
    assert client.get(reverse("law_in_force")).status_code == 302
    assert client.get(reverse("province_rules")).status_code == 302


def test_thai_nguyen_on_20_12_2025_shows_every_coefficient_quota_threshold_with_its_source(client, org):
    html = page(client, org.users["skhcn"], ngay="2025-12-20")
    assert "Luật Thi đua, khen thưởng 2022 và Nghị định 152/2025/NĐ-CP" in html
    assert "quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng" in html
    assert "2.340.000" in html and "Nghị định 73/2024/NĐ-CP" in html
    coefficients = html.split('id="coefficients"', 1)[1].split("</section>", 1)[0]
    assert coefficients.count("<tr") - 1 == RewardCoefficient.objects.filter(
        rule_set__code="LUAT2022-ND152", province__isnull=True).count()
    bk = next(row for row in coefficients.split("<tr")[1:] if "Bằng khen của Chủ tịch UBND tỉnh" in row)
    assert ">1,5<" in bk
    assert "Nghị định 152/2025/NĐ-CP Điều 54 khoản 1" in coefficients
    assert "gấp 2 lần mức của cá nhân" in coefficients and "Cấp xã" in coefficients
    thresholds = html.split('id="thresholds"', 1)[1].split("</section>", 1)[0]
    assert "Chiến sĩ thi đua cấp Bộ, ban, ngành, tỉnh" in thresholds and "Quy định chung" in thresholds
    criteria = html.split('id="criteria"', 1)[1]
    assert "Mặc định của hệ thống" in criteria and "Tập thể LĐTT" in criteria
    assert "CSTD_TINH" not in coefficients and "CSTD_TINH" not in thresholds  # names, not codes
    assert "10 tháng" in html
    assert "làm tròn lên đến 10.000 đồng" in html and "Nghị định 98/2023/NĐ-CP" in html


def test_old_years_show_the_nd91_quota(client, org):
    html = page(client, org.users["skhcn"], ngay="2022-12-31")
    quotas = html.split('id="quotas"', 1)[1].split("</section>", 1)[0]
    assert "15% số Lao động tiên tiến" in quotas and "Nghị định 91/2017/NĐ-CP Điều 9 khoản 3" in quotas


def test_a_province_officer_overrides_a_quota_of_their_own_province_and_the_page_follows(client, org):
    officer = org.users["bantdkt"]
    client.force_login(officer)
    rule_set = RuleSet.objects.get(code="LUAT2022-ND152")
    response = client.post(reverse("province_rule_add", args=["ty-le"]), {
        "rule_set": rule_set.pk, "code": "CSTDCS", "base_code": "LDTT", "ratio": "20", "rounding": "",
        "valid_from": "2025-07-01", "valid_to": "", "basis": "Quyết định của UBND tỉnh (ví dụ)",
        "province": Province.objects.create(code="LC", name="Lào Cai", parent_body="UBND", place_name="LC").pk,
    })
    assert response.status_code == 302
    row = QuotaRule.objects.get(rule_set=rule_set, code="CSTDCS")
    assert row.province == org.province  # the officer's own province, whatever was posted
    assert AuditEvent.objects.filter(object_type="catalog.quotarule", object_id=str(row.pk)).exists()
    quotas = page(client, officer, ngay="2025-12-20").split('id="quotas"', 1)[1].split("</section>", 1)[0]
    assert "20% số Lao động tiên tiến" in quotas and "Quy định riêng của Thái Nguyên" in quotas


def test_a_province_officer_cannot_touch_a_national_row_or_another_provinces(client, org):
    officer = org.users["bantdkt"]
    national = RewardCoefficient.objects.filter(province__isnull=True).first()
    client.force_login(officer)
    assert client.get(reverse("province_rule_edit", args=["he-so", national.pk])).status_code == 404
    assert client.post(reverse("province_rule_delete", args=["he-so", national.pk])).status_code == 404
    with pytest.raises(Exception, match="tỉnh mình"):
        services.override_save(actor=officer, row=national)
    other = Province.objects.create(code="LC", name="Lào Cai", parent_body="UBND", place_name="LC")
    theirs = RewardCoefficient.objects.create(rule_set=national.rule_set, province=other, code="LDTT",
                                              coefficient=Decimal("0.4"), valid_from=dt.date(2025, 7, 1))
    assert client.get(reverse("province_rule_edit", args=["he-so", theirs.pk])).status_code == 404
    national.refresh_from_db()
    assert national.province_id is None


def test_only_province_officers_have_the_override_pages(client, org):
    for name in ("skhcn", "admin"):
        client.force_login(org.users[name])
        assert client.get(reverse("province_rules")).status_code == 403


def test_a_bad_value_is_refused_with_a_vietnamese_message(client, org):
    client.force_login(org.users["bantdkt"])
    rule_set = RuleSet.objects.get(code="LUAT2022-ND152")
    response = client.post(reverse("province_rule_add", args=["tieu-chi"]), {
        "rule_set": rule_set.pk, "key": "ttldtt_no_discipline", "value": "có lẽ", "valid_from": "2025-07-01",
        "basis": "x"})
    assert response.status_code == 200 and "đúng/sai" in response.content.decode()
    assert client.get(reverse("province_rule_add", args=["khong-co"])).status_code == 404


def _rows(html: str, section: str) -> list[list[str]]:
    """The data rows of a section's table, as the texts of their cells."""
    body = html.split(f'id="{section}"', 1)[1].split("</section>", 1)[0].split("</thead>", 1)[-1]
    return [[re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)] for tr in body.split("<tr")[1:]]


def test_thai_nguyen_on_20_12_2025_every_value_has_its_basis_and_source(client, org):
    rs = RuleSet.objects.get(code="LUAT2022-ND152")
    QuotaRule.objects.create(rule_set=rs, province=org.province, code="CSTDCS", base_code="LDTT",
                             ratio=Decimal("20"), basis="Quyết định của UBND tỉnh Thái Nguyên",
                             valid_from=dt.date(2025, 7, 1))
    html = page(client, org.users["skhcn"], ngay="2025-12-20")
    sources = ("Quy định chung", f"Quy định riêng của {org.province}", "Mặc định của hệ thống")
    for section, basis_at in (("coefficients", -2), ("quotas", -2), ("thresholds", -2), ("criteria", -2)):
        rows = _rows(html, section)
        assert rows, section
        for row in rows:
            assert row[-1].startswith(sources), (section, row)
            if not row[-1].startswith("Mặc định"):
                assert row[basis_at], (section, row)  # every recorded value names its legal basis
    national = {(t.level, t.codes) for t in VoteThreshold.objects.filter(rule_set=rs, province__isnull=True)}
    assert len(_rows(html, "thresholds")) == len(national)
    quotas = _rows(html, "quotas")
    assert quotas == [["Chiến sĩ thi đua cơ sở", "20% số Lao động tiên tiến", quotas[0][2],
                       "Quyết định của UBND tỉnh Thái Nguyên", f"Quy định riêng của {org.province}"]]


def test_the_override_forms_speak_in_names_and_a_threshold_keeps_the_titles_chosen_by_name(client, org):
    client.force_login(org.users["bantdkt"])
    for kind in ("ty-le", "he-so", "tieu-chi", "bieu-quyet"):
        form = client.get(reverse("province_rule_add", args=[kind])).content.decode()
        for code in ("ND91-2017", "LUAT2022-ND152", "CSTD_TINH", "HTTNV"):
            assert f">{code}<" not in form and f"{code}," not in form, (kind, code)
    rule_set = RuleSet.objects.get(code="LUAT2022-ND152")
    assert rule_set.name in client.get(reverse("province_rule_add", args=["bieu-quyet"])).content.decode()
    response = client.post(reverse("province_rule_add", args=["bieu-quyet"]), {
        "rule_set": rule_set.pk, "level": VoteThreshold._meta.get_field("level").choices[0][0],
        "codes": ["CSTD_TINH", "CSTD_TQ"], "quorum_numerator": 2, "quorum_denominator": 3,
        "approval_numerator": 90, "approval_denominator": 100, "approval_base": "all", "secret_ballot": "on",
        "valid_from": "2025-07-01", "basis": "Quyết định của UBND tỉnh (ví dụ)"})
    assert response.status_code == 302, response.content.decode()[:2000]
    row = VoteThreshold.objects.get(province=org.province, rule_set=rule_set)
    assert row.codes == "CSTD_TINH,CSTD_TQ"
    edit = client.get(reverse("province_rule_edit", args=["bieu-quyet", row.pk])).content.decode()
    assert edit.count("checked") >= 2


def test_a_criteria_value_may_be_written_with_names(client, org):
    client.force_login(org.users["bantdkt"])
    rule_set = RuleSet.objects.get(code="LUAT2022-ND152")
    response = client.post(reverse("province_rule_add", args=["tieu-chi"]), {
        "rule_set": rule_set.pk, "key": "ldtt_min_rating", "value": "Hoàn thành tốt nhiệm vụ",
        "valid_from": "2025-07-01", "basis": "x"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CriteriaSetting.objects.get(province=org.province, key="ldtt_min_rating").value == "HTTNV"


def test_thai_nguyen_on_20_12_2025_shows_every_criterion_threshold_and_citation_the_rules_apply(client, org):
    """Every criterion of the rules (a province's own row, a national row or the built-in value, each
    with the article it follows), every vote threshold (the province's over the national one) and
    every article the eligibility reasons cite, for the rule set in force on 20/12/2025."""
    from thidua.catalog import criteria as criteria_fields

    rs = RuleSet.objects.get(code="LUAT2022-ND152")
    CriteriaSetting.objects.create(rule_set=rs, province=org.province, key="ttldxs_ldtt_min_percent", value="75",
                                   basis="Quyết định của UBND tỉnh Thái Nguyên", valid_from=dt.date(2025, 7, 1))
    VoteThreshold.objects.create(rule_set=rs, province=org.province, level="unit", codes="", quorum_numerator=1,
                                 quorum_denominator=2, approval_numerator=60, approval_base="present",
                                 basis="Quy chế của Hội đồng tỉnh Thái Nguyên", valid_from=dt.date(2025, 7, 1))
    html = page(client, org.users["skhcn"], ngay="2025-12-20")
    own = f"Quy định riêng của {org.province}"

    criteria = _rows(html, "criteria")
    assert len(criteria) == len(criteria_fields.KEYS)
    assert all(row[2] for row in criteria), [row for row in criteria if not row[2]]  # each names its article
    mine = next(row for row in criteria if row[0] == criteria_fields.label("ttldxs_ldtt_min_percent"))
    assert mine[1:] == ["75", "Quyết định của UBND tỉnh Thái Nguyên", own]
    ttldtt = next(row for row in criteria if row[0] == criteria_fields.label("ttldtt_ldtt_above_percent"))
    assert ttldtt[3] == "Quy định chung" and "Điều 28" in ttldtt[2]
    ldtt = next(row for row in criteria if row[0] == criteria_fields.label("ldtt_min_rating"))
    assert ldtt[3].startswith("Mặc định") and ldtt[2] == rs.citation("ldtt")

    thresholds = _rows(html, "thresholds")
    national = {(t.level, t.codes) for t in VoteThreshold.objects.filter(rule_set=rs, province__isnull=True)}
    assert len(thresholds) == len(national)  # the province's unit-level row replaces the national one
    unit = next(row for row in thresholds if row[-1] == own)
    assert unit[1:5] == ["1/2", "60% (số thành viên tham gia bỏ phiếu)", "Có", "Quy chế của Hội đồng tỉnh Thái Nguyên"]
    assert sum(row[-1] == "Quy định chung" for row in thresholds) == len(national) - 1

    citations = _rows(html, "citations")
    assert {row[1] for row in citations} == {text for text in rs.citations.values()}
    assert all(row[2] == "Quy định chung" and row[0] for row in citations)
    assert any(row[1] == "Luật Thi đua, khen thưởng 2022, Điều 24" for row in citations)


def test_a_citation_corrected_in_the_catalog_reaches_the_reasons_and_the_page(client, org):
    """The article a reason names is data of the rule set: correct it and the next verdict cites it."""
    from thidua.catalog.law import snapshot
    from thidua.rules.eligibility import evaluate

    rs = RuleSet.objects.get(code="LUAT2022-ND152")
    rs.citations = {**rs.citations, "ldtt": "Luật Thi đua, khen thưởng 2022, Điều 24 (đã đối chiếu lại)"}
    rs.full_clean()
    rs.save()
    case = {"id": "x", "subject": "individual", "year": 2025, "ask": ["LDTT"],
            "history": [{"year": 2025, "rating": "HTTNV"}]}
    reasons = evaluate(case, snapshot()).verdicts["LDTT"].reasons
    assert any("Điều 24 (đã đối chiếu lại)" in r for r in reasons)
    assert "Điều 24 (đã đối chiếu lại)" in page(client, org.users["skhcn"], ngay="2025-12-20")
    rs.citations = {"khong-co": "x"}
    with pytest.raises(Exception, match="Không có tiêu chuẩn"):
        rs.full_clean()
