"""`thidua block summary|ranking` (CONTRACT.md, "Emulation blocks").

    thidua block summary --block KHOI-TMTH --year 2022 [--json] [--format xlsx|docx --output FILE]
    thidua block ranking --block KHOI-TMTH --year 2022 [--json]
    (both take --user NAME to act with that user's scope: the summary is the head's and the
    province's desk, the ranking the block's results; without --user they act as before)
    thidua block remind [--today YYYY-MM-DD]   (daily: deadline reminders of launched movements)

Exit 2 with a one-line error on an unknown block or year."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from thidua.accounts.models import User
from thidua.blocks import policy, selectors, services
from thidua.blocks.documents import export_block_docx, export_block_xlsx
from thidua.blocks.scoring import fmt_points
from thidua.core import bounds


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Tổng hợp đăng ký thi đua hoặc xếp hạng của một khối thi đua trong một năm."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("summary", "ranking"):
            p = sub.add_parser(name, called_from_command_line=getattr(parser, "called_from_command_line", False))
            p.add_argument("--block", required=True, help="mã khối, ví dụ KHOI-TMTH")
            p.add_argument("--year", required=True, type=bounds.year_arg)
            p.add_argument("--json", action="store_true")
            p.add_argument("--user", help="thực hiện với quyền của người dùng này")
            if name == "summary":
                p.add_argument("--format", choices=["xlsx", "docx"])
                p.add_argument("--output")
        remind = sub.add_parser("remind", called_from_command_line=getattr(parser, "called_from_command_line", False))
        remind.add_argument("--today", type=bounds.date_arg, help="ngày tính hạn (mặc định: hôm nay)")

    def handle(self, *args, **options):
        if options["action"] == "remind":
            today = options.get("today") or timezone.localdate()
            sent = services.movement_deadline_reminders(today=today)
            self.stdout.write(f"Đã gửi {sent} thông báo nhắc hạn đăng ký thi đua.")
            return
        block_year = selectors.block_year_get(options["block"], options["year"])
        if block_year is None:
            raise _fail(f"Không tìm thấy khối {options['block']} năm {options['year']}.")
        if options.get("user"):
            self._require(options["user"], block_year, "desk" if options["action"] == "summary" else "results",
                          options)
        if options["action"] == "summary":
            self._summary(block_year, options)
        else:
            self._ranking(block_year, options)

    def _require(self, username: str, block_year, action: str, options) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise _fail(f"Không có người dùng {username}.")
        if not policy.can(user, "view", block_year):  # out of scope: as if it did not exist
            raise _fail(f"Không tìm thấy khối {options['block']} năm {options['year']}.")
        if not policy.can(user, action, block_year):
            raise _fail("Bạn không có quyền xem nội dung này của khối.")

    def _summary(self, block_year, options) -> None:
        if bool(options.get("format")) != bool(options.get("output")):
            raise _fail("--format và --output phải đi cùng nhau.")
        data = selectors.consolidation(block_year)
        if options.get("format"):
            exported = export_block_xlsx(data) if options["format"] == "xlsx" else export_block_docx(data)
            Path(options["output"]).write_bytes(exported.content)
            if not options["json"]:
                self.stdout.write(f"Đã ghi {options['output']} ({len(exported.content)} byte).")
        if options["json"]:
            self.stdout.write(json.dumps(data.as_json(), ensure_ascii=False, indent=1))
            return
        if options.get("format"):
            return
        head = block_year.head.code if block_year.head else "—"
        block = block_year.block
        self.stdout.write(f"{block.name} ({block.code}) năm {block_year.year}, trưởng khối {head}")
        for m in data.members:
            self.stdout.write(f"  {m.unit.code:<10} {m.status_label}")
        self.stdout.write("Tổng cộng (tập thể / cá nhân):")
        names = {a.code: a.name for a in data.codes}
        for code, counts in data.totals.items():
            both = f"{counts['collective']:>5} / {counts['individual']:<5}"
            self.stdout.write(f"  {code:<10} {both} {names.get(code, '')}")

    def _ranking(self, block_year, options) -> None:
        rows = selectors.ranking(block_year)
        if options["json"]:
            self.stdout.write(json.dumps(selectors.ranking_json(block_year), ensure_ascii=False, indent=1))
            return
        if not rows:
            self.stdout.write("Chưa có điểm thống nhất để xếp hạng.")
            return
        for r in rows:
            note = " (đồng hạng)" if r.ranked.tied_with else (f" (bằng điểm, xếp theo {r.ranked.decided_by})"
                                                              if r.ranked.decided_by else "")
            score = fmt_points(r.ranked.score)
            self.stdout.write(f"{r.ranked.rank:>3}  {r.unit.code:<10} {score:>7}  {r.unit.name}{note}")
