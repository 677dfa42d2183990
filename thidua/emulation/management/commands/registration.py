"""`thidua registration check|export|parse|import` (CONTRACT.md). With --user, the command sees and
does only what that user may (the same policy as the web pages); `import` without --user acts as the
first active administrator."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from thidua.accounts.models import Role, User
from thidua.catalog.wording import catalog_matcher
from thidua.core import bounds, uploads
from thidua.documents.pdf import PdfUnavailable
from thidua.emulation.documents import export_registration
from thidua.emulation.legacy import NotARegistration, ParsedRegistration, parse_registration
from thidua.emulation.models import Registration
from thidua.emulation.policy import registrations_for
from thidua.emulation.selectors import registration_findings, registration_with_parts
from thidua.emulation.services import registration_import
from thidua.organizations.models import Unit


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Kiểm tra hoặc xuất bản đăng ký thi đua của một đơn vị trong một năm."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("check", "export"):
            p = sub.add_parser(name, called_from_command_line=getattr(parser, "called_from_command_line", False))
            p.add_argument("--unit", required=True, help="mã đơn vị, ví dụ SKHCN")
            p.add_argument("--year", required=True, type=bounds.year_arg)
            p.add_argument("--user", help="thực hiện với quyền của người dùng này")
            if name == "check":
                p.add_argument("--json", action="store_true")
            else:
                p.add_argument("--format", choices=["docx", "pdf"], default="docx")
                p.add_argument("--kind", choices=["registration", "cover_letter"], default="registration",
                               help="bản đăng ký (mặc định) hoặc công văn gửi kèm")
                p.add_argument("--output", required=True)
        called = getattr(parser, "called_from_command_line", False)
        p = sub.add_parser("parse", called_from_command_line=called,
                           help="đọc một bản đăng ký viết ngoài hệ thống (.docx hoặc văn bản), không lưu gì")
        p.add_argument("file")
        p.add_argument("--json", action="store_true")
        p = sub.add_parser("import", called_from_command_line=called,
                           help="đọc và lưu thành bản dự thảo của đơn vị để người phụ trách xem lại")
        p.add_argument("file")
        p.add_argument("--unit", required=True, help="mã đơn vị, ví dụ SKHCN")
        p.add_argument("--year", required=True, type=bounds.year_arg)
        p.add_argument("--user", help="thực hiện với quyền của người dùng này")

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
        if options["action"] in ("parse", "import"):
            parsed = self._parse(options["file"])
            if options["action"] == "parse":
                self._print_parsed(parsed, as_json=options["json"])
            else:
                self._import(parsed, options)
            return
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
        try:
            exported = export_registration(reg, fmt=options["format"], kind=options["kind"])
        except PdfUnavailable as exc:
            raise CommandError(str(exc), returncode=1) from exc
        Path(options["output"]).write_bytes(exported.content)
        self.stdout.write(f"Đã ghi {options['output']} ({len(exported.content)} byte).")

    def _parse(self, name: str) -> ParsedRegistration:
        path = Path(name)
        if not path.is_file():
            raise _fail(f"Không tìm thấy tệp {name}.")
        try:
            return parse_registration(uploads.read_path(path), catalog_matcher(), path.name)
        except (NotARegistration, uploads.UploadError) as exc:
            raise _fail(f"{name}: {exc}") from exc

    def _print_parsed(self, parsed: ParsedRegistration, *, as_json: bool) -> None:
        data = parsed.as_json()
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        signer = " – ".join(filter(None, data["signer"].values()))
        self.stdout.write(f"Năm đăng ký: {data['year']} (tiêu đề ghi năm {data['heading_year']})")
        self.stdout.write(f"Công văn kèm theo: {data['letter_number'] or '(không có)'}; ngày {data['date'] or '?'}")
        self.stdout.write(f"Kính gửi: {data['addressee'] or '(không có)'}")
        self.stdout.write(f"Người ký: {signer or '(không có)'}")
        self.stdout.write(f"Giải pháp: {len(data['solutions'])}; phong trào: {len(data['movements'])}")
        for code, row in data["targets"].items():
            cells = [f"{side}: {v['count'] if v['count'] is not None else ''} {v['ratio'] or ''}".strip()
                     for side, v in (("tập thể", row["collective"]), ("cá nhân", row["individual"])) if v]
            self.stdout.write(f"  {code:<10} {'; '.join(cells) or '(để trống)'}")
        for line in data["unread"]:
            self.stdout.write(f"  CHƯA ĐỌC ĐƯỢC: {line}")

    def _actor(self, options) -> User:
        if options.get("user"):
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise _fail(f"Không có người dùng «{options['user']}».")
            return user
        admin = User.objects.filter(Q(is_superuser=True) | Q(role=Role.ADMIN), is_active=True).order_by("pk").first()
        if admin is None:
            raise _fail("Chưa có tài khoản quản trị; hãy dùng --user.")
        return admin

    def _import(self, parsed: ParsedRegistration, options) -> None:
        actor = self._actor(options)
        # Found within the acting user's scope, like every --user command: out of scope is "no such unit".
        unit = Unit.objects.for_user(actor).filter(code=options["unit"]).first()
        if unit is None:
            raise _fail(f"Không có đơn vị {options['unit']}.")
        if not 1990 <= options["year"] <= 2100:
            raise _fail("Năm đăng ký không hợp lệ.")
        if parsed.year != options["year"]:
            self.stderr.write(f"Lưu ý: văn bản ghi năm {parsed.year}, lưu cho năm {options['year']}.")
        try:
            reg = registration_import(actor=actor, unit=unit, year=options["year"], parsed=parsed,
                                      source=Path(options["file"]).name)
        except (PermissionDenied, ValidationError) as exc:
            raise _fail(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        self.stdout.write(f"Đã lưu bản dự thảo: {reg} (mã {reg.pk}). "
                          f"{len(parsed.unread)} dòng chưa đọc được cần xem lại.")
