"""Certificates of an issued decision: one PDF page per line, read back with poppler; the
pre-printed-blank mode moves with the province's saved offsets; failures answer in Vietnamese."""

import datetime as dt
import re
import subprocess

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from thidua.decisions import certificates, services
from thidua.decisions.models import CertificateLayout

DAY = dt.date(2022, 12, 15)
MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture
def issued(org, draft):
    decision = draft(org.skhcn, [("LDTT", org.staff[4]), ("CSTDCS", org.staff[5]), ("GK", org.staff[6]),
                                 ("TTLDTT", org.departments[1])], signer_name="Nguyễn Văn An",
                     signer_position="Giám đốc")
    return services.decision_issue(actor=org.users["skhcn"], decision=decision, date=DAY)


def pdf_text(content: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pages(content: bytes, tmp_path) -> int:
    path = tmp_path / "p.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def word_x(content: bytes, tmp_path, word: str) -> float:
    path = tmp_path / "b.pdf"
    path.write_bytes(content)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    match = re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="[\d.]+">' + re.escape(word) + "<",
                      html)
    assert match, word
    return float(match.group(1))


@pytest.mark.parametrize("kieu", ["day-du", "phoi"])
def test_the_whole_decision_prints_one_page_per_line_with_name_and_decision_number(client, org, issued, tmp_path,
                                                                                    kieu):
    client.force_login(org.users["skhcn"])
    response = client.get(reverse("decision_certificates", args=[issued.pk]), {"kieu": kieu})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = response.content
    lines = list(issued.lines.all())
    assert pages(content, tmp_path) == len(lines) == 4
    per_page = pdf_text(content, tmp_path).split("\f")
    for page, line in zip(per_page, sorted(lines, key=lambda ln: (ln.position, ln.pk)), strict=False):
        flat = " ".join(page.split())
        assert line.name in flat
        assert f"Quyết định số {issued.number_display} ngày 15/12/2022" in flat
        assert "NGUYỄN VĂN AN" not in flat and "Nguyễn Văn An" in flat  # the signer, in Vietnamese letters
    full = " ".join(pdf_text(content, tmp_path).split())
    assert ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in full) == (kieu == "day-du")
    if kieu == "day-du":
        assert "GIẤY KHEN" in full and "TẶNG DANH HIỆU" in full and "LAO ĐỘNG TIÊN TIẾN" in full


def test_one_line_prints_alone(client, org, issued, tmp_path):
    client.force_login(org.users["skhcn"])
    line = issued.lines.get(code="GK")
    content = client.get(reverse("decision_line_certificate", args=[issued.pk, line.pk])).content
    assert pages(content, tmp_path) == 1
    text = " ".join(pdf_text(content, tmp_path).split())
    assert line.name in text and "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2022" in text
    assert client.get(reverse("decision_line_certificate", args=[issued.pk, 999999])).status_code == 404


def test_the_provinces_offsets_move_the_fields_on_the_blank_only(client, org, issued, tmp_path):
    client.force_login(org.users["skhcn"])
    url = reverse("decision_certificates", args=[issued.pk])
    name = issued.lines.get(code="GK").name.split()[-1]
    before_blank = word_x(client.get(url, {"kieu": "phoi"}).content, tmp_path, name)
    before_full = word_x(client.get(url, {"kieu": "day-du"}).content, tmp_path, name)
    services.certificate_layout_save(actor=org.users["bantdkt"], province=org.province, code="GK", offset_x=2,
                                     offset_y=0, field_offsets={"recipient": (8, 0)}, fields=certificates.SLOTS)
    after_blank = word_x(client.get(url, {"kieu": "phoi"}).content, tmp_path, name)
    after_full = word_x(client.get(url, {"kieu": "day-du"}).content, tmp_path, name)
    assert after_blank - before_blank == pytest.approx(10 * MM, abs=0.5)
    assert after_full == pytest.approx(before_full)


def test_a_draft_has_no_certificates_and_says_so(client, org, draft):
    client.force_login(org.users["skhcn"])
    decision = draft(org.skhcn, [("LDTT", org.staff[4])])
    response = client.get(reverse("decision_certificates", args=[decision.pk]), follow=True)
    assert response.status_code == 200
    assert "Chỉ in được bằng, giấy khen của quyết định đã ban hành." in response.content.decode()


def test_when_the_pdf_cannot_be_made_the_officer_reads_why(client, org, issued, monkeypatch):
    def broken(*args, **kwargs):
        raise certificates.CertificateError("Máy chủ thiếu phông chữ có dấu tiếng Việt (gói fonts-liberation)")

    monkeypatch.setattr(certificates, "_register_fonts", broken)
    client.force_login(org.users["skhcn"])
    response = client.get(reverse("decision_certificates", args=[issued.pk]), follow=True)
    assert response.status_code == 200 and "thiếu phông chữ" in response.content.decode()


def test_missing_fonts_are_reported_in_vietnamese(settings, monkeypatch):
    monkeypatch.setattr(certificates, "FONT_DIRS", ())
    monkeypatch.setattr(certificates.pdfmetrics, "getRegisteredFontNames", lambda: [])
    settings.THIDUA_FONT_DIRS = ["/nonexistent"]
    with pytest.raises(certificates.CertificateError, match="phông chữ"):
        certificates._register_fonts()


def test_certificates_follow_the_decisions_scope(client, org, issued):
    url = reverse("decision_certificates", args=[issued.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(org.users["snv"])
    assert client.get(url).status_code == 404
    client.force_login(org.users["bantdkt"])
    assert client.get(url).status_code == 200


def test_the_board_adjusts_positions_and_prints_a_test_page(client, org, tmp_path):
    client.force_login(org.users["bantdkt"])
    assert "Bằng khen của Chủ tịch UBND tỉnh" in client.get(reverse("certificate_layouts")).content.decode()
    response = client.post(reverse("certificate_layout_edit", args=["BK_TINH"]),
                           {"offset_x": "1.5", "offset_y": "-2", "recipient_x": "3", "recipient_y": "",
                            "signer_name_y": "4.5"})
    assert response.status_code == 302
    layout = CertificateLayout.objects.get(province=org.province, code="BK_TINH")
    assert (float(layout.offset_x), float(layout.offset_y)) == (1.5, -2.0)
    assert layout.field_offsets == {"recipient": [3.0, 0.0], "signer_name": [0.0, 4.5]}
    test_page = client.get(reverse("certificate_layout_test", args=["BK_TINH"])).content
    text = " ".join(pdf_text(test_page, tmp_path).split())
    assert "TRANG IN THỬ" in text and "[Họ tên, tên tập thể] x=153.0 y=98.0" in text
    too_far = client.post(reverse("certificate_layout_edit", args=["BK_TINH"]), {"offset_x": "150"})
    assert too_far.status_code == 422
    assert client.get(reverse("certificate_layout_edit", args=["KHONG_CO"])).status_code == 404


def test_only_the_province_board_adjusts_positions(client, org):
    client.force_login(org.users["skhcn"])
    assert client.get(reverse("certificate_layouts")).status_code == 403
    assert client.post(reverse("certificate_layout_edit", args=["GK"]), {"offset_x": "1"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.certificate_layout_save(actor=org.users["skhcn"], province=org.province, code="GK", offset_x=1,
                                         offset_y=0, field_offsets={}, fields=certificates.SLOTS)
    with pytest.raises(services.DecisionError, match="±100"):
        services.certificate_layout_save(actor=org.users["bantdkt"], province=org.province, code="GK",
                                         offset_x=101, offset_y=0, field_offsets={}, fields=certificates.SLOTS)
