"""Heavy exports from the browser: the province board's officer asks for the PDF of the province's
decision, and for the whole province's targets report as PDF; the page shows the job waiting with
its progress bar, the database-queue worker (`db_worker`) makes the PDF, htmx's polling shows it
done without a reload, and the file downloads."""

import pytest
from councils.builders import build_org
from django.core.management import call_command

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-thu-nghiem-2022"


@pytest.fixture
def province_decision(transactional_db, settings):
    from django.apps import apps

    from thidua.catalog.reference import load_law
    from thidua.decisions import services

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_law(apps)  # a transactional test before this one may have flushed the catalog
    org = build_org()
    officer = org.users["bantdkt"]
    officer.set_password(PASSWORD)
    officer.save()
    return services.decision_create(
        actor=org.users["admin"], issuer=org.ubnd, award_year=2022, title="Về việc tặng Bằng khen năm 2022",
        lines=[services.LineSpec(code="BK_TINH", staff=s, unit=None) for s in org.staff])


@pytest.fixture
def province_board(transactional_db, settings):
    """The province board's officer of a small province (no decision: a transactional test before
    this one may have flushed the catalog that a decision's lines need)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    org = build_org()
    officer = org.users["bantdkt"]
    officer.set_password(PASSWORD)
    officer.save()
    return org


def test_a_province_decision_pdf_is_made_in_the_background_then_downloads(page, login, province_decision, tmp_path):
    login(page, "bantdkt", PASSWORD)
    page.goto(f"/quyet-dinh/{province_decision.pk}/")
    page.click("summary:has-text('Tải về')")
    page.click("text=Quyết định (.pdf)")
    page.wait_for_url("**/viec-nen/*/")
    job_url = page.url
    job = page.locator(".job")
    assert job.get_attribute("data-status") == "queued"
    assert page.locator("progress").get_attribute("value") == "0"
    assert page.locator("text=Đang chờ").is_visible()

    # The real worker, in this (main) thread: it handles signals. It takes the queued task, makes
    # the PDF and stops when the queue is empty; meanwhile the browser keeps polling the live server.
    call_command("db_worker", "--batch", "--no-startup-delay", interval=0.1)
    page.wait_for_selector(".job[data-status=done]", timeout=30_000)  # htmx polls every second
    assert page.url == job_url  # updated in place, no reload
    assert page.locator("progress").get_attribute("value") == "100"

    with page.expect_download() as info:
        page.click(".job a:has-text('Tải về')")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".pdf" and saved.read_bytes()[:5] == b"%PDF-"


def test_the_whole_province_report_pdf_is_made_in_the_background_then_downloads(page, login, province_board,
                                                                                 tmp_path):
    login(page, "bantdkt", PASSWORD)
    page.goto("/bao-cao/chi-tieu/tinh/TN/?nam=2022")
    page.click("text=Tải PDF toàn tỉnh (.pdf)")
    page.wait_for_url("**/viec-nen/*/")
    job_url = page.url
    assert page.locator(".job").get_attribute("data-status") == "queued"
    assert page.locator("progress").get_attribute("value") == "0"

    call_command("db_worker", "--batch", "--no-startup-delay", interval=0.1)
    page.wait_for_selector(".job[data-status=done]", timeout=30_000)
    assert page.url == job_url
    assert page.locator("progress").get_attribute("value") == "100"
    with page.expect_download() as info:
        page.click(".job a:has-text('Tải về')")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.name == "chi-tieu-tn-2022.pdf" and saved.read_bytes()[:5] == b"%PDF-"
