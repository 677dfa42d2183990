"""Draft → issued → corrected or revoked by a new recorded act; the award history follows; an issued
decision is never edited in place."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict

from thidua.audit.models import AuditEvent
from thidua.decisions import services
from thidua.decisions.models import Decision, DecisionLine
from thidua.decisions.selectors import award_history
from thidua.evaluation.models import AwardRecord

DAY = dt.date(2022, 12, 15)


def _snapshot(decision: Decision) -> dict:
    decision = Decision.objects.get(pk=decision.pk)
    fields = [f.name for f in Decision._meta.concrete_fields if f.name not in ("status",)]
    lines = [model_to_dict(ln, exclude=["revoked_by"]) for ln in decision.lines.order_by("pk")]
    return {"decision": model_to_dict(decision, fields=fields), "lines": lines}


@pytest.fixture
def issued(org, draft):
    decision = draft(org.skhcn, [("LDTT", org.staff[4]), ("CSTDCS", org.staff[4]), ("LDTT", org.staff[5]),
                                 ("TTLDTT", org.departments[1])], signer_name="Nguyễn Văn An")
    return services.decision_issue(actor=org.users["skhcn"], decision=decision, date=DAY)


def test_issuing_writes_the_award_history_of_each_person_and_collective(org, issued):
    assert issued.status == "issued" and issued.number_display == "01/QĐ-KHCN" and issued.date == DAY
    records = AwardRecord.objects.filter(decision_number="01/QĐ-KHCN").order_by("pk")
    assert [(r.staff_id, r.unit_id, r.code, r.year) for r in records] == [
        (org.staff[4].pk, None, "LDTT", 2022), (org.staff[4].pk, None, "CSTDCS", 2022),
        (org.staff[5].pk, None, "LDTT", 2022), (None, org.departments[1].pk, "TTLDTT", 2022)]
    assert {r.awarded_on for r in records} == {DAY}
    assert records[0].issuer == "Giám đốc Sở Khoa học và Công nghệ tỉnh Thái Nguyên"
    history = award_history(staff=org.staff[4])
    assert sorted((e.code, e.decision_number, e.in_force) for e in history) == [
        ("CSTDCS", "01/QĐ-KHCN", True), ("LDTT", "01/QĐ-KHCN", True)]
    assert issued.events.filter(action="issue").exists()
    assert AuditEvent.objects.filter(action="decision.issue", object_id=str(issued.pk)).exists()


def test_an_issued_decision_cannot_be_edited_or_issued_again(org, issued):
    admin = org.users["admin"]
    with pytest.raises(PermissionDenied):
        services.decision_update(actor=admin, decision=issued, title="Sửa lén")
    with pytest.raises(PermissionDenied):
        services.decision_add_line(actor=admin, decision=issued, code="LDTT", staff=org.staff[6])
    with pytest.raises(PermissionDenied):
        services.decision_remove_line(actor=admin, line=issued.lines.first())
    with pytest.raises(PermissionDenied):
        services.decision_issue(actor=admin, decision=issued)
    with pytest.raises(PermissionDenied):
        services.decision_delete_draft(actor=admin, decision=issued)


def test_revocation_is_a_new_numbered_act_that_takes_back_the_awards_without_touching_the_old_text(org, issued):
    before = _snapshot(issued)
    admin = org.users["skhcn"]
    with pytest.raises(services.DecisionError, match="lý do"):
        services.decision_draft_revocation(actor=admin, decision=issued, reason=" ")
    act = services.decision_draft_revocation(actor=admin, decision=issued, reason="Hồ sơ không trung thực")
    # Until the act is issued nothing changes.
    assert Decision.objects.get(pk=issued.pk).status == "issued"
    assert AwardRecord.objects.filter(decision_number="01/QĐ-KHCN").count() == 4
    act = services.decision_issue(actor=admin, decision=act, date=dt.date(2023, 1, 10))
    issued.refresh_from_db()
    assert issued.status == "revoked"
    assert _snapshot(issued) == before  # same number, date, bases, lines, money
    assert set(issued.lines.values_list("revoked_by", flat=True)) == {act.pk}
    assert not AwardRecord.objects.filter(decision_number="01/QĐ-KHCN").exists()
    assert AuditEvent.objects.filter(action="award_record.withdraw").count() == 4
    assert award_history(staff=org.staff[4]) == []
    assert len(award_history(staff=org.staff[4], include_withdrawn=True)) == 2
    assert act.number_display == "01/QĐ-KHCN" and act.year == 2023 and act.revokes_id == issued.pk
    assert issued.events.filter(action="revoked", by_decision=act).exists()
    # A revoked decision is not revoked or corrected again.
    with pytest.raises(PermissionDenied):
        services.decision_draft_correction(actor=admin, decision=issued, reason="x")


def test_correction_withdraws_one_line_replaces_another_and_adds_a_third(org, issued):
    admin = org.users["skhcn"]
    before = _snapshot(issued)
    lines = {(ln.staff_id or ln.unit_id, ln.code): ln for ln in issued.lines.all()}
    act = services.decision_draft_correction(actor=admin, decision=issued, reason="Nhầm danh hiệu")
    services.decision_withdraw_line(actor=admin, decision=act, line=lines[(org.staff[5].pk, "LDTT")])
    new = services.decision_replace_line(actor=admin, decision=act, line=lines[(org.staff[4].pk, "CSTDCS")],
                                         code="LDTT")
    assert new.replaces_id == lines[(org.staff[4].pk, "CSTDCS")].pk
    # The person already holds LĐTT 2022 by the decision being corrected: one achievement, one award.
    with pytest.raises(services.DecisionError, match="hai lần"):
        services.decision_issue(actor=admin, decision=act, date=dt.date(2023, 1, 5))
    services.decision_remove_line(actor=admin, line=new)
    services.decision_replace_line(actor=admin, decision=act, line=lines[(org.staff[4].pk, "CSTDCS")],
                                   code="BK_TINH")
    services.decision_add_line(actor=admin, decision=act, code="LDTT", staff=org.staff[7])
    act = services.decision_issue(actor=admin, decision=act, date=dt.date(2023, 1, 5))

    assert _snapshot(issued) == before and Decision.objects.get(pk=issued.pk).status == "issued"
    assert set(DecisionLine.objects.filter(revoked_by=act).values_list("pk", flat=True)) == {
        lines[(org.staff[5].pk, "LDTT")].pk, lines[(org.staff[4].pk, "CSTDCS")].pk}
    held = set(AwardRecord.objects.values_list("staff_id", "code"))
    assert (org.staff[5].pk, "LDTT") not in held and (org.staff[4].pk, "CSTDCS") not in held
    assert {(org.staff[4].pk, "LDTT"), (org.staff[4].pk, "BK_TINH"), (org.staff[7].pk, "LDTT")} <= held
    assert issued.events.filter(action="corrected", by_decision=act).exists()
    # A line already withdrawn cannot be withdrawn again by a later correction.
    second = services.decision_draft_correction(actor=admin, decision=issued, reason="Lần hai")
    with pytest.raises(services.DecisionError, match="đã bị thu hồi"):
        services.decision_withdraw_line(actor=admin, decision=second, line=lines[(org.staff[5].pk, "LDTT")])


def test_an_award_already_in_force_is_not_given_twice(org, draft, issued):
    again = draft(org.skhcn, [("CSTDCS", org.staff[4])])
    with pytest.raises(services.DecisionError, match="hai lần"):
        services.decision_issue(actor=org.users["admin"], decision=again, date=DAY)
    # Nor a title recorded in the history by hand (from before the system).
    AwardRecord.objects.create(staff=org.staff[9], code="CSTDCS", year=2022, decision_number="12/QĐ-KHCN")
    other = draft(org.skhcn, [("CSTDCS", org.staff[9])])
    with pytest.raises(services.DecisionError, match="12/QĐ-KHCN"):
        services.decision_issue(actor=org.users["admin"], decision=other, date=DAY)


def test_a_draft_needs_lines_and_lines_fit_their_subject(org, draft):
    empty = draft(org.skhcn)
    with pytest.raises(services.DecisionError, match="trống"):
        services.decision_issue(actor=org.users["admin"], decision=empty, date=DAY)
    with pytest.raises(services.DecisionError, match="chỉ tặng cho tập thể"):
        services.decision_add_line(actor=org.users["admin"], decision=empty, code="TTLDTT", staff=org.staff[1])
    with pytest.raises(services.DecisionError, match="chỉ tặng cho cá nhân"):
        services.decision_add_line(actor=org.users["admin"], decision=empty, code="CSTDCS", unit=org.departments[0])
    services.decision_delete_draft(actor=org.users["admin"], decision=empty)
    assert not Decision.objects.filter(pk=empty.pk).exists()


@pytest.mark.parametrize(("username", "issuer", "allowed"), [
    ("admin", "skhcn", True), ("admin", "ubnd", True),
    ("skhcn", "skhcn", True), ("skhcn", "ubnd", False), ("skhcn", "snv", False),
    ("skhcn.lanhdao", "skhcn", False),
    ("bantdkt", "ubnd", True), ("bantdkt", "skhcn", False),
    ("snv", "skhcn", False),
])
def test_who_may_draft_and_issue_in_whose_name(org, username, issuer, allowed):
    issuer = getattr(org, issuer)
    user = org.users[username]
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.decision_create(actor=user, issuer=issuer, title="Về việc khen thưởng", award_year=2022)
        return
    decision = services.decision_create(actor=user, issuer=issuer, title="Về việc khen thưởng", award_year=2022,
                                        lines=[services.LineSpec(code="BK_TINH", staff=org.staff[3])])
    assert services.decision_issue(actor=user, decision=decision, date=DAY).status == "issued"


def test_the_defaults_of_a_provincial_decision(org, draft):
    decision = draft(org.ubnd, [("BK_TINH", org.staff[2])], actor="bantdkt", date=dt.date(2022, 12, 28))
    assert decision.symbol == "QĐ-UBND"
    assert decision.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN"
    assert decision.bases[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert any("Nghị định số 91/2017/NĐ-CP" in b for b in decision.bases)
    assert decision.recipients[-1].startswith("Lưu: VT")
    line = decision.lines.get()
    assert (line.name, line.unit_name) == (org.staff[2].full_name, "Văn phòng Sở, Sở Khoa học và Công nghệ")


def test_bases_left_as_suggested_follow_the_regime_of_the_date_of_issue(org, draft):
    decision = draft(org.skhcn, [("LDTT", org.staff[3])], date=dt.date(2023, 12, 20))
    assert any("91/2017" in b for b in decision.bases)
    issued = services.decision_issue(actor=org.users["admin"], decision=decision, date=dt.date(2024, 1, 5))
    assert any("98/2023" in b for b in issued.bases) and not any("91/2017" in b for b in issued.bases)
    edited = draft(org.skhcn, [("LDTT", org.staff[4])], date=dt.date(2023, 12, 20))
    services.decision_update(actor=org.users["admin"], decision=edited, bases=["Căn cứ văn bản riêng;"])
    kept = services.decision_issue(actor=org.users["admin"], decision=edited, date=dt.date(2024, 1, 5))
    assert kept.bases == ["Căn cứ văn bản riêng;"]


def test_award_history_survives_renames_and_follows_mergers(org, issued):
    from thidua.organizations.models import Unit, UnitKind
    from thidua.organizations.services import unit_merge, unit_rename

    admin = org.users["admin"]
    dept = org.departments[1]
    unit_rename(actor=admin, unit=dept, new_name="Phòng Quản lý khoa học và Đổi mới", on=dt.date(2023, 3, 1))
    line = issued.lines.get(unit=dept)
    assert line.name == "Phòng Quản lý khoa học"  # the decision prints the name it had on its date
    merged = Unit.objects.create(code="SKHCN-P9", name="Phòng Khoa học, Công nghệ và Đổi mới sáng tạo",
                                 kind=UnitKind.DEPARTMENT, parent=org.skhcn, province=org.province)
    unit_merge(actor=admin, predecessors=[dept], successor=merged, on=dt.date(2025, 7, 1))
    history = award_history(unit=merged)
    assert [(e.code, e.year, e.decision_number, e.name) for e in history] == [
        ("TTLDTT", 2022, "01/QĐ-KHCN", "Phòng Quản lý khoa học")]
