"""`thidua decision list|export` (shared/CONTRACT.md, "Year end").

    thidua decision list   [--year 2022] [--json] [--all] [--user NAME]
    thidua decision export ID --format docx|pdf --output FILE [--user NAME]

`list` prints the issued decisions (and revoked ones, which keep their number), newest first;
`--year` is the year the awards are for (the emulation year); `--all` adds the drafts (number
null). With --json: [{"id", "number", "date", "issuer", "title", "lines", "total_amount", "status",
"kind", "award_year"}] — the keys of the contract plus the last three. `export` writes the decision
as a document in the ND 30/2020 layout. With --user the command sees only what that user may.
Exit status 2, with a one-line error, on an unknown decision or user."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Sum

from thidua.accounts.models import User
from thidua.core import bounds
from thidua.core.money import format_vnd
from thidua.decisions.documents import export_decision
from thidua.decisions.models import Decision, DecisionStatus
from thidua.decisions.policy import decisions_for
from thidua.documents.pdf import PdfUnavailable


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def decision_row(decision: Decision, *, lines: int, total: int) -> dict:
    return {
        "id": decision.pk,
        "number": decision.number_display if decision.number else None,
        "date": decision.date.isoformat() if decision.date else None,
        "issuer": decision.issuer.names_on(decision.date)[0] if decision.date else decision.issuer.name,
        "title": decision.title,
        "lines": lines,
        "total_amount": total,
        "status": decision.status,
        "kind": decision.kind,
        "award_year": decision.award_year,
    }


class Command(BaseCommand):
    help = "Liệt kê hoặc xuất quyết định khen thưởng."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        cli = getattr(parser, "called_from_command_line", False)
        p = sub.add_parser("list", called_from_command_line=cli, help="liệt kê quyết định đã ban hành")
        p.add_argument("--year", type=bounds.year_arg, help="năm được khen thưởng (năm thi đua), ví dụ 2022")
        p.add_argument("--json", action="store_true")
        p.add_argument("--all", action="store_true", help="kể cả dự thảo chưa ban hành")
        p.add_argument("--user", help="thực hiện với quyền của người dùng này")
        p = sub.add_parser("export", called_from_command_line=cli, help="xuất một quyết định ra DOCX hoặc PDF")
        p.add_argument("id", metavar="ID", help="mã số quyết định (cột id của `decision list`)")
        p.add_argument("--format", choices=["docx", "pdf"], required=True)
        p.add_argument("--output", required=True)
        p.add_argument("--user", help="thực hiện với quyền của người dùng này")

    def _scope(self, options):
        if options.get("user"):
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise _fail(f"Không có người dùng «{options['user']}».")
            return decisions_for(user)
        return Decision.objects.select_related("issuer", "issuer__province")

    def handle(self, *args, **options):
        if options["action"] == "list":
            self._list(options)
        else:
            self._export(options)

    def _list(self, options) -> None:
        qs = self._scope(options)
        if not options["all"]:
            qs = qs.exclude(status=DecisionStatus.DRAFT)
        if options.get("year"):
            qs = qs.filter(award_year=options["year"])
        qs = qs.annotate(n_lines=Count("lines"), total=Sum("lines__amount")).order_by(
            "-date", "issuer__code", "-number", "-id")
        rows = [decision_row(d, lines=d.n_lines, total=d.total or 0) for d in qs]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        if not rows:
            self.stdout.write("Không có quyết định nào.")
            return
        for r in rows:
            number = r["number"] or "(dự thảo)"
            self.stdout.write(f"{r['id']:>5}  {number:<16} {r['date'] or '':<10}  {r['issuer']}: {r['title']} — "
                              f"{r['lines']} dòng, {format_vnd(r['total_amount'])} đồng")

    def _export(self, options) -> None:
        ident = str(options["id"]).strip()
        number = bounds.parse_id(ident)
        decision = self._scope(options).filter(pk=number).first() if number else None
        if decision is None:
            raise _fail(f"Không tìm thấy quyết định có mã {ident}.")
        try:
            exported = export_decision(decision, fmt=options["format"])
        except PdfUnavailable as exc:
            raise CommandError(str(exc), returncode=1) from exc
        Path(options["output"]).write_bytes(exported.content)
        self.stdout.write(f"Đã ghi {options['output']} ({len(exported.content)} byte).")
