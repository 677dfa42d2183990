"""The audit trail in a real browser on a 390 px phone: a change made on a person's page appears,
with the officer's full name and the value before and after, in the person's «Lịch sử thay đổi»
(opened) and on the page «Nhật ký» of the province board, both no wider than the screen."""

import pytest

from thidua.accounts.models import User
from thidua.demo import DEMO_PASSWORD, load_demo
from thidua.organizations import services
from thidua.organizations.models import Staff

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_data(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(year_end=False)


def _fits(page) -> None:
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= 391, page.url


def test_a_correction_shows_in_the_history_and_the_trail_at_390_px(page, login, demo_data):
    person = Staff.objects.filter(agency__code="SKHCN").order_by("pk").first()
    services.staff_update(actor=User.objects.get(username="skhcn"), staff=person,
                          position="Phó Trưởng phòng Quản lý khoa học và công nghệ cơ sở")
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "skhcn", DEMO_PASSWORD)
    page.goto(f"/nhan-su/{person.pk}/")
    page.click("#lich-su-thay-doi summary")
    history = page.locator("#lich-su-thay-doi")
    assert history.locator(".audit-list").is_visible()
    text = history.inner_text()
    assert "Phạm Thị Hồng Nhung" in text and "Phó Trưởng phòng Quản lý khoa học" in text and "→" in text
    assert "skhcn" not in text
    _fits(page)

    page.context.clear_cookies()  # signed out: the province board's officer signs in
    login(page, "bantdkt", DEMO_PASSWORD)
    page.goto("/nhat-ky/")
    page.fill("input[name=person]", "Hồng Nhung")
    page.click("form.filters button[type=submit]")
    trail = page.locator("#audit").inner_text()
    assert "Phạm Thị Hồng Nhung" in trail and person.full_name in trail
    _fits(page)
