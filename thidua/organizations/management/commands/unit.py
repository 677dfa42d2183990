"""`thidua unit rename|merge|split --user NAME …`: change the organisation tree as that user, through
organizations.services (who governs the unit: Unit.objects.for_user(user, "change")), keeping former
names and who continues whom so history follows."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from thidua.accounts.models import User
from thidua.core import bounds
from thidua.organizations import services
from thidua.organizations.models import Unit


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _date(text: str) -> dt.date:
    try:
        day = bounds.parse_date(text)
    except ValidationError as exc:
        raise _fail(f"{bounds.user_message(exc)} (dạng YYYY-MM-DD).") from None
    if day is None:
        raise _fail("Cần ghi ngày (dạng YYYY-MM-DD).")
    return day


class Command(BaseCommand):
    help = "Đổi tên, hợp nhất, chia tách đơn vị (giữ tên cũ và quan hệ kế thừa)."

    def add_arguments(self, parser):
        called = getattr(parser, "called_from_command_line", False)
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("rename", called_from_command_line=called, help="đổi tên một đơn vị")
        p.add_argument("--unit", required=True, help="mã đơn vị")
        p.add_argument("--name", required=True, help="tên mới")
        p.add_argument("--document-name", default="", help="tên mới in trên văn bản")
        p = sub.add_parser("merge", called_from_command_line=called,
                           help="hợp nhất, sáp nhập: các đơn vị --from vào đơn vị --into")
        p.add_argument("--from", dest="sources", action="append", required=True, help="mã đơn vị bị hợp nhất")
        p.add_argument("--into", required=True, help="mã đơn vị tiếp nhận (mới nếu có --name)")
        p.add_argument("--name", default="", help="tên đơn vị tiếp nhận khi lập mới")
        p = sub.add_parser("split", called_from_command_line=called,
                           help="chia, tách: đơn vị --from thành các đơn vị --into")
        p.add_argument("--from", dest="source", required=True, help="mã đơn vị bị chia, tách")
        p.add_argument("--into", dest="targets", action="append", required=True,
                       help="MÃ hoặc MÃ=Tên (lập mới); lặp lại cho mỗi đơn vị")
        for p in sub.choices.values():
            p.add_argument("--user", required=True, help="thực hiện với quyền của người dùng này")
            p.add_argument("--date", required=True, help="ngày có hiệu lực, YYYY-MM-DD")
            p.add_argument("--basis", default="", help="văn bản căn cứ (số, ngày, trích yếu)")

    def _unit(self, user: User, code: str) -> Unit:
        # Within the user's scope, like the page (404): out of scope reads as no such unit.
        unit = Unit.objects.for_user(user).filter(code=code.strip().upper()).first()
        if unit is None:
            raise _fail(f"Không có đơn vị mã {code}.")
        return unit

    def _unit_or_new(self, user: User, code: str, name: str, like: Unit) -> Unit:
        existing = Unit.objects.filter(code=code.strip().upper()).first()
        if existing is not None:
            return existing
        if not name:
            raise _fail(f"Không có đơn vị mã {code}; thêm tên để lập đơn vị mới.")
        return services.unit_create(actor=user, code=code, name=name, like=like)

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise _fail(f"Không có người dùng {options['user']}.")
        on = _date(options["date"])
        basis = options["basis"][:500]
        try:
            if options["action"] == "rename":
                unit = services.unit_rename(actor=user, unit=self._unit(user, options["unit"]),
                                            new_name=options["name"][:255], on=on,
                                            document_name=options["document_name"][:255], basis=basis)
                self.stdout.write(f"Đã đổi tên {unit.code} thành «{unit.name}» từ ngày {on:%d/%m/%Y}.")
            elif options["action"] == "merge":
                sources = [self._unit(user, c) for c in options["sources"]]
                into = self._unit_or_new(user, options["into"], options["name"][:255], sources[0])
                services.unit_merge(actor=user, predecessors=sources, successor=into, on=on, basis=basis)
                self.stdout.write(f"Đã hợp nhất {', '.join(u.code for u in sources)} vào {into.code} "
                                  f"từ ngày {on:%d/%m/%Y}.")
            else:
                source = self._unit(user, options["source"])
                targets = []
                for spec in options["targets"]:
                    code, _, name = spec.partition("=")
                    targets.append(self._unit_or_new(user, code, name.strip()[:255], source))
                services.unit_split(actor=user, predecessor=source, successors=targets, on=on, basis=basis)
                self.stdout.write(f"Đã chia, tách {source.code} thành {', '.join(u.code for u in targets)} "
                                  f"từ ngày {on:%d/%m/%Y}.")
        except PermissionDenied as exc:
            raise _fail(str(exc) or "Bạn không có quyền thay đổi tổ chức của đơn vị này.") from None
        except (ValueError, ValidationError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise _fail(message) from None
