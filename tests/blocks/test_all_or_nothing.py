"""Scores under bad input: NaN, infinity, 10^20, letters, over-long notes — every bad entry named
in Vietnamese, nothing saved (a form is written whole or not at all), never a 500."""

import pytest
from django.urls import reverse

from thidua.blocks import selectors, services
from thidua.blocks.models import AgreedScore, Score, Scorecard
from thidua.organizations.models import Unit


@pytest.mark.parametrize("bad", ["NaN", "inf", "-Infinity", "1e5", "100000000000000000000", "²", "abc", "1.2.3"])
def test_a_scorecard_with_one_bad_score_saves_none_and_names_it(block_year, users, bad):
    snv = Unit.objects.get(code="SNV")
    Scorecard.objects.filter(block_year=block_year, scorer=snv, subject=snv).delete()
    criteria = selectors.criteria_of(block_year)
    points = {criteria[0].pk: ("10", "ok"), criteria[1].pk: (bad, ""), criteria[2].pk: ("-1", "")}
    with pytest.raises(services.BlockError) as caught:
        services.scorecard_save(actor=users["snv"], block_year=block_year, subject=snv, points=points)
    text = str(caught.value)
    assert f"tiêu chí {criteria[1].number}".lower() in text.lower() and "phải từ 0" in text, text
    assert "Chưa lưu điểm nào" in text
    assert not Score.objects.filter(scorecard__block_year=block_year, scorecard__scorer=snv,
                                    scorecard__subject=snv).exists()


def test_the_scorecard_page_answers_nan_with_the_form_not_a_500(block_year, as_user):
    Scorecard.objects.filter(block_year=block_year, scorer__code="SNV", subject__code="SNV").delete()
    client = as_user("snv")
    criteria = selectors.criteria_of(block_year)
    url = reverse("scorecard_edit", args=[block_year.block.code, block_year.year, "SNV"])
    before = Score.objects.count()
    response = client.post(url, {f"p_{criteria[0].pk}": "NaN", f"p_{criteria[1].pk}": "1e400",
                                 f"e_{criteria[0].pk}": "x" * 10_000})
    assert response.status_code == 422
    page = response.content.decode()
    assert "không phải là số điểm" in page and "Chưa lưu điểm nào" in page, page[page.find("messages"):][:800]
    assert Score.objects.count() == before


def test_agreed_scores_are_all_or_nothing_and_notes_fit_their_column(block_year, users):
    criteria = selectors.criteria_of(block_year)
    snv = Unit.objects.get(code="SNV")
    head = users["truongkhoi"]
    before = AgreedScore.objects.count()
    with pytest.raises(services.BlockError, match="dài quá 300 ký tự"):
        services.agreed_scores_save(actor=head, block_year=block_year, unit=snv,
                                    points={criteria[0].pk: ("10", ""), criteria[1].pk: ("5", "x" * 10_000)})
    with pytest.raises(services.BlockError, match="không phải là số điểm"):
        services.agreed_scores_save(actor=head, block_year=block_year, unit=snv,
                                    points={criteria[0].pk: ("10", ""), criteria[1].pk: ("NaN", "")})
    assert AgreedScore.objects.count() == before
