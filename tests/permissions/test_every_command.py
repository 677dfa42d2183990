"""Every `thidua` command that takes --user (issue 10, item 7): in scope it succeeds; out of scope it
is refused with a Vietnamese message and a non-zero exit, and changes nothing. A new management
command that takes --user without a row here fails test_every_user_command_is_in_the_table."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, get_commands, load_command_class
from year_end_fixtures import module_demo, users  # noqa: F401

from thidua.decisions.models import Decision, DecisionStatus
from thidua.emulation.models import Registration
from thidua.organizations.models import Unit, UnitName

LEGACY = Path(__file__).resolve().parents[1] / "emulation" / "legacy" / "nghe_an_stc_2023.txt"
VIETNAMESE = re.compile(r"[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôốồộổỗơớờợởỡưứừựửữ]")


def _decision(code: str) -> str:
    return str(Decision.objects.filter(issuer__code=code, status=DecisionStatus.ISSUED).order_by("pk").first().pk)


# (command, arguments with {placeholders}) asked as the user of the row: in scope, then out of scope.
# {unit} is the user's own agency in the first case and another agency in the second.
CASES = {
    "unit rename": ["unit", "rename", "--unit", "{department}", "--name", "Phòng đổi tên", "--date", "2025-07-01"],
    "unit merge": ["unit", "merge", "--from", "{department}", "--from", "{department2}", "--into", "{unit}-PGOP",
                   "--name", "Phòng hợp nhất", "--date", "2025-07-01"],
    "unit split": ["unit", "split", "--from", "{department}", "--into", "{unit}-PA=Phòng A", "--into",
                   "{unit}-PB=Phòng B", "--date", "2025-07-01"],
    "block summary": ["block", "summary", "--block", "KHOI-TMTH", "--year", "2022", "--json"],
    "block ranking": ["block", "ranking", "--block", "KHOI-TMTH", "--year", "2022", "--json"],
    "registration check": ["registration", "check", "--unit", "{unit}", "--year", "2022", "--json"],
    "registration export": ["registration", "export", "--unit", "{unit}", "--year", "2022", "--format", "docx",
                            "--output", "{tmp}/dk.docx"],
    "registration import": ["registration", "import", str(LEGACY), "--unit", "{unit}", "--year", "2023"],
    "decision list": ["decision", "list", "--json"],
    "decision export": ["decision", "export", "{decision}", "--format", "docx", "--output", "{tmp}/qd.docx"],
    "report targets": ["report", "targets", "--unit", "{unit}", "--year", "2022", "--json"],
}
# Who asks in scope and who out of scope, per case (the block: its head, and an agency that is
# only a member; the decision list is never refused: it lists what the user may see).
WHO = {
    "block summary": ("truongkhoi", "skhcn"),
    "block ranking": ("truongkhoi", None),
    "decision list": ("skhcn", None),
}


def _args(case: str, own: bool, tmp: Path) -> list[str]:
    tmp = tmp / "out"
    tmp.mkdir(exist_ok=True)
    unit = "SKHCN" if own else "SNV"
    departments = list(Unit.objects.filter(parent__code=unit).order_by("position").values_list("code", flat=True))
    values = {"unit": unit, "department": departments[0], "department2": departments[1], "tmp": str(tmp),
              "decision": _decision(unit)}
    return [part.format(**values) for part in CASES[case]]


def test_every_user_command_is_in_the_table():
    """Each command whose parser offers --user has its rows (a subcommand at least)."""
    with_user = set()
    for name, app in get_commands().items():
        if not app.startswith("thidua"):
            continue
        parser = load_command_class(app, name).create_parser("thidua", name)
        parsers = [parser] + [sub for action in parser._actions if isinstance(action, argparse._SubParsersAction)
                              for sub in action.choices.values()]
        if any("--user" in p.format_help() for p in parsers):
            with_user.add(name)
    assert with_user == {case.split()[0] for case in CASES}, with_user


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(CASES))
def test_in_scope_the_command_succeeds(case, users, tmp_path, capsys):  # noqa: F811
    user = WHO.get(case, ("skhcn", None))[0]
    call_command(*_args(case, True, tmp_path), "--user", user)
    out = capsys.readouterr().out
    if "--json" in CASES[case]:
        assert json.loads(out) is not None


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(c for c in CASES if WHO.get(c, ("", "skhcn"))[1] is not None))
def test_out_of_scope_the_command_is_refused_in_vietnamese_and_changes_nothing(case, users, tmp_path):  # noqa: F811
    user = WHO.get(case, ("", "skhcn"))[1]
    units = list(Unit.objects.order_by("pk").values_list("pk", "code", "name", "active_to"))
    names, registrations = UnitName.objects.count(), Registration.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command(*_args(case, False, tmp_path), "--user", user)
    assert refused.value.returncode != 0
    assert VIETNAMESE.search(str(refused.value)), str(refused.value)
    assert list(Unit.objects.order_by("pk").values_list("pk", "code", "name", "active_to")) == units
    assert (UnitName.objects.count(), Registration.objects.count()) == (names, registrations)
    assert not list((tmp_path / "out").iterdir()), "a refused export wrote a file"


@pytest.mark.django_db
def test_the_decision_list_shows_a_user_only_what_they_may_see(users, capsys):  # noqa: F811
    call_command("decision", "list", "--json", "--user", "snv")
    issuers = {row["issuer"] for row in json.loads(capsys.readouterr().out)}
    assert issuers == {"Sở Nội vụ tỉnh Thái Nguyên"}


@pytest.mark.django_db
def test_an_unknown_user_is_refused_by_every_command(users, tmp_path):  # noqa: F811
    for case in CASES:
        with pytest.raises(CommandError) as refused:
            call_command(*_args(case, True, tmp_path), "--user", "khong-co-ai")
        assert refused.value.returncode != 0 and "Không có người dùng" in str(refused.value), case
