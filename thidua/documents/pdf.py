"""DOCX → PDF through LibreOffice headless.

The binary is ``settings.THIDUA_SOFFICE`` when set (a path or a command name), else ``soffice`` or
``libreoffice`` on PATH. Each job runs with its own throwaway user profile, so conversions can run
in parallel and never touch a real user's profile, and is killed after a timeout
(``settings.THIDUA_PDF_TIMEOUT`` seconds, default 120). Times New Roman is replaced by its
metric-compatible Liberation Serif (Debian package fonts-liberation), so line breaks match Word.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

DEFAULT_TIMEOUT = 120


class PdfError(Exception):
    """Base class: no PDF could be produced."""

    @property
    def user_message(self) -> str:
        """What a page tells the user: Vietnamese, and what to do instead."""
        return str(self)


class PdfUnavailable(PdfError):
    """LibreOffice is not installed (or not where the settings say)."""

    def __init__(self, message: str = "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF.") -> None:
        super().__init__(message)


class PdfConversionFailed(PdfError):
    """LibreOffice ran but produced no PDF, or timed out. The message keeps LibreOffice's own words
    (for the log); pages show `user_message`, which never carries them (they are in English)."""

    @property
    def user_message(self) -> str:
        return ("Chưa chuyển được văn bản sang PDF: bộ chuyển đổi (LibreOffice) trên máy chủ báo lỗi. "
                "Hãy tải bản Word (.docx) để in, hoặc thử lại sau ít phút; nếu vẫn không được, "
                "báo quản trị hệ thống.")


def find_soffice() -> str | None:
    """Path of the LibreOffice binary, or None."""
    configured = getattr(settings, "THIDUA_SOFFICE", "") or ""
    if configured:
        return shutil.which(configured)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_available() -> bool:
    return find_soffice() is not None


def docx_to_pdf(docx_bytes: bytes, *, timeout: float | None = None) -> bytes:
    """Convert a .docx (bytes) to PDF (bytes). Raises PdfUnavailable when LibreOffice is missing,
    PdfConversionFailed when the conversion fails or exceeds the timeout."""
    binary = find_soffice()
    if binary is None:
        raise PdfUnavailable()
    if timeout is None:
        timeout = float(getattr(settings, "THIDUA_PDF_TIMEOUT", DEFAULT_TIMEOUT))

    with tempfile.TemporaryDirectory(prefix="thidua-pdf-") as tmp:
        work = Path(tmp)
        profile = work / "profile"
        outdir = work / "out"
        outdir.mkdir()
        src = work / "document.docx"
        src.write_bytes(docx_bytes)
        cmd = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--nodefault",
            "--nolockcheck",
            "--nologo",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(outdir),
            str(src),
        ]
        env = dict(os.environ, HOME=str(work))
        try:
            proc = subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=work,
                env=env,
                start_new_session=True,  # own process group: the timeout kills soffice.bin too
            )
        except OSError as exc:
            raise PdfUnavailable() from exc
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise PdfConversionFailed(
                f"LibreOffice không chuyển xong văn bản sang PDF trong {timeout:g} giây."
            ) from None
        pdf = outdir / "document.pdf"
        if proc.returncode != 0 or not pdf.exists():
            detail = (err or out).decode("utf-8", "replace").strip()[-500:]
            raise PdfConversionFailed(f"LibreOffice không chuyển được văn bản sang PDF: {detail}")
        return pdf.read_bytes()


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.communicate()


__all__ = [
    "PdfConversionFailed",
    "PdfError",
    "PdfUnavailable",
    "docx_to_pdf",
    "find_soffice",
    "pdf_available",
]
