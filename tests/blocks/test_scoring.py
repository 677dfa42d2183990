"""Scoring and ranking as pure functions: caps, bonus and penalty, and the tie-break rule."""

from decimal import Decimal as D

from thidua.blocks.scoring import (
    BONUS,
    PENALTY,
    STANDARD,
    TIE_BREAK_RULE,
    Breakdown,
    Group,
    Item,
    Standing,
    Table,
    breakdown,
    fmt_points,
    rank,
)

TABLE = Table(
    groups=(Group(1, STANDARD), Group(2, BONUS, cap=D(5)), Group(3, PENALTY)),
    items=(Item(1, 1, D(60)), Item(2, 1, D(40)), Item(3, 2, D(3)), Item(4, 2, D(3)), Item(5, 3, D(10))),
)


def test_a_card_totals_criteria_plus_capped_bonus_minus_penalty():
    b = breakdown(TABLE, {1: D(55), 2: D("38.5"), 3: D(3), 4: D(3), 5: D(2)})
    assert (b.base, b.bonus, b.penalty, b.total) == (D("93.5"), D(5), D(2), D("96.5"))
    assert TABLE.max_standard == D(100) and TABLE.max_bonus == D(5)


def test_points_outside_an_items_range_are_clamped_and_unscored_items_count_nothing():
    b = breakdown(TABLE, {1: D(70), 2: D(-3)})
    assert (b.base, b.scored_items) == (D(60), 2)


def _s(unit, base, bonus=0, penalty=0, cross=None):
    return Standing(unit, Breakdown(D(base), D(bonus), D(penalty)), None if cross is None else D(cross))


def test_equal_totals_are_broken_by_criteria_points_then_penalty_then_cross_scores():
    ranked = rank([
        _s("A", 93, 4),          # 97, fewer criteria points
        _s("B", 94, 3),          # 97, more criteria points: ahead of A
        _s("C", 92, 3, 1, 90),   # 94 with a penalty
        _s("D", 94, 1, 1, 80),   # 94, more criteria points and same penalty as C: ahead of C
        _s("E", 92, 2, 0, 91),   # 94, fewer criteria than D ... same as F
        _s("F", 92, 2, 0, 95),   # 94, equal to E on every point but the cross-score: ahead of E
    ])
    assert [(r.unit, r.rank) for r in ranked] == [("B", 1), ("A", 2), ("D", 3), ("F", 4), ("E", 5), ("C", 6)]
    by = {r.unit: r.decided_by for r in ranked}
    assert by["B"] == by["A"] == "điểm tiêu chí chấm điểm"
    assert by["F"] == by["E"] == "điểm chấm chéo bình quân"


def test_units_equal_on_every_step_share_the_rank_and_the_next_rank_is_skipped():
    ranked = rank([_s("A", 90, cross=88), _s("B", 95), _s("C", 90, cross=88), _s("D", 80)])
    assert [(r.unit, r.rank) for r in ranked] == [("B", 1), ("A", 2), ("C", 2), ("D", 4)]
    assert ranked[1].tied_with == ("C",) and ranked[2].tied_with == ("A",)


def test_fewer_penalty_points_break_a_tie_on_total_and_criteria():
    # Same total, same criteria points is impossible without the same bonus−penalty; with bonus
    # 2 − penalty 1 against bonus 1 − penalty 0, the one deducted less ranks first.
    ranked = rank([_s("A", 90, 2, 1), _s("B", 90, 1, 0)])
    assert [r.unit for r in ranked] == ["B", "A"] and ranked[0].decided_by == "điểm trừ"


def test_the_rule_is_written_for_the_user_in_five_steps():
    assert len(TIE_BREAK_RULE) == 5 and "đồng hạng" in TIE_BREAK_RULE[-1]


def test_points_print_with_a_decimal_comma():
    assert (fmt_points(D("96.50")), fmt_points(D("100.00")), fmt_points(None)) == ("96,5", "100", "")
