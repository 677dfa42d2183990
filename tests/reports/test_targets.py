"""Targets against results: the registered figures of the seed registration beside what the demo's
issued decisions gave for 2022, per agency, block and province; merged units answer for their
predecessors; the `thidua report targets` contract; the Excel export; scope and query counts."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from thidua.organizations.models import Unit, UnitKind
from thidua.organizations.services import unit_merge
from thidua.reports.selectors import block_targets, province_targets, unit_targets

# code: ((collective registered, achieved), (individual registered, achieved)) for SKHCN in 2022
EXPECTED = {
    "LDTT": ((None, 0), (70, 70)),
    "CSTDCS": ((None, 0), (11, 10)),
    "CSTD_TINH": ((None, 0), (3, 2)),
    "CSTD_TQ": ((None, 0), (1, 0)),
    "TTLDTT": ((7, 7), (None, 0)),
    "TTLDXS": ((2, 2), (None, 0)),
    "CO_TINH": ((1, 0), (None, 0)),
    "BK_TINH": ((1, 1), (2, 2)),
    "BK_BO": ((1, 0), (4, 0)),
    "BK_TTG": ((1, 0), (1, 0)),
}


def figures(table):
    return {r.code: ((r.collective.registered, r.collective.achieved), (r.individual.registered, r.individual.achieved))
            for r in table.rows}


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_the_seed_targets_stand_beside_what_the_2022_decisions_gave(users):
    table = unit_targets(Unit.objects.get(code="SKHCN"), 2022)
    assert table.registered
    assert figures(table) == EXPECTED
    gaps = {r.code: (r.collective.gap, r.individual.gap) for r in table.rows}
    assert gaps["CSTDCS"] == (None, -1) and gaps["LDTT"] == (None, 0) and gaps["TTLDTT"] == (0, None)


def test_the_command_prints_the_contract_json(users):
    payload = json.loads(run("targets", "--unit", "SKHCN", "--year", "2022", "--json"))
    assert set(payload) == {"unit", "year", "rows"} and (payload["unit"], payload["year"]) == ("SKHCN", 2022)
    for row in payload["rows"]:
        assert set(row) == {"code", "collective", "individual"}
        assert set(row["collective"]) == set(row["individual"]) == {"registered", "achieved"}
    got = {r["code"]: ((r["collective"]["registered"], r["collective"]["achieved"]),
                       (r["individual"]["registered"], r["individual"]["achieved"])) for r in payload["rows"]}
    assert got == EXPECTED
    assert [r["code"] for r in payload["rows"]][:4] == ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ"]


def test_the_command_prints_a_table_without_json(users):
    text = run("targets", "--unit", "SKHCN", "--year", "2022")
    assert "Sở Khoa học và Công nghệ tỉnh Thái Nguyên – chỉ tiêu đăng ký và kết quả năm 2022" in text
    assert any(line.split()[:5] == ["CSTDCS", "—", "0", "11", "10"] for line in text.splitlines())


@pytest.mark.parametrize("args, message", [
    (["--unit", "NOPE", "--year", "2022"], "Không tìm thấy đơn vị NOPE."),
    (["--unit", "SKHCN", "--year", "1999"], "không có bản đăng ký thi đua hay khen thưởng nào năm 1999"),
    (["--unit", "SKHCN", "--year", "2022", "--user", "snv"], "Không tìm thấy đơn vị SKHCN."),
])
def test_an_unknown_unit_or_year_exits_2_with_one_line(users, args, message):
    with pytest.raises(CommandError) as info:
        run("targets", *args)
    assert info.value.returncode == 2 and message in str(info.value) and "\n" not in str(info.value)


def test_a_merged_agency_answers_for_its_predecessor(users):
    skhcn = Unit.objects.get(code="SKHCN")
    successor = Unit.objects.create(code="SKHCN-MOI", name="Sở Khoa học và Công nghệ (sau hợp nhất)",
                                    kind=UnitKind.AGENCY, province=skhcn.province, symbol="KHCN")
    unit_merge(actor=users["admin"], predecessors=[skhcn], successor=successor, on=dt.date(2025, 7, 1))
    assert figures(unit_targets(successor, 2022)) == EXPECTED


def test_the_block_sums_its_members_and_the_province_sums_its_agencies(users):
    from thidua.organizations.models import BlockYear

    block = block_targets(BlockYear.objects.get(block__code="KHOI-TMTH", year=2022))
    members = {m.unit.code: figures(m) for m in block.members}
    assert members["SKHCN"] == EXPECTED
    totals = {r.code: r for r in block.totals}
    assert totals["LDTT"].individual.registered == sum(
        (m.get("LDTT", ((None, 0), (None, 0)))[1][0] or 0) for m in members.values())
    assert totals["LDTT"].individual.achieved == 70  # only SKHCN has decisions in the demo
    province = province_targets(Unit.objects.get(code="SKHCN").province, 2022)
    assert {r.code: r.individual.achieved for r in province.totals}["CSTD_TINH"] == 2


def test_the_pages_show_the_tables_and_the_chart_within_scope(as_user, django_assert_max_num_queries):
    url = reverse("targets_unit", args=["SKHCN"]) + "?nam=2022"
    client = as_user("skhcn")
    with django_assert_max_num_queries(15):
        page = client.get(url).content.decode()
    assert '<tr data-code="CSTDCS">' in page and 'data-kind="individual-achieved">10<' in page
    assert "vendor/chartjs/chart.umd.min.js" in page and 'id="targets-data"' in page
    with django_assert_max_num_queries(5):  # the table and chart cached: the stamps instead of the data
        again = client.get(url).content.decode()
    assert again.split('id="targets"', 1)[1] == page.split('id="targets"', 1)[1]
    assert as_user("skhcn.lanhdao").get(url).status_code == 200
    assert as_user("bantdkt").get(url).status_code == 200
    assert as_user("snv").get(url).status_code == 404
    assert as_user(None).get(url).status_code == 302
    block = reverse("targets_block", args=["KHOI-TMTH"]) + "?nam=2022"
    head = as_user("truongkhoi")
    with django_assert_max_num_queries(17):  # two of them: the cached body's stamps, read the first time
        assert head.get(block).status_code == 200
    assert as_user("skhcn").get(block).status_code == 200  # a member sees its block
    province = reverse("targets_province", args=["TN"]) + "?nam=2022"
    assert as_user("bantdkt").get(province).status_code == 200
    assert as_user("skhcn").get(province).status_code == 404


def test_the_cached_province_and_block_reports_follow_an_award_recorded_through_the_service(as_user, users):
    """Both reports' bodies are cached; an award recorded (evaluation.services.award_record_add)
    changes the province's stamp and the next view counts it."""
    from thidua.evaluation.models import AwardRecord
    from thidua.evaluation.services import award_record_add
    from thidua.organizations.models import Staff

    province = reverse("targets_province", args=["TN"]) + "?nam=2022"
    block = reverse("targets_block", args=["KHOI-TMTH"]) + "?nam=2022"
    board, head = "bantdkt", "truongkhoi"

    def achieved(username: str, url: str) -> int:
        totals = as_user(username).get(url).content.decode().split('id="totals"', 1)[1].split("</table>", 1)[0]
        row = totals.split('<tr data-code="BK_TINH">', 1)[1].split("</tr>", 1)[0]
        return int(row.split('data-kind="individual-achieved">', 1)[1].split("<", 1)[0])

    before = achieved(board, province), achieved(head, block)
    assert (achieved(board, province), achieved(head, block)) == before  # from the cache
    awarded = AwardRecord.objects.filter(code="BK_TINH", year=2022, staff__isnull=False).values("staff_id")
    person = Staff.objects.filter(agency__code="SKHCN").exclude(pk__in=awarded).first()
    award_record_add(actor=users["bantdkt"], code="BK_TINH", year=2022, staff=person,
                     decision_number="99/QĐ-UBND", issuer="Chủ tịch UBND tỉnh")
    assert (achieved(board, province), achieved(head, block)) == (before[0] + 1, before[1] + 1)



def test_the_cached_agency_report_follows_an_award_and_a_target_changed_through_the_services(as_user, users):
    """The agency's table and chart are cached like the province's report (reports.views.unit_page):
    an award recorded and a registration's target edited through their services show on the next
    view, for the agency and the board; another agency still gets 404."""
    from thidua.emulation import services as emulation
    from thidua.emulation.models import Registration
    from thidua.evaluation.models import AwardRecord
    from thidua.evaluation.services import award_record_add
    from thidua.organizations.models import Staff

    url = reverse("targets_unit", args=["SKHCN"]) + "?nam=2022"

    def figures(username: str) -> tuple[str, str]:
        row = as_user(username).get(url).content.decode().split('<tr data-code="BK_TINH">', 1)[1].split("</tr>", 1)[0]
        return tuple(row.split(f'data-kind="individual-{kind}">', 1)[1].split("<", 1)[0]
                     for kind in ("registered", "achieved"))

    assert figures("skhcn") == figures("skhcn") == figures("bantdkt") == ("2", "2")  # the second from the cache
    awarded = AwardRecord.objects.filter(code="BK_TINH", year=2022, staff__isnull=False).values("staff_id")
    person = Staff.objects.filter(agency__code="SKHCN").exclude(pk__in=awarded).first()
    award_record_add(actor=users["bantdkt"], code="BK_TINH", year=2022, staff=person,
                     decision_number="99/QĐ-UBND", issuer="Chủ tịch UBND tỉnh")
    assert figures("skhcn") == figures("bantdkt") == ("2", "3")
    registration = Registration.objects.get(unit__code="SKHCN", year=2022)
    target = registration.targets.get(award_type__code="BK_TINH")
    assert registration.status == "draft"  # the seed: its officer may edit it
    emulation.registration_update(
        actor=users["skhcn"], registration=registration, expected_version=registration.version, header={},
        targets=[emulation.TargetChange(target.award_type_id, target.collective_count, target.collective_ratio,
                                        5, target.individual_ratio)],
        solutions=[s.text for s in registration.solutions.all()],
        movements=[m.text for m in registration.movements.all()])
    assert figures("bantdkt") == ("5", "3")
    assert as_user("snv").get(url).status_code == 404


def test_the_excel_export_reads_back(as_user):
    response = as_user("skhcn").get(reverse("targets_unit", args=["SKHCN"]) + "?nam=2022&xuat=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {r[1]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["CSTDCS"][6:9] == (11, 10, -1)
    assert rows["TTLDTT"][3:6] == (7, 7, 0)
    block = as_user("bantdkt").get(reverse("targets_block", args=["KHOI-TMTH"]) + "?nam=2022&xuat=xlsx")
    book = load_workbook(io.BytesIO(block.content))
    assert book.sheetnames[0] == "Tổng hợp" and "SKHCN" in book.sheetnames
