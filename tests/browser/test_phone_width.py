"""Every main page at 390 px (issue 12, item 6): for each demo login, one page of every kind it is
shown (lists, details, edit and create forms — found by following the links of its pages, as
tests/crawl does), opened in Chromium on a 390 px wide screen. The page must be no wider than the
screen (wide tables scroll inside their own box) and every menu link must be reachable (inside
the screen's width)."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from thidua.accounts.models import User
from thidua.demo import LOGINS

pytestmark = pytest.mark.browser

WIDTH = 390
NOT_PAGES = re.compile(r"^/(admin/|api/|dang-xuat/|static/|media/)|\.(pdf|docx|xlsx|csv|json)$|/tai/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)


def pages_shown_to(client: Client, *, already: set[str], limit: int = 120) -> list[str]:
    """One URL per view the user is shown (views in `already` were checked for another login;
    the start page is checked for every login, it differs by role)."""
    found: list[str] = []
    seen: set[str] = set()
    queue = deque(["/"])
    while queue and len(found) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        path = urlsplit(url).path
        if NOT_PAGES.search(path):
            continue
        try:
            name = resolve(path).view_name
        except Resolver404:
            continue
        if name in already and path != "/":
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        already.add(name)
        found.append(url)
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.links:
            target = urlsplit(urljoin("http://testserver" + url, urldefrag(href)[0]))
            if target.netloc == "testserver" and target.scheme in ("http", ""):
                queue.append(target.path + ("?" + target.query if target.query else ""))
    return found


WIDTH_PROBLEMS = """() => {
  const width = window.innerWidth, problems = [];
  if (document.documentElement.scrollWidth > width + 1)
    problems.push("page " + document.documentElement.scrollWidth + " px wide");
  for (const a of document.querySelectorAll(".topbar a, .topbar button")) {
    const r = a.getBoundingClientRect();
    if (r.width === 0 || r.right > width + 1) problems.push("menu «" + a.textContent.trim() + "» out of reach");
  }
  return problems;
}"""


@pytest.fixture
def demo_data(transactional_db, settings):
    from thidua.demo import load_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()


def test_every_main_page_fits_a_390px_phone(browser, live_server, demo_data):
    problems: list[str] = []
    checked: set[str] = set()
    total = 0
    for login in LOGINS:
        client = Client()
        client.force_login(User.objects.get(username=login.username))
        urls = pages_shown_to(client, already=checked)
        context = browser.new_context(base_url=live_server.url, locale="vi-VN",
                                      viewport={"width": WIDTH, "height": 844})
        context.add_cookies([{"name": name, "value": morsel.value, "url": live_server.url}
                             for name, morsel in client.cookies.items()])
        page = context.new_page()
        for url in urls:
            page.goto(url)
            total += 1
            problems += [f"{login.username} {url}: {p}" for p in page.evaluate(WIDTH_PROBLEMS)]
        context.close()
    print(f"{total} pages checked at {WIDTH} px")
    assert total > 60
    assert not problems, "\n".join(problems)
