"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live_server.

Fixtures:
- ``browser`` (session): one headless Chromium for the whole run.
- ``page``: a fresh browser context per test (locale vi-VN, time zone Asia/Ho_Chi_Minh), whose
  ``base_url`` is the live server, so ``page.goto("/dang-nhap/")`` works. On failure a full-page
  screenshot is saved under ``test-artifacts/``.
- ``login``: ``login(page, username, password)`` signs in through the real login form.

Mark browser tests with ``@pytest.mark.browser``. Playwright's browser download is never used
(it cannot work offline): the browser is ``/usr/bin/chromium`` from Debian's ``chromium`` package,
or the file named by ``THIDUA_CHROMIUM``. Without it the tests fail under CI (``CI=true``) and are
skipped elsewhere.
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in this thread; Django would then refuse
# synchronous database access from the test body. Tests are not async code, so allow it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_TIMEOUT_MS = 15_000


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _unavailable(reason: str):
    message = f"browser tests need {reason}"
    if _in_ci():
        pytest.fail(message + " (CI=true: `make test` installs Debian's chromium)", pytrace=False)
    pytest.skip(message)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so ``page`` can tell whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"Chromium at {CHROMIUM} (Debian package `chromium`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package `playwright` (pip install -e '.[test]')")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        failed = any(
            getattr(getattr(request.node, f"rep_{when}", None), "failed", False) for when in ("setup", "call")
        )
        if failed:
            artifacts = Path(request.config.rootpath) / "test-artifacts"
            artifacts.mkdir(exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
            try:
                page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)
            except Exception as exc:  # a crashed page must not hide the test's own failure
                print(f"screenshot failed: {exc}")
        context.close()


@pytest.fixture
def login():
    """``login(page, username, password)``: sign in through /dang-nhap/ and wait to leave it."""

    def _login(page, username: str, password: str) -> None:
        page.goto("/dang-nhap/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]")
        page.wait_for_url(lambda url: "/dang-nhap/" not in url)

    return _login
