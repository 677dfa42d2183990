"""Criteria settings: each key's value is read and checked against the field's type (pure)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.catalog import criteria as fields
from thidua.catalog.reference import default_criteria
from thidua.rules.types import Criteria

RULE_SETS = ["ND91-2017", "LUAT2022-ND98", "LUAT2022-ND152"]


def test_every_field_of_the_rules_criteria_is_a_key_with_a_vietnamese_label():
    assert set(fields.KEYS) == {f.name for f in dataclasses.fields(Criteria)}
    assert all(fields.label(key) != key for key in fields.KEYS)


@pytest.mark.parametrize(("key", "text", "value"), [
    ("ttldtt_ldtt_above_percent", " 60 ", 60),
    ("ttldtt_no_discipline", "không", False),
    ("discipline_bars_individual", "TRUE", True),
    ("ldtt_min_rating", "htxsnv", "HTXSNV"),
    ("ttldtt_min_rating", "", None),
    ("cstd_tinh_min_scope", "TOAN_QUOC", "toan_quoc"),
    ("cstdcs_initiative_mandatory_in", "ND91-2017; LUAT2022-ND98", ("ND91-2017", "LUAT2022-ND98")),
    ("old_law_rule_sets", "", ()),
])
def test_values_are_read_by_the_type_of_the_field(key, text, value):
    assert fields.parse(key, text, rule_set_codes=RULE_SETS) == value


@pytest.mark.parametrize(("key", "text", "message"), [
    ("ttldtt_ldtt_above_percent", "năm mươi", "số nguyên"),
    ("ttldtt_ldtt_above_percent", "-5", "không được âm"),
    ("ttldxs_ldtt_min_percent", "120", "từ 0 đến 100"),
    ("cstd_tinh_streak_years", "0", "từ 1 trở lên"),
    ("ttldtt_no_discipline", "có lẽ", "đúng/sai"),
    ("ldtt_min_rating", "GIOI", "xếp loại"),
    ("ldtt_min_rating", "", "xếp loại"),
    ("cstd_tq_min_scope", "huyen", "phạm vi"),
    ("cstdcs_initiative_mandatory_in", "ND91-2017, ND99", "không có bộ quy định «ND99»"),
    ("no_such_key", "1", "Không có tiêu chí"),
])
def test_values_that_do_not_fit_are_refused_in_vietnamese(key, text, message):
    with pytest.raises(ValueError, match=message):
        fields.parse(key, text, rule_set_codes=RULE_SETS)


def _values(key: str):
    default = getattr(default_criteria(), key)
    if isinstance(default, bool):
        return st.booleans()
    if isinstance(default, int):
        return st.integers(1, 100)
    if isinstance(default, tuple):
        return st.lists(st.sampled_from(RULE_SETS), unique=True).map(tuple)
    return st.just(default)


@given(st.sampled_from(fields.KEYS).flatmap(lambda k: st.tuples(st.just(k), _values(k))))
def test_a_value_written_out_reads_back_the_same(pair):
    key, value = pair
    assert fields.parse(key, fields.to_text(key, value), rule_set_codes=RULE_SETS) == value


def test_overrides_apply_over_the_defaults_and_nothing_else():
    crit = fields.apply({"ttldtt_ldtt_above_percent": 60})
    assert crit.ttldtt_ldtt_above_percent == 60
    assert crit.ttldxs_ldtt_min_percent == default_criteria().ttldxs_ldtt_min_percent
    assert fields.apply({}) == default_criteria()
    assert fields.display("ttldtt_no_discipline", "true") == "có"
    assert fields.display("ttldtt_min_rating", "") == "(trống)"
