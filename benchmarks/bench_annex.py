"""A decision with a 10,000-line annex exported as DOCX, side by side with writing the same table as
one XML string. Target: the export takes at most 5× the XML string beyond the fixed cost of
exporting a small decision (10 lines), with every row in the document.

    DATABASE_URL=sqlite:////work/benchdata/nation.sqlite3 .venv/bin/python benchmarks/bench_annex.py

Uses a generated database (benchmarks/generate.py): adds, once, two decisions of the first generated
agency — 10 and 10,000 lines (`--lines`) — and times `decisions.documents.export_decision`.
Exits 1 when the target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import itertools
import os
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")

LIMIT = 5.0
RUN = ('<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" '
       'w:cs="Times New Roman"/><w:color w:val="000000"/><w:sz w:val="24"/></w:rPr>')
COLUMNS = [("no", 510, "center"), ("name", 2268, "left"), ("position", 1304, "left"), ("unit", 1984, "left"),
           ("award", 2041, "left"), ("amount", 1247, "right")]


def best(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from thidua.decisions.documents import annex_rows, export_decision
    from thidua.decisions.models import Decision, DecisionLine, DecisionStatus
    from thidua.organizations.models import Staff, Unit, UnitKind

    issuer = Unit.objects.filter(kind=UnitKind.AGENCY, code__startswith="BENCH").order_by("code").first()
    if issuer is None:
        raise SystemExit("no generated agency: run benchmarks/generate.py first")

    def decision(n: int) -> Decision:
        title = f"Về việc công nhận danh hiệu Lao động tiên tiến năm 2021 ({n} dòng, thử nghiệm)"
        found = Decision.objects.filter(issuer=issuer, title=title).first()
        if found is not None:
            return found
        made = Decision.objects.create(
            issuer=issuer, symbol="QĐ-ANNEX", number=n, year=2022, date=dt.date(2022, 1, 20), title=title,
            award_year=2021, authority=f"GIÁM ĐỐC {issuer.name.upper()}", signer_position="GIÁM ĐỐC",
            signer_name="Nguyễn Văn A", status=DecisionStatus.ISSUED, place="Thử nghiệm")
        people = list(Staff.objects.filter(agency__province=issuer.province).order_by("pk").values_list(
            "pk", "full_name", "agency__name")[:n])
        DecisionLine.objects.bulk_create(  # a small province repeats its people: names stay distinct
            (DecisionLine(decision=made, position=i, staff_id=pk, code="LDTT", award_name="Lao động tiên tiến",
                          year=2021, name=f"{name} ({i + 1})", job_title="Chuyên viên", unit_name=unit,
                          amount=702_000)
             for i, (pk, name, unit) in zip(range(n), itertools.cycle(people), strict=False)), batch_size=5000)
        return made

    small, big = decision(10), decision(args.lines)
    lines = big.lines.count()
    rows = annex_rows(big)

    def xml_string() -> str:
        """The annex table as the document holds it: one <w:tr> per row, six cells with their width,
        paragraph and run properties (those of the shipped template)."""
        def cell(text: str, width: int, align: str) -> str:
            return (f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/><w:vAlign w:val="center"/></w:tcPr><w:p>'
                    f'<w:pPr><w:pStyle w:val="VBBang"/><w:spacing w:before="40" w:after="40"/><w:jc w:val="{align}"/>'
                    f'</w:pPr><w:r>{RUN}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>')
        return "<w:tbl>" + "".join(
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + "".join(cell(r[k], w, a) for k, w, a in COLUMNS) + "</w:tr>" for r in rows) + "</w:tbl>"

    export_decision(small)  # warm-up: templates, catalog
    t_xml, _ = best(xml_string, args.runs)
    t_small, _ = best(lambda: export_decision(small), args.runs)
    t_big, exported = best(lambda: export_decision(big), args.runs)
    with zipfile.ZipFile(io.BytesIO(exported.content)) as package:
        document = package.read("word/document.xml").decode("utf-8")
    present = sum(1 for line in big.lines.values_list("name", flat=True) if escape(line) in document)
    ratio = (t_big - t_small) / t_xml
    print(f"annex of {lines:,} lines ({len(rows):,} table rows), load average {os.getloadavg()[0]:.1f}")
    print(f"  table as one XML string   {t_xml * 1000:8.1f} ms")
    print(f"  small decision (10 lines) {t_small * 1000:8.1f} ms   (fixed cost)")
    print(f"  DOCX export               {t_big * 1000:8.1f} ms   {len(exported.content) // 1024} KB")
    print(f"  ratio (export - fixed) / XML = {ratio:.2f}   limit {LIMIT:.0f}   "
          f"{'OK' if ratio <= LIMIT else 'MISSED'}")
    print(f"  lines present in the document: {present:,} of {lines:,}")
    if ratio > LIMIT or present != lines:
        sys.exit(1)


if __name__ == "__main__":
    main()
