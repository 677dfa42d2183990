"""A same-origin crawler over Django's test client: what each user is shown, and whether it works.

For each login it starts at the home page, follows every link (``a[href]``, GET forms submitted
with their default values) once, and records:

- ``errors``: 5xx answers;
- ``dead``: links shown that answer 403, 404 or 405 to the user who sees them, and POST forms
  whose action refuses that user (403/404/405) — the form is submitted with its default values
  inside a savepoint that is rolled back, so the crawl changes nothing;
- ``codes``: raw codes in the visible text (catalog codes, rule set codes, rating codes, internal
  choice values, login names) not explained on the page by ``<abbr title>`` or a ``.legend``;
- ``english``: Django's English error texts.

Downloads (.pdf/.docx/.xlsx) are checked once per URL pattern and role: a PDF costs seconds.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit

from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

SKIP_TAGS = {"script", "style", "template", "title", "head"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
DOWNLOAD = re.compile(r"\.(pdf|docx|xlsx)$")
ENGLISH = re.compile(
    r"\b(This field is required|Page not found|Not Found|Server Error|Forbidden|Bad Request|"
    r"CSRF verification failed|Method Not Allowed|Enter a valid|Ensure this value|Select a valid choice|"
    r"Traceback|does not exist|matching query)\b"
)


class _Page(HTMLParser):
    """Visible text, links, forms, and codes explained by abbr/legend."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.explained: list[str] = []
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._stack: list[tuple[str, bool, bool]] = []  # tag, hidden, explaining
        self._form: dict | None = None
        self._select: dict | None = None

    @property
    def _hidden(self) -> bool:
        return bool(self._stack and self._stack[-1][1])

    @property
    def _explaining(self) -> bool:
        return bool(self._stack and self._stack[-1][2])

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        hidden = self._hidden or tag in SKIP_TAGS or "hidden" in a
        classes = (a.get("class") or "").split()
        explaining = self._explaining or (tag == "abbr" and bool(a.get("title"))) or "legend" in classes
        if tag == "abbr" and a.get("title"):
            self.explained.append(a["title"])
        if tag == "a" and a.get("href") and not hidden:
            self.links.append(a["href"])
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "",
                          "fields": [], "hidden": hidden}
            self.forms.append(self._form)
        if self._form is not None and tag in {"input", "select", "textarea", "button"} and a.get("name"):
            self._form["fields"].append((tag, a))
            if tag == "select":
                self._select = a
        if tag == "option" and self._select is not None:
            # A browser submits the selected option, or the first one.
            value = a.get("value", "")
            if "selected" in a or "value" not in self._select:
                self._select["value"] = value
                self._select.setdefault("_first", value)
                if "selected" in a:
                    self._select["selected"] = "1"
        if tag in VOID_TAGS:
            return
        self._stack.append((tag, hidden, explaining))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        if tag == "select":
            self._select = None
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        if self._hidden:
            return
        (self.explained if self._explaining else self.text).append(data)


@dataclass
class Report:
    pages: int = 0
    errors: list[str] = field(default_factory=list)
    dead: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    patterns: set[str] = field(default_factory=set)

    def problems(self) -> list[str]:
        return self.errors + self.dead + self.codes + self.english


def _pattern(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _form_data(form: dict) -> dict[str, str]:
    data: dict[str, str] = {}
    for tag, a in form["fields"]:
        kind = (a.get("type") or "").lower()
        if tag == "button" or kind in {"submit", "button", "file"}:
            continue
        if kind in {"checkbox", "radio"} and "checked" not in a:
            continue
        data.setdefault(a["name"], a.get("value") or "")
    return data


def crawl(client: Client, codes: Callable[[str], re.Pattern], *, max_pages: int = 300, per_pattern: int = 8,
          skip: re.Pattern | None = None) -> Report:
    """Crawl from "/" as the client's user. ``per_pattern`` caps pages per URL pattern (a
    hundred staff pages teach nothing a dozen do), ``max_pages`` the whole crawl. ``codes(path)``
    gives the pattern of codes that must not show on that page."""
    report = Report()
    seen: set[str] = set()
    checked_forms: set[tuple[str, str]] = set()
    by_pattern: dict[str, int] = defaultdict(int)
    queue: deque[tuple[str, str]] = deque([("/", "(start)")])
    while queue and report.pages < max_pages:
        url, referrer = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        path = urlsplit(url).path
        name = _pattern(path)
        if name is None:
            report.dead.append(f"{url} (no such page) shown on {referrer}")
            continue
        limit = 1 if DOWNLOAD.search(path) else per_pattern
        if by_pattern[name] >= limit:
            continue
        by_pattern[name] += 1
        report.patterns.add(name)
        response = client.get(url)
        report.pages += 1
        status = response.status_code
        if status >= 500:
            report.errors.append(f"{url} → {status} (linked from {referrer})")
            continue
        if status in (403, 404, 405):
            if not referrer.startswith("/admin/"):
                # Django admin's own links to related rows are the admin's affair (its permissions
                # decide them); every link the application's pages show is checked.
                report.dead.append(f"{url} → {status} shown on {referrer}")
            continue
        if status in (301, 302, 303):
            target = urlsplit(urljoin("http://testserver" + url, response["Location"]))
            if target.netloc == "testserver":
                queue.appendleft((target.path + ("?" + target.query if target.query else ""), url))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if path.startswith("/admin/"):
            # Django's admin shows codes as editable data; only its answers are checked.
            parser = _Page()
            parser.feed(html)
            _enqueue(parser, url, queue, seen, skip)
            continue
        parser = _Page()
        parser.feed(html)
        text = " ".join(" ".join(parser.text).split())
        explained = " ".join(parser.explained)
        code_pattern = codes(path)
        found = sorted({m.group(0) for m in code_pattern.finditer(text)} - set(code_pattern.findall(explained)))
        if found:
            report.codes.append(f"{url}: {', '.join(found)}")
        english = sorted({m.group(0) for m in ENGLISH.finditer(text)})
        if english:
            report.english.append(f"{url}: {', '.join(english)}")
        _enqueue(parser, url, queue, seen, skip)
        for form in parser.forms:
            if form["method"] != "post" or form["hidden"]:
                continue
            action = urlsplit(urljoin(url, form["action"])).path
            if skip and skip.search(action):
                continue
            key = (_pattern(action) or action, "post")
            if (action, "post") in checked_forms or by_pattern[f"POST {key[0]}"] >= 3:
                continue
            checked_forms.add((action, "post"))
            by_pattern[f"POST {key[0]}"] += 1
            status = _post_rolled_back(client, action, _form_data(form))
            if status >= 500:
                report.errors.append(f"POST {action} → {status} (form on {url})")
            elif status in (403, 404, 405):
                report.dead.append(f"POST {action} → {status}: form shown on {url}")
    return report


class _Rollback(Exception):
    pass


def _post_rolled_back(client: Client, action: str, data: dict[str, str]) -> int:
    status = 0
    try:
        with transaction.atomic():
            status = client.post(action, data).status_code
            raise _Rollback
    except _Rollback:
        pass
    return status


def _enqueue(parser: _Page, url: str, queue: deque, seen: set[str], skip: re.Pattern | None) -> None:
    targets = list(parser.links)
    for form in parser.forms:
        if form["method"] == "get" and not form["hidden"]:
            query = urlencode(_form_data(form))
            targets.append((form["action"] or urlsplit(url).path) + ("?" + query if query else ""))
    for href in targets:
        if href.startswith(("mailto:", "tel:", "javascript:")):
            continue
        absolute = urldefrag(urljoin("http://testserver" + url, href))[0]
        parts = urlsplit(absolute)
        if parts.netloc != "testserver":
            continue
        target = parts.path + ("?" + parts.query if parts.query else "")
        if skip and skip.search(target):
            continue
        if target not in seen:
            queue.append((target, url))
