"""Every list page, and the big per-agency pages, read the database a fixed number of times: the
same count with a few agencies of a few people as with many of many (no query per row), and within
a stated budget. Pages are opened by the province board's officer (who sees the whole province)
and the agency officer (the agency pages)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.accounts.models import Role, User
from thidua.catalog.models import AwardType
from thidua.core import versions
from thidua.decisions.models import Decision, DecisionLine, DecisionStatus
from thidua.emulation.models import Registration, Status, Target
from thidua.evaluation.models import Achievement, AwardRecord, Rating
from thidua.organizations.models import Block, BlockMembership, BlockYear, Province, Staff, StaffKind, Unit, UnitKind
from thidua.yearend.models import Nomination, NominationLine, NominationStatus

YEAR = 2022


def build(agencies: int, people: int, code: str = "QT") -> dict:
    """A province of `agencies` agencies (two departments each) of `people` staff with three years
    of ratings and titles, each agency with a registration, a dossier and an issued decision."""
    province = Province.objects.create(code=code, name=f"Tỉnh {code}", parent_body=f"UBND TỈNH {code}",
                                       place_name=f"Tỉnh {code}")
    units = Unit.objects.bulk_create(
        Unit(code=f"{code}-S{a:02d}", name=f"Sở số {a}", kind=UnitKind.AGENCY, province=province, position=a)
        for a in range(agencies))
    departments = Unit.objects.bulk_create(
        Unit(code=f"{u.code}-P{d}", name=f"Phòng {d}", kind=UnitKind.DEPARTMENT, province=province, parent=u,
             position=d) for u in units for d in (1, 2))
    staff = Staff.objects.bulk_create(
        Staff(agency=u, department=departments[2 * a + i % 2], full_name=f"Cán bộ {a}-{i}",
              name_folded=f"can bo {a}-{i}", kind=StaffKind.CIVIL_SERVANT, active_from=dt.date(2015, 1, 1))
        for a, u in enumerate(units) for i in range(people))
    Rating.objects.bulk_create(Rating(staff=s, year=y, rating="HTXSNV" if s.pk % 3 else "HTTNV")
                               for s in staff for y in (YEAR - 2, YEAR - 1, YEAR))
    Achievement.objects.bulk_create(Achievement(staff=s, year=y, kind="initiative", scope="co_so", title="Sáng kiến")
                                    for s in staff[::2] for y in (YEAR - 1, YEAR))
    AwardRecord.objects.bulk_create(AwardRecord(staff=s, year=y, code="LDTT")
                                    for s in staff for y in (YEAR - 2, YEAR - 1))
    awards = {a.code: a for a in AwardType.objects.filter(code__in=["LDTT", "CSTDCS"])}
    registrations = Registration.objects.bulk_create(
        Registration(unit=u, year=YEAR, status=Status.RECEIVED, heading_year=YEAR, addressee="Ban Thi đua",
                     place="Quảng Trị") for u in units)
    Target.objects.bulk_create(Target(registration=r, award_type=awards[c], position=i, label=awards[c].name,
                                      individual_count=10) for r in registrations for i, c in enumerate(awards))
    nominations = Nomination.objects.bulk_create(
        Nomination(unit=u, year=YEAR, status=NominationStatus.SUBMITTED, title="Đề nghị", addressee="Hội đồng")
        for u in units)
    NominationLine.objects.bulk_create(NominationLine(nomination=n, staff=s, code="CSTDCS")
                                       for n in nominations for s in staff if s.agency_id == n.unit_id)
    decisions = Decision.objects.bulk_create(
        Decision(issuer=u, symbol="QĐ-SO", number=i + 1, year=YEAR, date=dt.date(YEAR, 1, 20), title="Về việc",
                 award_year=YEAR - 1, authority="GIÁM ĐỐC", signer_position="GIÁM ĐỐC", status=DecisionStatus.ISSUED)
        for i, u in enumerate(units))
    DecisionLine.objects.bulk_create(DecisionLine(decision=d, staff=s, code="LDTT", award_name="Lao động tiên tiến",
                                                  year=YEAR - 1, name=s.full_name, amount=702_000)
                                     for d in decisions for s in staff if s.agency_id == d.issuer_id)
    block = Block.objects.create(code=f"{code}-K1", name="Khối thi đua", province=province)
    block_year = BlockYear.objects.create(block=block, year=YEAR, head=units[0])
    BlockMembership.objects.bulk_create(BlockMembership(block_year=block_year, unit=u, position=i)
                                        for i, u in enumerate(units))
    board = User.objects.create(username=f"bantdkt-{code}", role=Role.PROVINCE_OFFICER, unit=units[0])
    officer = User.objects.create(username=f"canbo-{code}", role=Role.AGENCY_OFFICER, unit=units[-1])
    return {"province": province, "agency": units[-1], "board": board, "officer": officer,
            "decision": decisions[-1], "nomination": nominations[-1]}


def pages(data: dict) -> list[tuple[str, str]]:
    agency, province = data["agency"].code, data["province"].code
    return [
        ("board", "/don-vi/"),
        ("board", f"/don-vi/{agency}/"),
        ("board", "/dang-ky/"),
        ("board", "/ho-so-de-nghi/"),
        ("board", "/quyet-dinh/"),
        ("board", f"/bao-cao/chi-tieu/tinh/{province}/?nam={YEAR}"),
        ("board", f"/bao-cao/chi-tieu/khoi/{province}-K1/?nam={YEAR}"),
        ("officer", f"/don-vi/{agency}/xet-khen/?nam={YEAR}"),
        ("officer", f"/don-vi/{agency}/xep-loai/?nam={YEAR}"),
        ("officer", f"/don-vi/{agency}/dang-ky-ca-nhan/?nam={YEAR}"),
        ("officer", f"/quyet-dinh/{data['decision'].pk}/"),
        ("officer", f"/ho-so-de-nghi/{data['nomination'].pk}/"),
    ]


# The budget of each page (queries, session and user included).
BUDGET = 40


def query_counts(client, data: dict) -> dict[str, int]:
    counts = {}
    for who, url in pages(data):
        client.force_login(data[who])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.django_db
@pytest.mark.parametrize("size", [(2, 3), (12, 25)], ids=["small", "large"])
def test_each_page_stays_within_its_query_budget(client, size, django_assert_max_num_queries):
    data = build(*size)
    for who, url in pages(data):
        client.force_login(data[who])
        with django_assert_max_num_queries(BUDGET):
            assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_number_of_agencies_and_people(client):
    versions.stamps([versions.CATALOG])  # its row is made once, by the first page that reads it
    small = query_counts(client, build(2, 3, code="QT"))
    cache.clear()  # what is cached under the catalog's stamp alone (a select's titles) is read again too
    large = query_counts(client, build(12, 25, code="HG"))
    assert list(small.values()) == list(large.values()), (small, large)


@pytest.mark.django_db
def test_a_cached_page_is_read_again_in_a_few_queries(client):
    """The bodies of the eligibility page, the reports, an issued decision's paper and the lists are
    cached: a second view reads the stamps instead of the data."""
    data = build(3, 10)
    first = query_counts(client, data)
    again = query_counts(client, data)
    decision = f"/quyet-dinh/{data['decision'].pk}/"
    lists = {"/don-vi/", "/quyet-dinh/", "/dang-ky/", "/ho-so-de-nghi/"}
    cached = [url for url in first if "/xet-khen/" in url or "/chi-tieu/" in url or url in (decision, *lists)]
    assert len(cached) == 4 + len(lists)
    for url in cached:
        assert again[url] < first[url], (url, first[url], again[url])
