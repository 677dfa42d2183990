import pytest
from councils.builders import build_org


@pytest.fixture
def org(db):
    return build_org()
