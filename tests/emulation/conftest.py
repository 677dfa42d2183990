import pytest


@pytest.fixture
def demo(db, settings):
    """The demo without its 2022 year end (councils, decisions): these tests do not need it, and it
    is the slow part to load."""
    from thidua.demo import load_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed, tests only
    load_demo(year_end=False)
