"""`thidua report targets --unit SKHCN --year 2022 [--json]` (CONTRACT.md, "Year end"): for each
catalog code the unit registered or achieved, the collective and individual figures registered
and achieved. Exit status 2 with a one-line error for an unknown unit or a year with neither a
registration nor an award. With --user, only a unit within that user's scope is found."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from thidua.accounts.models import User
from thidua.core import bounds
from thidua.organizations.models import Unit, UnitKind
from thidua.reports.selectors import has_year, unit_targets
from thidua.yearend.policy import agencies_for


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _cell(value) -> str:
    return "—" if value is None else str(value)


class Command(BaseCommand):
    help = "Báo cáo chỉ tiêu đăng ký và kết quả khen thưởng của một đơn vị trong một năm."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="report", required=True)
        p = sub.add_parser("targets", called_from_command_line=getattr(parser, "called_from_command_line", False),
                           help="chỉ tiêu đăng ký và kết quả đạt được")
        p.add_argument("--unit", required=True, help="mã đơn vị, ví dụ SKHCN")
        p.add_argument("--year", required=True, type=bounds.year_arg)
        p.add_argument("--json", action="store_true")
        p.add_argument("--user", help="thực hiện với quyền của người dùng này")

    def handle(self, *args, **options):
        units = Unit.objects.filter(kind=UnitKind.AGENCY)
        if options.get("user"):
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise _fail(f"Không có người dùng «{options['user']}».")
            units = agencies_for(user)
        unit = units.select_related("province").filter(code=options["unit"]).first()
        if unit is None:
            raise _fail(f"Không tìm thấy đơn vị {options['unit']}.")
        year = options["year"]
        if not has_year(unit, year):
            raise _fail(f"Đơn vị {unit.code} không có bản đăng ký thi đua hay khen thưởng nào năm {year}.")
        table = unit_targets(unit, year)
        if options["json"]:
            self.stdout.write(json.dumps(table.as_json(), ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{unit.name} – chỉ tiêu đăng ký và kết quả năm {year}")
        head = f"{'Mã':<10} {'Tập thể ĐK':>10} {'đạt':>5} {'Cá nhân ĐK':>11} {'đạt':>5}"
        self.stdout.write(f"{head}  Danh hiệu, hình thức")
        for row in table.rows:
            self.stdout.write(f"{row.code:<10} {_cell(row.collective.registered):>10} {row.collective.achieved:>5} "
                              f"{_cell(row.individual.registered):>11} {row.individual.achieved:>5}  {row.name}")
