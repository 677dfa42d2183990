"""An issued decision's paper is cached for everyone who may see it: nothing one user typed in the
address may end up in the markup another user is shown."""

import re

from django.test import Client
from django.urls import reverse

from thidua.decisions.models import Decision


def _pager_links(page: str) -> list[str]:
    return re.findall(r'<a href="(\?[^"]*)" rel="(?:next|prev)"', page)


def test_the_cached_annex_pager_does_not_carry_another_users_address(users):
    """The annex of SKHCN's 179/QĐ-KHCN (87 lines) is in pages. The officer opened it with something
    more in the address; the leader, who shares the cached paper, gets pager links of his own."""
    decision = Decision.objects.get(issuer__code="SKHCN", number=179)
    url = reverse("decision_detail", args=[decision.pk])
    officer, leader = Client(), Client()
    officer.force_login(users["skhcn"])
    leader.force_login(users["skhcn.lanhdao"])
    first = officer.get(url, {"nam": "2019", "trang": "1"}).content.decode()
    assert _pager_links(first) == ["?nam=2019&amp;trang=2"]
    assert _pager_links(leader.get(url).content.decode()) == ["?trang=2"]
    assert _pager_links(leader.get(url, {"trang": "2"}).content.decode()) == ["?trang=1"]
