"""The dossier's documents read back with python-docx: the tờ trình of the demo's provincial dossier
(number, heading, addressee, the list grouped by title, the signer as in the registration), a
person's and a collective's báo cáo thành tích, the downloads, and the templates' sample contexts."""

import io

import pytest
from django.urls import reverse
from docx import Document

from thidua.documents.models import TemplateKind
from thidua.documents.render import check_template, shipped_template_path
from thidua.yearend.documents import achievement_report_context, export_achievement_report, export_proposal_letter
from thidua.yearend.models import Level, LineStatus, Nomination


@pytest.fixture
def provincial(users):
    return Nomination.objects.select_related("unit", "unit__province").get(
        unit__code="SKHCN", year=2022, level=Level.PROVINCE)


def text_of(data: bytes) -> tuple[str, list[list[str]]]:
    doc = Document(io.BytesIO(data))
    paragraphs = "\n".join(p.text for p in doc.paragraphs)
    tables = [[c.text.strip() for c in row.cells] for t in doc.tables for row in t.rows]
    cells = "\n".join(" | ".join(r) for r in tables)
    return paragraphs + "\n" + cells, tables


def test_the_proposal_letter_reads_back_in_the_nd30_layout(provincial):
    text, rows = text_of(export_proposal_letter(provincial).content)
    assert "UBND TỈNH THÁI NGUYÊN" in text and "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 02/TTr-KHCN" in text and "Thái Nguyên, ngày 16 tháng 12 năm 2022" in text
    assert "TỜ TRÌNH" in text
    assert "Về việc đề nghị xét tặng danh hiệu thi đua, hình thức khen thưởng năm 2022" in text
    assert "Kính gửi: Hội đồng Thi đua – Khen thưởng tỉnh Thái Nguyên." in text
    proposed = provincial.lines.exclude(status=LineStatus.RETURNED).select_related("staff", "unit")
    for line in proposed:
        assert any(line.subject_name == row[1] for row in rows), line
    assert provincial.lines.filter(status=LineStatus.RETURNED, code="CSTD_TQ").exists()
    assert not any("toàn quốc" in row[1] for row in rows)  # a returned line is not proposed
    assert any(row[0] == "I" and row[1].startswith("Chiến sĩ thi đua cấp Bộ, ban, ngành, tỉnh (03 cá nhân)")
               for row in rows)
    assert "KT. GIÁM ĐỐC" in text and "PHÓ GIÁM ĐỐC" in text and "Đinh Bộ Sơn" in text
    assert "Nơi nhận:" in text and "- Lưu: VT, KHCN." in text


def test_a_persons_achievement_report_has_the_profile_the_years_and_the_award_history(provincial):
    line = provincial.lines.filter(code="CSTD_TINH").select_related("staff").first()
    text, rows = text_of(export_achievement_report(line).content)
    assert "BÁO CÁO THÀNH TÍCH" in text and "ĐỀ NGHỊ TẶNG CHIẾN SĨ THI ĐUA CẤP BỘ, BAN, NGÀNH, TỈNH NĂM 2022" in text
    assert f"Họ và tên: {line.staff.full_name}" in text
    assert "Năm 2022: hoàn thành" in text
    assert "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in text
    assert any(row[0] == "2021" and row[1] == "Chiến sĩ thi đua cơ sở" for row in rows)
    assert any(row[0] == "2022" and "179/QĐ-KHCN" in row[2] for row in rows)
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in text.upper()


def test_a_collectives_report_follows_the_unit(provincial):
    line = provincial.lines.filter(code="TTLDXS").select_related("unit").first()
    context = achievement_report_context(line)
    assert context["profile_heading"] == "SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"
    assert context["profile"][0] == f"Tên tập thể: {line.unit.name}"
    assert any(h["award"] == "Tập thể Lao động tiên tiến" for h in context["history"])
    text, _ = text_of(export_achievement_report(line).content)
    assert "Năm 2022: tập thể" in text


def test_the_documents_download_from_the_dossier_page(as_user, provincial):
    client = as_user("skhcn")
    letter = client.get(reverse("nomination_document", args=[provincial.pk, "to-trinh", "docx"]))
    assert letter.status_code == 200 and letter["Content-Disposition"].endswith('.docx"')
    assert "TỜ TRÌNH" in text_of(letter.content)[0]
    line = provincial.lines.filter(staff__isnull=False).first()
    report = client.get(reverse("nomination_line_report", args=[provincial.pk, line.pk, "docx"]))
    assert "BÁO CÁO THÀNH TÍCH" in text_of(report.content)[0]
    minutes = client.get(reverse("nomination_document", args=[provincial.pk, "bien-ban", "docx"]))
    assert minutes.status_code == 200 and "BIÊN BẢN" in text_of(minutes.content)[0]
    assert client.get(reverse("nomination_document", args=[provincial.pk, "khac", "docx"])).status_code == 404
    assert as_user("snv").get(reverse("nomination_document", args=[provincial.pk, "to-trinh", "docx"])
                              ).status_code == 404


@pytest.mark.parametrize("kind", ["proposal_letter", "achievement_report"])
def test_the_shipped_templates_render_their_sample_context(db, kind):
    assert kind in TemplateKind.values
    check_template(kind, shipped_template_path(kind).read_bytes())
