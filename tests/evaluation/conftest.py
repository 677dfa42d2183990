import pytest


@pytest.fixture
def demo(year_end_demo):
    """These tests read the demo's 2022 year end (councils, decisions) too."""
