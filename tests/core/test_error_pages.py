"""Every error a user can meet speaks Vietnamese, in the product's layout, with a way back; and
Django's own messages (forms, dates, login) come through the Vietnamese locale."""

import re
from pathlib import Path

import django
import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.test import Client
from django.utils import translation

from .error_urls import REASON

pytestmark = [pytest.mark.urls("core.error_urls")]

ENGLISH = re.compile(r"\b(Forbidden|Not Found|Server Error|Bad Request|CSRF verification|Request aborted|"
                     r"This field|Enter a|Ensure this|Please enter)\b")


@pytest.fixture
def officer(db, django_user_model):
    return django_user_model.objects.create_user("canbo", password="mat-khau-dai-1")


@pytest.fixture
def logged_in(client, officer):
    client.force_login(officer)
    return client


def assert_vietnamese_page(response, status: int, *phrases: str) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="vi">' in html
    for phrase in phrases:
        assert phrase in html, phrase
    assert 'href="/"' in html, "no way back"
    assert not ENGLISH.search(html), ENGLISH.search(html)
    return html


def test_403_shows_the_views_own_vietnamese_reason_in_the_layout(logged_in):
    html = assert_vietnamese_page(logged_in.get("/thu/cam/"), 403, "Không có quyền truy cập", REASON)
    assert "Đăng xuất" in html  # the product's top bar, with the user's menu


def test_403_without_a_reason_says_so_in_vietnamese(logged_in):
    assert_vietnamese_page(logged_in.get("/thu/cam-tron/"), 403, "Tài khoản của bạn không có quyền")


def test_404_for_an_unknown_address(logged_in):
    html = assert_vietnamese_page(logged_in.get("/khong-co-trang-nay/"), 404, "Không tìm thấy trang")
    assert "/khong-co-trang-nay/" in html


def test_404_for_an_object_that_does_not_exist(logged_in):
    assert_vietnamese_page(logged_in.get("/dang-ky/999999/"), 404, "Không tìm thấy trang")


def test_400(logged_in):
    assert_vietnamese_page(logged_in.get("/thu/sai/"), 400, "Yêu cầu không hợp lệ")


def test_500_is_standalone_and_vietnamese(logged_in):
    logged_in.raise_request_exception = False
    html = assert_vietnamese_page(logged_in.get("/thu/loi/"), 500, "Lỗi hệ thống")
    assert "Đăng xuất" not in html  # rendered without the user or any context processor


def test_500_has_a_plain_page_of_last_resort(settings, logged_in):
    # With no template at all (a broken install), the handler still answers in Vietnamese.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False}]
    logged_in.raise_request_exception = False
    response = logged_in.get("/thu/loi/")
    assert response.status_code == 500 and "Lỗi hệ thống" in response.content.decode()


@pytest.mark.parametrize("cookies", [True, False])
def test_csrf_failure_is_a_vietnamese_page(officer, cookies):
    client = Client(enforce_csrf_checks=True)
    if cookies:
        client.get("/dang-nhap/")  # the CSRF cookie is set, but the form's token is missing
    response = client.post("/dang-nhap/", {"username": "canbo", "password": "mat-khau-dai-1"})
    expected = "Trang bạn vừa gửi đã cũ" if cookies else "bật cookie"
    assert_vietnamese_page(response, 403, "Biểu mẫu đã hết hạn", expected)


def test_wrong_password_is_told_in_vietnamese(client, officer):
    response = client.post("/dang-nhap/", {"username": "canbo", "password": "sai"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html
    assert not ENGLISH.search(html)


class TypicalForm(forms.Form):
    name = forms.CharField(max_length=5)
    count = forms.IntegerField(min_value=0, max_value=10)
    score = forms.DecimalField(max_digits=4, decimal_places=1)
    date = forms.DateField()
    kind = forms.ChoiceField(choices=[("a", "A")])


@pytest.mark.parametrize(("data", "field", "message"), [
    ({}, "name", "Trường này là bắt buộc."),
    ({"name": "dài quá mức"}, "name", "Giá trị này dài tối đa 5 ký tự (đang có 11)."),
    ({"count": "x"}, "count", "Nhập một số nguyên."),
    ({"count": "11"}, "count", "Giá trị này phải nhỏ hơn hoặc bằng 10."),
    ({"count": "-1"}, "count", "Giá trị này phải lớn hơn hoặc bằng 0."),
    ({"score": "12345"}, "score", "Số này có tối đa 4 chữ số."),
    ({"score": "1.25"}, "score", "Số này có tối đa 1 chữ số sau dấu phẩy."),
    ({"date": "30/02/2024"}, "date", "Nhập một ngày hợp lệ."),
    ({"kind": "z"}, "kind", "Hãy chọn một lựa chọn hợp lệ."),
    ({"name": "a\x00b"}, "name", "Không được dùng ký tự rỗng (NUL)."),
])
def test_form_validation_messages_are_vietnamese(data, field, message):
    with translation.override("vi"):
        errors = TypicalForm(data).errors[field]
    assert any(e.startswith(message) for e in errors), errors
    assert not any(ENGLISH.search(e) for e in errors), errors


def test_login_form_messages_are_vietnamese(db, rf):
    # The login throttle (django-axes) needs the request to authenticate, as the login view gives it.
    with translation.override("vi"):
        form = AuthenticationForm(rf.post("/dang-nhap/"), data={"username": "ai", "password": "sai"})
        errors = form.errors.get("__all__", [])
    assert errors and errors[0].startswith("Tên đăng nhập hoặc mật khẩu không đúng")


def test_every_message_the_project_translates_is_one_django_has():
    """A typo in a msgid would silently leave Django's English (or its older wording) in place."""
    def msgids(path):
        text = path.read_text(encoding="utf-8")
        return {"".join(re.findall(r'"(.*)"', m)) for m in re.findall(r'^msgid ((?:".*"\n)+)', text, re.M)} - {""}

    root = Path(django.__file__).parent
    known = msgids(root / "conf/locale/en/LC_MESSAGES/django.po") | msgids(
        root / "contrib/auth/locale/en/LC_MESSAGES/django.po")
    ours = msgids(Path(__file__).resolve().parents[2] / "thidua/locale/vi/LC_MESSAGES/django.po")
    assert ours and ours <= known, ours - known
