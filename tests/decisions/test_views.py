"""Decision pages per role: in scope, out of scope (404), anonymous (login), actions by whom."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.decisions import services
from thidua.decisions.models import Decision


@pytest.fixture
def decisions(org, draft):
    """An issued UBND decision about SKHCN's staff, an issued SKHCN decision, a UBND draft, an SNV draft."""
    ubnd = services.decision_issue(actor=org.users["bantdkt"], date=dt.date(2022, 12, 28), decision=draft(
        org.ubnd, [("BK_TINH", org.staff[2])], actor="bantdkt", title="Về việc tặng Bằng khen năm 2022"))
    agency = services.decision_issue(actor=org.users["skhcn"], date=dt.date(2022, 12, 15), decision=draft(
        org.skhcn, [("LDTT", org.staff[4])], actor="skhcn"))
    ubnd_draft = draft(org.ubnd, [("BK_TINH", org.staff[5])], actor="bantdkt", title="Dự thảo của tỉnh")
    snv_draft = draft(org.snv, [("LDTT", org.snv_staff[0])], actor="snv", title="Dự thảo của Sở Nội vụ")
    return {"ubnd": ubnd, "agency": agency, "ubnd_draft": ubnd_draft, "snv_draft": snv_draft}


def login(client, org, name):
    client.force_login(org.users[name])
    return client


VISIBLE = {
    "admin": {"ubnd", "agency", "ubnd_draft", "snv_draft"},
    "bantdkt": {"ubnd", "agency", "ubnd_draft", "snv_draft"},
    "skhcn": {"ubnd", "agency"},
    "skhcn.lanhdao": {"ubnd", "agency"},
    "snv": {"snv_draft"},
}


@pytest.mark.parametrize("username", sorted(VISIBLE))
def test_each_role_sees_its_decisions_and_gets_404_for_the_others(client, org, decisions, username):
    login(client, org, username)
    listing = client.get(reverse("decision_list")).content.decode()
    for key, decision in decisions.items():
        detail = client.get(reverse("decision_detail", args=[decision.pk]))
        download = client.get(reverse("decision_download", args=[decision.pk, "docx"]))
        if key in VISIBLE[username]:
            assert detail.status_code == 200 and download.status_code == 200, key
            assert decision.title in listing
        else:
            assert detail.status_code == 404 and download.status_code == 404, key
            assert decision.title not in listing


def test_anonymous_users_are_sent_to_the_login_page(client, decisions):
    for url in (reverse("decision_list"), reverse("decision_detail", args=[decisions["ubnd"].pk]),
                reverse("decision_download", args=[decisions["ubnd"].pk, "docx"])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_detail_shows_the_annex_money_and_the_words(client, org, decisions):
    body = login(client, org, "skhcn").get(reverse("decision_detail", args=[decisions["ubnd"].pk])).content.decode()
    assert "Quyết định số 01/QĐ-UBND" in body and "1.490.000" in body
    assert "Một triệu bốn trăm chín mươi nghìn đồng" in body
    assert "Ban hành</button>" not in body and "Thu hồi bằng quyết định mới" not in body


def test_the_board_issues_a_provincial_draft_from_its_page(client, org, decisions):
    draft = decisions["ubnd_draft"]
    body = login(client, org, "bantdkt").get(reverse("decision_detail", args=[draft.pk])).content.decode()
    assert "Ban hành</button>" in body
    response = client.post(reverse("decision_issue", args=[draft.pk]), {"date": "2022-12-30"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.number_display) == ("issued", "02/QĐ-UBND")


def test_an_agency_leader_sees_but_cannot_issue_or_revoke(client, org, decisions, draft):
    own_draft = draft(org.skhcn, [("LDTT", org.staff[6])], actor="skhcn")
    client = login(client, org, "skhcn.lanhdao")
    assert client.post(reverse("decision_issue", args=[own_draft.pk]), {"date": "2022-12-30"}).status_code == 403
    revoke = reverse("decision_amend", args=[decisions["agency"].pk, "thu-hoi"])
    assert client.post(revoke, {"reason": "x"}).status_code == 403
    # Another agency cannot even find it.
    login(client, org, "snv")
    assert client.post(reverse("decision_issue", args=[own_draft.pk]), {"date": "2022-12-30"}).status_code == 404


def test_revoking_from_the_page_starts_a_new_act_with_its_reason(client, org, decisions):
    client = login(client, org, "skhcn")
    target = decisions["agency"]
    assert client.post(reverse("decision_amend", args=[target.pk, "thu-hoi"]), {"reason": " "}).status_code == 302
    assert not Decision.objects.filter(revokes=target).exists()
    response = client.post(reverse("decision_amend", args=[target.pk, "thu-hoi"]), {"reason": "Nhầm người"})
    act = Decision.objects.get(revokes=target)
    assert response.url == reverse("decision_detail", args=[act.pk])
    page = client.get(response.url).content.decode()
    assert "Nhầm người" in page and "BỊ THU HỒI" in page
    client.post(reverse("decision_issue", args=[act.pk]), {"date": "2023-01-03"})
    target.refresh_from_db()
    assert target.status == "revoked"
    assert "đã có văn bản sau" in client.get(reverse("decision_detail", args=[target.pk])).content.decode()


def test_an_agency_officer_builds_a_draft_line_by_line(client, org):
    client = login(client, org, "skhcn")
    response = client.post(reverse("decision_create"), {"issuer": org.skhcn.pk, "award_year": "2022",
                                                        "title": "Về việc công nhận danh hiệu thi đua năm 2022"})
    decision = Decision.objects.get(title__startswith="Về việc công nhận")
    assert response.url == reverse("decision_detail", args=[decision.pk])
    page = client.get(response.url).content.decode()
    assert org.staff[4].full_name in page  # the staff list to choose from
    client.post(reverse("decision_add_line", args=[decision.pk]), {"staff": org.staff[4].pk, "code": "LDTT"})
    client.post(reverse("decision_add_line", args=[decision.pk]), {"unit": org.departments[0].pk, "code": "TTLDTT"})
    assert decision.lines.count() == 2
    client.post(reverse("decision_edit", args=[decision.pk]), {
        "title": decision.title, "award_year": "2022", "signer_position": "GIÁM ĐỐC", "signer_name": "Nguyễn Văn An",
        "bases": "Căn cứ A;\nCăn cứ B;", "recipients": "Như Điều 3\nLưu: VT, VP"})
    decision.refresh_from_db()
    assert decision.bases == ["Căn cứ A;", "Căn cứ B;"] and decision.signer_name == "Nguyễn Văn An"
    # SKHCN cannot draft in the name of UBND tỉnh.
    assert client.post(reverse("decision_create"), {"issuer": org.ubnd.pk, "award_year": "2022",
                                                    "title": "x"}).status_code == 403


def test_the_list_shows_each_decisions_line_count_and_money(client, org, decisions):
    """The figures are read for the page's decisions in one grouped query (decisions.selectors.with_line_figures)."""
    ubnd = decisions["ubnd"]
    listing = login(client, org, "bantdkt").get(reverse("decision_list"), {"nam": ubnd.award_year}).content.decode()
    row = listing[listing.index(ubnd.title):].split("</tr>", 1)[0]
    assert f"<td>{ubnd.lines.count()}</td>" in row and "1.490.000" in row


def _row(listing: str, title: str) -> str:
    return listing[listing.index(title):].split("</tr>", 1)[0]


def test_the_cached_list_follows_a_drafts_lines_added_and_removed_through_the_services(client, org, decisions):
    """The list's rows are cached under the province's stamp and its drafts' lines' (which the line
    services bump): a line added or removed shows on the next view."""
    draft = decisions["ubnd_draft"]
    client = login(client, org, "bantdkt")
    url = reverse("decision_list") + "?nam=2022"
    assert "<td>1</td>" in _row(client.get(url).content.decode(), draft.title)
    line = services.decision_add_line(actor=org.users["bantdkt"], decision=draft, code="BK_TINH", staff=org.staff[6])
    assert "<td>2</td>" in _row(client.get(url).content.decode(), draft.title)
    services.decision_remove_line(actor=org.users["bantdkt"], line=line)
    assert "<td>1</td>" in _row(client.get(url).content.decode(), draft.title)
    services.decision_update(actor=org.users["bantdkt"], decision=draft, title="Dự thảo đã đổi tên")
    listing = client.get(url).content.decode()
    assert "Dự thảo đã đổi tên" in listing and draft.title not in listing
    services.decision_issue(actor=org.users["bantdkt"], decision=draft, date=dt.date(2022, 12, 30))
    assert "Đã ban hành" in _row(client.get(url).content.decode(), "Dự thảo đã đổi tên")


def test_the_cached_list_of_one_scope_is_not_shown_to_another(client, org, decisions):
    """Cached rows are keyed by the user's reach: after the board (every decision of the province)
    and an agency (its own and those about it), another agency sees only its own draft."""
    url = reverse("decision_list") + "?nam=2022"
    board = login(client, org, "bantdkt").get(url).content.decode()
    assert all(d.title in board for d in decisions.values())
    skhcn = login(client, org, "skhcn").get(url).content.decode()
    assert decisions["ubnd_draft"].title not in skhcn and decisions["snv_draft"].title not in skhcn
    snv = login(client, org, "snv").get(url).content.decode()
    assert decisions["snv_draft"].title in snv
    assert all(decisions[k].title not in snv for k in ("ubnd", "agency", "ubnd_draft"))


def test_an_issued_decisions_page_read_again_runs_a_few_queries_and_names_its_acts(
        client, org, decisions, django_assert_max_num_queries):
    """The page reads the acts it amends, its later acts and its history's people only when it has
    them (decisions.views._detail, _later_acts, _events): each still shown."""
    client = login(client, org, "skhcn")
    target = decisions["agency"]
    url = reverse("decision_detail", args=[target.pk])
    assert "đã có văn bản sau" not in client.get(url).content.decode()  # no later act, kept (_later_acts)
    client.post(reverse("decision_amend", args=[target.pk, "thu-hoi"]), {"reason": "Nhầm người"})
    act = Decision.objects.get(revokes=target)
    client.get(url)
    with django_assert_max_num_queries(12):  # with a later act (kept, its issuer with it) and the history's labels
        page = client.get(url).content.decode()
    assert "đã có văn bản sau" in page and reverse("decision_detail", args=[act.pk]) in page
    assert org.users["skhcn"].display_name in page.split('<section class="history">', 1)[1]
    amending = client.get(reverse("decision_detail", args=[act.pk])).content.decode()
    assert "Thu hồi" in amending and f'href="{url}"' in amending
    services.decision_delete_draft(actor=org.users["skhcn"], decision=act)
    assert "đã có văn bản sau" not in client.get(url).content.decode()


def test_the_kept_later_acts_are_shown_to_each_user_only_if_they_may_see_them(client, org, decisions):
    """The later acts are kept per decision for everyone (decisions.views._later_acts); each user still
    sees only those they may open: the agency concerned by the province's decision does not see the
    board's draft revocation until it is issued."""
    target = decisions["ubnd"]
    url = reverse("decision_detail", args=[target.pk])
    agency = login(client, org, "skhcn")
    assert "đã có văn bản sau" not in agency.get(url).content.decode()
    act = services.decision_draft_revocation(actor=org.users["bantdkt"], decision=target, reason="Nhầm người")
    link = reverse("decision_detail", args=[act.pk])
    assert link in login(client, org, "bantdkt").get(url).content.decode()
    assert link not in login(client, org, "skhcn").get(url).content.decode()
    services.decision_issue(actor=org.users["bantdkt"], decision=act, date=dt.date(2023, 1, 5))
    assert link in login(client, org, "skhcn").get(url).content.decode()
