"""The agency's ratings grid: one select per row saved as you go (htmx) through evaluation's
rating_set, a visible "đã lưu" or a Vietnamese error per row, the counts at the top following;
scope per role; a fixed number of queries; initiatives recorded on the same page. The demo's 2022
ratings are locked by SKHCN's issued 2022 decisions: the leader reopens them with a reason."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.evaluation import services as evaluation_services
from thidua.evaluation.locks import rating_lock
from thidua.evaluation.models import Achievement, CollectiveRating, Rating, RatingReopening

GRID = reverse("yearend_ratings", args=["SKHCN"]) + "?nam=2022"
SAVE = reverse("yearend_rating_save", args=["SKHCN"])
REOPEN = reverse("yearend_ratings_reopen", args=["SKHCN"]) + "?nam=2022"


@pytest.fixture
def reopened(agency, users):
    """SKHCN's 2022 ratings made editable again by its leader (the recorded act)."""
    return evaluation_services.ratings_reopen(actor=users["skhcn.lanhdao"], agency=agency, year=2022,
                                              reason="Sửa xếp loại nhập nhầm")


def test_the_officer_sees_every_staff_member_and_department_with_a_select_each(as_user, agency, reopened):
    client = as_user("skhcn")
    page = client.get(GRID).content.decode()
    # 73 people in pages of 50, in department order; the counts and the units on every page.
    assert page.count('data-staff="') == 50
    assert page.count('data-unit="') == 8  # the agency itself and its 7 departments
    assert page.count('<select name="rating"') == 58
    assert 'hx-post="' + SAVE in page
    assert 'data-count="unrated">Chưa xếp loại: 0' in page
    assert "Trang 1/2 · 1–50 trong 73" in page
    second = client.get(GRID + "&trang=2").content.decode()
    assert second.count('data-staff="') == 23
    assert "<td>51</td>" in second and "<td>73</td>" in second
    shown = {int(i) for i in re.findall(r'data-staff="(\d+)"', page + second)}
    assert len(shown) == 73
    # Initiatives may be recorded for anyone of the agency, whichever page is shown.
    assert second.split('name="staff" required', 1)[1].split("</select>", 1)[0].count("<option") == 74


def test_changing_one_select_saves_it_through_rating_set_and_answers_da_luu(as_user, staff, reopened):
    person = staff[5]
    response = as_user("skhcn").post(SAVE, {"staff": person.pk, "nam": 2022, "rating": "KHTNV"},
                                     HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    answer = response.content.decode()
    assert "đã lưu: Không hoàn thành nhiệm vụ" in answer
    # The counts at the top follow the change (htmx out-of-band swap).
    assert 'id="rating-counts" hx-swap-oob="true"' in answer
    assert 'data-count="KHTNV"><abbr title="Không hoàn thành nhiệm vụ">KHTNV</abbr>: 1' in answer
    assert Rating.objects.get(staff=person, year=2022).rating == "KHTNV"

    assert AuditEvent.objects.filter(action="rating.set", object_id=str(Rating.objects.get(
        staff=person, year=2022).pk)).exists()


def test_a_department_rating_is_saved_by_collective_rating_set(as_user, agency, reopened):
    department = agency.children.order_by("position").first()
    response = as_user("skhcn").post(SAVE, {"unit": department.pk, "nam": 2022, "rating": "HTXSNV"})
    assert "đã lưu" in response.content.decode()
    assert CollectiveRating.objects.get(unit=department, year=2022).rating == "HTXSNV"


def test_a_bad_value_answers_a_clear_vietnamese_error_and_changes_nothing(as_user, staff):
    before = Rating.objects.get(staff=staff[0], year=2022).rating
    page = as_user("skhcn").post(SAVE, {"staff": staff[0].pk, "nam": 2022, "rating": ""}).content.decode()
    assert "Chưa lưu: Hãy chọn một mức xếp loại." in page and 'role="alert"' in page
    assert Rating.objects.get(staff=staff[0], year=2022).rating == before


def test_the_leader_and_the_province_board_see_the_grid_without_selects_and_cannot_save(as_user, staff):
    for username in ("skhcn.lanhdao", "bantdkt"):
        page = as_user(username).get(GRID).content.decode()
        assert page.count('data-staff="') == 50 and "<select name=\"rating\"" not in page
    answer = as_user("skhcn.lanhdao").post(SAVE, {"staff": staff[0].pk, "nam": 2022, "rating": "KHTNV"})
    assert "Chưa lưu: Bạn không có quyền" in answer.content.decode()
    assert Rating.objects.get(staff=staff[0], year=2022).rating != "KHTNV"


def test_another_agency_gets_404_and_an_anonymous_visitor_is_sent_to_log_in(as_user, staff):
    assert as_user("snv").get(GRID).status_code == 404
    assert as_user("snv").post(SAVE, {"staff": staff[0].pk, "nam": 2022, "rating": "HTNV"}).status_code == 404
    response = as_user(None).get(GRID)
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_the_grid_runs_a_fixed_number_of_queries(as_user, django_assert_max_num_queries):
    client = as_user("skhcn")
    with django_assert_max_num_queries(14):
        assert client.get(GRID).status_code == 200


def test_an_initiative_is_recorded_with_its_scope_from_the_same_page(as_user, staff):
    client = as_user("skhcn")
    response = client.post(reverse("yearend_achievement_add", args=["SKHCN"]), {
        "nam": 2022, "staff": staff[3].pk, "kind": "initiative", "title": "Quy trình số hóa hồ sơ",
        "scope": "tinh", "recognised_by": "Hội đồng sáng kiến tỉnh", "recognised_on": "2022-11-20"}, follow=True)
    assert "Đã ghi sáng kiến, đề tài" in response.content.decode()
    saved = Achievement.objects.get(staff=staff[3], title="Quy trình số hóa hồ sơ")
    assert (saved.year, saved.scope) == (2022, "tinh")
    assert "Quy trình số hóa hồ sơ" in client.get(GRID).content.decode()


@pytest.mark.parametrize("username", ["skhcn.lanhdao", "bantdkt"])
def test_only_the_officer_records_initiatives(as_user, staff, username):
    response = as_user(username).post(reverse("yearend_achievement_add", args=["SKHCN"]), {
        "nam": 2022, "staff": staff[3].pk, "kind": "initiative", "title": "Không được ghi"})
    assert response.status_code == 403
    assert not Achievement.objects.filter(title="Không được ghi").exists()


def test_the_cached_grid_shows_a_rating_saved_through_the_grid(as_user, staff, reopened):
    """A page of the grid is cached; saving a rating (evaluation.services.rating_set, through the
    grid's own form) changes the province's stamp and the next view shows it."""
    client = as_user("skhcn")
    person = next(p for p in staff if f'data-staff="{p.pk}"' in client.get(GRID).content.decode())
    current = Rating.objects.get(staff=person, year=2022).rating
    new = "KHTNV" if current != "KHTNV" else "HTNV"
    client.post(SAVE, {"staff": person.pk, "nam": 2022, "rating": new}, HTTP_HX_REQUEST="true")
    row = client.get(GRID).content.decode().split(f'data-staff="{person.pk}"', 1)[1].split("</tr>", 1)[0]
    assert f'<option value="{new}" selected>' in row


def test_ratings_of_a_year_with_an_issued_decision_are_read_only_and_say_why(as_user, agency, staff):
    lock = rating_lock(agency, 2022)
    assert lock is not None and lock.decision.award_year == 2022
    page = as_user("skhcn").get(GRID).content.decode()
    assert '<select name="rating"' not in page
    assert "Xếp loại năm 2022 đã khóa" in page and str(lock.decision) in page
    assert "đề nghị lãnh đạo cơ quan hoặc Ban Thi đua – Khen thưởng tỉnh mở lại" in page
    assert REOPEN not in page  # the officer does not reopen
    before = Rating.objects.get(staff=staff[5], year=2022).rating
    answer = as_user("skhcn").post(SAVE, {"staff": staff[5].pk, "nam": 2022, "rating": "KHTNV"}).content.decode()
    assert "Chưa lưu: Xếp loại năm 2022 đã khóa" in answer
    assert Rating.objects.get(staff=staff[5], year=2022).rating == before
    assert rating_lock(agency, 2021) is None  # no decision for 2021 in the demo


def test_only_a_leader_reopens_with_a_reason_and_it_is_recorded(as_user, agency, staff):
    officer = as_user("skhcn")
    officer.post(REOPEN, {"reason": "Tự mở"})
    assert not RatingReopening.objects.exists()
    leader = as_user("skhcn.lanhdao")
    assert REOPEN in leader.get(GRID).content.decode()
    page = leader.post(REOPEN, {"reason": "   "}, follow=True).content.decode()
    assert "Hãy ghi lý do mở lại xếp loại." in page and not RatingReopening.objects.exists()
    page = leader.post(REOPEN, {"reason": "Xếp loại của một người nhập nhầm"}, follow=True).content.decode()
    assert "Đã mở lại xếp loại năm 2022" in page
    reopening = RatingReopening.objects.get()
    assert (reopening.agency, reopening.year, reopening.actor.username) == (agency, 2022, "skhcn.lanhdao")
    assert AuditEvent.objects.filter(action="rating_reopening.create", object_id=str(reopening.pk)).exists()
    grid = as_user("skhcn").get(GRID).content.decode()
    assert grid.count('<select name="rating"') == 58  # 50 people of the first page, 8 units
    assert "Xếp loại của một người nhập nhầm" in grid
    # A decision issued after the reopening locks the year again.
    RatingReopening.objects.filter(pk=reopening.pk).update(at=reopening.at - dt.timedelta(days=3650))
    assert rating_lock(agency, 2022) is not None


def test_the_province_board_may_reopen_another_agency_may_not(as_user, users, agency):
    assert evaluation_services.can_reopen_ratings(users["bantdkt"], agency)
    assert not evaluation_services.can_reopen_ratings(users["snv"], agency)
    assert not evaluation_services.can_reopen_ratings(users["skhcn"], agency)
