"""A registration sent to nobody would be stuck where no one sees it (issue 12): when its unit is
in no block that year, or the block has no head, sending is refused with a Vietnamese sentence
saying why and what to do, and the page says so before the officer tries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thidua.emulation import services
from thidua.emulation.models import Registration, Status
from thidua.organizations.models import BlockMembership, BlockYear


@pytest.fixture
def draft(demo, users):
    reg = Registration.objects.select_related("unit").get(unit__code="STC", year=2022)
    assert reg.status == Status.DRAFT
    return reg


def test_a_unit_without_a_block_that_year_is_told_to_ask_the_board(client, users, draft):
    assert services.no_recipient_reason(draft) == ""
    BlockMembership.objects.filter(unit=draft.unit, block_year__year=2022).delete()
    reason = services.no_recipient_reason(draft)
    assert "chưa thuộc khối thi đua nào" in reason and "Ban Thi đua – Khen thưởng tỉnh" in reason
    client.force_login(users["admin"])
    page = client.get(reverse("registration_detail", args=[draft.pk])).content.decode()
    assert 'id="no-recipient"' in page and "chưa thuộc khối thi đua nào" in page
    assert 'disabled title="Chưa có trưởng khối nhận bản đăng ký năm này"' in page
    answer = client.post(reverse("registration_submit", args=[draft.pk]), follow=True).content.decode()
    assert "Chưa gửi được" in answer and "chưa thuộc khối thi đua nào" in answer
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_block_without_a_head_is_said_too(users, draft):
    BlockYear.objects.filter(year=2022, memberships__unit=draft.unit).update(head=None)
    with pytest.raises(services.NoRecipient, match="chưa có đơn vị trưởng khối"):
        services.registration_submit(actor=users["admin"], registration=draft)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
