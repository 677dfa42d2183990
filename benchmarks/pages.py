"""What a real province holds besides its history, for the page benchmarks: users of every role,
a block with its members, registrations with targets, nominations with lines and issued decisions
with their annexes (the 2021 titles of the history). Bulk inserts, deterministic, idempotent (a
province whose users exist is skipped). Also: the logins and the pages each role opens.

Used by `generate.py` (after a province's history) and by `profile_pages.py` / `bench_pages.py`."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction

from thidua.accounts.models import Role, User
from thidua.catalog.models import AwardType
from thidua.decisions.models import Decision, DecisionLine, DecisionStatus
from thidua.emulation.models import Registration, Status, Target
from thidua.evaluation.models import AwardRecord, CollectiveRating
from thidua.organizations.models import Block, BlockMembership, BlockYear, Province, Staff, Unit, UnitKind
from thidua.yearend.models import Level, Nomination, NominationLine, NominationStatus

PASSWORD = "bench-mat-khau-2022"  # benchmark logins only, on a generated database
YEAR = 2022
# The role, the username suffix and the agency (by position in the province) the user works in.
ROLES = [(Role.PROVINCE_OFFICER, "tinh", 0), (Role.AGENCY_OFFICER, "coquan", 1),
         (Role.AGENCY_LEADER, "lanhdao", 1), (Role.BLOCK_OFFICER, "khoi", 2)]
TARGET_CODES = ["LDTT", "CSTDCS", "TTLDTT", "BK_TINH"]
AMOUNTS = {"LDTT": 702_000, "CSTDCS": 1_755_000, "CSTD_TINH": 5_265_000, "CSTD_TQ": 7_020_000,
           "BK_TINH": 1_755_000}


def username(province_code: str, suffix: str) -> str:
    return f"{province_code.lower()}-{suffix}"


def generate_work(province: Province) -> dict[str, int]:
    """Users, block, registrations, nominations and decisions of one generated province."""
    code = province.code
    if User.objects.filter(username=username(code, "tinh")).exists():
        return {}
    agencies = list(Unit.objects.filter(province=province, kind=UnitKind.AGENCY).order_by("position"))
    password = make_password(PASSWORD)
    counts: dict[str, int] = {}
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(username=username(code, suffix), password=password, role=role, unit=agencies[at],
                 first_name=f"{suffix} {code}")
            for role, suffix, at in ROLES)
        counts["users"] = len(users)
        block = Block.objects.create(code=f"{code}-K1", name="Khối thử nghiệm", province=province)
        block_year = BlockYear.objects.create(block=block, year=YEAR, head=agencies[2], deputy=agencies[3])
        BlockMembership.objects.bulk_create(BlockMembership(block_year=block_year, unit=a, position=i)
                                            for i, a in enumerate(agencies[2:12]))
        registrations = Registration.objects.bulk_create(
            Registration(unit=a, year=YEAR, status=Status.RECEIVED, heading_year=YEAR,
                         addressee="Ban Thi đua – Khen thưởng tỉnh", place=province.place_name)
            for a in agencies)
        awards = {a.code: a for a in AwardType.objects.filter(code__in=TARGET_CODES)}
        targets = Target.objects.bulk_create(
            Target(registration=r, award_type=awards[c], position=i, label=awards[c].name,
                   individual_count=None if c == "TTLDTT" else 100 + i, collective_count=3 if c == "TTLDTT" else None)
            for r in registrations for i, c in enumerate(TARGET_CODES) if c in awards)
        counts["registrations"], counts["targets"] = len(registrations), len(targets)

        # One dossier per agency for the year judged: its people with an initiative, for CSTĐCS.
        nominations = Nomination.objects.bulk_create(
            Nomination(unit=a, year=YEAR, level=Level.PROVINCE, status=NominationStatus.SUBMITTED,
                       title=f"Đề nghị khen thưởng năm {YEAR}", addressee="Hội đồng Thi đua – Khen thưởng tỉnh")
            for a in agencies)
        by_agency = {n.unit_id: n for n in nominations}
        proposed = (Staff.objects.filter(agency__province=province, achievements__year=YEAR).distinct()
                    .order_by("pk").values_list("pk", "agency_id"))
        lines = NominationLine.objects.bulk_create(
            (NominationLine(nomination=by_agency[agency_id], position=i, staff_id=pk, code="CSTDCS")
             for i, (pk, agency_id) in enumerate(proposed)), batch_size=5000)
        counts["nominations"], counts["nomination lines"] = len(nominations), len(lines)

        # Each agency's decision for the previous year, its annex the titles of the history.
        decisions = Decision.objects.bulk_create(
            Decision(issuer=a, symbol="QĐ-BENCH", number=i + 1, year=YEAR, date=dt.date(YEAR, 1, 20),
                     title=f"Về việc công nhận danh hiệu thi đua năm {YEAR - 1}", award_year=YEAR - 1,
                     authority=f"GIÁM ĐỐC {a.name.upper()}", signer_position="GIÁM ĐỐC",
                     signer_name="Nguyễn Văn A", status=DecisionStatus.ISSUED, place=province.place_name)
            for i, a in enumerate(agencies))
        by_issuer = {d.issuer_id: d for d in decisions}
        names = dict(AwardType.objects.values_list("code", "name"))
        records = (AwardRecord.objects.filter(staff__agency__province=province, year=YEAR - 1)
                   .order_by("staff_id", "code").values_list("staff_id", "staff__agency_id", "staff__full_name",
                                                           "staff__agency__name", "code"))
        decision_lines = DecisionLine.objects.bulk_create(
            (DecisionLine(decision=by_issuer[agency_id], position=i, staff_id=pk, code=c,
                          award_name=names.get(c, c), year=YEAR - 1, name=name, unit_name=unit_name,
                          amount=AMOUNTS.get(c))
             for i, (pk, agency_id, name, unit_name, c) in enumerate(records)), batch_size=5000)
        counts["decisions"], counts["decision lines"] = len(decisions), len(decision_lines)
    return counts


def add_collective_lines(province: Province) -> int:
    """Collective titles on each agency's decision: Tập thể lao động tiên tiến for its departments
    rated HTTNV or better in the year awarded, as real annexes have (and as the database's
    statistics must see: with individual lines only, SQLite judged the (unit, year) index useless).
    Idempotent: a province whose decisions have collective lines is skipped."""
    decisions = {d.issuer_id: d for d in Decision.objects.filter(issuer__province=province, symbol="QĐ-BENCH")
                 .select_related("issuer")}
    if not decisions or DecisionLine.objects.filter(decision__in=decisions.values(), unit__isnull=False).exists():
        return 0
    rated = (CollectiveRating.objects.filter(unit__province=province, unit__kind=UnitKind.DEPARTMENT, year=YEAR - 1,
                                             rating__in=["HTXSNV", "HTTNV"])
             .order_by("unit__parent_id", "unit__position").values_list("unit_id", "unit__parent_id", "unit__name"))
    name = AwardType.objects.get(code="TTLDTT").name
    lines = DecisionLine.objects.bulk_create(
        DecisionLine(decision=decisions[parent], position=100_000 + i, unit_id=unit_id, code="TTLDTT", award_name=name,
                     year=YEAR - 1, name=unit_name, unit_name=decisions[parent].issuer.name)
        for i, (unit_id, parent, unit_name) in enumerate(rated) if parent in decisions)
    return len(lines)


def collect_static() -> None:
    """Bring a generated database to the current schema, and collect the static files (production
    mode serves hashed names from the manifest; unchanged files are skipped)."""
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def role_users(province_code: str) -> dict[str, User]:
    """The benchmark users of a generated province by role."""
    users = User.objects.filter(username__in=[username(province_code, s) for _, s, _ in ROLES]).select_related("unit")
    by_name = {u.username: u for u in users}
    missing = [s for _, s, _ in ROLES if username(province_code, s) not in by_name]
    if missing:
        raise SystemExit(f"{province_code} has no benchmark users: run benchmarks/generate.py first")
    return {role: by_name[username(province_code, s)] for role, s, _ in ROLES}


def page_urls(province_code: str) -> list[tuple[str, str, str]]:
    """(role, name, URL) of each main page, for one generated province. The agency pages are those
    of the agency officer's agency (about 250 people)."""
    users = role_users(province_code)
    agency = users[Role.AGENCY_OFFICER].unit
    block = Block.objects.filter(province__code=province_code).first()
    decision = Decision.objects.filter(issuer=agency).first()
    nomination = Nomination.objects.filter(unit=agency).first()
    registration = Registration.objects.filter(unit=agency).first()
    board, officer = Role.PROVINCE_OFFICER, Role.AGENCY_OFFICER
    pages = [
        (board, "health", "/suc-khoe/"),
        (board, "home", "/"),
        (board, "units", "/don-vi/"),
        (board, "agency detail", f"/don-vi/{agency.code}/"),
        (board, "staff page 2", f"/don-vi/{agency.code}/?trang=2"),
        (officer, "eligibility (xet-khen)", f"/don-vi/{agency.code}/xet-khen/?nam={YEAR}"),
        (officer, "ratings (xep-loai)", f"/don-vi/{agency.code}/xep-loai/?nam={YEAR}"),
        (officer, "individual registrations", f"/don-vi/{agency.code}/dang-ky-ca-nhan/?nam={YEAR}"),
        (board, "registrations", "/dang-ky/"),
        (officer, "registration detail", f"/dang-ky/{registration.pk}/"),
        (board, "dossiers", "/ho-so-de-nghi/"),
        (officer, "dossier detail", f"/ho-so-de-nghi/{nomination.pk}/"),
        (board, "decisions", "/quyet-dinh/"),
        (officer, "decision detail", f"/quyet-dinh/{decision.pk}/"),
        (board, "province report", f"/bao-cao/chi-tieu/tinh/{province_code}/?nam={YEAR}"),
        (board, "agency report", f"/bao-cao/chi-tieu/don-vi/{agency.code}/?nam={YEAR}"),
        (Role.BLOCK_OFFICER, "block report", f"/bao-cao/chi-tieu/khoi/{block.code}/?nam={YEAR}"),
        (Role.AGENCY_LEADER, "staff detail", f"/nhan-su/{Staff.objects.filter(agency=agency).first().pk}/"),
    ]
    return pages
