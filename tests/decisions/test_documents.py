"""The decision and the minutes as Word documents, read back with python-docx: number, bases,
articles, annex, money in figures and words; and their PDF when LibreOffice is installed."""

import datetime as dt
import io
import re
import subprocess

import docx
import pytest
from docx.oxml.ns import qn

from thidua.catalog.models import LegalText
from thidua.catalog.selectors import coefficient_for
from thidua.decisions import services
from thidua.decisions.documents import export_decision
from thidua.documents.render import check_template, render_template, shipped_template_path


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(document) -> list:
    """Every paragraph in body order, cells of tables included (each cell once)."""
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(docx.text.paragraph.Paragraph(child, document._body))
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document._body)
            for row in table.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        out.extend(cell.paragraphs)
    return out


def texts(document) -> list[str]:
    return [norm(p.text) for p in paragraphs(document) if norm(p.text)]


def annex_table(document):
    return next(t for t in document.tables if norm(t.rows[0].cells[0].text) == "TT"
                and "Số tiền" in norm(t.rows[0].cells[-1].text))


def row_texts(row) -> list[str]:
    out, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(norm(cell.text))
    return out


@pytest.fixture
def provincial(org, draft):
    decision = draft(org.ubnd, [("CSTD_TINH", org.staff[2]), ("BK_TINH", org.departments[1]),
                                ("BK_TINH", org.staff[3]), ("HCLD3", org.departments[0])], actor="bantdkt",
                     title="Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh và Bằng khen năm 2022",
                     signer_authority="KT.", signer_title="CHỦ TỊCH", signer_position="PHÓ CHỦ TỊCH",
                     signer_name="Nguyễn Thị Thu Hương", date=dt.date(2022, 12, 28))
    return services.decision_issue(actor=org.users["bantdkt"], decision=decision, date=dt.date(2022, 12, 28))


def test_the_decision_reads_back_with_its_number_bases_articles_annex_and_money(provincial):
    document = docx.Document(io.BytesIO(export_decision(provincial).content))
    lines = texts(document)
    assert "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN" in lines  # issuer on two lines, no parent body
    assert "Số: 01/QĐ-UBND" in lines
    assert "Thái Nguyên, ngày 28 tháng 12 năm 2022" in lines
    title = lines.index("QUYẾT ĐỊNH")
    assert lines[title + 1] == provincial.title
    assert lines[title + 2] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN"
    bases = [p for p in paragraphs(document) if norm(p.text).startswith(("Căn cứ", "Theo đề nghị"))]
    assert [norm(p.text) for p in bases] == provincial.bases
    assert all(run.font.italic for p in bases for run in p.runs if run.text.strip())
    decide = lines.index("QUYẾT ĐỊNH:")
    assert lines[decide + 1].startswith("Điều 1. Tặng danh hiệu “Chiến sĩ thi đua cấp Bộ, ban, ngành, tỉnh” năm 2022 "
                                        "cho 01 cá nhân")
    # The collective Bằng khen is paid twice the individual's (2 × 1.490.000), in figures and words.
    assert lines[decide + 2].startswith("Điều 2.") and "22.360.000 đồng" in lines[decide + 2]
    assert "Hai mươi hai triệu ba trăm sáu mươi nghìn đồng" in lines[decide + 2]
    assert "Nghị định 91/2017/NĐ-CP, Điều 71, Điều 72, Điều 74" in lines[decide + 2]
    assert lines[decide + 3].startswith("Điều 3.") and lines[decide + 3].endswith("./.")
    for expected in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Thu Hương", "Nơi nhận:", "- Như Điều 3;",
                     "- Lưu: VT, TĐKT.", "DANH SÁCH",
                     "(Kèm theo Quyết định số 01/QĐ-UBND ngày 28 tháng 12 năm 2022 của Chủ tịch Ủy ban nhân dân "
                     "tỉnh Thái Nguyên)",
                     "(Bằng chữ: Hai mươi hai triệu ba trăm sáu mươi nghìn đồng)"):
        assert expected in lines, expected

    table = annex_table(document)
    rows = [row_texts(r) for r in table.rows]
    assert rows[0] == ["TT", "Họ và tên, tên tập thể", "Chức vụ", "Đơn vị", "Danh hiệu, hình thức khen thưởng",
                       "Số tiền (đồng)"]
    body = rows[1:]
    assert body[0] == ["I", "Danh hiệu “Chiến sĩ thi đua cấp Bộ, ban, ngành, tỉnh” năm 2022 (01 cá nhân)"]
    assert body[1] == ["1", "Lê Minh Châu", "Trưởng phòng", "Văn phòng Sở, Sở Khoa học và Công nghệ",
                       "Chiến sĩ thi đua cấp Bộ, ban, ngành, tỉnh", "4.470.000"]
    amounts = {r[1]: r[-1] for r in body if len(r) == 6}
    assert amounts == {"Lê Minh Châu": "4.470.000", "Phòng Quản lý khoa học": "2.980.000",  # 2 × Phạm Thu Dung's
                       "Phạm Thu Dung": "1.490.000", "Văn phòng Sở": "13.420.000"}  # HCLD3: 2 × 6.710.000
    assert body[-1] == ["Tổng cộng", "22.360.000"]
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None


def test_a_draft_prints_a_blank_number_and_date_to_fill_by_hand(org, draft):
    decision = draft(org.skhcn, [("LDTT", org.staff[5])])
    lines = texts(docx.Document(io.BytesIO(export_decision(decision).content)))
    assert "Số: /QĐ-KHCN" in lines
    assert any(line.startswith("Thái Nguyên, ngày tháng năm") for line in lines)
    assert "GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ" in lines and "UBND TỈNH THÁI NGUYÊN" in lines


def test_a_revocation_act_cites_the_decision_and_lists_what_it_takes_back(org, provincial):
    act = services.decision_draft_revocation(actor=org.users["bantdkt"], decision=provincial,
                                             reason="Cá nhân bị kỷ luật trong năm được khen")
    act = services.decision_issue(actor=org.users["bantdkt"], decision=act, date=dt.date(2023, 2, 1))
    lines = texts(docx.Document(io.BytesIO(export_decision(act).content)))
    cite = ("Quyết định số 01/QĐ-UBND ngày 28 tháng 12 năm 2022 của Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên")
    assert any(line.startswith("Điều 1. Thu hồi " + cite) for line in lines)
    assert "Lý do: Cá nhân bị kỷ luật trong năm được khen." in lines
    assert any("22.360.000 đồng" in line and line.startswith("Điều 2.") for line in lines)
    assert any("BỊ THU HỒI" in line for line in lines)
    assert "Số: 01/QĐ-UBND" in lines  # the 2023 register starts again


def test_the_shipped_templates_render_their_samples():
    from thidua.councils.samples import SAMPLE_MINUTES_CONTEXT
    from thidua.decisions.samples import SAMPLE_DECISION_CONTEXT

    for kind in ("decision", "council_minutes"):
        check_template(kind, shipped_template_path(kind).read_bytes())
    lines = texts(docx.Document(io.BytesIO(render_template(shipped_template_path("decision"),
                                                           SAMPLE_DECISION_CONTEXT))))
    assert "Số: 2951/QĐ-UBND" in lines and "Tổng cộng" in lines
    minutes = texts(docx.Document(io.BytesIO(render_template(shipped_template_path("council_minutes"),
                                                             SAMPLE_MINUTES_CONTEXT))))
    assert "BIÊN BẢN" in minutes and "Số: 01/BB-HĐTĐKT" in minutes


def test_the_shipped_templates_are_what_the_builder_makes():
    from thidua.documents.build_year_end import BUILDERS, _fmt, _mark_size, _stable_zip

    for kind, builder in BUILDERS.items():
        doc = builder()
        last = doc.add_paragraph()
        _fmt(last)
        _mark_size(last, 2)
        assert _stable_zip(doc) == shipped_template_path(kind).read_bytes(), kind


def test_the_pdf_keeps_the_signature_with_the_last_article_and_the_annex_on_its_own_page(provincial, tmp_path):
    pdf = tmp_path / "qd.pdf"
    pdf.write_bytes(export_decision(provincial, fmt="pdf").content)
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    signed = next(i for i, p in enumerate(pages) if "Nguyễn Thị Thu Hương" in p)
    assert "Điều 3." in pages[signed]  # never a signature alone on its page
    annex = next(i for i, p in enumerate(pages) if "DANH SÁCH" in p)
    assert annex > signed and "Số: 01/QĐ-UBND" not in pages[annex]
    assert "22.360.000" in pages[-1] and "Hai mươi hai triệu" in pages[-1]


def test_a_collective_bang_khen_is_twice_an_individuals_in_figures_and_words_and_cites_nd152(org, draft):
    # ND 152/2025 Điều 54 khoản 1: a provincial Bằng khen is 1.5 × 2,340,000 = 3,510,000 đồng; a collective
    # receives twice that (law.md §5), 7,020,000 — read back from the Word file.
    decision = draft(org.ubnd, [("BK_TINH", org.departments[1]), ("BK_TINH", org.staff[3])], actor="bantdkt",
                     year=2025, title="Về việc tặng Bằng khen năm 2025", signer_authority="KT.",
                     signer_title="CHỦ TỊCH", signer_position="PHÓ CHỦ TỊCH", signer_name="Nguyễn Thị Thu Hương",
                     date=dt.date(2025, 12, 20))
    decision = services.decision_issue(actor=org.users["bantdkt"], decision=decision, date=dt.date(2025, 12, 20))
    document = docx.Document(io.BytesIO(export_decision(decision).content))
    lines = texts(document)
    amounts = {r[1]: r[-1] for r in (row_texts(r) for r in annex_table(document).rows) if len(r) == 6}
    assert amounts[org.departments[1].name] == "7.020.000" and amounts[org.staff[3].full_name] == "3.510.000"
    article = next(line for line in lines if line.startswith("Điều 2."))
    assert "10.530.000 đồng" in article and "Mười triệu năm trăm ba mươi nghìn đồng" in article
    assert "Nghị định 152/2025/NĐ-CP" in article and "Điều 54" in article
    bases = " ".join(line for line in lines if line.startswith("Căn cứ"))
    # The regime's texts by their full official titles (catalog LegalText), not a short name.
    assert ("Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền "
            "trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi "
            "đua, khen thưởng") in bases
    assert "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in bases


@pytest.mark.parametrize(("day", "rule_set"), [(dt.date(2022, 12, 28), "ND91-2017"),
                                               (dt.date(2024, 8, 15), "LUAT2022-ND98"),
                                               (dt.date(2025, 12, 20), "LUAT2022-ND152")])
def test_a_decision_cites_its_regimes_texts_and_the_article_of_its_coefficient(org, draft, day, rule_set):
    decision = draft(org.ubnd, [("BK_TINH", org.staff[3])], actor="bantdkt", year=day.year,
                     title=f"Về việc tặng Bằng khen năm {day.year}", signer_authority="KT.", signer_title="CHỦ TỊCH",
                     signer_position="PHÓ CHỦ TỊCH", signer_name="Nguyễn Thị Thu Hương", date=day)
    decision = services.decision_issue(actor=org.users["bantdkt"], decision=decision, date=day)
    lines = texts(docx.Document(io.BytesIO(export_decision(decision).content)))
    for text in LegalText.objects.filter(rule_set__code=rule_set, cited_in_decisions=True):
        assert norm(text.citation_line()) in lines, text  # the full official title, as the catalog records it
    money = next(line for line in lines if line.startswith("Điều 2."))
    # The coefficient row's basis, e.g. "Nghị định 152/2025/NĐ-CP Điều 54 khoản 1".
    basis = coefficient_for("BK_TINH", rule_set=rule_set, on=day).basis
    decree, article = basis.split(" Điều ", 1)
    assert decree in money and f"Điều {article.split()[0]}" in money


def test_only_a_peoples_committee_cites_the_law_on_local_government(org, draft):
    provincial = draft(org.ubnd, [("BK_TINH", org.staff[3])], actor="bantdkt", date=dt.date(2025, 12, 20), year=2025)
    own = draft(org.skhcn, [("GK", org.staff[3])], date=dt.date(2025, 12, 20), year=2025)
    assert provincial.bases[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    assert provincial.bases[1].startswith("Căn cứ Luật Thi đua, khen thưởng")
    assert not any("chính quyền địa phương" in b for b in own.bases)
