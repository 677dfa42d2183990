"""Under the Content-Security-Policy, the pages that used inline scripts, styles and handlers still
work in Chromium, and the browser reports no violation: the targets chart (Chart.js) is drawn, the
year filters submit on change, the rating grid's keyboard moves, htmx saves, the admin opens."""

import json

import pytest

from thidua.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_data(transactional_db, settings):
    from thidua.demo import load_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(year_end=False)


@pytest.fixture
def violations(page):
    """Every CSP violation and script error the page reports, as text."""
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: found.append(str(e)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation',"
        " e => console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return found


def test_policy_header_is_sent(page, demo_data):
    response = page.goto("/dang-nhap/")
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_chart_filters_grid_and_admin_work_under_the_policy(page, login, demo_data, violations):
    login(page, "bantdkt", DEMO_PASSWORD)
    page.goto("/bao-cao/chi-tieu/don-vi/SKHCN/?nam=2022")
    data = json.loads(page.locator("#targets-data").text_content())
    assert data["labels"], "the demo has targets to draw"
    page.locator("#targets-chart").wait_for(state="visible")
    assert page.locator("#targets-bars").is_hidden()
    assert page.evaluate("!!window.Chart && !!Chart.getChart(document.getElementById('targets-chart'))")

    # A year filter submits its form on change (static/js/app.js, data-autosubmit).
    page.goto("/dang-ky/")
    year_select = page.locator("select[name=nam]")
    years = [v for v in year_select.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    assert years
    with page.expect_navigation():
        year_select.select_option(years[-1])
    assert f"nam={years[-1]}" in page.url

    page.click("text=Đăng xuất")
    page.wait_for_url("**/dang-nhap/**")
    login(page, "skhcn", DEMO_PASSWORD)
    page.goto("/don-vi/SKHCN/xep-loai/?nam=2022")
    selects = page.locator("table.rating-grid select")
    selects.first.focus()
    page.keyboard.press("Enter")  # static/js/rating-grid.js moves to the next row
    assert page.evaluate("document.activeElement === document.querySelectorAll('table.rating-grid select')[1]")
    # The notifications badge is loaded by htmx (hx-trigger=load) on every page.
    page.wait_for_load_state("networkidle")

    page.click("text=Đăng xuất")
    page.wait_for_url("**/dang-nhap/**")
    login(page, "admin", DEMO_PASSWORD)
    page.goto("/admin/")
    assert page.locator("#content").is_visible()
    page.goto("/admin/accounts/user/add/")
    assert page.locator("input[name=username]").is_visible()

    assert violations == []
