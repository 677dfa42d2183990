import pytest
from councils.builders import build_org


@pytest.fixture
def org(db):
    """The small organisation of the council and decision tests (fast to build)."""
    return build_org()
