import pytest

from thidua.accounts.models import User
from thidua.emulation.models import Registration


@pytest.fixture
def demo(db, settings):
    """The demo data set: Thái Nguyên, KHOI-TMTH, SKHCN and its 2022 registration (the seed)."""
    from thidua.demo import load_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, tests only
    load_demo()


@pytest.fixture
def users(demo) -> dict[str, User]:
    return {u.username: u for u in User.objects.select_related("unit")}


@pytest.fixture
def seed_registration(demo) -> Registration:
    return Registration.objects.select_related("unit", "unit__province").get(unit__code="SKHCN", year=2022)
