from django.core.management.base import BaseCommand

from thidua.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (tỉnh Thái Nguyên, Khối TMTH, Sở KH&CN và bản đăng ký thi đua 2022). Chạy lại không đổi gì."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(f"Đã nạp dữ liệu mẫu. Tài khoản đăng nhập (mật khẩu chung: {DEMO_PASSWORD}):")
        for login in logins:
            unit = f" – {login.unit}" if login.unit else ""
            self.stdout.write(f"  {login.username:<15} {login.role.label}{unit}")
