"""Accounts (issue 10): login throttling with a Vietnamese lockout page, failed logins and refused
requests in the audit trail, a user's own password change, an administrator's reset."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.urls import reverse

from thidua.audit.models import AuditEvent
from thidua.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/dang-nhap/"


def _fail(client, username="skhcn", times=1):
    for _ in range(times):
        response = client.post(LOGIN, {"username": username, "password": "sai-mat-khau"})
    return response


def test_wrong_passwords_lock_the_login_with_a_vietnamese_message_even_for_the_right_one(client, users):
    limit = settings.AXES_FAILURE_LIMIT
    assert _fail(client, times=limit - 1).status_code == 200  # the form again, with its error
    locked = _fail(client)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tạm khóa đăng nhập" in page and f"sai mật khẩu {limit} lần" in page and "phút" in page
    right = client.post(LOGIN, {"username": "skhcn", "password": DEMO_PASSWORD})
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    assert AccessAttempt.objects.filter(username="skhcn").exists()
    assert AccessFailureLog.objects.filter(username="skhcn").count() >= limit


def test_each_failed_login_is_in_the_audit_trail(client, users):
    _fail(client, times=2)
    _fail(client, username="khong-co-ai")
    rows = AuditEvent.objects.filter(action="account.login_failed")
    assert rows.filter(object_id=str(users["skhcn"].pk)).count() == 2
    assert rows.filter(object_id="khong-co-ai").count() == 1


def test_a_lockout_of_one_login_leaves_another_login_from_the_same_place_alone(client, users):
    _fail(client, times=settings.AXES_FAILURE_LIMIT)
    response = client.post(LOGIN, {"username": "snv", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and client.session.get("_auth_user_id") == str(users["snv"].pk)


def test_a_good_login_before_the_limit_works_and_clears_the_count(client, users):
    _fail(client, times=settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(LOGIN, {"username": "skhcn", "password": DEMO_PASSWORD}).status_code == 302
    client.logout()
    assert _fail(client, times=settings.AXES_FAILURE_LIMIT - 1).status_code == 200


def test_a_user_changes_their_own_password_and_stays_signed_in(client, users):
    client.force_login(users["skhcn"])
    url = reverse("password_change")
    assert "Mật khẩu hiện tại" in client.get(url).content.decode()
    wrong = client.post(url, {"old_password": "x", "new_password1": "Thi-dua-2026!", "new_password2": "Thi-dua-2026!"})
    assert "Mật khẩu hiện tại không đúng." in wrong.content.decode()
    ok = client.post(url, {"old_password": DEMO_PASSWORD, "new_password1": "Thi-dua-2026!",
                           "new_password2": "Thi-dua-2026!"})
    assert ok.status_code == 302
    assert client.get(reverse("password_change")).status_code == 200  # still signed in
    users["skhcn"].refresh_from_db()
    assert users["skhcn"].check_password("Thi-dua-2026!")
    assert AuditEvent.objects.filter(action="account.password_change", actor=users["skhcn"]).exists()


def test_an_administrator_resets_a_password_and_it_is_audited(client, users):
    client.force_login(users["admin"])
    assert "skhcn.lanhdao" in client.get(reverse("user_list"), {"q": "lanhdao"}).content.decode()
    url = reverse("password_reset", args=[users["skhcn"].pk])
    response = client.post(url, {"new_password1": "Mat-khau-moi-9", "new_password2": "Mat-khau-moi-9"})
    assert response.status_code == 302
    users["skhcn"].refresh_from_db()
    assert users["skhcn"].check_password("Mat-khau-moi-9")
    row = AuditEvent.objects.get(action="account.password_reset")
    assert row.actor == users["admin"] and row.object_id == str(users["skhcn"].pk)


@pytest.mark.parametrize("who", ["bantdkt", "skhcn", "truongkhoi"])
def test_no_one_but_an_administrator_resets_passwords_and_the_refusal_is_recorded(client, users, who):
    client.force_login(users[who])
    assert client.get(reverse("user_list")).status_code == 403
    url = reverse("password_reset", args=[users["snv"].pk])
    assert client.post(url, {"new_password1": "Mat-khau-moi-9", "new_password2": "Mat-khau-moi-9"}).status_code == 403
    users["snv"].refresh_from_db()
    assert users["snv"].check_password(DEMO_PASSWORD)
    assert AuditEvent.objects.filter(action="permission.refused", actor=users[who]).count() == 2


def test_the_session_lasts_a_working_day_by_default():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600


def test_the_user_of_a_request_comes_with_their_unit_and_its_agency_in_one_query(users, django_assert_num_queries):
    from thidua.accounts.backends import UserBackend
    from thidua.accounts.models import User
    from thidua.accounts.scope import Scope
    from thidua.organizations.models import Unit, UnitKind

    department = Unit.objects.filter(kind=UnitKind.DEPARTMENT, parent__code="SKHCN").first()
    user = User.objects.create_user("phong-skhcn", password="x", unit=department, role="agency_officer")
    with django_assert_num_queries(1):
        loaded = UserBackend().get_user(user.pk)
        scope = Scope.of(loaded)
        assert loaded.unit.agency.code == "SKHCN" and scope.in_department
    user.is_active = False
    user.save()
    assert UserBackend().get_user(user.pk) is None  # as Django's backend: an inactive user is signed out
    assert UserBackend().get_user(user.pk + 10_000) is None  # a session of a deleted user
