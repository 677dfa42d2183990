"""Property tests (hypothesis) over the main write paths, with whatever a user or a script may
send: random text, numbers, dates and identifiers in web forms, spreadsheet cells and command-line
arguments. The properties: never a server error or a traceback, and a write is whole or absent."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.councils import services as councils
from thidua.councils.models import BallotResult
from thidua.organizations.imports import COLUMNS, ImportFileError, staff_import
from thidua.organizations.models import Staff

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])
# Text as typed or pasted: any printable character (NUL cannot come from a command line, and
# browsers send it only when a script does).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
NUMBERISH = st.one_of(TEXT, st.integers().map(str), st.sampled_from(
    ["²", "٢٠٢٢", "9" * 22, "9223372036854775807", "-1", "NaN", "inf", "1e400", "1,5", " 7 ", "", "0x10"]))
DATEISH = st.one_of(TEXT, st.dates().map(lambda d: d.strftime("%d/%m/%Y")), st.sampled_from(
    ["30/02/2024", "2024-02-30", "31/04/2023", "00/00/0000", "1800-01-01", "99999-01-01", "29/02/2023"]))


def _rolled_back(action):
    """Run `action` in a savepoint rolled back afterwards: each example meets the same database."""
    with transaction.atomic():
        result = action()
        transaction.set_rollback(True)
    return result


@pytest.fixture
def candidate(org):
    from thidua.councils.models import Council

    admin = org.users["admin"]
    council = councils.council_create(actor=admin, owner=org.skhcn)
    for person in org.staff[:5]:
        councils.council_add_member(actor=admin, council=council, full_name=person.full_name, staff=person)
    session = councils.session_create(actor=admin, council=council, date=dt.date(2022, 12, 12), year=2022)
    assert Council.objects.count() == 1
    return councils.session_add_candidate(actor=admin, session=session, code="CSTDCS", staff=org.staff[3])


@FAST
@given(yes=NUMBERISH, no=NUMBERISH, invalid=NUMBERISH)
def test_a_ballot_of_anything_is_recorded_whole_or_not_at_all(client, org, candidate, yes, no, invalid):
    client.force_login(org.users["skhcn"])
    url = reverse("session_ballot", args=[candidate.session_id, candidate.pk])

    def post():
        response = client.post(url, {"yes": yes, "no": no, "invalid": invalid})
        return response.status_code, BallotResult.objects.filter(candidate=candidate).first()

    status, ballot = _rolled_back(post)
    assert status == 302
    if ballot is not None:  # recorded: exactly what was typed, and something was typed
        assert (ballot.yes, ballot.no) == (int(yes), int(no)) and ballot.yes + ballot.no + ballot.invalid > 0


@FAST
@given(name=TEXT, birth=DATEISH, year=NUMBERISH, position=st.one_of(TEXT, st.just("x" * 10_000)),
       personal_id=NUMBERISH)
def test_the_staff_form_takes_anything_without_a_server_error(client, org, name, birth, year, position,
                                                              personal_id):
    person = org.staff[5]
    client.force_login(org.users["skhcn"])

    def post():
        response = client.post(reverse("staff_edit", args=[person.pk]), {
            "full_name": name, "birth_date": birth, "birth_year": year, "position": position,
            "personal_id": personal_id, "kind": "civil_servant", "gender": "nam",
            "active_from": birth, "service_start": birth})
        saved = Staff.objects.get(pk=person.pk)
        return response.status_code, saved

    status, saved = _rolled_back(post)
    assert status in (200, 302, 422)
    if status == 302:  # saved: within the bounds
        assert 0 < len(saved.full_name) <= 150 and len(saved.position) <= 150


CELL = st.one_of(TEXT, st.integers(min_value=-10**30, max_value=10**30), st.floats(), st.dates(),
                 st.sampled_from(["30/02/2024", "Công chức", "Nam", "Nữ", "Lãnh đạo", "x" * 500]))


@FAST
@given(rows=st.lists(st.lists(CELL, max_size=len(COLUMNS) + 3), max_size=6))
def test_a_staff_list_of_random_cells_is_imported_whole_or_refused(org, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    content = buffer.getvalue().encode("utf-8")

    def run():
        before = Staff.objects.count()
        try:
            result = staff_import(actor=org.users["skhcn"], agency=org.skhcn, filename="nhan-su.csv",
                                  content=content)
        except ImportFileError as exc:
            return before, Staff.objects.count(), None, str(exc)
        return before, Staff.objects.count(), result, ""

    before, after, result, message = _rolled_back(run)
    if result is None or not result.ok:
        assert after == before  # refused: nobody added
        assert message or all(e.message for e in result.errors)
    else:
        assert after == before + len(result.added)


CLI = [
    lambda x: ["decision", "list", "--year", x],
    lambda x: ["report", "targets", "--unit", "SKHCN", "--year", x],
    lambda x: ["registration", "check", "--unit", x, "--year", "2022"],
    lambda x: ["reward", "LDTT", "--date", x],
    lambda x: ["unit", "rename", "--user", "bantdkt", "--unit", "SKHCN", "--name", "Tên", "--date", x],
    lambda x: ["block", "summary", "--block", x, "--year", "2022"],
    lambda x: ["decision", "export", x, "--format", "docx", "--output", "/dev/null"],
]


@FAST
@given(command=st.sampled_from(CLI), value=st.one_of(NUMBERISH, DATEISH))
def test_commands_answer_any_argument_with_a_message_not_a_traceback(org, command, value):
    args = command(value)

    def run():
        try:
            call_command(*args)
        except CommandError as exc:
            assert str(exc).strip()
        except SystemExit as exc:  # argparse of a subcommand
            assert exc.code != 0

    _rolled_back(run)


@pytest.mark.parametrize("args", [["decision", "list", "--year", "²"], ["reward", "LDTT", "--date", "30/02/2024"],
                                  ["registration", "parse", "/nonexistent/x.docx"]])
def test_the_real_command_line_prints_one_vietnamese_line(tmp_path, args):
    """The console script itself (argparse and CommandError as a user sees them): exit status not
    0, a message on stderr, no Python traceback."""
    thidua = Path(sys.executable).with_name("thidua")
    done = subprocess.run([str(thidua), *args], capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "THIDUA_VAR_DIR": str(tmp_path)})
    assert done.returncode != 0
    assert "Traceback" not in done.stderr and done.stderr.strip(), done.stderr


def test_a_nul_character_in_any_field_is_a_400_on_every_database(client, org, candidate):
    client.force_login(org.users["skhcn"])
    url = reverse("session_ballot", args=[candidate.session_id, candidate.pk])
    assert client.post(url, {"yes": "1\x00", "no": "1"}).status_code == 400
    assert client.get(reverse("council_list"), {"nam": "\x00"}).status_code == 400
    assert not BallotResult.objects.filter(candidate=candidate).exists()
