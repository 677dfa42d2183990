import pytest

from thidua.organizations.models import BlockYear


@pytest.fixture
def block_year(demo):
    return BlockYear.objects.select_related("block", "block__province", "head").get(block__code="KHOI-TMTH", year=2022)


@pytest.fixture
def as_user(client, users):
    def login(name):
        client.force_login(users[name])
        return client

    return login


@pytest.fixture
def other_block(demo):
    """A second block of the province with its own head and that head's officer ('khoikhac')."""
    from thidua.accounts.models import Role, User
    from thidua.organizations.models import Block, BlockMembership, Province, Unit, UnitKind

    province = Province.objects.get(code="TN")
    unit = Unit.objects.create(code="SXD", name="Sở Xây dựng tỉnh Thái Nguyên", kind=UnitKind.AGENCY, province=province)
    block = Block.objects.create(code="KHOI-KT", name="Khối các cơ quan kinh tế", province=province)
    by = BlockYear.objects.create(block=block, year=2022, head=unit)
    BlockMembership.objects.create(block_year=by, unit=unit, position=1)
    User.objects.create_user("khoikhac", password="x", role=Role.BLOCK_OFFICER, unit=unit)
    return by
