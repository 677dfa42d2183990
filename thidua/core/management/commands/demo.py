from django.core.management.base import BaseCommand

from thidua.demo import DEMO_PASSWORD, LOGINS, DemoLogin, load_demo
from thidua.organizations.models import Unit


class Command(BaseCommand):
    help = ("Nạp dữ liệu mẫu (tỉnh Thái Nguyên, Khối TMTH, Sở KH&CN và bản đăng ký thi đua 2022). Chạy lại không "
            "đổi gì. Với --logins: chỉ in lại các tài khoản demo, không nạp gì.")

    def add_arguments(self, parser):
        parser.add_argument("--logins", action="store_true",
                            help="chỉ in danh sách tài khoản demo và mật khẩu, không nạp dữ liệu")

    def handle(self, *args, **options):
        if options["logins"]:
            self.print_logins(LOGINS)
            return
        logins = load_demo()
        self.stdout.write("Đã nạp dữ liệu mẫu.")
        self.print_logins(logins)

    def print_logins(self, logins: list[DemoLogin]) -> None:
        names = dict(Unit.objects.filter(code__in=[login.unit for login in logins]).values_list("code", "name"))
        self.stdout.write(f"Tài khoản đăng nhập (mật khẩu chung: {DEMO_PASSWORD}):")
        for login in logins:
            unit = names.get(login.unit, login.unit)
            where = f", {unit}" if unit else ""
            who = login.role.label if login.full_name == login.role.label else f"{login.full_name} — {login.role.label}"
            self.stdout.write(f"  {login.username:<15} {who}{where}")
        self.stdout.write("In lại danh sách này bất cứ lúc nào: thidua demo --logins")
