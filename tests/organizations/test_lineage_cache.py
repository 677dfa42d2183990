"""An agency continues a unit of another province (a merger across provinces, as in 2025): its
lists show that unit's registrations and dossiers (scope by lineage), so the cached lists must follow that
unit's changes although they bump the other province's stamp."""

import datetime as dt

from django.urls import reverse

from thidua.decisions import services as decisions
from thidua.emulation import services as emulation
from thidua.organizations import services
from thidua.organizations.models import Province, Unit, UnitKind
from thidua.yearend import services as yearend


def test_a_cached_list_follows_a_unit_of_another_province_the_agency_continues(client, users):
    bac_kan = Province.objects.create(code="BK", name="Bắc Kạn", parent_body="UBND TỈNH BẮC KẠN", place_name="Bắc Kạn")
    old = Unit.objects.create(code="BK-SKHCN", name="Sở Khoa học và Công nghệ tỉnh Bắc Kạn",
                              kind=UnitKind.AGENCY, province=bac_kan)
    emulation.registration_start(actor=users["admin"], unit=old, year=2024)
    dossier = yearend.nomination_create(actor=users["admin"], unit=old, year=2024)
    skhcn = Unit.objects.get(code="SKHCN")
    services.unit_merge(actor=users["admin"], predecessors=[old], successor=skhcn, on=dt.date(2025, 7, 1))
    client.force_login(users["skhcn"])
    url = reverse("registration_list") + "?nam=2024"
    assert "Sở Khoa học và Công nghệ tỉnh Bắc Kạn</a>" in client.get(url).content.decode()
    services.unit_rename(actor=users["admin"], unit=old, new_name="Sở KHCN Bắc Kạn (đã hợp nhất)",
                         on=dt.date(2025, 6, 30))
    assert "Sở KHCN Bắc Kạn (đã hợp nhất)</a>" in client.get(url).content.decode()
    dossiers = reverse("nomination_list")
    assert dossier.title in client.get(dossiers).content.decode()
    yearend.nomination_update(actor=users["admin"], nomination=dossier, title="Tờ trình đề nghị khen thưởng năm 2024")
    assert "Tờ trình đề nghị khen thưởng năm 2024</a>" in client.get(dossiers).content.decode()


def test_a_cached_decision_list_follows_a_decision_of_the_unit_it_continues(client, users):
    """A draft of the Bắc Kạn agency, which SKHCN continues, is issued after the merger: SKHCN's cached
    list of decisions shows it issued on the next view."""
    bac_kan = Province.objects.create(code="BK", name="Bắc Kạn", parent_body="UBND TỈNH BẮC KẠN", place_name="Bắc Kạn")
    old = Unit.objects.create(code="BK-SKHCN", name="Sở Khoa học và Công nghệ tỉnh Bắc Kạn",
                              kind=UnitKind.AGENCY, province=bac_kan)
    person = services.staff_create(actor=users["admin"], agency=old, full_name="Hà Thị Lan", kind="cong_chuc",
                                   active_from=dt.date(2020, 1, 1))
    draft = decisions.decision_create(actor=users["admin"], issuer=old, award_year=2024, title="Về việc tặng Giấy khen",
                                      lines=[decisions.LineSpec(code="GK", staff=person)])
    services.unit_merge(actor=users["admin"], predecessors=[old], successor=Unit.objects.get(code="SKHCN"),
                        on=dt.date(2025, 7, 1))
    client.force_login(users["skhcn"])
    url = reverse("decision_list") + "?nam=2024"
    assert "(dự thảo)" in client.get(url).content.decode()
    decisions.decision_issue(actor=users["admin"], decision=draft, date=dt.date(2025, 1, 10))
    page = client.get(url).content.decode()
    assert "(dự thảo)" not in page and "Đã ban hành" in page
