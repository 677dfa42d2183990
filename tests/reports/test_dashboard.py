"""The start page after login: deadlines, what waits for me, the year's progress — per role, in a
fixed number of queries, every link working for the user who sees it."""

import re

import pytest
from django.urls import reverse

from thidua.emulation.models import Registration, Status
from thidua.organizations.models import BlockMembership
from thidua.reports.dashboard import dashboard

ROLES = ["admin", "bantdkt", "truongkhoi", "skhcn", "skhcn.lanhdao", "snv"]


def links(html: str) -> list[str]:
    main = html.split("<main>", 1)[1]
    return sorted({href.replace("&amp;", "&") for href in re.findall(r'href="([^"#]+)"', main)})


def test_anonymous_is_sent_to_login(as_user):
    response = as_user(None).get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response.url


@pytest.mark.parametrize("who", ROLES)
def test_every_link_of_the_dashboard_opens_for_the_user_who_sees_it(as_user, who):
    client = as_user(who)
    html = client.get(reverse("home")).content.decode()
    found = links(html)
    assert len(found) >= 4
    for url in found:
        assert client.get(url).status_code == 200, (who, url)


@pytest.mark.parametrize("who", ROLES)
def test_the_dashboard_answers_in_a_fixed_number_of_queries(as_user, who, django_assert_max_num_queries):
    client = as_user(who)
    client.get(reverse("home"))  # the session and the user are read once per request anyway
    with django_assert_max_num_queries(30):
        assert client.get(reverse("home")).status_code == 200


def test_more_registrations_waiting_do_not_cost_more_queries(as_user, django_assert_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user("truongkhoi")
    client.get(reverse("home"))
    cache.clear()  # the page drawn, not the kept one
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("home"))
    Registration.objects.filter(year=2022).update(status=Status.SUBMITTED)  # a bulk write: no stamp changes
    cache.clear()
    with django_assert_num_queries(len(before)):
        client.get(reverse("home"))


def test_a_second_visit_to_the_start_page_is_the_kept_one(as_user, django_assert_max_num_queries):
    client = as_user("bantdkt")
    client.get(reverse("home"))
    # session, user, the stamps, the years of the year select
    with django_assert_max_num_queries(4):
        assert client.get(reverse("home")).status_code == 200


def test_the_kept_start_page_follows_dossiers_returned_lines_and_movements(users, staff):
    """The start page is kept under the province's stamps (reports.dashboard.dashboard): a dossier
    submitted, a line returned, a movement launched through the services show on the next visit,
    and another agency's start page is never this one's."""
    import datetime as dt

    from django.test import Client

    from thidua.blocks.services import MovementInput, movement_launch
    from thidua.yearend.services import (
        nomination_add_line,
        nomination_create,
        nomination_return_line,
        nomination_submit,
    )

    board, agency, other = Client(), Client(), Client()  # three people signed in at once
    for client, name in ((board, "bantdkt"), (agency, "skhcn"), (other, "snv")):
        client.force_login(users[name])

    def waiting(client) -> str:
        html = client.get(reverse("home"), {"nam": 2023}).content.decode()
        return html.split("<main>", 1)[1]

    before_board, before_agency, before_other = waiting(board), waiting(agency), waiting(other)
    assert waiting(board) == before_board and waiting(other) == before_other  # kept
    assert before_agency != before_other

    unit = users["skhcn"].unit.agency
    nomination = nomination_create(actor=users["skhcn"], unit=unit, year=2023)
    line = nomination_add_line(actor=users["skhcn"], nomination=nomination, code="LDTT", staff=staff[0])
    nomination_submit(actor=users["skhcn"], nomination=nomination)
    after_board = waiting(board)
    assert after_board != before_board
    assert reverse("nomination_detail", args=[nomination.pk]) in after_board

    nomination_return_line(actor=users["bantdkt"], line=line, reason="Thiếu báo cáo thành tích")
    assert "Thiếu báo cáo thành tích" in waiting(agency)
    assert "Thiếu báo cáo thành tích" not in waiting(other)

    movement_launch(actor=users["bantdkt"], launched_by=users["bantdkt"].unit,
                    data=MovementInput(name="Phong trào thử nghiệm bộ nhớ đệm", year=2023,
                                       deadline=dt.date(2023, 3, 15), target_ids=(unit.pk,)))
    assert "Phong trào thử nghiệm bộ nhớ đệm" in waiting(agency)
    assert "Phong trào thử nghiệm bộ nhớ đệm" not in waiting(other)


def test_the_block_head_sees_the_registrations_to_receive_with_links(as_user, users):
    html = as_user("truongkhoi").get(reverse("home"), {"nam": 2022}).content.decode()
    waiting = html.split('id="waiting"', 1)[1].split("</section>", 1)[0]
    assert "Bản đăng ký chờ tiếp nhận" in waiting
    for reg in Registration.objects.filter(year=2022, status=Status.SUBMITTED):
        assert reverse("registration_detail", args=[reg.pk]) in waiting
    board = dashboard(users["truongkhoi"], 2022)
    members = BlockMembership.objects.filter(block_year__year=2022, block_year__head=users["truongkhoi"].unit).count()
    received = Registration.objects.filter(year=2022, status=Status.RECEIVED).count()
    assert board.progress[0].value == f"{received}/{members}"


def test_the_agency_sees_its_returned_registration_and_the_years_deadline(as_user, users):
    html = as_user("snv").get(reverse("home"), {"nam": 2022}).content.decode()
    assert "Bị trả lại, cần sửa và gửi lại" in html
    reg = Registration.objects.get(unit__code="SNV", year=2022)
    assert reg.status == Status.RETURNED and reverse("registration_detail", args=[reg.pk]) in html
    assert "Hạn đăng ký thi đua" in html and "28/02/2022" in html


def test_the_progress_counts_issued_decisions_and_their_money(users):
    board = dashboard(users["bantdkt"], 2022)
    figures = {f.label: f.value for f in board.progress}
    assert figures["Quyết định khen thưởng đã ban hành"] == "4"  # SKHCN, UBND tỉnh, SNV, STC
    assert figures["Tổng tiền thưởng theo các quyết định"].endswith(" đồng")
    assert figures["Tổng tiền thưởng theo các quyết định"] != "0 đồng"


def test_the_cached_progress_follows_a_new_rating_and_a_new_person(users, staff):
    """The province's rated/headcount/decision figures are cached under its stamp (core.versions):
    a rating recorded or a person added through the services shows at once."""
    from thidua.evaluation.services import rating_set
    from thidua.organizations.services import staff_create

    def figures() -> dict[str, str]:
        return {f.label: f.value for f in dashboard(users["bantdkt"], 2023).progress}

    before = figures()["Cá nhân đã có xếp loại"]
    assert figures()["Cá nhân đã có xếp loại"] == before  # the second read is the cached one
    rated, headcount = map(int, before.split("/"))
    rating_set(actor=users["skhcn"], staff=staff[0], year=2023, rating="HTTNV")
    assert figures()["Cá nhân đã có xếp loại"] == f"{rated + 1}/{headcount}"
    staff_create(actor=users["skhcn"], agency=staff[0].agency, full_name="Nguyễn Văn Mới",
                 position="Chuyên viên", kind="cong_chuc")
    assert figures()["Cá nhân đã có xếp loại"] == f"{rated + 1}/{headcount + 1}"
