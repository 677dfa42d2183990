from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_login_page_shows_vietnamese_form(page):
    page.goto("/dang-nhap/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
    expect(page.get_by_label("Mật khẩu")).to_have_attribute("type", "password")
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()


def test_login_passes_the_wall(page, login, django_user_model):
    django_user_model.objects.create_user(username="canbo", password="Mat-khau-thu-2024")
    page.goto("/")
    assert urlparse(page.url).path == "/dang-nhap/"  # anonymous: sent to the login page
    login(page, "canbo", "Mat-khau-thu-2024")
    assert urlparse(page.url).path != "/dang-nhap/"
    expect(page.get_by_label("Mật khẩu")).to_have_count(0)


def test_wrong_password_stays_on_login(page, django_user_model):
    django_user_model.objects.create_user(username="canbo", password="Mat-khau-thu-2024")
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_label("Mật khẩu")).to_be_visible()
    assert urlparse(page.url).path == "/dang-nhap/"
