"""The foundation's main path in a real browser: the agency officer fixes and submits the seed
registration, the block head returns it with a reason, the officer resubmits, the block head
receives it and downloads the Word document."""

import pytest
from docx import Document
from playwright.sync_api import expect

from thidua.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_data(transactional_db, settings):
    from thidua.demo import load_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()


def logout(page):
    page.click("text=Đăng xuất")
    page.wait_for_url("**/dang-nhap/**")


def test_register_submit_return_resubmit_receive_download(page, login, demo_data, tmp_path):
    asked: list[str] = []  # each irreversible step asks first (data-confirm); the officer agrees
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    login(page, "skhcn", DEMO_PASSWORD)
    page.click("nav >> text=Bản đăng ký")
    page.click("text=Sở Khoa học và Công nghệ tỉnh Thái Nguyên")
    assert page.locator(".status").first.inner_text() == "Dự thảo"
    assert page.locator("button:has-text('Gửi trưởng khối')").is_disabled()

    page.click("text=Sửa")
    heading_message = page.locator("#fm-heading_year")
    assert "NĂM 2021" in heading_message.inner_text()
    page.fill("#id_heading_year", "2022")
    # Playwright's expect, not wait_for_function: a string predicate is eval'd, which the CSP forbids.
    expect(heading_message).to_have_text("")
    page.fill("input[name='CSTDCS-individual_count']", "10")
    expect(page.locator("#findings")).not_to_contain_text("vượt giới hạn")  # live, before saving
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu bản đăng ký.")
    page.click("button:has-text('Gửi trưởng khối')")
    page.wait_for_selector("text=Đã gửi bản đăng ký")
    assert page.locator(".status").first.inner_text() == "Đã gửi"
    assert asked and asked[-1].startswith("Gửi bản đăng ký năm")
    logout(page)

    login(page, "truongkhoi", DEMO_PASSWORD)
    page.click("nav >> text=Hộp thư khối")
    page.wait_for_selector("h1:has-text('Hộp thư khối')")
    page.locator("tr", has_text="Sở Khoa học và Công nghệ").locator("a").click()
    page.click("summary:has-text('Trả lại cho đơn vị')")
    page.fill("#reason", "Đề nghị ghi rõ tỷ lệ Tập thể Lao động xuất sắc.")
    page.click("button:has-text('Trả lại')")
    page.wait_for_selector("text=Đã trả lại bản đăng ký")
    logout(page)

    login(page, "skhcn", DEMO_PASSWORD)
    page.click("nav >> text=Bản đăng ký")
    page.click("text=Sở Khoa học và Công nghệ tỉnh Thái Nguyên")
    assert "Đề nghị ghi rõ tỷ lệ Tập thể Lao động xuất sắc." in page.locator(".returned").inner_text()
    page.click("text=Sửa")
    page.fill("input[name='TTLDXS-collective_ratio']", "28,6%")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu bản đăng ký.")
    page.click("button:has-text('Gửi trưởng khối')")
    page.wait_for_selector("text=Đã gửi bản đăng ký")
    logout(page)

    login(page, "truongkhoi", DEMO_PASSWORD)
    page.click("nav >> text=Hộp thư khối")
    page.locator("tr", has_text="Sở Khoa học và Công nghệ").locator("a").click()
    page.click("button:has-text('Tiếp nhận')")
    page.wait_for_selector("text=Đã tiếp nhận bản đăng ký")
    page.locator("tr", has_text="Sở Khoa học và Công nghệ").locator("a").click()
    assert page.locator(".status").first.inner_text() == "Đã tiếp nhận"
    page.click("summary:has-text('Tải về')")
    with page.expect_download() as download_info:
        page.click("text=Bản đăng ký (.docx)")
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    document = Document(saved)
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text.strip() for t in document.tables for r in t.rows for c in r.cells]
    assert "BẢN ĐĂNG KÝ THI ĐUA NĂM 2022" in text and "28,6%" in cells and "10" in cells


def test_another_agency_cannot_open_the_registration_by_url(page, login, demo_data):
    from thidua.emulation.models import Registration

    pk = Registration.objects.get(unit__code="SKHCN", year=2022).pk
    login(page, "snv", DEMO_PASSWORD)
    response = page.goto(f"/dang-ky/{pk}/")
    assert response.status == 404
    response = page.goto(f"/dang-ky/{pk}/tai/registration.docx")
    assert response.status == 404
