"""A small crawler over the product's own pages, for fuzzing: it logs in as a demo user, follows
links (GET only), and collects every POST form (its action and its fields with their default
values), so the fuzz tests send bad values to the forms a user really sees."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Links whose GET would only download a file or log out: not worth crawling.
SKIP = ("/dang-xuat/", "/admin/", "/static/", ".docx", ".pdf", ".xlsx", ".csv")


@dataclass
class Form:
    page: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)
    multipart: bool = False

    def key(self) -> tuple[str, tuple[str, ...]]:
        return self.action, tuple(sorted(self.fields))


class _Parser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.page, a["href"]))
        elif tag == "form" and a.get("method", "get").lower() == "post":
            self._form = Form(self.page, urljoin(self.page, a.get("action") or self.page),
                              multipart="multipart" in a.get("enctype", ""))
        elif tag == "form" and a.get("action") is not None:
            self.links.append(urljoin(self.page, a["action"] or self.page))
        elif self._form is not None and a.get("name"):
            name = a["name"]
            if tag == "input":
                kind = a.get("type", "text").lower()
                if kind in ("checkbox", "radio") and "checked" not in a:
                    self._form.choices.setdefault(name, []).append(a.get("value", "on"))
                    return
                if kind == "submit" and name in self._form.fields:
                    return
                self._form.fields[name] = a.get("value", "")
            elif tag == "select":
                self._select = name
                self._form.fields.setdefault(name, "")
            elif tag == "textarea":
                self._textarea = name
                self._form.fields[name] = ""
        elif tag == "option" and self._form is not None and self._select:
            value = a.get("value", "")
            self._form.choices.setdefault(self._select, []).append(value)
            if "selected" in a or not self._form.fields.get(self._select):
                self._form.fields[self._select] = value

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self._form.fields.pop("csrfmiddlewaretoken", None)
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def crawl(client, start: str = "/", limit: int = 400) -> tuple[list[str], list[Form], list[tuple[str, int]]]:
    """Pages seen, distinct POST forms found, and every page that answered 500 or more."""
    seen: set[str] = set()
    queue = deque([start])
    forms: dict[tuple, Form] = {}
    errors: list[tuple[str, int]] = []
    while queue and len(seen) < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver") or url in seen or any(s in parts.path for s in SKIP):
            continue
        seen.add(url)
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        if response.status_code >= 500:
            errors.append((url, response.status_code))
        if response.status_code in (301, 302) and response.get("Location"):
            queue.append(urljoin(url, response["Location"]))
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Parser(parts.path + (f"?{parts.query}" if parts.query else ""))
        parser.feed(response.content.decode("utf-8", "replace"))
        for form in parser.forms:
            forms.setdefault(form.key(), form)
        for link in parser.links:
            link = link.split("#", 1)[0]
            if link and link not in seen:
                queue.append(link)
    return sorted(seen), list(forms.values()), errors
