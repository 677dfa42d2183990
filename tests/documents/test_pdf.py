"""DOCX → PDF through LibreOffice: the real conversion when LibreOffice is installed, the clear
error when it is not, and the timeout / failure paths with a fake binary."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from thidua.documents.pdf import (
    PdfConversionFailed,
    PdfUnavailable,
    docx_to_pdf,
    find_soffice,
)

MESSAGE = "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF."


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def pdf_text(pdf: bytes, tmp_path) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_seed_registration_to_pdf(seed_docx_bytes, tmp_path):
    if find_soffice() is None:
        with pytest.raises(PdfUnavailable, match=MESSAGE):
            docx_to_pdf(seed_docx_bytes)
        return
    pdf = docx_to_pdf(seed_docx_bytes)
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) >= 1
    # Times New Roman comes out as itself or its metric twin, never a fallback font.
    assert re.search(rb"/BaseFont\s*/\w+\+(LiberationSerif|TimesNewRoman)", pdf)
    assert b"DejaVu" not in pdf
    text = pdf_text(pdf, tmp_path)
    if text is not None:
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Phân đầu hoàn thành xuất sắc" in text
        pages = text.split("\f")
        # The table header row is repeated on every page the table reaches.
        with_table = [p for p in pages if re.search(r"^\s*\d+\s+Huân chương|^\s*\d+\s+Lao động", p, re.M)]
        assert with_table and all("Danh hiệu thi đua, hình thức" in p for p in with_table)
        # Page numbers from page 2, none on page 1.
        for number, page in enumerate(pages[1:], start=2):
            if page.strip():
                assert page.strip().splitlines()[0].strip() == str(number)


def test_cover_letter_to_pdf(cover_docx_bytes):
    if find_soffice() is None:
        pytest.skip("LibreOffice not installed (the missing path is tested below)")
    pdf = docx_to_pdf(cover_docx_bytes)
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 1


def test_missing_libreoffice_raises_pdf_unavailable(settings, monkeypatch, tmp_path):
    settings.THIDUA_SOFFICE = str(tmp_path / "no" / "soffice")
    monkeypatch.setenv("PATH", "")
    assert find_soffice() is None
    with pytest.raises(PdfUnavailable) as info:
        docx_to_pdf(b"PK")
    assert str(info.value) == MESSAGE

    settings.THIDUA_SOFFICE = ""
    with pytest.raises(PdfUnavailable, match=MESSAGE):
        docx_to_pdf(b"PK")


def _fake(tmp_path, body: str):
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return script


def test_failed_conversion_and_own_profile(settings, tmp_path):
    log = tmp_path / "args.log"
    settings.THIDUA_SOFFICE = str(_fake(tmp_path, f'echo "$@" >> {log}; echo boom >&2; exit 1'))
    for _ in range(2):
        with pytest.raises(PdfConversionFailed, match="boom"):
            docx_to_pdf(b"PK")
    calls = log.read_text().splitlines()
    profiles = [re.search(r"-env:UserInstallation=(file:///\S+)", c).group(1) for c in calls]
    assert len(set(profiles)) == 2, "each job gets its own throwaway profile"
    assert all("--headless" in c and "--convert-to pdf" in c for c in calls)


def test_timeout(settings, tmp_path):
    settings.THIDUA_SOFFICE = str(_fake(tmp_path, "sleep 30"))
    with pytest.raises(PdfConversionFailed, match="1 giây"):
        docx_to_pdf(b"PK", timeout=1)
