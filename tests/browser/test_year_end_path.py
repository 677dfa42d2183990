"""The year end's main path in a real browser: the agency's leader reopens the 2022 ratings (locked
by the issued 2022 decisions) with a reason, the officer changes one rating in the grid and sees it
saved and counted, proposes two people for Bằng khen to the province and sends the dossier; the
province board returns one line with a reason, accepts the rest, takes it to the provincial
council, enters the ballot counts, closes the session and issues the decision; the award shows on
the person's page and in the targets-against-results report."""

import pytest
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


def two_people_without_bang_khen():
    from thidua.evaluation.models import AwardRecord, Rating
    from thidua.organizations.models import Staff

    awarded = AwardRecord.objects.filter(code="BK_TINH", year=2022, staff__isnull=False).values("staff_id")
    people = list(Staff.objects.filter(agency__code="SKHCN").exclude(pk__in=awarded).exclude(position="Giám đốc")
                  .order_by("-pk")[:2])
    rated = Rating.objects.get(staff=people[0], year=2022).rating
    return people, ("HTNV" if rated != "HTNV" else "HTTNV")


def test_rate_propose_appraise_vote_issue_and_see_the_award(page, login, demo_data):
    from thidua.evaluation.models import Rating

    (first, second), new_rating = two_people_without_bang_khen()

    # 1. Ratings: one change in the grid is saved at once.
    asked: list[str] = []  # each irreversible step asks first (data-confirm); the officer agrees
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    # The 2022 ratings were used by SKHCN's issued 2022 decisions: locked until the leader reopens them.
    login(page, "skhcn.lanhdao", DEMO_PASSWORD)
    page.goto("/don-vi/SKHCN/xep-loai/?nam=2022")
    assert page.locator("select[name=rating]").count() == 0
    page.click("summary:has-text('Mở lại xếp loại năm 2022')")
    page.fill("#reopen-reason", "Điều chỉnh xếp loại trước khi đề nghị cấp tỉnh")
    page.click("button:has-text('Mở lại xếp loại')")
    page.wait_for_selector("text=Đã mở lại xếp loại năm 2022")
    assert asked and asked[-1].startswith("Mở lại xếp loại năm 2022")
    logout(page)

    login(page, "skhcn", DEMO_PASSWORD)
    page.goto("/don-vi/SKHCN/xep-loai/?nam=2022")
    chip = page.locator(f"[data-count='{new_rating}']")
    count_before = int(chip.inner_text().rsplit(":", 1)[1])
    row = page.locator(f"tr[data-staff='{first.pk}']")
    for _ in range(5):  # the grid is paged: turn pages until the person's row is there
        if row.count():
            break
        page.click("a[rel=next]")
    row.locator("select").select_option(new_rating)
    row.locator(".saved").wait_for()
    assert "đã lưu: Hoàn thành" in row.inner_text()
    assert Rating.objects.get(staff=first, year=2022).rating == new_rating
    expect(page.locator(f"[data-count='{new_rating}']")).to_contain_text(f": {count_before + 1}")  # the chips follow

    # 2. Propose: a provincial dossier with two people for Bằng khen of the province's chairman.
    page.click("text=Hồ sơ khen thưởng")
    page.select_option("select[name=level]", "province")
    page.fill("input[name=nam]", "2022")
    page.click("button:has-text('Lập hồ sơ mới')")
    page.wait_for_selector("text=Đã lập hồ sơ đề nghị khen thưởng")
    for person in (first, second):
        page.select_option("#add-line select[name=subject]", f"s-{person.pk}")
        page.select_option("#add-line select[name=code]", "BK_TINH")
        page.click("#add-line button[type=submit]")
        page.wait_for_selector(f"#lines >> text={person.full_name}")
    assert page.locator("#lines [data-verdict='review']").count() == 2  # Bằng khen: the council judges
    page.click("button:has-text('Gửi hồ sơ')")
    page.wait_for_selector("text=Đã gửi hồ sơ đề nghị khen thưởng.")
    assert asked and asked[-1].startswith("Gửi hồ sơ đề nghị")
    assert page.locator("#nomination-status").inner_text() == "Đã gửi, chờ thẩm định"
    dossier_url = page.url
    logout(page)

    # 3. Appraise: the province board returns the second line with its reason, accepts the rest.
    login(page, "bantdkt", DEMO_PASSWORD)
    page.goto(dossier_url)
    second_row = page.locator("#lines tr", has_text=second.full_name)
    second_row.locator("summary:has-text('Trả lại')").click()
    second_row.locator("textarea[name=reason]").fill("Thiếu báo cáo thành tích có xác nhận của thủ trưởng.")
    second_row.locator("button:has-text('Trả lại đề nghị')").click()
    page.wait_for_selector("text=Đã trả lại đề nghị, kèm lý do.")
    assert "Thiếu báo cáo thành tích có xác nhận" in page.locator("#lines tr", has_text=second.full_name).inner_text()
    page.click("button:has-text('Thẩm định xong')")
    page.wait_for_selector("text=Đã thẩm định xong hồ sơ.")

    # 4. Vote: a new session of the provincial council; ballot counts entered, session closed.
    page.fill("form[action$='/hoi-dong/'] input[name=date]", "2023-01-10")
    page.click("button:has-text('Đưa ra Hội đồng')")
    page.wait_for_selector("text=Đã đưa hồ sơ ra Hội đồng.")
    page.fill(f"#ballots input[aria-label='Tán thành {first.full_name}']", "10")  # all 10 members
    page.fill(f"#ballots input[aria-label='Không tán thành {first.full_name}']", "0")
    page.click("button:has-text('Ghi kết quả và kết thúc phiên họp')")
    page.wait_for_selector("text=Đã ghi kết quả bỏ phiếu.")
    assert "10 tán thành / 0 không / 0 không hợp lệ — đạt" in page.locator(
        "#lines tr", has_text=first.full_name).inner_text()

    # 5. Issue: the decision of UBND tỉnh from the passed line, issued at once.
    page.fill("form[action$='/quyet-dinh/'] input[name=date]", "2023-01-15")
    page.check("input[name=issue]")
    page.click("button:has-text('Lập quyết định khen thưởng')")
    page.wait_for_selector("text=Đã lập quyết định khen thưởng")
    assert page.locator("#nomination-status").inner_text() == "Đã có quyết định"
    assert "Đã ban hành" in page.locator("aside").inner_text()
    assert "Đã khen thưởng" in page.locator("#lines tr", has_text=first.full_name).inner_text()

    # 6. The award on the person's page and in the targets report.
    page.goto(f"/nhan-su/{first.pk}/?nam=2022")
    award_row = page.locator("tr", has_text="Bằng khen của Chủ tịch UBND tỉnh").first
    assert "/QĐ-UBND" in award_row.inner_text() and "2022" in award_row.inner_text()
    page.goto("/bao-cao/chi-tieu/don-vi/SKHCN/?nam=2022")
    bk = page.locator("tr[data-code='BK_TINH']").first
    assert bk.locator("[data-kind='individual-registered']").inner_text() == "2"
    assert bk.locator("[data-kind='individual-achieved']").inner_text() == "3"
