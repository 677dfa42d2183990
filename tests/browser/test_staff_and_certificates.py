"""An emulation officer's everyday work in a real browser, on a desktop and on a 390 px phone: add a
person, correct them, move them to another department, record their retirement; import the same
sheet twice without duplicates; print the certificates of an issued decision; follow every link
of the start page."""

import datetime as dt
import io
import re
import subprocess

import pytest
from openpyxl import Workbook

from thidua.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture
def demo_data(transactional_db, settings):
    from thidua.demo import load_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()


@pytest.fixture(params=list(SIZES))
def sized(request, page):
    width, height = SIZES[request.param]
    page.set_viewport_size({"width": width, "height": height})
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations before recording a departure
    return page


def fits(page) -> None:
    """The page is no wider than the screen (tables scroll inside their own box)."""
    width = page.viewport_size["width"]
    page.wait_for_load_state()  # after a click the next document may not be there yet
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, page.url


def test_add_correct_move_and_retire_a_person(sized, login, demo_data):
    from thidua.organizations.models import Staff

    page = sized
    login(page, "skhcn", DEMO_PASSWORD)
    page.goto("/don-vi/SKHCN/")
    fits(page)
    page.click("a:has-text('Thêm người')")
    fits(page)
    page.fill("#id_full_name", "Hoàng Thị Thử")
    page.select_option("#id_gender", "nu")
    page.fill("#id_birth_date", "1990-05-20")
    page.fill("#id_position", "Chuyên viên")
    page.select_option("#id_kind", "cong_chuc")
    page.select_option("#id_department", label="Văn phòng Sở")
    page.fill("#id_active_from", "2015-08-01")
    page.click("button:has-text('Thêm người')")
    page.wait_for_selector("text=Đã thêm Hoàng Thị Thử")
    assert page.locator("h1").inner_text().startswith("Hoàng Thị Thử")
    fits(page)

    page.click("a:has-text('Sửa thông tin')")
    page.fill("#id_full_name", "Hoàng Thị Thu")
    page.fill("#id_personal_id", "019190000123")
    page.click("button:has-text('Lưu')")
    page.wait_for_selector("text=Đã lưu thông tin của Hoàng Thị Thu")
    assert "số định danh 019190000123" in page.locator("#particulars").inner_text()

    page.click("a:has-text('Chuyển phòng, ban')")
    fits(page)
    page.select_option("#id_department", label="Phòng Quản lý khoa học")
    page.fill("#id_date", "2024-03-01")
    page.fill("#id_note", "QĐ 15/QĐ-KHCN")
    page.click("button:has-text('Chuyển')")
    page.wait_for_selector("text=Đã chuyển Hoàng Thị Thu sang Phòng Quản lý khoa học")
    assert "từ Văn phòng Sở sang Phòng Quản lý khoa học" in page.locator("#movements").inner_text()

    page.click("a:has-text('Nghỉ việc, nghỉ hưu')")
    fits(page)
    page.select_option("#id_kind", "retire")
    page.fill("#id_date", "2025-06-30")
    page.click("button:has-text('Ghi nhận')")
    page.wait_for_selector("#departed")
    assert "Nghỉ hưu" in page.locator("#movements").inner_text()
    fits(page)

    person = Staff.objects.get(full_name="Hoàng Thị Thu")
    assert (person.department.name, person.active_to) == ("Phòng Quản lý khoa học", dt.date(2025, 6, 30))
    page.goto("/don-vi/SKHCN/?q=hoang thi thu")
    assert "Không có ai phù hợp." in page.locator("#staff").inner_text()  # not on the current list
    page.goto("/don-vi/SKHCN/?q=hoang thi thu&nam=2025")
    page.click("#staff >> text=Hoàng Thị Thu")  # still there in the year they worked, linking to their page
    page.wait_for_selector("h2:has-text('Quá trình khen thưởng')")


def sheet() -> bytes:
    book = Workbook()
    book.active.append(["Họ và tên", "Ngày sinh", "Giới tính", "Phòng, ban", "Chức vụ", "Loại"])
    book.active.append(["Ma Thị Nhập", "02/03/1991", "Nữ", "Lãnh đạo", "Phó Giám đốc", "Công chức"])
    book.active.append(["Nông Văn Lại", "15/10/1988", "Nam", "Văn phòng Sở", "", "Viên chức"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_reimporting_the_same_sheet_adds_nobody(sized, login, demo_data, tmp_path):
    from thidua.organizations.models import Staff

    page = sized
    before = Staff.objects.filter(agency__code="SKHCN").count()
    upload = tmp_path / "nhan-su.xlsx"
    upload.write_bytes(sheet())
    login(page, "skhcn", DEMO_PASSWORD)
    page.goto("/don-vi/SKHCN/")
    page.click("a:has-text('Nhập danh sách nhân sự')")
    with page.expect_download() as info:
        page.click("a:has-text('Tải tệp mẫu')")
    assert info.value.suggested_filename == "mau-nhan-su-SKHCN.xlsx"
    for added, unchanged in ((2, 0), (0, 2)):
        page.set_input_files("#file", str(upload))
        page.click("button:has-text('Xem trước')")
        page.wait_for_selector("#preview")
        fits(page)
        assert page.locator("[data-count=added]").inner_text() == f"Thêm mới {added}"
        assert page.locator("[data-count=unchanged]").inner_text() == f"Giữ nguyên {unchanged}"
        if added:
            assert Staff.objects.filter(agency__code="SKHCN").count() == before  # nothing saved by a preview
            page.click("button:has-text('Cập nhật danh sách')")
            page.wait_for_selector("text=thêm 2 người")
            page.click("a:has-text('Nhập danh sách nhân sự')")
        else:
            assert page.locator("button:has-text('Cập nhật danh sách')").is_disabled()
    assert Staff.objects.filter(agency__code="SKHCN").count() == before + 2
    assert Staff.objects.get(full_name="Ma Thị Nhập").department is None  # "Lãnh đạo" is the leadership


def test_print_the_certificates_of_a_decision(sized, login, demo_data, tmp_path, monkeypatch):
    from thidua.decisions import views as decision_views
    from thidua.decisions.models import Decision, DecisionStatus

    # Drawn in the request here; a decision over the limit goes to the worker (tests/jobs).
    monkeypatch.setattr(decision_views, "CERTIFICATES_IN_REQUEST", 1000)
    page = sized
    decision = Decision.objects.filter(issuer__code="SKHCN", status=DecisionStatus.ISSUED).first()
    lines = list(decision.lines.filter(revoked_by__isnull=True))
    login(page, "skhcn", DEMO_PASSWORD)
    page.goto(f"/quyet-dinh/{decision.pk}/")
    page.click("summary:has-text('In bằng, giấy khen')")
    # The print list wraps within its box (the rest of the decision page is the all-pages width work).
    assert page.evaluate("(() => { const b = document.querySelector('#certificates');"
                         " return b.scrollWidth <= b.clientWidth + 1; })()")
    page.click("summary:has-text('Tải về')")
    page.click("text=Bằng, giấy khen – mẫu đầy đủ (.pdf)")  # opens in the browser's viewer, ready to print
    page.wait_for_url("**/bang-giay-khen.pdf?kieu=day-du")
    response = page.request.get(page.url)
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "bang.pdf"
    pdf.write_bytes(response.body())
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                                             check=True).stdout).group(1))
    assert pages == len(lines)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert text.count(f"Quyết định số {decision.number_display}") == len(lines)
    for line in lines:
        assert line.name in text


@pytest.mark.parametrize("who", ["skhcn", "truongkhoi", "bantdkt"])
def test_every_link_of_the_start_page_opens(sized, login, demo_data, who):
    page = sized
    login(page, who, DEMO_PASSWORD)
    page.wait_for_selector("h1:has-text('Trang làm việc')")
    fits(page)
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert len(hrefs) >= 4
    for href in sorted(set(hrefs)):
        response = page.goto(href)
        assert response.status == 200, (who, href)
        page.go_back()
    if who == "truongkhoi":
        page.locator("#waiting a", has_text="Sở Tư pháp").click()
        page.wait_for_selector("button:has-text('Tiếp nhận')")
