"""Notices reach the people concerned, in the product and by email (Django's mail settings)."""

import datetime as dt

from django.core import mail
from django.urls import reverse

from thidua.blocks import services
from thidua.emulation import services as emulation_services
from thidua.emulation.models import Movement, Registration, Status
from thidua.notifications.models import Notification
from thidua.notifications.services import notify


def test_notify_creates_one_notice_per_person_and_emails_those_with_an_address(
        users, django_capture_on_commit_callbacks):
    users["skhcn"].email = "skhcn@example.vn"
    users["skhcn"].save()
    with django_capture_on_commit_callbacks(execute=True):
        created = notify(recipients=[users["skhcn"], users["skhcn"], users["snv"]], text="Hạn đăng ký 28/02",
                         link="/phong-trao/")
    assert len(created) == 2
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["skhcn@example.vn"]
    assert "Hạn đăng ký 28/02" in mail.outbox[0].subject and "/phong-trao/" in mail.outbox[0].body
    assert Notification.objects.get(recipient=users["skhcn"]).emailed


def test_a_notice_with_a_key_is_not_repeated(users):
    assert notify(recipients=[users["snv"]], text="a", key="k1")
    assert not notify(recipients=[users["snv"]], text="a", key="k1")


def test_submitting_a_registration_notifies_the_block_heads_officer(users, django_capture_on_commit_callbacks):
    reg = Registration.objects.get(unit__code="TTT", year=2022)
    with django_capture_on_commit_callbacks(execute=True):
        emulation_services.registration_submit(actor=users["admin"], registration=reg)
    note = Notification.objects.get(recipient=users["truongkhoi"])
    assert "Thanh tra tỉnh Thái Nguyên đã gửi bản đăng ký" in note.text
    assert note.link == reverse("registration_detail", args=[reg.pk])


def test_a_return_reaches_the_agencys_officer_and_leader_with_the_reason(users, django_capture_on_commit_callbacks):
    reg = Registration.objects.get(unit__code="SKHCN", year=2022)
    Registration.objects.filter(pk=reg.pk).update(status=Status.SUBMITTED)
    reg.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        emulation_services.registration_return(actor=users["truongkhoi"], registration=reg,
                                               reason="Sửa năm ở tiêu đề")
    for name in ("skhcn", "skhcn.lanhdao"):
        assert "Lý do: Sửa năm ở tiêu đề" in Notification.objects.get(recipient=users[name]).text
    assert not Notification.objects.filter(recipient=users["snv"]).exists()


def test_deadline_reminders_go_once_to_agencies_that_have_not_sent(users, demo):
    movement = Movement.objects.get(launched_for_year=2022, deadline__isnull=False)
    day_after = movement.deadline + dt.timedelta(days=1)
    # Not sent: SKHCN (officer and leader), STC (the head's officer), SNV (returned); STP, SKHDT, VPUBND sent.
    assert services.movement_deadline_reminders(today=day_after) == 4
    reminded = set(Notification.objects.filter(text__contains="quá hạn").values_list("recipient__username", flat=True))
    assert reminded == {"skhcn", "skhcn.lanhdao", "truongkhoi", "snv"}
    assert services.movement_deadline_reminders(today=day_after) == 0


def test_the_list_badge_and_open_work_on_ones_own_notices_only(client, users):
    mine = notify(recipients=[users["skhcn"]], text="Phiếu chấm bị trả lại", link="/khoi/")[0]
    theirs = notify(recipients=[users["snv"]], text="khác")[0]
    client.force_login(users["skhcn"])
    assert "Phiếu chấm bị trả lại" in client.get(reverse("notification_list")).content.decode()
    assert ">1<" in client.get(reverse("notification_badge")).content.decode()
    response = client.get(reverse("notification_open", args=[mine.pk]))
    assert response.status_code == 302 and response.url == "/khoi/"
    mine.refresh_from_db()
    assert mine.is_read and client.get(reverse("notification_badge")).content == b""
    assert client.get(reverse("notification_open", args=[theirs.pk])).status_code == 404


def test_publishing_results_notifies_the_members(block_year, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.results_publish(actor=users["truongkhoi"], block_year=block_year)
    assert Notification.objects.filter(recipient=users["snv"], text__contains="công bố kết quả").exists()


def test_the_daily_reminder_command_runs_for_a_given_day(demo):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("block", "remind", "--today", "2022-03-01", stdout=out)
    assert "Đã gửi 4 thông báo" in out.getvalue()
