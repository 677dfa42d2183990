import datetime as dt

import pytest

from .builders import build_org


@pytest.fixture
def org(db):
    return build_org()


@pytest.fixture
def council(org):
    """SKHCN's council of ten members (chair, vice-chair, secretary and seven members)."""
    from thidua.councils import services

    admin = org.users["admin"]
    council = services.council_create(actor=admin, owner=org.skhcn)
    roles = ["chair", "vice_chair", "secretary"] + ["member"] * 7
    for person, role in zip(org.staff[:10], roles, strict=True):
        services.council_add_member(actor=admin, council=council, full_name=person.full_name, role=role,
                                    position=person.position, staff=person)
    return council


@pytest.fixture
def session(org, council):
    from thidua.councils import services

    return services.session_create(actor=org.users["admin"], council=council, date=dt.date(2022, 12, 12), year=2022)


@pytest.fixture
def demo(year_end_demo):
    """These tests read the demo's 2022 year end (councils, decisions) too."""
