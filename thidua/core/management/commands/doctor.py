"""thidua doctor [--fix]: stored values outside the bounds, reported in Vietnamese or repaired."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from thidua.core import doctor


class Command(BaseCommand):
    help = ("Tìm giá trị đã lưu nằm ngoài giới hạn (chữ dài quá cột, số quá lớn, năm ngoài khoảng cho phép, "
            "ngày không có thật, NaN); --fix sửa chúng (cắt chữ, đưa về giới hạn hoặc để trống) và ghi nhật ký.")

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="sửa những gì tìm thấy (mỗi lần sửa ghi vào nhật ký)")

    def handle(self, *args: Any, **options: Any) -> None:
        found = left = 0
        try:
            for finding in doctor.scan():
                found += 1
                if not (options["fix"] and doctor.fix(finding)):
                    left += 1
                self.stdout.write(finding.line())
        except DatabaseError as exc:
            raise CommandError(f"Không đọc được cơ sở dữ liệu ({exc}); đã chạy «thidua migrate» chưa?",
                               returncode=2) from None
        if not found:
            self.stdout.write("Không thấy giá trị nào nằm ngoài giới hạn.")
            return
        if options["fix"]:
            self.stdout.write(f"Đã sửa {found - left} trong {found} giá trị (xem «Nhật ký», thao tác doctor.fix).")
        else:
            self.stdout.write(f"Có {found} giá trị nằm ngoài giới hạn; chạy «thidua doctor --fix» để sửa.")
        if left:
            raise CommandError(f"Còn {left} giá trị cần sửa.", returncode=1)
