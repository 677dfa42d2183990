"""Names instead of codes: the template filters read the catalog (one place): `{% load catalog %}` for
titles, forms and rule sets, `{% load evaluation %}` for ratings, `{% load thidua %}` for people."""

import pytest
from django.template import Context, Template

from thidua.catalog.models import AwardType
from thidua.catalog.names import initials


def render(text: str, **context) -> str:
    return Template("{% load thidua catalog evaluation %}" + text).render(Context(context))


def test_initials_follow_the_usual_vietnamese_short_forms():
    assert initials("Lao động tiên tiến") == "LĐTT"
    assert initials("Chiến sĩ thi đua cơ sở") == "CSTĐCS"
    assert initials("Cờ thi đua của Chính phủ") == "CTĐCP"
    assert initials("Bằng khen của Chủ tịch UBND tỉnh") == "BKCTUBNDT"


@pytest.mark.django_db
def test_award_filters_read_the_catalog_and_follow_an_edit():
    assert render("{{ c|award_name }}", c="CSTD_TINH") == "Chiến sĩ thi đua cấp Bộ, ban, ngành, tỉnh"
    assert render("{{ c|award_short }}", c="LDTT") == "Lao động tiên tiến"
    assert render("{{ c|award_short }}", c="CSTD_TINH") == (
        '<abbr title="Chiến sĩ thi đua cấp Bộ, ban, ngành, tỉnh">CSTĐCB</abbr>')
    award = AwardType.objects.get(code="LDTT")
    award.name = "Lao động tiên tiến (sửa)"
    award.save()
    assert render("{{ c|award_name }}", c="LDTT") == "Lao động tiên tiến (sửa)"
    assert render("{{ c|award_name }}", c=[]) == ""  # an empty lookup shows nothing, not an error


@pytest.mark.django_db
def test_rule_sets_ratings_and_people_are_shown_in_words():
    assert render("{{ c|rule_set_name }}", c="ND91-2017") == "Luật Thi đua, khen thưởng 2003 và Nghị định 91/2017/NĐ-CP"
    assert render("{{ c|rating_name }}", c="HTXSNV") == "Hoàn thành xuất sắc nhiệm vụ"
    assert render("{{ c|rating_short }}", c="HTTNV") == '<abbr title="Hoàn thành tốt nhiệm vụ">HTTNV</abbr>'
    assert render("{{ u|person }}", u=None) == "hệ thống"
