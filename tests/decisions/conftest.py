import pytest
from councils.builders import build_org


@pytest.fixture
def org(db):
    return build_org()


@pytest.fixture
def draft(org):
    """A factory of draft decisions: draft(issuer, [(code, staff_or_unit), …])."""
    from thidua.decisions import services
    from thidua.organizations.models import Staff

    def make(issuer=None, lines=(), *, actor="admin", year=2022, **fields):
        specs = [services.LineSpec(code=code, staff=who if isinstance(who, Staff) else None,
                                   unit=None if isinstance(who, Staff) else who) for code, who in lines]
        return services.decision_create(actor=org.users[actor], issuer=issuer or org.skhcn, award_year=year,
                                        title=fields.pop("title", f"Về việc khen thưởng năm {year}"), lines=specs,
                                        **fields)

    return make


@pytest.fixture
def demo(year_end_demo):
    """These tests read the demo's 2022 year end (councils, decisions) too."""
