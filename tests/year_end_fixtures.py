"""Fixtures of the year-end and report suites (their conftest.py files import them).

They share one demo per module: loading it (the decisions demo above all) takes
seconds, and these tests only read it or change it inside their own transaction. The demo is loaded
in a transaction held open for the module; each test runs in a savepoint inside it (pytest-django's
`db`), rolled back after the test; the module's transaction is rolled back at its end."""

import pytest
from django.conf import settings
from django.db import transaction

from thidua.organizations.models import Staff, Unit


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    from thidua.demo import load_demo

    hashers = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock():
        block = transaction.atomic()
        block.__enter__()
        try:
            load_demo()
            yield
        finally:
            transaction.set_rollback(True)
            block.__exit__(None, None, None)
            settings.PASSWORD_HASHERS = hashers


@pytest.fixture
def users(module_demo, db):
    from thidua.accounts.models import User

    return {u.username: u for u in User.objects.select_related("unit")}


@pytest.fixture
def agency(users):
    return Unit.objects.select_related("province").get(code="SKHCN")


@pytest.fixture
def as_user(client, users):
    """as_user("skhcn") -> the test client logged in as that demo user (None: anonymous)."""

    def _as(username: str | None):
        client.logout()
        if username:
            client.force_login(users[username])
        return client

    return _as


@pytest.fixture
def staff(agency):
    return list(Staff.objects.filter(agency=agency).select_related("agency", "department").order_by("pk"))
