"""`thidua registration check|export` (CONTRACT.md). With --user, the command sees and does only what
that user may (the same policy as the web pages)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from thidua.accounts.models import User
from thidua.accounts.policy import registrations_for
from thidua.emulation.documents import export_registration
from thidua.emulation.models import Registration
from thidua.emulation.selectors import registration_findings, registration_with_parts


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Kiểm tra hoặc xuất bản đăng ký thi đua của một đơn vị trong một năm."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("check", "export"):
            p = sub.add_parser(name, called_from_command_line=getattr(parser, "called_from_command_line", False))
            p.add_argument("--unit", required=True, help="mã đơn vị, ví dụ SKHCN")
            p.add_argument("--year", required=True, type=int)
            p.add_argument("--user", help="thực hiện với quyền của người dùng này")
            if name == "check":
                p.add_argument("--json", action="store_true")
            else:
                p.add_argument("--format", choices=["docx", "pdf"], default="docx")
                p.add_argument("--kind", choices=["registration", "cover_letter"], default="registration",
                               help="bản đăng ký (mặc định) hoặc công văn gửi kèm")
                p.add_argument("--output", required=True)

    def _registration(self, options) -> Registration:
        qs = Registration.objects.all()
        if options.get("user"):
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise _fail(f"Không có người dùng «{options['user']}».")
            qs = registrations_for(user)
        reg = registration_with_parts(qs).filter(unit__code=options["unit"], year=options["year"]).first()
        if reg is None:
            # Same message whether it does not exist or is out of the user's scope: no probing.
            raise _fail(f"Không tìm thấy bản đăng ký của đơn vị {options['unit']} năm {options['year']}.")
        return reg

    def handle(self, *args, **options):
        reg = self._registration(options)
        if options["action"] == "check":
            self._check(reg, options)
        else:
            self._export(reg, options)

    def _check(self, reg: Registration, options) -> None:
        rule_set, findings = registration_findings(reg)
        if options["json"]:
            payload = {"unit": reg.unit.code, "year": reg.year, "rule_set": rule_set,
                       "findings": [f.as_json() for f in findings]}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{reg} — bộ quy định {rule_set or '(chưa có)'}: {len(findings)} phát hiện")
        labels = {"error": "LỖI", "warning": "CẢNH BÁO", "info": "GHI CHÚ"}
        for f in findings:
            basis = f" [{f.basis}]" if f.basis else ""
            self.stdout.write(f"  {labels[f.level]:<9} {f.code}: {f.message}{basis}")

    def _export(self, reg: Registration, options) -> None:
        from thidua.documents.pdf import PdfUnavailable

        try:
            exported = export_registration(reg, fmt=options["format"], kind=options["kind"])
        except PdfUnavailable as exc:
            raise CommandError(str(exc), returncode=1) from exc
        Path(options["output"]).write_bytes(exported.content)
        self.stdout.write(f"Đã ghi {options['output']} ({len(exported.content)} byte).")
