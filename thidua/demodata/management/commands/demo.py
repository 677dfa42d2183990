from django.core.management.base import BaseCommand

from thidua.demo import LOGINS, load_demo, login_lines


class Command(BaseCommand):
    help = ("Nạp dữ liệu mẫu (tỉnh Thái Nguyên, Khối TMTH, Sở KH&CN và bản đăng ký thi đua 2022). Chạy lại không "
            "đổi gì. Với --logins: chỉ in lại các tài khoản demo, không nạp gì.")

    def add_arguments(self, parser):
        parser.add_argument("--logins", action="store_true",
                            help="chỉ in danh sách tài khoản demo và mật khẩu, không nạp dữ liệu")

    def handle(self, *args, **options):
        if options["logins"]:
            logins = LOGINS
        else:
            logins = load_demo()
            self.stdout.write("Đã nạp dữ liệu mẫu.")
        self.stdout.write("\n".join(login_lines(logins)))
