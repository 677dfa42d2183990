"""Pages and who sees what: the head's desk, members' own scores, drafts kept private, results only
after publication, another block's officer kept out."""

import pytest
from django.urls import reverse

from thidua.blocks import services
from thidua.blocks.models import AgreedScore, Scorecard, ScorecardStatus


def url(name, *extra, code="KHOI-TMTH", year=2022):
    return reverse(name, args=[code, year, *extra])


DESK = ["block_consolidation", "scoring_page", "block_ranking", "compact_detail", "block_year_detail"]


def test_anonymous_is_sent_to_login(client, block_year):
    response = client.get(url("block_consolidation"))
    assert response.status_code == 302 and reverse("login") in response.url


def test_the_heads_officer_opens_every_page_of_the_desk(as_user, block_year):
    client = as_user("truongkhoi")
    for name in DESK:
        assert client.get(url(name)).status_code == 200, name
    assert client.get(url("agreed_edit", "SKHCN")).status_code == 200
    assert client.get(url("compact_edit")).status_code == 200
    assert client.get(url("scoring_table_edit")).status_code == 200


def test_another_blocks_officer_gets_not_found(client, block_year, other_block):
    from thidua.accounts.models import User

    client.force_login(User.objects.get(username="khoikhac"))
    for name in DESK:
        assert client.get(url(name)).status_code == 404, name
    assert client.get(url("agreed_edit", "SKHCN")).status_code == 404
    assert client.get(url("block_consolidation_download", "docx")).status_code == 404
    assert client.post(url("results_publish")).status_code == 404
    assert client.get(url("block_year_detail", code="KHOI-KT")).status_code == 200


def test_the_matrix_shows_submitted_scores_and_hides_a_drafts_numbers(as_user, block_year):
    body = as_user("truongkhoi").get(url("scoring_page")).content.decode()
    assert "đang chấm" in body  # TTT's cross-score of SKHCN is a draft
    draft = Scorecard.objects.get(block_year=block_year, scorer__code="TTT", subject__code="SKHCN")
    assert draft.status == ScorecardStatus.DRAFT
    assert reverse("scorecard_view", args=["KHOI-TMTH", 2022, draft.pk]) not in body
    assert as_user("truongkhoi").get(url("scorecard_view", draft.pk)).status_code == 404


def test_a_member_sees_its_own_cards_drafts_included_but_never_anothers_draft(as_user, block_year):
    own_draft = Scorecard.objects.get(block_year=block_year, scorer__code="TTT", subject__code="SKHCN")
    others = Scorecard.objects.get(block_year=block_year, scorer__code="SNV", subject__code="SNV")
    client = as_user("skhcn")
    assert client.get(url("scorecard_view", own_draft.pk)).status_code == 404  # TTT's draft, not SKHCN's
    assert client.get(url("scorecard_view", others.pk)).status_code == 404  # SNV's card, even submitted
    mine = Scorecard.objects.get(block_year=block_year, scorer__code="SKHCN", subject__code="SKHCN")
    assert client.get(url("scorecard_view", mine.pk)).status_code == 200
    page = client.get(url("scoring_page")).content.decode()
    assert "Phiếu chấm của Sở Khoa học và Công nghệ" in page and 'id="matrix"' not in page


def test_a_member_cannot_reach_the_heads_desk(as_user, block_year):
    client = as_user("skhcn")
    assert client.get(url("block_consolidation")).status_code == 403
    assert client.get(url("agreed_edit", "SKHCN")).status_code == 403
    assert client.post(url("results_publish")).status_code == 403


def test_members_see_the_agreed_results_only_after_publication(as_user, block_year, users):
    client = as_user("snv")
    page = client.get(url("block_ranking")).content.decode()
    assert "chưa công bố" in page and 'id="ranking"' not in page
    services.results_publish(actor=users["truongkhoi"], block_year=block_year)
    page = client.get(url("block_ranking")).content.decode()
    assert 'id="ranking"' in page and "Sở Kế hoạch và Đầu tư" in page
    assert 'id="own-agreed"' in page and "Điểm thống nhất của Sở Nội vụ" in page
    assert 'id="matrix"' not in client.get(url("scoring_page")).content.decode()


def test_the_ranking_page_states_the_tie_break_rule(as_user, block_year):
    page = as_user("truongkhoi").get(url("block_ranking")).content.decode()
    assert 'id="tie-break-rule"' in page and "điểm chấm chéo bình quân" in page
    assert "Bằng tổng điểm, xếp theo điểm tiêu chí chấm điểm" in page


def test_a_member_submits_a_cross_score_from_the_page(as_user, block_year):
    from thidua.blocks.selectors import criteria_of

    client = as_user("skhcn")
    Scorecard.objects.filter(block_year=block_year, scorer__code="SKHCN", subject__code="STC").delete()
    data = {f"p_{c.pk}": str(c.max_points if c.group.kind == "standard" else 0) for c in criteria_of(block_year)}
    response = client.post(url("scorecard_edit", "STC"), {**data, "submit": "1"})
    assert response.status_code == 302
    card = Scorecard.objects.get(block_year=block_year, scorer__code="SKHCN", subject__code="STC")
    assert card.status == ScorecardStatus.SUBMITTED and card.scores.count() == len(data)
    bad = client.post(url("scorecard_edit", "STP"), {next(iter(data)): "45"})
    assert bad.status_code == 422 and "từ 0 đến 30" in bad.content.decode()


def test_the_head_saves_agreed_scores_and_the_ranking_follows(as_user, block_year):
    from thidua.blocks.selectors import criteria_of

    client = as_user("truongkhoi")
    first = criteria_of(block_year)[0]
    current = {f"p_{a.criterion_id}": str(a.points) for a in AgreedScore.objects.filter(block_year=block_year,
                                                                                      unit__code="SNV")}
    current[f"p_{first.pk}"] = "30"
    assert client.post(url("agreed_edit", "SNV"), current).status_code == 302
    from thidua.blocks.selectors import ranking

    assert {r.unit.code: r.ranked.score for r in ranking(block_year)}["SNV"] == 95  # 91 + the 4 points lost on 1


def test_the_province_board_launches_a_movement_and_sees_who_registered(as_user, block_year, users):
    from thidua.emulation.models import Movement
    from thidua.organizations.models import Unit

    client = as_user("bantdkt")
    ids = [u.pk for u in Unit.objects.filter(code__in=["SKHCN", "SNV", "STP"])]
    response = client.post(reverse("movement_launch"), {
        "name": "Thi đua chuyển đổi số", "kind": "chuyen_de", "year": 2022, "deadline": "2022-03-15",
        "documents": "Kế hoạch số 01/KH-BTĐKT", "targets": ids})
    assert response.status_code == 302
    movement = Movement.objects.get(name="Thi đua chuyển đổi số")
    page = client.get(reverse("movement_detail", args=[movement.pk])).content.decode()
    assert "Đã đăng ký: 1/3" in page and "Bị trả lại: 1" in page  # STP submitted, SNV returned
    # SKHCN sent nothing by 15/03/2022; STP and SNV sent theirs in February 2022 (the demo's dated events).
    assert "Trễ hạn: 1" in page
    Movement.objects.filter(pk=movement.pk).update(deadline="2099-12-31")
    assert "Trễ hạn: 0" in client.get(reverse("movement_detail", args=[movement.pk])).content.decode()
    agency_page = as_user("skhcn").get(reverse("movement_detail", args=[movement.pk])).content.decode()
    assert "Sở Nội vụ" not in agency_page and "Sở Khoa học" in agency_page
    assert as_user("truongkhoi").get(reverse("movement_detail", args=[movement.pk])).status_code == 404


@pytest.mark.parametrize("name", ["skhcn", "truongkhoi"])
def test_only_the_province_board_launches_movements(as_user, block_year, name):
    assert as_user(name).get(reverse("movement_launch")).status_code == 403


def test_the_province_board_copies_a_year_from_the_list(as_user, block_year):
    client = as_user("bantdkt")
    response = client.post(reverse("block_year_copy", args=["KHOI-TMTH"]),
                           {"from_year": 2022, "to_year": 2023, "rotate": "on"})
    assert response.status_code == 302 and response.url == url("block_year_detail", year=2023)
    page = client.get(url("block_year_detail", year=2023)).content.decode()
    assert "Luân phiên trưởng khối" in page
