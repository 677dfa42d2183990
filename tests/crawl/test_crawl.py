"""The acceptance crawl of issue 12: every page reachable from the start page, as every demo login.

No server error, no link or form shown that refuses the user who sees it, no raw code in the
visible text, no English error text. Pages of one URL pattern are capped (see crawler.crawl)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from thidua.accounts.models import Role, User
from thidua.catalog.models import AwardType, RuleSet
from thidua.demo import LOGINS
from thidua.evaluation.models import RatingLevel

from .crawler import crawl

# Logging out would end the crawl; the admin's own pages are Django's and checked for answers only.
SKIP = re.compile(r"^/(dang-xuat/|admin/(logout|password_change|.*/delete/|.*history/))")


# Where login names are the data itself: the accounts and API keys pages.
LOGIN_PAGES = re.compile(r"^/(tai-khoan|khoa-api)/")


def code_pattern(*, logins: bool = True) -> re.Pattern:
    """Codes nobody should read on a page: the catalog's, the rule sets', the ratings', the roles',
    and the demo's login names (people are shown by their names)."""
    codes = set(AwardType.objects.values_list("code", flat=True))
    codes |= set(RuleSet.objects.values_list("code", flat=True))
    codes |= {c.value for c in RatingLevel}
    codes |= {c.value for c in Role}
    names = {login.username for login in LOGINS}
    codes = codes | names if logins else codes - names  # "admin" is a role's code and a login name
    words = sorted(codes, key=len, reverse=True)
    return re.compile(r"(?<![\w./-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w/-])")


@pytest.mark.django_db
@pytest.mark.parametrize("username", [login.username for login in LOGINS])
def test_every_page_works_and_speaks_vietnamese(year_end_demo, username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    everywhere, on_login_pages = code_pattern(), code_pattern(logins=False)
    report = crawl(client, lambda path: on_login_pages if LOGIN_PAGES.match(path) else everywhere, skip=SKIP)
    print(f"{username}: {report.pages} pages, {len(report.patterns)} URL patterns")
    assert report.pages > 10
    assert not report.problems(), "\n".join(report.problems())
