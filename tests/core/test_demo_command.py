"""`thidua demo --logins` prints the demo logins again (the README sends people here after
`make run`), with people's and units' names, and loads nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from thidua.demo import DEMO_PASSWORD, LOGINS
from thidua.emulation.models import Registration


@pytest.mark.django_db
def test_logins_are_listed_again_without_loading_anything():
    out = io.StringIO()
    call_command("demo", "--logins", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text
    for login in LOGINS:
        assert login.username in text and login.full_name in text
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_logins_name_the_units_once_the_demo_is_there(demo):
    out = io.StringIO()
    call_command("demo", "--logins", stdout=out)
    assert "Sở Khoa học và Công nghệ tỉnh Thái Nguyên" in out.getvalue()
