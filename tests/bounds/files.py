"""Hostile files built in memory, fast: spreadsheets written as raw zip parts (openpyxl would take
minutes for a million rows), zip bombs declaring gigabytes, text renamed as .xlsx."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Nhân sự" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _cell(value: str) -> str:
    return f'<c t="inlineStr"><is><t>{value}</t></is></c>'


def _row(values: list[str], number: int | None = None) -> str:
    # Rows and cells without "r": readers number them in order, and a million identical rows are
    # one string repeated (fast to build, tiny once compressed, like a real filled-down column).
    head = "<row>" if number is None else f'<row r="{number}">'
    return head + "".join(_cell(v) for v in values) + "</row>"


def xlsx(parts: Iterable[bytes], dimension: str | None = None) -> bytes:
    """An .xlsx whose only sheet's data is `parts` (raw <row> XML), streamed into the archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
                    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            if dimension:
                head += f'<dimension ref="{dimension}"/>'
            sheet.write((head + "<sheetData>").encode())
            for part in parts:
                sheet.write(part)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


HEADER = ["Họ và tên", "Loại", "Giới tính"]
PERSON = ["Hoàng Thị Nhập Thử", "Công chức", "Nữ"]


def staff_xlsx(count: int) -> bytes:
    """The staff import's header then `count` rows of people (the same person: the point is the
    number of rows), with the dimension Excel writes."""
    row = _row(PERSON).encode()
    parts = [_row(HEADER).encode()]
    full, rest = divmod(count, 10_000)
    parts += [row * 10_000] * full + [row * rest]
    return xlsx(parts, dimension=f"A1:C{count + 1}")


def million_rows_xlsx() -> bytes:
    return staff_xlsx(1_000_000)


def far_row_xlsx(row_number: int = 1_048_576) -> bytes:
    """A header, one person, and one cell on the sheet's last row: the rows between are empty."""
    return xlsx([_row(HEADER, 1).encode(), _row(PERSON, 2).encode(), _row(["x"], row_number).encode()],
                dimension=f"A1:XFD{row_number}")


def wide_xlsx(columns: int) -> bytes:
    return xlsx([_row(HEADER + [f"Cột {i}" for i in range(columns)]).encode(), _row(PERSON).encode()])


def zip_bomb(member: str = "xl/worksheets/sheet1.xml", declared: int = 4 * 1024**3) -> bytes:
    """A small archive whose directory declares `declared` bytes for one member (the data is a few
    kilobytes: what matters is that the reader must not trust it and unpack)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        if member != "word/document.xml":
            archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr(member, b"<" * 1000)
    data = bytearray(buffer.getvalue())
    # Rewrite the uncompressed size of the last member in the central directory (and local header).
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(member)
    size = min(declared, 0xFFFFFFFE).to_bytes(4, "little")
    local = info.header_offset
    data[local + 22:local + 26] = size
    central = bytes(data).rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = size
    return bytes(data)


def big_csv(target_bytes: int) -> bytes:
    line = "Nguyễn Văn A,Công chức,Nam\n".encode()
    return "Họ và tên,Loại,Giới tính\n".encode() + line * (target_bytes // len(line) + 1)
