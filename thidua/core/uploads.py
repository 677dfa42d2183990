"""Bounds on files the product reads (uploads on the web, files named on the command line).

Every file is refused early and in Vietnamese, whatever its name says:

- its size is checked before it is read (THIDUA_UPLOAD_MAX_BYTES, 10 MB): from the request's
  Content-Length, the upload's size or the file's size on disk, and reading stops one byte past it;
- its type is taken from its content: .xlsx and .docx are zip archives holding the parts Excel or
  Word write; .csv and .txt are text that decodes;
- a zip archive's members are checked by their declared sizes before anything is unpacked (a zip
  bomb of a few kilobytes may declare gigabytes): THIDUA_UPLOAD_MAX_UNZIPPED_BYTES (20 MB) in all,
  at most 2,000 members; Python's zipfile never unpacks more than a member declares;
- a table (spreadsheet or CSV) is read row by row, never whole: at most THIDUA_IMPORT_MAX_ROWS
  (20,000) rows of data and THIDUA_IMPORT_MAX_COLUMNS (50) columns, counted while reading, so a
  1,000,000-row sheet is refused after its 20,001st row, in seconds and in bounded memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from openpyxl import load_workbook

XLSX = "xlsx"
DOCX = "docx"
TEXT = "text"
KIND_NAMES = {XLSX: "tệp Excel (.xlsx)", DOCX: "tệp Word (.docx)", TEXT: "văn bản (.csv, .txt)"}
# The parts Excel and Word always write; a zip without them is something else renamed.
_ZIP_MEMBERS = {XLSX: "xl/workbook.xml", DOCX: "word/document.xml"}
_MAX_MEMBERS = 2000
# Excel's last row: a sheet claiming rows past it was not written by a spreadsheet program.
_EXCEL_ROWS = 1_048_576


class UploadError(ValueError):
    """A file the product will not read; the message is Vietnamese and says why."""


def max_bytes() -> int:
    return int(getattr(settings, "THIDUA_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def max_unzipped_bytes() -> int:
    return int(getattr(settings, "THIDUA_UPLOAD_MAX_UNZIPPED_BYTES", 20 * 1024 * 1024))


def max_rows() -> int:
    return int(getattr(settings, "THIDUA_IMPORT_MAX_ROWS", 20_000))


def max_columns() -> int:
    return int(getattr(settings, "THIDUA_IMPORT_MAX_COLUMNS", 50))


def size_text(size: int) -> str:
    """A size as a person says it: "10 MB", "512 KB"."""
    if size >= 1024 * 1024:
        mb = size / (1024 * 1024)
        return f"{mb:.0f} MB" if mb >= 10 or mb.is_integer() else f"{mb:.1f} MB".replace(".", ",")
    return f"{max(size // 1024, 1)} KB"


def _too_big(name: str, size: int | None = None) -> UploadError:
    got = f" ({size_text(size)})" if size else ""
    return UploadError(f"Tệp «{name[:80]}» quá lớn{got}: tối đa {size_text(max_bytes())}. "
                       "Hãy chia danh sách thành nhiều tệp nhỏ hơn.")


def check_size(size: int | None, name: str = "") -> None:
    """Refuse a file whose size (known before reading it) is over the limit."""
    if size is not None and size > max_bytes():
        raise _too_big(name, size)


class SizeLimitUploadHandler(FileUploadHandler):
    """The first of FILE_UPLOAD_HANDLERS: a file passing the upload limit is skipped as it streams
    in (the rest of it is read and thrown away), so it is neither kept in memory nor written to
    disk whole; the request remembers it for `request_error`."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > max_bytes():
            if self.request is not None:
                self.request.thidua_upload_too_big = self.file_name or ""
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def request_error(request: Any) -> str | None:
    """Why the files of an upload request are refused, or None: a declared length over the limit
    (with some room for the other form fields) is refused before the body is read at all; a file
    that passed the limit while streaming was skipped by SizeLimitUploadHandler."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return "Yêu cầu không hợp lệ."
    if length > max_bytes() + 256 * 1024:
        return str(_too_big("đã chọn", length))
    request.FILES  # noqa: B018 - parses the body (bounded by the handler above) if not yet done
    skipped = getattr(request, "thidua_upload_too_big", None)
    if skipped is not None:
        return str(_too_big(skipped or "đã chọn"))
    return None


def read_stream(stream: IO[bytes], name: str = "") -> bytes:
    """The bytes of an open file, reading at most one byte past the limit."""
    limit = max_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_big(name)
    return data


def read_upload(upload: Any) -> bytes:
    """The bytes of an uploaded file (Django's UploadedFile): its size is checked first."""
    name = getattr(upload, "name", "") or ""
    check_size(getattr(upload, "size", None), name)
    upload.seek(0)
    return read_stream(upload, name)


def read_path(path: str | Path) -> bytes:
    """The bytes of a file named on the command line: its size on disk is checked first."""
    path = Path(path)
    try:
        check_size(path.stat().st_size, path.name)
        with path.open("rb") as handle:
            return read_stream(handle, path.name)
    except OSError as exc:
        raise UploadError(f"Không đọc được tệp «{path}»: {exc.strerror or exc}.") from None


# --- what a file is, by its content ----------------------------------------------------------


def _zip_kind(content: bytes, name: str) -> str:
    """XLSX or DOCX after checking the archive's directory, without unpacking anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadError(f"Tệp «{name[:80]}» bị hỏng hoặc không phải tệp Excel (.xlsx) hay Word (.docx).") from None
    with archive:
        members = archive.infolist()
        if len(members) > _MAX_MEMBERS:
            raise UploadError(f"Tệp «{name[:80]}» chứa quá nhiều thành phần ({len(members)}); không đọc.")
        declared = sum(m.file_size for m in members)
        if declared > max_unzipped_bytes():
            raise UploadError(f"Tệp «{name[:80]}» khi giải nén sẽ chiếm {size_text(declared)} (tối đa "
                              f"{size_text(max_unzipped_bytes())}): đây không phải một danh sách hay văn bản "
                              "bình thường, hệ thống không đọc.")
        names = {m.filename for m in members}
    for kind, member in _ZIP_MEMBERS.items():
        if member in names:
            return kind
    raise UploadError(f"Tệp «{name[:80]}» là tệp nén nhưng không phải tệp Excel (.xlsx) hay Word (.docx).")


def _is_text(content: bytes) -> bool:
    head = content[:65536]
    return b"\x00" not in head or head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def kind_of(content: bytes, name: str = "") -> str:
    """XLSX, DOCX or TEXT from what the file holds (not its name); UploadError for anything else:
    an old .xls or .doc, a PDF, a picture, a damaged or oversized archive."""
    if content.startswith(b"PK\x03\x04") or content.startswith(b"PK\x05\x06"):
        return _zip_kind(content, name)
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UploadError(f"Tệp «{name[:80]}» là tệp Excel/Word đời cũ (.xls, .doc): hãy mở nó và lưu lại dưới "
                          "dạng .xlsx hoặc .docx.")
    if _is_text(content):
        return TEXT
    raise UploadError(f"Tệp «{name[:80]}» không phải tệp Excel (.xlsx), Word (.docx) hay văn bản.")


def expect_kind(content: bytes, name: str, allowed: tuple[str, ...]) -> str:
    """The file's kind by content, which must be one of `allowed` and agree with its name's
    extension (a text file renamed .xlsx is refused, not read as something else)."""
    kind = kind_of(content, name)
    wanted = " hoặc ".join(KIND_NAMES[k] for k in allowed)
    if kind not in allowed:
        raise UploadError(f"Tệp «{name[:80]}» là {KIND_NAMES[kind]}; ở đây chỉ nhận {wanted}.")
    suffix = Path(name).suffix.lower()
    claimed = {".xlsx": XLSX, ".docx": DOCX, ".csv": TEXT, ".txt": TEXT}.get(suffix)
    if claimed is not None and claimed != kind:
        raise UploadError(f"Tệp «{name[:80]}» mang đuôi {suffix} nhưng nội dung là {KIND_NAMES[kind]}: hãy mở "
                          f"tệp bằng chương trình đã tạo ra nó và lưu lại đúng dạng ({wanted}).")
    return kind


def decode_text(content: bytes, name: str = "") -> str:
    """Text in UTF-8 (with or without BOM) or UTF-16 with a BOM."""
    encodings = ("utf-16",) if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ("utf-8-sig",)
    for encoding in encodings:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UploadError(f"Tệp «{name[:80]}» không phải văn bản mã UTF-8: hãy lưu lại với bảng mã UTF-8 "
                      "(trong Excel: «CSV UTF-8»).")


# --- tables, row by row ----------------------------------------------------------------------


def _too_many_rows(name: str) -> UploadError:
    return UploadError(f"Tệp «{name[:80]}» có hơn {max_rows():,} dòng dữ liệu (tối đa {max_rows():,} dòng một lần "
                       "nhập): hãy chia thành nhiều tệp.".replace(",", "."))


def _too_many_columns(name: str, row: int) -> UploadError:
    return UploadError(f"Tệp «{name[:80]}», dòng {row}: có hơn {max_columns()} cột (tối đa {max_columns()}).")


def _xlsx_rows(content: bytes, name: str) -> Iterator[tuple[Any, ...]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UploadError(f"Không đọc được tệp Excel «{name[:80]}»: hãy lưu lại dưới dạng .xlsx rồi thử lại.") from exc
    try:
        sheet = book.active
        if sheet is None or not hasattr(sheet, "iter_rows"):
            raise UploadError(f"Tệp Excel «{name[:80]}» không có trang tính nào.")
        width = max_columns()
        # The sheet's own dimension may claim 16,384 columns or a million rows: rows are read up to
        # one past each limit (openpyxl pads every row to its max_col), never the whole claim.
        last = min(_EXCEL_ROWS, 5 * max_rows() + 1)
        try:
            for number, row in enumerate(sheet.iter_rows(max_col=width + 1, max_row=last, values_only=True),
                                         start=1):
                if number == last:
                    raise _too_many_rows(name)
                if len(row) > width and row[width] not in (None, ""):
                    raise _too_many_columns(name, number)
                yield row[:width]
        except UploadError:
            raise
        except Exception as exc:  # a damaged sheet part fails only when its rows are read
            raise UploadError(f"Không đọc được tệp Excel «{name[:80]}»: hãy lưu lại dưới dạng .xlsx "
                              "rồi thử lại.") from exc
    finally:
        book.close()


def _csv_rows(content: bytes, name: str) -> Iterator[list[str]]:
    encoding = "utf-16" if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    handle = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
    width = max_columns()
    number = 0
    try:
        sample = handle.read(4096)
        handle.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        for row in csv.reader(handle, dialect):
            number += 1
            if len(row) > width and any(cell.strip() for cell in row[width:]):
                raise _too_many_columns(name, number)
            yield row[:width]
    except UnicodeDecodeError:
        raise UploadError(f"Tệp «{name[:80]}» không phải văn bản mã UTF-8: hãy lưu lại với bảng mã UTF-8 "
                          "(trong Excel: «CSV UTF-8»).") from None
    except csv.Error as exc:
        raise UploadError(f"Tệp CSV «{name[:80]}» sai dạng ở dòng {number + 1}: một ô quá dài "
                          "hoặc dấu ngoặc kép không đóng.") from exc


def iter_table(content: bytes, name: str = "") -> Iterator[tuple[int, list[Any]]]:
    """(row number as the user sees it, cells) for every non-empty row of an .xlsx or .csv file,
    header included, read one row at a time within the row and column limits (UploadError past
    them, or for a file that is neither)."""
    check_size(len(content), name)
    kind = expect_kind(content, name, (XLSX, TEXT))
    rows: Iterator[Any] = _xlsx_rows(content, name) if kind == XLSX else _csv_rows(content, name)
    data_rows = 0
    header_seen = False
    for number, row in enumerate(rows, start=1):
        if not any(v not in (None, "") and str(v).strip() for v in row):
            continue
        if header_seen:
            data_rows += 1
            if data_rows > max_rows():
                raise _too_many_rows(name)
        header_seen = True
        yield number, list(row)
