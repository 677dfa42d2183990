import pytest
from councils.builders import build_org


@pytest.fixture
def org(db):
    return build_org()


@pytest.fixture
def decision(org):
    """A draft decision of the province's People's Committee with three people in its annex."""
    from thidua.decisions import services

    return services.decision_create(
        actor=org.users["admin"], issuer=org.ubnd, award_year=2022, title="Về việc tặng Bằng khen năm 2022",
        lines=[services.LineSpec(code="BK_TINH", staff=s, unit=None) for s in org.staff[:3]])
