"""Services of the blocks area: setup and rotation, scorecards, agreed scores, publication and
proposals, each permission-checked and audited."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from thidua.audit.models import AuditEvent
from thidua.blocks import selectors, services
from thidua.blocks.models import AgreedScore, Criterion, Proposal, Review, Scorecard, ScorecardStatus
from thidua.organizations.models import BlockYear, Unit


def _units(*codes):
    return [Unit.objects.get(code=c) for c in codes]


def test_the_province_board_sets_up_a_year_and_the_head_change_stays_in_history(block_year, users):
    stc, stp, skhdt = _units("STC", "STP", "SKHDT")
    ids = [m.unit_id for m in block_year.memberships.order_by("position")]
    services.block_year_save(actor=users["bantdkt"], block=block_year.block, year=2022, head=stp, deputy=skhdt,
                             member_ids=ids)
    block_year.refresh_from_db()
    assert (block_year.head, block_year.deputy) == (stp, skhdt)
    event = AuditEvent.objects.get(action="block_year.update", object_id=str(block_year.pk))
    assert event.changes["head"] == [stc.name, stp.name] and event.actor == users["bantdkt"]
    assert AuditEvent.objects.filter(action="block_year.update", object_id=str(block_year.pk)).exists()


def test_only_the_province_board_sets_up_blocks(block_year, users):
    for name in ("truongkhoi", "skhcn"):
        with pytest.raises(PermissionDenied):
            services.block_year_save(actor=users[name], block=block_year.block, year=2023, head=None, deputy=None,
                                     member_ids=[])


def test_the_head_must_be_a_member(block_year, users):
    outsider = Unit.objects.create(code="SXD", name="Sở Xây dựng", kind="agency", province=block_year.block.province)
    with pytest.raises(services.BlockError, match="thành viên"):
        services.block_year_save(actor=users["bantdkt"], block=block_year.block, year=2022, head=outsider,
                                 deputy=None, member_ids=[block_year.head_id])


def test_copying_last_year_rotates_the_deputy_to_head_and_the_next_member_to_deputy(block_year, users):
    new = services.block_year_copy(actor=users["bantdkt"], block=block_year.block, from_year=2022, to_year=2023)
    assert (new.head.code, new.deputy.code) == ("STP", "SKHDT")
    assert [m.unit.code for m in new.memberships.order_by("position")] == [
        m.unit.code for m in block_year.memberships.order_by("position")]
    kept = services.block_year_copy(actor=users["bantdkt"], block=block_year.block, from_year=2022, to_year=2024,
                                    rotate=False)
    assert (kept.head.code, kept.deputy.code) == ("STC", "STP")
    with pytest.raises(services.BlockError, match="đã có"):
        services.block_year_copy(actor=users["bantdkt"], block=block_year.block, from_year=2022, to_year=2023)


def test_a_member_scores_itself_with_evidence_and_submits_only_when_every_criterion_is_scored(block_year, users):
    Scorecard.objects.filter(block_year=block_year, scorer__code="SNV", subject__code="SNV").delete()
    criteria = selectors.criteria_of(block_year)
    snv = Unit.objects.get(code="SNV")
    first = {criteria[0].pk: ("25,5", "Báo cáo tổng kết")}
    card = services.scorecard_save(actor=users["snv"], block_year=block_year, subject=snv, points=first)
    assert card.is_self and card.status == ScorecardStatus.DRAFT
    assert card.scores.get().points == D("25.5") and card.scores.get().evidence == "Báo cáo tổng kết"
    with pytest.raises(services.BlockError, match="chưa chấm"):
        services.scorecard_save(actor=users["snv"], block_year=block_year, subject=snv, points=first, submit=True)
    everything = {c.pk: (str(c.max_points), "") for c in criteria if c.group.kind != "penalty"}
    everything |= {c.pk: ("0", "") for c in criteria if c.group.kind == "penalty"}
    card = services.scorecard_save(actor=users["snv"], block_year=block_year, subject=snv, points=everything,
                                   submit=True)
    assert card.status == ScorecardStatus.SUBMITTED and card.submitted_by == users["snv"]
    with pytest.raises(services.BlockError, match="đã gửi"):
        services.scorecard_save(actor=users["snv"], block_year=block_year, subject=snv, points=first)


def test_a_score_above_the_criterions_maximum_is_refused(block_year, users):
    criterion = selectors.criteria_of(block_year)[0]
    with pytest.raises(services.BlockError, match="từ 0 đến 30"):
        services.scorecard_save(actor=users["snv"], block_year=block_year, subject=Unit.objects.get(code="SKHCN"),
                                points={criterion.pk: ("31", "")})


def test_someone_outside_the_block_cannot_score(block_year, users, other_block):
    from thidua.accounts.models import User

    with pytest.raises(PermissionDenied):
        services.scorecard_save(actor=User.objects.get(username="khoikhac"), block_year=block_year,
                                subject=Unit.objects.get(code="SKHCN"), points={})
    with pytest.raises(PermissionDenied):
        services.scorecard_save(actor=users["bantdkt"], block_year=block_year, subject=Unit.objects.get(code="SKHCN"),
                                points={})


def test_the_head_returns_a_card_with_a_reason_and_the_scorer_can_edit_it_again(block_year, users):
    card = Scorecard.objects.get(block_year=block_year, scorer__code="SNV", subject__code="SNV")
    with pytest.raises(PermissionDenied):
        services.scorecard_return(actor=users["skhcn"], card=card, reason="x")
    services.scorecard_return(actor=users["truongkhoi"], card=card, reason="Thiếu minh chứng tiêu chí 6")
    card.refresh_from_db()
    assert card.status == ScorecardStatus.DRAFT and card.return_reason == "Thiếu minh chứng tiêu chí 6"


def test_agreed_scores_are_the_heads_to_record(block_year, users):
    skhcn = Unit.objects.get(code="SKHCN")
    criterion = selectors.criteria_of(block_year)[0]
    with pytest.raises(PermissionDenied):
        services.agreed_scores_save(actor=users["skhcn"], block_year=block_year, unit=skhcn,
                                    points={criterion.pk: ("30", "")})
    services.agreed_scores_save(actor=users["truongkhoi"], block_year=block_year, unit=skhcn,
                                points={criterion.pk: ("30", "hội nghị nâng điểm")})
    assert AgreedScore.objects.get(block_year=block_year, unit=skhcn, criterion=criterion).points == D(30)
    ranking = {r.unit.code: r.ranked.score for r in selectors.ranking(block_year)}
    assert ranking["SKHCN"] == D(99)


def test_publishing_needs_every_members_agreed_scores_and_then_locks_the_scores(block_year, users):
    missing = AgreedScore.objects.filter(block_year=block_year, unit__code="TTT").first()
    missing.delete()
    with pytest.raises(services.BlockError, match="Thanh tra"):
        services.results_publish(actor=users["truongkhoi"], block_year=block_year)
    AgreedScore.objects.create(block_year=block_year, unit=missing.unit, criterion=missing.criterion,
                               points=missing.points)
    review = services.results_publish(actor=users["truongkhoi"], block_year=block_year)
    assert review.is_published and review.published_by == users["truongkhoi"]
    with pytest.raises(services.BlockError, match="đã công bố"):
        services.agreed_scores_save(actor=users["truongkhoi"], block_year=block_year, unit=missing.unit,
                                    points={missing.criterion_id: ("1", "")})
    with pytest.raises(services.BlockError, match="đã công bố"):
        services.scorecard_save(actor=users["skhcn"], block_year=block_year, subject=missing.unit, points={})


def test_proposals_wait_for_publication(block_year, users):
    with pytest.raises(services.BlockError, match="Công bố"):
        services.proposals_make(actor=users["truongkhoi"], block_year=block_year)


def test_the_top_two_go_to_the_provincial_flag_and_the_leader_to_the_governments(block_year, users):
    services.results_publish(actor=users["truongkhoi"], block_year=block_year)
    outcome = services.proposals_make(actor=users["truongkhoi"], block_year=block_year)
    rows = {(p.award_code, p.unit.code): p for p in outcome.created}
    assert set(rows) == {("CO_TINH", "SKHDT"), ("CO_TINH", "SKHCN"), ("CO_CP", "SKHDT")}
    co_cp = rows[("CO_CP", "SKHDT")]
    # The block year is 2022: ND 91/2017 Điều 11 grounds (leads the emulation of the province, chosen among the
    # collectives at the provincial flag's standard), not the 2022 law's "dẫn đầu khối, cụm" of Điều 25.
    assert co_cp.verdict == "eligible" and co_cp.reasons[0].startswith("Dẫn đầu Khối")
    assert any("dẫn đầu phong trào thi đua của bộ, ngành, tỉnh" in r and "Nghị định 91/2017/NĐ-CP, Điều 11" in r
               for r in co_cp.reasons)
    assert rows[("CO_TINH", "SKHCN")].verdict == "review" and "Xếp thứ 2/7" in rows[("CO_TINH", "SKHCN")].reasons[0]
    # ND 91/2017 Điều 11: Cờ CP ≤ 20% of the 2 collectives at the provincial standard = 0 (rounded down).
    assert co_cp.quota_exceeded and "tối đa 20% = 0" in co_cp.quota_note and "Điều 11" in co_cp.quota_note


def test_the_quota_counts_every_block_of_the_province(block_year, users, other_block):
    services.results_publish(actor=users["truongkhoi"], block_year=block_year)
    services.proposals_make(actor=users["truongkhoi"], block_year=block_year)
    # Other blocks propose eight more collectives for the provincial flag: 20% of 10 = 2 ≥ 1.
    for i in range(8):
        unit = Unit.objects.create(code=f"X{i}", name=f"Đơn vị {i}", kind="agency", province=block_year.block.province)
        Proposal.objects.create(block_year=other_block, unit=unit, award_code="CO_TINH", rank=1, score=90,
                                verdict="review")
    from thidua.blocks.proposals import recheck_quota

    recheck_quota(block_year.block.province_id, 2022)
    co_cp = Proposal.objects.get(block_year=block_year, award_code="CO_CP")
    assert not co_cp.quota_exceeded and "10 tập thể" in co_cp.quota_note and "= 2" in co_cp.quota_note


def test_a_tie_for_first_place_proposes_no_government_flag(block_year, users):
    # SKHCN gains a point on criterion 1 and a bonus point: 95 + 4 = 99 like SKHDT. SKHCN has no submitted
    # cross-score (its cross-card is a draft); without SKHDT's, the two are equal on every step.
    criterion = Criterion.objects.get(group__compact__block_year=block_year, number="1")
    AgreedScore.objects.filter(block_year=block_year, unit__code="SKHCN", criterion=criterion).update(points=29)
    AgreedScore.objects.filter(block_year=block_year, unit__code="SKHCN", criterion__number="11").update(points=1)
    Scorecard.objects.filter(block_year=block_year, subject__code="SKHDT").exclude(scorer__code="SKHDT").delete()
    ranks = {r.unit.code: r.ranked.rank for r in selectors.ranking(block_year)}
    assert ranks["SKHDT"] == ranks["SKHCN"] == 1
    services.results_publish(actor=users["truongkhoi"], block_year=block_year)
    outcome = services.proposals_make(actor=users["truongkhoi"], block_year=block_year)
    assert not [p for p in outcome.created if p.award_code == "CO_CP"]
    assert any("đồng hạng nhất" in n for n in outcome.notes)


def test_a_scored_criterion_cannot_be_removed_from_the_table(block_year, users):
    rows = []
    for g in selectors.groups_with_criteria(selectors.compact_of(block_year)):
        rows.append(services.TableRow(row_kind="group", text=g.title, number=g.number, group_kind=g.kind, id=g.pk,
                                      max_points=g.cap))
        rows += [services.TableRow(row_kind="item", text=c.text, number=c.number, max_points=c.max_points, id=c.pk)
                 for c in g.criteria.all()]
    rows[1].text = "Hoàn thành chỉ tiêu kế hoạch năm"  # an edit keeps the scores
    services.scoring_table_save(actor=users["truongkhoi"], block_year=block_year, rows=rows)
    assert Criterion.objects.get(pk=rows[1].id).text == "Hoàn thành chỉ tiêu kế hoạch năm"
    with pytest.raises(services.BlockError, match="đã được chấm"):
        services.scoring_table_save(actor=users["truongkhoi"], block_year=block_year, rows=rows[:-1])


def test_a_new_year_starts_with_an_empty_scoring_table(block_year, users):
    new = services.block_year_copy(actor=users["bantdkt"], block=block_year.block, from_year=2022, to_year=2023)
    assert selectors.compact_of(new) is None and not Review.objects.filter(block_year=new).exists()
    assert BlockYear.objects.filter(block=block_year.block).count() == 2
