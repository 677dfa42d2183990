"""`thidua eligibility CASES.json [--output RESULT.json]` (shared/CONTRACT.md): judge each case of
the file (format: shared/cases/README.md) under the rule sets recorded in the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from thidua.catalog.law import snapshot
from thidua.catalog.reference import reference_law
from thidua.rules.eligibility import evaluate
from thidua.rules.law import Law
from thidua.rules.types import CaseFormatError


class Command(BaseCommand):
    help = "Xét điều kiện đề nghị danh hiệu thi đua, hình thức khen thưởng cho các trường hợp trong tệp JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("cases", metavar="CASES.json", help="tệp các trường hợp cần xét")
        parser.add_argument("--output", metavar="RESULT.json", help="ghi kết quả vào tệp thay vì stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        cases = self._read_cases(Path(options["cases"]))
        law = self._law()
        try:
            results = [evaluate(case, law).to_dict() for case in cases]
        except CaseFormatError as exc:
            raise CommandError(f"Trường hợp không hợp lệ: {exc}", returncode=2) from exc
        text = json.dumps({"results": results}, ensure_ascii=False, indent=1)
        if options.get("output"):
            try:
                Path(options["output"]).write_text(text + "\n", encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Không ghi được tệp kết quả: {exc}", returncode=2) from exc
        else:
            self.stdout.write(text)

    def _read_cases(self, path: Path) -> list[dict[str, Any]]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror or exc}", returncode=2) from exc
        except ValueError as exc:
            raise CommandError(f"Tệp {path} không phải JSON hợp lệ: {exc}", returncode=2) from exc
        cases = data.get("cases") if isinstance(data, dict) else data
        if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
            raise CommandError(f'Tệp {path} phải có dạng {{"cases": [...]}}', returncode=2)
        return cases

    def _law(self) -> Law:
        # The database is the source (an administrator may correct a period, a name, a criterion); a
        # database not yet migrated falls back to the reference data of law.md, with a warning.
        try:
            law = snapshot()
        except DatabaseError:
            law = None
        if law is None or not law.periods:
            self.stderr.write("Cảnh báo: cơ sở dữ liệu chưa có bộ quy định; dùng dữ liệu tham chiếu mặc định.")
            return reference_law()
        return law
