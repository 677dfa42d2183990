"""Nominations and dossiers: the lifecycle draft → submitted → appraised → council → decided (or
withdrawn), single lines returned with a reason without failing the rest, the council's ballots and
the decision through their own services, events for every step, quotas over the whole proposal,
the rules engine's verdict on each line, and who may do what."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from thidua.councils.models import Council
from thidua.councils.services import session_close, session_create
from thidua.evaluation.models import AwardRecord
from thidua.organizations.models import Staff, Unit
from thidua.yearend import services
from thidua.yearend.models import EventAction, Level, LineStatus, Nomination, NominationStatus
from thidua.yearend.selectors import nomination_lines, nomination_with_parts, proposal_quotas
from thidua.yearend.services import NominationError

SENT_ON = dt.date(2023, 1, 5)


def not_awarded(agency, code, year=2022, count=2):
    """Staff of the agency without `code` for `year` (so the new decision gives no double award)."""
    awarded = AwardRecord.objects.filter(code=code, year=year, staff__isnull=False).values("staff_id")
    return list(Staff.objects.filter(agency=agency).exclude(pk__in=awarded).exclude(position="Giám đốc")
                .order_by("-pk")[:count])


@pytest.fixture
def draft(users, agency):
    """A province-level dossier: two people for Bằng khen, one department for Tập thể LĐXS."""
    officer = users["skhcn"]
    nomination = services.nomination_create(actor=officer, unit=agency, year=2022, level=Level.PROVINCE)
    first, second = not_awarded(agency, "BK_TINH")
    department = Unit.objects.filter(parent=agency).order_by("position").first()
    services.nomination_add_line(actor=officer, nomination=nomination, code="BK_TINH", staff=first,
                                 summary="Hoàn thành xuất sắc nhiệm vụ được giao")
    services.nomination_add_line(actor=officer, nomination=nomination, code="BK_TINH", staff=second)
    services.nomination_add_line(actor=officer, nomination=nomination, code="TTLDXS", unit=department)
    return nomination


def line(nomination, **filters):
    return nomination.lines.get(**filters)


def province_session(users, day=dt.date(2023, 1, 10)):
    council = Council.objects.get(owner__code="UBND-TN")
    return session_create(actor=users["bantdkt"], council=council, date=day, year=2022)


def test_the_whole_path_with_one_line_returned_ends_in_an_issued_decision_and_award_history(users, draft):
    leader, board = users["skhcn.lanhdao"], users["bantdkt"]
    services.nomination_submit(actor=leader, nomination=draft, date=SENT_ON)
    draft.refresh_from_db()
    assert (draft.status, draft.number_display, draft.doc_date) == (NominationStatus.SUBMITTED, "01/TTr-KHCN", SENT_ON)

    second = draft.lines.filter(code="BK_TINH").order_by("position")[1]
    services.nomination_return_line(actor=board, line=second, reason="Thiếu báo cáo thành tích có xác nhận.")
    second.refresh_from_db()
    assert (second.status, second.return_reason) == (LineStatus.RETURNED, "Thiếu báo cáo thành tích có xác nhận.")
    draft.refresh_from_db()
    assert draft.status == NominationStatus.SUBMITTED  # the rest goes on

    services.nomination_appraise(actor=board, nomination=draft, note="Đủ thành phần hồ sơ.")
    session = province_session(users)
    services.nomination_to_council(actor=board, nomination=draft, session=session)
    draft.refresh_from_db()
    assert draft.status == NominationStatus.COUNCIL and draft.council_session == session
    on_agenda = list(draft.lines.filter(candidate__isnull=False))
    assert len(on_agenda) == 2 and second.pk not in {ln.pk for ln in on_agenda}

    person_line = line(draft, code="BK_TINH", status=LineStatus.PROPOSED)
    department_line = line(draft, code="TTLDXS")
    assert services.nomination_record_ballot(actor=board, line=person_line, yes=9, no=1).passed
    assert not services.nomination_record_ballot(actor=board, line=department_line, yes=3, no=7).passed
    with pytest.raises(NominationError, match="chưa kết thúc"):
        services.nomination_decide(actor=board, nomination=draft)
    session_close(actor=board, session=session)

    decision = services.nomination_decide(actor=board, nomination=draft, issue=True, date=dt.date(2023, 1, 15))
    assert decision.status == "issued" and decision.issuer.code == "UBND-TN" and decision.council_session == session
    assert [(ln.staff_id, ln.code) for ln in decision.lines.all()] == [(person_line.staff_id, "BK_TINH")]
    person_line.refresh_from_db()
    department_line.refresh_from_db()
    assert person_line.status == LineStatus.PASSED and person_line.decision_line.decision == decision
    assert department_line.status == LineStatus.FAILED and department_line.decision_line is None
    assert AwardRecord.objects.filter(staff_id=person_line.staff_id, code="BK_TINH", year=2022,
                                      decision_number=decision.number_display).exists()
    draft.refresh_from_db()
    assert draft.status == NominationStatus.DECIDED and draft.decision == decision

    events = list(draft.events.order_by("at", "id").values_list("action", "from_status", "to_status",
                                                                "actor__username"))
    assert [e[0] for e in events] == [
        EventAction.CREATE, EventAction.SUBMIT, EventAction.RETURN_LINE, EventAction.APPRAISE, EventAction.COUNCIL,
        EventAction.BALLOT, EventAction.BALLOT, EventAction.DECIDE]
    assert events[1][1:] == ("draft", "submitted", "skhcn.lanhdao")
    assert events[2][3] == "bantdkt"
    returned = draft.events.get(action=EventAction.RETURN_LINE)
    assert returned.line == second and returned.reason == "Thiếu báo cáo thành tích có xác nhận."


def test_a_returned_dossier_goes_back_to_draft_and_keeps_its_number(users, draft):
    services.nomination_submit(actor=users["skhcn"], nomination=draft, date=SENT_ON)
    with pytest.raises(NominationError, match="Cần ghi lý do"):
        services.nomination_return(actor=users["bantdkt"], nomination=draft, reason="  ")
    services.nomination_return(actor=users["bantdkt"], nomination=draft, reason="Thiếu biên bản họp Hội đồng Sở.")
    draft.refresh_from_db()
    assert draft.status == NominationStatus.DRAFT and draft.number == 1
    services.nomination_submit(actor=users["skhcn"], nomination=draft, date=dt.date(2023, 1, 9))
    draft.refresh_from_db()
    assert (draft.number, draft.doc_date) == (1, dt.date(2023, 1, 9))


def test_the_agency_withdraws_a_dossier_with_a_reason_until_it_reaches_the_council(users, draft):
    services.nomination_submit(actor=users["skhcn"], nomination=draft, date=SENT_ON)
    with pytest.raises(NominationError, match="Cần ghi lý do"):
        services.nomination_withdraw(actor=users["skhcn.lanhdao"], nomination=draft, reason="")
    with pytest.raises(PermissionDenied):
        services.nomination_withdraw(actor=users["bantdkt"], nomination=draft, reason="Không phải của Ban")
    services.nomination_withdraw(actor=users["skhcn.lanhdao"], nomination=draft, reason="Đơn vị bổ sung hồ sơ sau.")
    draft.refresh_from_db()
    assert draft.status == NominationStatus.WITHDRAWN
    event = draft.events.get(action=EventAction.WITHDRAW)
    assert (event.from_status, event.reason, event.actor.username) == ("submitted", "Đơn vị bổ sung hồ sơ sau.",
                                                                      "skhcn.lanhdao")
    with pytest.raises(PermissionDenied):
        services.nomination_appraise(actor=users["bantdkt"], nomination=draft)


def test_a_dossier_in_council_can_no_longer_be_withdrawn(users, draft):
    services.nomination_submit(actor=users["skhcn"], nomination=draft, date=SENT_ON)
    services.nomination_appraise(actor=users["bantdkt"], nomination=draft)
    services.nomination_to_council(actor=users["bantdkt"], nomination=draft, session=province_session(users))
    with pytest.raises(PermissionDenied):
        services.nomination_withdraw(actor=users["skhcn"], nomination=draft, reason="Muộn rồi")


def test_the_province_council_does_not_take_an_agency_council_session_nor_the_reverse(users, draft, agency):
    services.nomination_submit(actor=users["skhcn"], nomination=draft, date=SENT_ON)
    services.nomination_appraise(actor=users["bantdkt"], nomination=draft)
    own = session_create(actor=users["skhcn"], council=Council.objects.get(owner=agency), date=dt.date(2023, 1, 3),
                         year=2022)
    with pytest.raises(NominationError, match="không xét tại"):
        services.nomination_to_council(actor=users["admin"], nomination=draft, session=own)


def test_quotas_are_checked_over_the_whole_proposal_to_the_province(users, agency):
    """70 LĐTT awarded for 2022 allow 10 CSTĐCS (15%, rounded down); 10 are awarded already, so one
    more proposed makes 11 and the dossier cannot be sent."""
    officer = users["skhcn"]
    nomination = services.nomination_create(actor=officer, unit=agency, year=2022, level=Level.PROVINCE)
    extra = not_awarded(agency, "CSTDCS", count=1)[0]
    services.nomination_add_line(actor=officer, nomination=nomination, code="CSTDCS", staff=extra)
    [quota] = proposal_quotas(nomination)
    assert (quota.code, quota.base_code, quota.count, quota.base_count, quota.cap) == ("CSTDCS", "LDTT", 11, 70, 10)
    assert quota.exceeded and "Nghị định 91/2017" in quota.basis
    with pytest.raises(NominationError, match=r"CSTDCS \(11\) vượt giới hạn 15% của LDTT \(70\): tối đa 10"):
        services.nomination_submit(actor=officer, nomination=nomination, date=SENT_ON)


def test_a_unit_level_proposal_may_exceed_the_quota_but_what_the_council_passes_may_not(users, agency):
    officer = users["skhcn"]
    nomination = services.nomination_create(actor=officer, unit=agency, year=2022, level=Level.UNIT)
    extra = not_awarded(agency, "CSTDCS", count=1)[0]
    services.nomination_add_line(actor=officer, nomination=nomination, code="CSTDCS", staff=extra)
    services.nomination_submit(actor=officer, nomination=nomination, date=SENT_ON)
    services.nomination_appraise(actor=officer, nomination=nomination)  # the agency's council's standing body
    session = session_create(actor=officer, council=Council.objects.get(owner=agency), date=dt.date(2023, 1, 6),
                             year=2022)
    services.nomination_to_council(actor=officer, nomination=nomination, session=session)
    services.nomination_record_ballot(actor=officer, line=nomination.lines.get(), yes=8, no=0)
    session_close(actor=officer, session=session)
    with pytest.raises(NominationError, match="Số được Hội đồng tán thành CSTDCS"):
        services.nomination_decide(actor=officer, nomination=nomination)


def test_each_line_carries_the_rules_engine_verdict_with_its_reasons(users, agency, draft):
    officer = users["skhcn"]
    streak = Staff.objects.filter(agency=agency, awards__code="CSTDCS", awards__year__in=(2020, 2021)).exclude(
        position="Giám đốc").distinct().order_by("pk")
    person = next(s for s in streak if AwardRecord.objects.filter(staff=s, code="CSTDCS",
                                                                  year__in=(2020, 2021, 2022)).count() == 3)
    services.nomination_add_line(actor=officer, nomination=draft, code="CSTD_TINH", staff=person)
    judged = {(j.line.code, j.line.staff_id or j.line.unit_id): j for j in nomination_lines(
        nomination_with_parts(Nomination.objects).get(pk=draft.pk))}
    assert judged[("CSTD_TINH", person.pk)].verdict.status == "eligible"
    bk = next(j for (code, _), j in judged.items() if code == "BK_TINH")
    assert bk.verdict.status == "review" and "Hội đồng" in bk.reasons[0].text
    ttldxs = next(j for (code, _), j in judged.items() if code == "TTLDXS")
    assert ttldxs.verdict is not None and ttldxs.reasons


def test_lines_must_belong_to_the_agency_fit_the_title_and_not_repeat(users, agency, draft):
    officer = users["skhcn"]
    stranger = Staff.objects.filter(agency__code="SNV").first()
    with pytest.raises(NominationError, match="không phải cán bộ"):
        services.nomination_add_line(actor=officer, nomination=draft, code="BK_TINH", staff=stranger)
    with pytest.raises(NominationError, match="xét cho phòng, ban"):
        services.nomination_add_line(actor=officer, nomination=draft, code="TTLDTT", unit=agency)
    with pytest.raises(NominationError, match="chỉ xét tặng cho tập thể"):
        services.nomination_add_line(actor=officer, nomination=draft, code="CO_TINH", staff=draft.lines.first().staff)
    first = draft.lines.filter(staff__isnull=False).first()
    with pytest.raises(NominationError, match="đã có trong hồ sơ"):
        services.nomination_add_line(actor=officer, nomination=draft, code="BK_TINH", staff=first.staff)


def test_who_may_do_what(users, draft):
    with pytest.raises(PermissionDenied):
        services.nomination_add_line(actor=users["skhcn.lanhdao"], nomination=draft, code="GK",
                                     staff=draft.lines.first().staff)
    with pytest.raises(PermissionDenied):
        services.nomination_create(actor=users["bantdkt"], unit=draft.unit, year=2022)
    with pytest.raises(PermissionDenied):
        services.nomination_submit(actor=users["snv"], nomination=draft)
    services.nomination_submit(actor=users["skhcn"], nomination=draft, date=SENT_ON)
    with pytest.raises(PermissionDenied):  # the agency does not appraise its own provincial dossier
        services.nomination_appraise(actor=users["skhcn"], nomination=draft)
    with pytest.raises(PermissionDenied):
        services.nomination_return_line(actor=users["truongkhoi"], line=draft.lines.first(), reason="x")


def test_pages_scope_the_dossier_per_role(as_user, users, draft):
    url = reverse("nomination_detail", args=[draft.pk])
    assert as_user("skhcn").get(url).status_code == 200
    assert as_user("skhcn.lanhdao").get(url).status_code == 200
    assert as_user("bantdkt").get(url).status_code == 404  # a draft is the agency's own
    assert as_user("snv").get(url).status_code == 404
    anonymous = as_user(None).get(url)
    assert anonymous.status_code == 302 and "/dang-nhap/" in anonymous["Location"]
    services.nomination_submit(actor=users["skhcn"], nomination=draft, date=SENT_ON)
    page = as_user("bantdkt").get(url).content.decode()
    assert "Thẩm định xong" in page and "Trả lại đề nghị" in page
    assert as_user("bantdkt").post(reverse("nomination_submit", args=[draft.pk])).status_code == 403


def test_the_officer_builds_and_sends_a_dossier_from_the_pages(as_user, agency):
    client = as_user("skhcn")
    response = client.post(reverse("nomination_new"), {"unit": agency.pk, "nam": 2022, "level": "province"},
                           follow=True)
    nomination = Nomination.objects.filter(unit=agency, status="draft").latest("pk")
    assert "Đã lập hồ sơ" in response.content.decode()
    person = not_awarded(agency, "BK_TINH", count=1)[0]
    page = client.post(reverse("nomination_add_line", args=[nomination.pk]),
                       {"subject": f"s-{person.pk}", "code": "BK_TINH", "summary": "Tiêu biểu"}, follow=True)
    text = page.content.decode()
    assert "Đã thêm đề nghị" in text and person.full_name in text and 'data-verdict="review"' in text
    page = client.post(reverse("nomination_add_line", args=[nomination.pk]), {"subject": "", "code": "BK_TINH"},
                       follow=True)
    assert "Hãy chọn cá nhân hoặc tập thể" in page.content.decode()
    page = client.post(reverse("nomination_submit", args=[nomination.pk]), follow=True)
    assert "Đã gửi hồ sơ" in page.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == "submitted"


def test_the_detail_page_runs_a_bounded_number_of_queries(as_user, users, django_assert_max_num_queries):
    demo_dossier = Nomination.objects.get(unit__code="SKHCN", year=2022, level=Level.UNIT)
    client = as_user("skhcn")
    with django_assert_max_num_queries(60):  # judging the lines, once
        page = client.get(reverse("nomination_detail", args=[demo_dossier.pk]))
    assert page.status_code == 200 and page.content.decode().count('id="line-') == demo_dossier.lines.count()
    with django_assert_max_num_queries(9):  # the table cached: the stamps instead of its lines
        again = client.get(reverse("nomination_detail", args=[demo_dossier.pk]))
    assert again.content.decode().count('id="line-') == demo_dossier.lines.count()


def test_the_detail_page_judges_again_when_a_persons_history_or_the_lines_change(as_user, users, agency, draft):
    """The lines' verdicts are cached under the province's stamp, keyed by the lines (yearend.views._judged):
    a discipline recorded through its service, or a line added, shows on the next view."""
    from thidua.evaluation.services import discipline_add

    officer = users["skhcn"]
    streak = Staff.objects.filter(agency=agency, awards__code="CSTDCS", awards__year__in=(2020, 2021)).exclude(
        position="Giám đốc").distinct().order_by("pk")
    person = next(s for s in streak if AwardRecord.objects.filter(staff=s, code="CSTDCS",
                                                                  year__in=(2020, 2021, 2022)).count() == 3)
    services.nomination_add_line(actor=officer, nomination=draft, code="CSTD_TINH", staff=person)
    client, url = as_user("skhcn"), reverse("nomination_detail", args=[draft.pk])
    added = line(draft, code="CSTD_TINH")

    def verdict() -> str:
        html = client.get(url).content.decode()
        row = html[html.index(f'id="line-{added.pk}"'):].split("</tr>", 1)[0]
        return row.split('data-verdict="', 1)[1].split('"', 1)[0]

    assert verdict() == "eligible" and verdict() == "eligible"  # the second view is served from the cache
    discipline_add(actor=officer, staff=person, year=2022, form="canh_cao")
    assert verdict() == "not_eligible"
    other = not_awarded(agency, "BK_TINH", count=3)[2]
    services.nomination_add_line(actor=officer, nomination=draft, code="BK_TINH", staff=other)
    assert client.get(url).content.decode().count('id="line-') == draft.lines.count() == 5


def test_an_over_long_signer_title_is_refused_at_its_field_and_nothing_changes(users, draft):
    """PostgreSQL refuses a text longer than its column with a DataError (a 500 before); SQLite kept it."""
    before = Nomination.objects.get(pk=draft.pk).signer_title
    with pytest.raises(NominationError, match="Chức danh thủ trưởng: ") as refused:
        services.nomination_update(actor=users["skhcn"], nomination=draft, signer_title="x" * 101)
    assert Nomination.objects.get(pk=draft.pk).signer_title == before
    client = Client()
    client.force_login(users["skhcn"])
    response = client.post(reverse("nomination_edit", args=[draft.pk]), {"signer_title": "x" * 101}, follow=True)
    assert response.status_code == 200 and escape(str(refused.value)) in response.content.decode()
    assert Nomination.objects.get(pk=draft.pk).signer_title == before


def test_the_lines_table_is_drawn_again_after_a_change_through_a_service_and_apart_for_each_users_buttons(
        as_user, users, draft):
    """The table of the lines is cached (yearend.views._lines_html): a person renamed, a line returned
    or voted on through their services shows on the next view; a reader never gets the officer's
    buttons, nor the officer a table drawn without them."""
    from thidua.organizations.services import staff_update

    officer, board = users["skhcn"], users["bantdkt"]
    url = reverse("nomination_detail", args=[draft.pk])
    remove = reverse("nomination_remove_line", args=[draft.pk, line(draft, code="TTLDXS").pk])
    first = draft.lines.filter(code="BK_TINH").order_by("position")[0]
    assert remove in as_user("skhcn").get(url).content.decode()
    reader = as_user("skhcn.lanhdao").get(url).content.decode()
    assert remove not in reader and reader.count('id="line-') == 3
    assert remove in as_user("skhcn").get(url).content.decode()

    staff_update(actor=officer, staff=first.staff, full_name="Nguyễn Văn Đổi Tên")
    assert "Nguyễn Văn Đổi Tên" in as_user("skhcn").get(url).content.decode()

    services.nomination_submit(actor=users["skhcn.lanhdao"], nomination=draft, date=SENT_ON)
    assert remove not in as_user("skhcn").get(url).content.decode()  # sent: no more editing
    client = as_user("bantdkt")
    assert "Lý do: Thiếu bản khai." not in client.get(url).content.decode()
    services.nomination_return_line(actor=board, line=first, reason="Thiếu bản khai.")
    assert "Lý do: Thiếu bản khai." in client.get(url).content.decode()

    services.nomination_appraise(actor=board, nomination=draft)
    services.nomination_to_council(actor=board, nomination=draft, session=province_session(users))
    page = client.get(url).content.decode()
    assert "9 tán thành" not in page
    services.nomination_record_ballot(actor=board, line=line(draft, code="TTLDXS"), yes=9, no=1)
    assert "Phiếu: 9 tán thành / 1 không / 0 không hợp lệ — đạt" in client.get(url).content.decode()


def test_a_cached_lines_table_carries_the_viewers_own_csrf_token(users, draft):
    """The table's forms are cached with a placeholder for the CSRF token: each viewer's form posts."""
    officer = Client(enforce_csrf_checks=True)
    officer.force_login(users["skhcn"])
    url = reverse("nomination_detail", args=[draft.pk])
    officer.get(url)  # draws and caches the table
    other = Client(enforce_csrf_checks=True)
    other.force_login(users["skhcn"])
    page = other.get(url).content.decode()  # served from the cache
    target = line(draft, code="TTLDXS")
    form = page.split(f'action="{reverse("nomination_remove_line", args=[draft.pk, target.pk])}"', 1)[1]
    token = form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert other.post(reverse("nomination_remove_line", args=[draft.pk, target.pk]),
                      {"csrfmiddlewaretoken": token}).status_code == 302
    assert not draft.lines.filter(pk=target.pk).exists()


def test_the_cached_list_follows_dossiers_changed_through_the_services_and_keeps_each_scope_apart(as_user, users,
                                                                                                  draft):
    """The list's rows are cached per reach under the stamps of the province and of its dossiers
    (tracked by reports.freshness): a dossier renamed, sent or returned shows on the next view, and
    no one sees the rows cached for another scope."""
    url, title = reverse("nomination_list"), "Tờ trình riêng của phép thử"
    assert title not in as_user("skhcn").get(url).content.decode()
    services.nomination_update(actor=users["skhcn"], nomination=draft, title=title)
    own = as_user("skhcn").get(url).content.decode()
    assert title in own and "status-draft" in own
    assert title not in as_user("bantdkt").get(url).content.decode()  # a draft is the agency's own
    assert title not in as_user("snv").get(url).content.decode()
    services.nomination_submit(actor=users["skhcn"], nomination=draft, date=SENT_ON)
    board = as_user("bantdkt").get(url).content.decode()
    assert title in board and "status-submitted" in board
    assert title not in as_user("snv").get(url).content.decode()
    services.nomination_return(actor=users["bantdkt"], nomination=draft, reason="Thiếu biên bản.")
    assert title not in as_user("bantdkt").get(url).content.decode()


def test_a_second_view_of_the_list_reads_only_the_stamps(as_user, draft, django_assert_max_num_queries):
    client = as_user("skhcn")
    client.get(reverse("nomination_list"))
    with django_assert_max_num_queries(4):  # session, user and unit (the scope), the stamps
        assert client.get(reverse("nomination_list")).status_code == 200


def test_text_typed_like_the_csrf_placeholder_is_shown_as_typed(users, draft):
    """Only the hidden field of the cached table's forms carries the viewer's token: a return reason
    that happens to spell the placeholder stays as the user typed it."""
    from thidua.yearend.views import CSRF_PLACEHOLDER

    board = users["bantdkt"]
    services.nomination_submit(actor=users["skhcn"], nomination=draft)
    reason = f'Xem lại name="csrfmiddlewaretoken" value="{CSRF_PLACEHOLDER}"'
    services.nomination_return_line(actor=board, line=draft.lines.first(), reason=reason)
    client = Client()
    client.force_login(board)
    url = reverse("nomination_detail", args=[draft.pk])
    client.get(url)
    page = client.get(url).content.decode()  # the kept table
    assert CSRF_PLACEHOLDER in page.split("Lý do:", 1)[1].split("</div>", 1)[0]
