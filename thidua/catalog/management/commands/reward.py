"""`thidua reward CODE --date YYYY-MM-DD [--collective] [--json]` (shared/CONTRACT.md): the reward
money of a title or form decided on a date, under the rule set and base salary then in force."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from thidua.catalog import selectors
from thidua.core.money import amount_in_words
from thidua.rules.reward import RewardRules, reward_amount


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


class Command(BaseCommand):
    help = "Tính tiền thưởng của một danh hiệu, hình thức khen thưởng theo ngày quyết định."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", metavar="CODE", help="mã danh hiệu, hình thức khen thưởng (ví dụ LDTT)")
        parser.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="ngày quyết định khen thưởng")
        parser.add_argument("--collective", action="store_true", help="khen thưởng cho tập thể")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["code"].strip().upper()
        try:
            day = dt.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise _fail(f"Ngày không hợp lệ: {options['date']!r} (cần dạng YYYY-MM-DD)") from exc
        collective = bool(options["collective"])

        subject = selectors.award_subject(code)
        if subject is None:
            raise _fail(f"Mã {code} không có trong danh mục danh hiệu, hình thức khen thưởng")
        if collective and subject == "individual":
            raise _fail(f"{code} chỉ xét tặng cho cá nhân, không tính tiền thưởng cho tập thể")
        # A collective title is always a collective's, with or without --collective.
        collective = collective or subject == "collective"
        rule_set = selectors.rule_set_on(day)
        if rule_set is None:
            raise _fail(f"Không có bộ quy định nào có hiệu lực vào ngày {day:%d/%m/%Y}")
        found = selectors.coefficient_for(code, rule_set=rule_set.code, on=day, collective=collective)
        if found is None:
            raise _fail(f"Chưa có hệ số tiền thưởng của {code} theo bộ quy định {rule_set.code} "
                        f"vào ngày {day:%d/%m/%Y}")
        salary = selectors.base_salary_on(day)
        if salary is None:
            raise _fail(f"Không có mức lương cơ sở áp dụng vào ngày {day:%d/%m/%Y}")
        if not salary.confirmed:
            # Computed with it all the same (stdout stays a bare amount): an administrator confirms
            # the base salary as data.
            self.stderr.write(f"Cảnh báo: mức lương cơ sở {salary.amount} đồng từ "
                              f"{salary.valid_from:%d/%m/%Y} chưa được quản trị viên xác nhận; số tiền tính "
                              "theo mức này.")

        result = reward_amount(code, found.coefficient, salary.amount,
                               rules=RewardRules(rule_set.money_rounding_step or 1),
                               collective_multiplier=found.collective_multiplier)
        if not options["json"]:
            self.stdout.write(str(result.amount))
            return
        self.stdout.write(json.dumps({
            "code": code,
            "date": day.isoformat(),
            "rule_set": rule_set.code,
            "coefficient": float(result.coefficient),
            "base_salary": result.base_salary,
            "amount": result.amount,
            "amount_words": amount_in_words(result.amount),
        }, ensure_ascii=False))
