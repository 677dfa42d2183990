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
    client = as_user("truongkhoi")
    client.get(reverse("home"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(reverse("home"))
    Registration.objects.filter(year=2022).update(status=Status.SUBMITTED)
    with django_assert_num_queries(len(before)):
        client.get(reverse("home"))


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
