"""The block's part of `thidua demo`: KHOI-TMTH 2022 ready for the head's last steps."""

from django.db.models import F

from thidua.blocks.models import AgreedScore, Compact, Criterion, Review, Score, Scorecard, ScorecardStatus
from thidua.demo import load_demo
from thidua.emulation.models import Movement


def _counts():
    return [m.objects.count() for m in (Compact, Criterion, Scorecard, Score, AgreedScore, Review, Movement)]


def test_the_block_demo_is_idempotent(block_year):
    before = _counts()
    load_demo()
    assert _counts() == before


def test_every_member_scored_itself_and_one_cross_score_is_a_draft(block_year):
    cards = Scorecard.objects.filter(block_year=block_year)
    assert cards.filter(scorer=F("subject")).count() == 7
    drafts = cards.filter(status=ScorecardStatus.DRAFT)
    assert [(c.scorer.code, c.subject.code) for c in drafts] == [("TTT", "SKHCN")]
    assert Criterion.objects.filter(group__compact__block_year=block_year).count() == 13
    assert AgreedScore.objects.filter(block_year=block_year).count() == 7 * 13
    review = Review.objects.get(block_year=block_year)
    assert not review.is_published and review.province_flag_count == 2


def test_the_province_movement_has_a_deadline_and_targets_the_members(block_year):
    movement = Movement.objects.get(launched_for_year=2022, deadline__isnull=False)
    assert movement.target_units.count() == 7 and movement.launched_by.code == "UBND-TN"
