"""The lists' cached parts hold the year a page opens on. With no year asked or remembered and no
registration to see, that year is the calendar's: the part must not outlive the 31st of December."""

import datetime as dt
import re
import types

import pytest
from django.urls import reverse

from thidua.accounts.models import Role, User
from thidua.organizations.models import Unit, UnitKind


class _Day(dt.date):
    """A calendar whose today the test turns."""

    now = dt.date(2026, 12, 31)

    @classmethod
    def today(cls):
        return cls.now


@pytest.fixture
def new_agency_officer(demo):
    """The officer of an agency just added: no registration, decision or dossier of its own yet."""
    skhcn = Unit.objects.get(code="SKHCN")
    agency = Unit.objects.create(code="SMOI", name="Sở Mới Thành Lập", kind=UnitKind.AGENCY, province=skhcn.province)
    return User.objects.create(username="somoi", role=Role.AGENCY_OFFICER, unit=agency)


@pytest.mark.parametrize(("url", "pattern"), [
    ("decision_list", r'name="award_year" type="number" min="2000" max="2100" value="(\d+)"'),
    ("nomination_list", r'name="nam" value="(\d+)"'),
    ("registration_list", r'<option value="(\d+)" selected>'),
])
def test_a_cached_list_opens_on_the_new_calendar_year_the_day_it_begins(client, new_agency_officer, monkeypatch,
                                                                        url, pattern):
    clock = types.SimpleNamespace(date=_Day)
    for module in ("thidua.emulation.years", "thidua.core.years"):
        monkeypatch.setattr(f"{module}.dt", clock, raising=False)
    monkeypatch.setattr(_Day, "now", dt.date(2026, 12, 31))
    client.force_login(new_agency_officer)
    assert re.findall(pattern, client.get(reverse(url)).content.decode()) == ["2026"]
    monkeypatch.setattr(_Day, "now", dt.date(2027, 1, 1))
    assert re.findall(pattern, client.get(reverse(url)).content.decode()) == ["2027"]
