"""The block head's desk in a real browser, from the demo data: receive one registration, return
another, download the consolidation (DOCX and XLSX, read back), enter the meeting's agreed scores, see
the ranking move, publish it and propose the Cờ thi đua; a member then sees the published result."""

import re

import openpyxl
import pytest
from docx import Document

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


def download(page, menu: str, link: str, tmp_path):
    if not page.locator(f"text={link}").is_visible():  # the menu stays open after a download
        page.click(f"summary:has-text('{menu}')")
    with page.expect_download() as info:
        page.click(f"text={link}")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def test_the_block_head_works_the_desk_from_inbox_to_ranking(page, login, demo_data, tmp_path):
    asked: list[str] = []  # each irreversible step asks first (data-confirm); the officer agrees
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    login(page, "truongkhoi", DEMO_PASSWORD)
    page.click("nav >> text=Hộp thư khối")
    page.wait_for_selector("h1:has-text('Hộp thư khối')")

    # Receive the Department of Justice's registration, return the Provincial Office's with a reason.
    page.locator("tr", has_text="Sở Tư pháp").locator("a").click()
    page.click("button:has-text('Tiếp nhận')")
    page.wait_for_selector("text=Đã tiếp nhận bản đăng ký của Sở Tư pháp")
    assert asked and asked[-1].startswith("Tiếp nhận bản đăng ký")
    page.locator("tr", has_text="Văn phòng UBND").locator("a").click()
    page.click("summary:has-text('Trả lại cho đơn vị')")
    page.fill("#reason", "Đề nghị bổ sung chỉ tiêu Chiến sĩ thi đua cấp tỉnh.")
    page.click("button:has-text('Trả lại')")
    page.wait_for_selector("text=Đã trả lại bản đăng ký của Văn phòng UBND")

    # The consolidation shows the new states and downloads as Word and Excel.
    page.click("nav >> text=Khối thi đua")
    page.locator("tr", has_text="2022").locator("text=Mở").click()
    page.click("a:has-text('Tổng hợp đăng ký')")
    member_row = page.locator("#by-member tr", has_text="Sở Tư pháp")
    assert "Đã tiếp nhận" in member_row.inner_text()
    assert "Bị trả lại" in page.locator("#by-member tr", has_text="Văn phòng UBND").inner_text()
    ldtt_total = int(page.locator("#totals tr[data-code='LDTT'] td").nth(3).inner_text())

    docx = Document(download(page, "Tải bản tổng hợp", "Báo cáo tổng hợp (.docx)", tmp_path))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "Trưởng Khối đã tiếp nhận 2/7 bản đăng ký" in text
    rows = [[c.text.strip() for c in r.cells] for r in docx.tables[2].rows]
    assert "Sở Tư pháp tỉnh Thái Nguyên (Đã tiếp nhận)" in [r[1] for r in rows]
    totals = {r[1]: r[3] for r in ([c.text.strip() for c in row.cells] for row in docx.tables[1].rows)}
    assert int(totals["Lao động tiên tiến"]) == ldtt_total

    sheet = openpyxl.load_workbook(download(page, "Tải bản tổng hợp", "Bảng tổng hợp (.xlsx)", tmp_path),
                                   data_only=True)["Tổng hợp"]
    names = [sheet.cell(r, 2).value for r in range(6, 13)]
    assert names[0] == "Sở Khoa học và Công nghệ tỉnh Thái Nguyên" and len(names) == 7
    assert sheet.cell(13, 6).value == ldtt_total  # LĐTT, individuals: the total row

    # The scoring matrix, then the meeting's agreed score for the Department of Home Affairs.
    page.click("a:has-text('Chấm điểm')")
    assert "đang chấm" in page.locator("#matrix tr[data-unit='SKHCN']").inner_text()
    page.locator("#matrix tr[data-unit='SNV']").locator("text=Điểm thống nhất").click()
    page.wait_for_selector("h2:has-text('Sở Nội vụ')")
    page.locator("input[aria-label='Điểm thống nhất 1']").fill("30")
    page.click("button:has-text('Lưu điểm thống nhất')")
    page.wait_for_selector("text=Đã lưu điểm thống nhất của Sở Nội vụ")

    # The ranking follows: 95 like the Provincial Office, ahead of it on the criteria points.
    snv = page.locator("#ranking tr[data-unit='SNV']").inner_text()
    assert re.match(r"4\s", snv) and "95" in snv and "xếp theo điểm tiêu chí chấm điểm" in snv
    assert page.locator("#ranking tr[data-unit='VPUBND'] td").first.inner_text() == "5"
    assert "đồng hạng" in page.locator("#tie-break-rule").inner_text()

    page.click("button:has-text('Công bố kết quả tới các đơn vị')")
    page.wait_for_selector("text=Đã công bố kết quả chấm điểm")
    page.click("button:has-text('Lập đề nghị tặng Cờ thi đua')")
    page.wait_for_selector("#proposals")
    proposals = page.locator("#proposals").inner_text()
    assert "Cờ thi đua của Chính phủ" in proposals and "Sở Kế hoạch và Đầu tư" in proposals
    assert "Nghị định 91/2017/NĐ-CP Điều 11" in proposals
    logout(page)

    # A member sees the published result, and a notice about it.
    login(page, "snv", DEMO_PASSWORD)
    page.goto("/khoi/KHOI-TMTH/2022/xep-hang/")
    assert "Sở Nội vụ" in page.locator("#ranking tr[data-unit='SNV']").inner_text()
    assert page.locator("#matrix").count() == 0
    page.goto("/thong-bao/")
    assert "Đã công bố kết quả chấm điểm" in page.locator("table").inner_text()


def test_another_member_cannot_open_the_heads_desk(page, login, demo_data):
    login(page, "skhcn", DEMO_PASSWORD)
    assert page.goto("/khoi/KHOI-TMTH/2022/tong-hop/").status == 403
    assert page.goto("/khoi/KHOI-TMTH/2022/xep-hang/").status == 200
    assert "chưa công bố" in page.content()
