"""Read a registration written outside the system (a Word file or its text) into plain values.

Documents of different provinces and years say the same things in different ways: headings
numbered "I.", "1.", "a)" or not at all, bullets "-", "+", "•", tables as Word tables or as
tab-separated text, counts "07" or "7", ratios or none, dates "ngày 5 tháng 2 năm 2022" or
"05/02/2022", signatures with KT./TM./Q./TL./TUQ. The reader keeps everything as written (the
registration prints it back) and lists, under `unread`, every line it could not place, so a person
sees what to check. Target rows are named by the catalog's wording (catalog.wording)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

import docx
from docx.document import Document as DocxDocument
from docx.table import Table as DocxTable

from thidua.catalog.wording import WordingMatcher
from thidua.core import uploads
from thidua.core.text import fold, looks_like_tcvn3, tcvn3_to_unicode

MAX_LINES = 5000


class NotARegistration(ValueError):
    """The file cannot be read, or what it holds is not a registration."""


# --- reading the file into blocks: lines of text and tables (rows of cells) ------------------


@dataclass
class TableBlock:
    rows: list[list[str]]


Block = str | TableBlock


def _aligned_fold(text: str) -> str:
    """`fold` character by character, so a match in the folded text slices the original."""
    return "".join(f if len(f := fold(c)) == 1 else c.lower() for c in text)


def _clean(text: str) -> str:
    """Without the markup of text exports (<i>, **) and with one space between words."""
    text = unicodedata.normalize("NFC", html.unescape(text) if "&" in text else text)
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", text)  # *italic*, not "* item"
    text = re.sub(r"^\s*\*(?=\w)|(?<=[\w.)])\*\s*$", "", text)  # *italic* cut by a tab: its halves
    return re.sub(r"[ \u00a0\u2002\u2003]+", " ", text.replace("\xad", "")).strip()


# Inside a paragraph: properties (their w:tab are tab stops), deleted text, field codes, and text boxes
# (their own paragraphs, and a copy in mc:Fallback) say nothing of the paragraph's own text.
_SKIPPED = {"pPr", "rPr", "del", "moveFrom", "delText", "instrText", "txbxContent", "Fallback"}


def _run_text(element) -> Iterator[str]:
    for child in element:
        if not isinstance(child.tag, str):
            continue  # comments, processing instructions
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in _SKIPPED:
            continue
        if tag == "t":
            yield child.text or ""
        elif tag == "tab":
            yield "\t"
        elif tag in ("br", "cr"):
            yield "\n"
        elif tag == "noBreakHyphen":
            yield "-"
        elif tag == "softHyphen":
            yield "\xad"  # invisible in Unicode text; "ư" in a TCVN3 one
        else:
            yield from _run_text(child)


def _paragraph_text(p) -> str:
    """A paragraph's text, also what python-docx's `text` leaves out: tracked insertions not yet
    accepted (w:ins), simple fields (w:fldSimple), smart tags and inline content controls."""
    return "".join(_run_text(p))


def _cell_text(cell) -> str:
    return "\n".join(_paragraph_text(p._p) for p in cell.paragraphs)


def _body_elements(parent) -> Iterator:
    """The paragraphs and tables of the body in order, also those inside content controls (w:sdt)."""
    for child in parent.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            yield tag, child
        elif tag in ("sdt", "sdtContent", "customXml"):
            yield from _body_elements(child)


def _docx_blocks(document: DocxDocument) -> Iterator[Block]:
    """Tables as tables; paragraphs as lines, and paragraphs laid out with tabs ("1<tab>Lao động tiên
    tiến<tab><tab>70", "Số: 05/ĐK-SYT<tab><tab>Hà Giang, ngày …") as the rows of a table, as in text."""
    lines: list[str] = []
    for tag, child in _body_elements(document.element.body):
        if tag == "p":
            lines.extend(_paragraph_text(child).split("\n"))
        else:
            yield from _line_blocks(lines)
            lines = []
            table = DocxTable(child, document)
            yield TableBlock([[_cell_text(c) for c in row.cells] for row in table.rows])
    yield from _line_blocks(lines)


# Bullets, also Word's Symbol-font ones as a text export gives them (private use characters).
_BULLETS = "-–—•+*·▪●○◦➢►❖✓✔■□◆◇→\uf0a7\uf0b7\uf0d8\uf076\uf0fc"
_NUMBER_TAB = re.compile(rf"^(\s*(?:(?:[IVX]{{1,4}}|\d{{1,2}}(?:\.\d{{1,2}})*|[a-zđA-Z])[.)/]|[{_BULLETS}]))\t+")


def _text_blocks(text: str) -> Iterator[Block]:
    return _line_blocks(text.splitlines())


def _line_blocks(lines: list[str]) -> Iterator[Block]:
    """Consecutive lines with tabs (or |-separated cells) form one table, as Word's text export does.
    Not tables: a heading or item whose number or bullet is followed by a tab ("I.<tab>NỘI DUNG"), a
    line indented with tabs outside a table, the rules of a grid table (+----+)."""
    rows: list[list[str]] = []
    for line in lines:
        stripped = line.strip()
        if "\t" in line:
            numbered = _NUMBER_TAB.sub(r"\1 ", line)
            if "\t" not in numbered.strip("\t") and (not rows or "\t" not in numbered):
                line = numbered.strip("\t")  # "I.<tab>NỘI DUNG THI ĐUA", "<tab>- Phong trào …"
                stripped = line.strip()
            else:
                rows.append(line.split("\t"))
                continue
        if re.fullmatch(r"\+[-=+:]+\+", stripped):
            continue  # a grid table's rule
        if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
            if not re.fullmatch(r"[|\-: ]+", stripped):  # a markdown separator row
                rows.append([c for c in stripped[1:-1].split("|")])
            continue
        if rows:
            yield TableBlock(rows)
            rows = []
        yield line
    if rows:
        yield TableBlock(rows)


def read_blocks(content: bytes, name: str = "") -> list[Block]:
    """The file's lines and tables: a .docx (zip) file, or text in UTF-8 (UTF-16 with a BOM). The
    file is checked first against the upload bounds (thidua.core.uploads: its size, its type by
    content, what a .docx declares it unpacks to)."""
    try:
        uploads.check_size(len(content), name)
        kind = uploads.expect_kind(content, name, (uploads.DOCX, uploads.TEXT))
        text = uploads.decode_text(content, name) if kind == uploads.TEXT else ""
    except uploads.UploadError as exc:
        raise NotARegistration(str(exc)) from None
    if kind == uploads.DOCX:
        try:
            document = docx.Document(io.BytesIO(content))
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise NotARegistration("Không đọc được tệp Word (.docx).") from exc
        return _from_tcvn3(list(_docx_blocks(document)))
    if "\x00" in text:
        raise NotARegistration("Tệp không phải văn bản Word (.docx) hay văn bản thuần (UTF-8).")
    return _from_tcvn3(list(_text_blocks(text)))


def _from_tcvn3(blocks: list[Block]) -> list[Block]:
    """A document typed in a TCVN3 font (.VnTime, before Unicode) in Unicode; others as they are."""
    text = "\n".join(b if isinstance(b, str) else "\n".join(c for row in b.rows for c in row) for b in blocks)
    if not looks_like_tcvn3(text):
        return blocks
    return [tcvn3_to_unicode(b) if isinstance(b, str) else
            TableBlock([[tcvn3_to_unicode(c) for c in row] for row in b.rows]) for b in blocks]


# --- what the reader understood --------------------------------------------------------------


@dataclass
class TargetValue:
    count: int | None = None
    ratio: str | None = None

    def as_json(self) -> dict | None:
        if self.count is None and not self.ratio:
            return None
        return {"count": self.count, "ratio": self.ratio or None}


@dataclass
class TargetRow:
    code: str
    label: str
    note: str = ""
    collective: TargetValue = field(default_factory=TargetValue)
    individual: TargetValue = field(default_factory=TargetValue)


@dataclass
class ParsedRegistration:
    year: int | None = None
    heading_year: int | None = None
    place: str = ""
    date: tuple[int | None, int | None, int | None] = (None, None, None)  # day, month, year
    number: str = ""
    letter_number: str = ""
    letter_date: tuple[int | None, int | None, int | None] = (None, None, None)
    addressee: str = ""
    issuer: list[str] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    content_intro: list[str] = field(default_factory=list)
    professional_goal: list[str] = field(default_factory=list)
    solutions: list[str] = field(default_factory=list)
    movements: list[str] = field(default_factory=list)
    targets: dict[str, TargetRow] = field(default_factory=dict)
    signer_authority: str = ""
    signer_position: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)

    def to_state(self) -> dict:
        """Plain values to keep between the upload and the save (in the session)."""
        return asdict(self)

    @classmethod
    def from_state(cls, state: dict) -> ParsedRegistration:
        values = dict(state)
        for name in ("date", "letter_date"):
            values[name] = tuple(values[name])
        values["targets"] = {
            code: TargetRow(code=row["code"], label=row["label"], note=row["note"],
                            collective=TargetValue(**row["collective"]), individual=TargetValue(**row["individual"]))
            for code, row in values["targets"].items()
        }
        return cls(**values)

    @property
    def letter_number_only(self) -> str:
        return self.letter_number.split("/", 1)[0].strip()

    @property
    def letter_symbol(self) -> str:
        return self.letter_number.split("/", 1)[1].strip() if "/" in self.letter_number else ""

    def as_json(self) -> dict:
        """The CONTRACT.md shape, then what it adds (place, heading_year, date_parts, …)."""
        return {
            "year": self.year,
            "letter_number": self.letter_number or None,
            "date": iso_date(self.date),
            "addressee": self.addressee or None,
            "signer": {"authority": self.signer_authority or None, "position": self.signer_position or None,
                       "name": self.signer_name or None},
            "solutions": self.solutions,
            "movements": self.movements,
            "targets": {code: {"collective": row.collective.as_json(), "individual": row.individual.as_json()}
                        for code, row in self.targets.items()},
            "unread": self.unread,
            "heading_year": self.heading_year,
            "place": self.place or None,
            "date_parts": dict(zip(("day", "month", "year"), self.date, strict=True)),
            "letter_date": iso_date(self.letter_date),
            "number": self.number or None,
            "preamble": "\n".join(self.preamble) or None,
            "content_intro": "\n".join(self.content_intro) or None,
            "professional_goal": "\n".join(self.professional_goal) or None,
            "target_labels": {code: row.label for code, row in self.targets.items()},
            "recipients": self.recipients,
        }


def iso_date(parts: tuple[int | None, int | None, int | None]) -> str | None:
    """YYYY-MM-DD; a date drafted before signing ("ngày   tháng 02 năm 2022") keeps what is known
    in ISO 8601's reduced form ("2022-02"), never an invented day."""
    day, month, year = parts
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return f"{year:04d}-{month:02d}"


# --- recognising lines ------------------------------------------------------------------------

_NUMBERING = re.compile(
    r"^(?:(?:phần|mục|PHẦN|MỤC|Phần|Mục)\s+)?(?:(?P<roman>[IVX]{1,4}|[ivx]{2,4})(?:[.)]|/(?=\s))\s*"
    r"|(?P<arabic>\d{1,2}(?:\.\d{1,2})*)(?:[.)]|/(?=\s))\s*|(?P<alpha>[a-zđ])[.)/]\s+|(?P<upper>[A-Z])[.)/]\s+)"
)
_BULLET = re.compile(rf"^\s*(?:[{_BULLETS}]|\.{2,})\s*")
_AUTHORITY = re.compile(r"^(KT|TM|Q|TL|TUQ)\s*\.\s*", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ngay\s*(\d{1,2})?\s*(?:/|thang)\s*(\d{1,2})?\s*(?:/|nam)\s*(\d{4})")
_DATE_SLASHES = re.compile(r"(\d{1,2})?\s*/\s*(\d{1,2})?\s*/\s*(\d{4})")
_YEAR = re.compile(r"nam\s+(\d{4})")
_SIGN_NOTE = re.compile(r"^\(?\s*(da ky|ky\b|ky ten|ky,|ky va|chu ky|dong dau)", re.IGNORECASE)
_POSITION_WORDS = ("giam doc", "chu tich", "chanh van phong", "chanh thanh tra", "bi thu", "tong cuc", "pho ",
                   "uy vien", "chu nhiem", "tong bien tap", "hieu pho")


def _has_position(text: str) -> bool:
    """A position's words ("PHÓ GIÁM ĐỐC", "CỤC TRƯỞNG"). "Trưởng" is matched with its accents: folded
    it is also the family name Trương ("TRƯƠNG THỊ HOA" is a name) and "trường"."""
    return any(w in fold(text) for w in _POSITION_WORDS) or "trưởng" in text.lower()

# Section headings, matched on the folded heading text after its numbering.
SECTIONS = [
    ("professional", re.compile(
        r"^(ve\s+)?(thuc hien\s+)?(cong tac|nhiem vu)\s+(chuyen mon|chinh tri)|^muc tieu\W+(va\s+)?nhiem vu"
        r"|^muc tieu\s+(chung|tong quat)"
        r"|^(cac\s+)?nhiem vu(\s+(trong tam|chu yeu|cu the|duoc giao))?(\s+nam\s+\d{4})?$")),
    ("solutions", re.compile(r"^(ve\s+)?(cac\s+|nhung\s+)?(nhiem vu\W+(va\s+)?)?(cac\s+)?(giai phap|bien phap)")),
    ("movements", re.compile(
        r"^(ve\s+)?(huong ung\s+)?(ten\s+)?(cac\s+)?(phong trao|cuoc van dong)(?!\s+thi dua\s*:)")),
    ("targets", re.compile(
        r"^(ve\s+)?(muc tieu|chi tieu|dang ky\s+(cac\s+)?(danh hieu|hinh thuc)|(cac\s+)?danh hieu thi dua)")),
    ("content", re.compile(r"^(ve\s+)?noi dung")),
]
LIST_SECTIONS = {"solutions", "movements"}


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _numbering(text: str) -> tuple[str | None, str]:
    """('roman'|'arabic'|'alpha'|'upper'|None, the text after the numbering)."""
    match = _NUMBERING.match(text) if not _BULLET.match(text) else None
    if match is None:
        return None, text
    kind = next(k for k in ("roman", "arabic", "alpha", "upper") if match.group(k))
    return kind, text[match.end():].strip()


def _level(kind: str | None, text: str) -> int:
    """Roman and capital letters 1, numbers 2 (2.1 is 3), small letters 4; unnumbered 0."""
    if kind == "arabic":
        return 2 + (_NUMBERING.match(text).group("arabic").count(".") if _NUMBERING.match(text) else 0)
    return {"roman": 1, "upper": 1, "alpha": 4}.get(kind or "", 0)


_DEGREES = re.compile(r"^(?:(?:GS|PGS|TS|ThS|Ths|BS|BSCK\w{0,3}|CK\w{0,3}|DS|Ds|KS|CN|Lg)\.\s*)+")


def _looks_like_name(text: str) -> bool:
    """"Đinh Bộ Sơn", also after degrees ("TS.BS. Trần Văn Bé Bảy": kept as signed)."""
    words = _DEGREES.sub("", text).split()
    return 2 <= len(words) <= 6 and all(w[0].isupper() and w.isalpha() for w in words)


def _section_of(text: str) -> str | None:
    folded = fold(text).strip(" :.")
    for name, pattern in SECTIONS:
        if pattern.search(folded):
            return name
    return None


def _date_in(folded: str) -> tuple[int | None, int | None, int | None] | None:
    for pattern in (_DATE_WORDS, _DATE_SLASHES):
        match = pattern.search(folded)
        if match:
            day, month, year = (int(g) if g else None for g in match.groups())
            return (day if day and 1 <= day <= 31 else None), (month if month and 1 <= month <= 12 else None), year
    return None


def _strip_bullet(text: str) -> str:
    return _BULLET.sub("", text, count=1).strip()


def _count(cell: str) -> int | None:
    """The first count of a cell ("07", "45 người", "1.150" with a thousands dot); a ratio is not one."""
    match = re.search(r"\d+(?:\.\d{3})*(?![\d.,])|\d+", cell)
    if match is None or re.match(r"(?:[.,]\d+)?\s*%", cell[match.end():]):
        return None
    return int(match.group(0).replace(".", ""))


def _ratio(cell: str) -> str | None:
    cell = cell.strip()
    return cell if cell and re.search(r"\d", cell) else None


# --- the target table ------------------------------------------------------------------------


@dataclass
class Columns:
    """Where a table keeps what. Tables with a column group per side fill the `collective_*` and
    `individual_*` indexes; tables with one "Số lượng" column fill `count` (and `ratio`), each row's side
    then coming from a "Đối tượng" column (`subject`), the label, the row's group ("I. Tập thể") held in
    `group`, or the catalog."""
    label: int
    collective_count: int | None = None
    collective_ratio: int | None = None
    individual_count: int | None = None
    individual_ratio: int | None = None
    count: int | None = None
    ratio: int | None = None
    subject: int | None = None
    group: str | None = None


_HEADER_WORDS = ("so luong", "ty le", "tap the", "ca nhan", "danh hieu", "hinh thuc", "stt", "noi dung",
                 "doi tuong", "ghi chu", "don vi tinh")

# Group rows and sub-headings of the targets ("I. Tập thể", "b) Đối với cá nhân:", "3.1. Danh hiệu thi đua"),
# folded, without numbering: the side they open, or "" for groups that do not tell a side.
_GROUPS = [
    ("collective", re.compile(r"(doi voi |ve |danh cho |khen thuong |chi tieu )?(cac )?tap the( don vi)?")),
    ("individual", re.compile(r"(doi voi |ve |danh cho |khen thuong |chi tieu )?(cac )?ca nhan")),
    ("", re.compile(r"(ve |cac |dang ky )?(danh hieu( thi dua)?|hinh thuc( khen thuong)?|khen thuong)"
                    r"(\W+(va )?(hinh thuc )?khen thuong)?")),
]
_TOTAL = re.compile(r"(tong cong|tong so)\b.*|cong")
# Words after a count that say its side: "03 phòng", "45 người", "02 tập thể, 05 cá nhân".
_COLLECTIVE_UNITS = r"tap the|don vi|phong|khoa|co quan"
_INDIVIDUAL_UNITS = r"ca nhan|nguoi|dong chi|cbccvc|cbcc|can bo|cong chuc|vien chuc"


def _group_of(text: str) -> str | None:
    """The side a group row or sub-heading opens ("collective", "individual", "" for none), or None
    when the text is not one."""
    folded = fold(re.sub(r"\([^)]*\)", " ", _numbering(_strip_bullet(text))[1]))
    folded = re.sub(r"\s+", " ", folded).strip(" :.;-")
    for side, pattern in _GROUPS:
        if pattern.fullmatch(folded):
            return side
    return None


_VALUE = re.compile(
    r"(?P<ratio>[<>≥≤]?\s*\d+(?:[.,]\d+)?\s*%)"
    rf"|(?P<count>\d+(?:\.\d{{3}})*)(?:\s*/\s*\d+(?:\.\d{{3}})*)?\s*(?P<unit>{_COLLECTIVE_UNITS}|{_INDIVIDUAL_UNITS})?")


_UNIT_FIRST = re.compile(r"\b(?P<unit>tap the|ca nhan)\s*[:=]?\s*"
                         r"(?P<count>[<>≥≤]?\s*\d+(?:[.,]\d+)?\s*%|\d+(?:\.\d{3})*(?!\d)(?!\s*(?:[.,]\d|%)))")


def _values_in(text: str, default: str) -> list[tuple[str, int | None, str | None]]:
    """(side, count, ratio) written in words: "45/50 CBCCVC (90%)" is 45 individuals at 90%, "02 tập thể,
    05 cá nhân" one count per side; a count without a word goes to `default`, a ratio to the count
    before it."""
    found: list[tuple[str, int | None, str | None]] = []
    folded = _aligned_fold(text)
    # "Tập thể: 02; Cá nhân: 05" says the side before the count: turned round, in both spellings alike
    for match in reversed(list(_UNIT_FIRST.finditer(folded))):
        a, b = match.span("unit"), match.span("count")
        text = text[:a[0]] + text[b[0]:b[1]] + " " + text[a[0]:a[1]] + text[b[1]:]
        folded = folded[:a[0]] + folded[b[0]:b[1]] + " " + folded[a[0]:a[1]] + folded[b[1]:]
    for match in _VALUE.finditer(folded):
        if match.group("ratio"):
            ratio = text[match.start("ratio"):match.end("ratio")].strip()
            named = re.match(rf"\s*\)?\s*({_COLLECTIVE_UNITS}|{_INDIVIDUAL_UNITS})", folded[match.end():])
            side = ("collective" if re.fullmatch(_COLLECTIVE_UNITS, named.group(1)) else "individual") \
                if named else (found[-1][0] if found else default)
            if found and found[-1][2] is None and found[-1][0] == side:
                found[-1] = (found[-1][0], found[-1][1], ratio)  # "45 người (90%)": the count's ratio
            else:
                found.append((side, None, ratio))  # "Tập thể: 100%", "100% cá nhân"
            continue
        unit = match.group("unit") or ""
        side = ("collective" if re.fullmatch(_COLLECTIVE_UNITS, unit) else "individual") if unit else default
        found.append((side, int(match.group("count").replace(".", "")), None))
    return found


def _add_values(row: TargetRow, found: list[tuple[str, int | None, str | None]]) -> None:
    for side, count, ratio in found:
        value: TargetValue = getattr(row, side)
        if count is not None:
            value.count = (value.count or 0) + count  # two rows of one code (two ministers' Bằng khen) add up
        value.ratio = value.ratio or ratio


def _side_in(text: str) -> str | None:
    """The side a cell or a label names ("Tập thể", "cá nhân", "(phòng, ban)"), if it names one."""
    folded = fold(text)
    collective = re.search(rf"\b({_COLLECTIVE_UNITS})", folded)
    individual = re.search(rf"\b({_INDIVIDUAL_UNITS})", folded)
    if collective and not individual:
        return "collective"
    if individual and not collective:
        return "individual"
    return None


def _is_header(row: list[str], matcher: WordingMatcher) -> bool:
    cells = [fold(_clean(c)) for c in row]
    if any(re.fullmatch(r"\d+", c) for c in cells) or any(matcher.code_for(c) for c in cells if len(c) > 3):
        return False
    return any(c in ("tt", "stt") or any(w in c for w in _HEADER_WORDS) for c in cells)


def _columns_from_header(header: list[list[str]]) -> Columns | None:
    width = max(len(r) for r in header)
    groups: list[str | None] = [None] * width
    measures: list[str | None] = [None] * width
    label = None
    subject = None
    for row in header:
        cells = [fold(_clean(c)) for c in row] + [""] * (width - len(row))
        current: str | None = None
        previous = ""
        for j, cell in enumerate(cells):
            if "tap the" in cell:
                current = "collective"
            elif "ca nhan" in cell:
                current = "individual"
            elif cell and cell != previous and not any(w in cell for w in ("so luong", "ty le", "%")):
                current = None
                if label is None and any(w in cell for w in ("danh hieu", "hinh thuc", "noi dung", "ten ")):
                    label = j
            if current and groups[j] is None:
                groups[j] = current
            if "ty le" in cell or "%" in cell:
                measures[j] = "ratio"
            elif "so luong" in cell or re.fullmatch(r"(chi tieu )?dang ky|chi tieu|so nguoi", cell.strip(" :")) or (
                    j != label and re.search(r"\b(dang ky|chi tieu)\b", cell)):
                measures[j] = "count"  # "Số lượng", "Đăng ký năm 2024" (beside "Thực hiện năm 2023")
            elif "doi tuong" in cell or "don vi tinh" in cell:
                subject = j
            previous = cell or previous
    if label is None:
        return None
    if not any(groups):  # "STT | Danh hiệu | (Đối tượng |) Số lượng | Tỷ lệ": one count column
        counts = [j for j in range(width) if measures[j] == "count"]
        ratios = [j for j in range(width) if measures[j] == "ratio"]
        if not counts:
            return None
        return Columns(label=label, count=counts[0], ratio=ratios[0] if ratios else None, subject=subject)
    columns = Columns(label=label)
    for group in ("collective", "individual"):
        indexes = [j for j in range(width) if groups[j] == group]
        counts = [j for j in indexes if measures[j] == "count"]
        ratios = [j for j in indexes if measures[j] == "ratio"]
        if not counts and indexes:  # one merged header cell: count, then ratio
            counts = [indexes[0]]
            ratios = ratios or indexes[1:2]
        setattr(columns, f"{group}_count", counts[0] if counts else None)
        setattr(columns, f"{group}_ratio", ratios[0] if ratios else None)
    return columns


def _default_columns(width: int) -> Columns:
    """Without a header: the usual layouts (TT, label, then counts and ratios, or counts only)."""
    if width >= 6:
        return Columns(label=1, collective_count=2, collective_ratio=3, individual_count=4, individual_ratio=5)
    if width >= 4:
        return Columns(label=1, collective_count=2, individual_count=3)
    return Columns(label=width - 2 if width > 2 else 0, individual_count=width - 1 if width > 1 else None)


def _is_target_table(block: TableBlock, matcher: WordingMatcher, *, in_targets: bool = False) -> bool:
    cells = [_clean(c) for row in block.rows for c in row]
    if any(_AUTHORITY.match(c) or fold(c).startswith("noi nhan") or (
            _is_upper(c.split("\n")[0]) and _has_position(c.split("\n")[0]))
           for c in cells):
        return False  # the signature's layout table
    if in_targets or any(_is_header(row, matcher) for row in block.rows[:3]):
        return True
    return any(matcher.code_for(c) for row in block.rows for c in (_clean(x) for x in row)
               if len(c) > 3 and any(re.fullmatch(r"\d+", _clean(x)) for x in row if x is not c))


def _cell(row: list[str], index: int | None) -> str:
    return _clean(row[index]) if index is not None and index < len(row) else ""


def _read_table(block: TableBlock, matcher: WordingMatcher, parsed: ParsedRegistration,
                columns: Columns | None, group: str | None = None) -> Columns:
    """The target rows of a table into `parsed`; the columns found, for a table continued on the next
    page. `group` is the side of the heading above the table ("1. Tập thể")."""
    header: list[list[str]] = []
    for row in block.rows:
        row_group = _group_row(row)
        if row_group is not None:
            if header:
                columns = _columns_from_header(header) or columns
                header = []
            if columns is not None:
                columns.group = row_group or columns.group
            continue
        texts = {c for c in (_clean(x) for x in row) if c}
        if not any(re.search(r"[^\W\d_]", t) for t in texts):
            if any(re.search(r"\d", t) for t in texts) and len(texts) > 1:
                parsed.unread.append(" | ".join(c for c in (_clean(x) for x in row) if c))
            continue  # "..." (the list goes on) and empty rows
        if len(texts) == 1 and not matcher.code_for(text := texts.pop()):
            if not re.search(r"dang ky|danh hieu|chi tieu|khen thuong", fold(text)):
                parsed.unread.append(text)
            continue  # the table's title, merged across its first row
        if _is_header(row, matcher):
            header.append(row)
            continue
        if header:
            found = _columns_from_header(header)
            if found is not None:
                found.group = group
            columns = found or columns
            header = []
        if columns is None:
            columns = _default_columns(len(row))
            columns.group = group
        _read_target_row(row, columns, matcher, parsed)
    if header:
        columns = _columns_from_header(header) or columns
    return columns or _default_columns(max(len(r) for r in block.rows))


def _group_row(row: list[str]) -> str | None:
    """The side a group row opens ("I | Tập thể | | ", "B | HÌNH THỨC KHEN THƯỞNG"), or None if the row
    is not one: one text (merged cells repeat it), beside at most its numbering."""
    texts = {c for c in (_clean(x) for x in row)
             if c and not re.fullmatch(r"[IVXivx]{1,4}|[A-Za-z]|\d{1,2}", c.strip(".)"))}
    return _group_of(texts.pop()) if len(texts) == 1 else None


def _row_side(row: list[str], columns: Columns, code: str, label_note: str, matcher: WordingMatcher) -> str:
    """The side of a row in a one-count-column table: its "Đối tượng" cell, its label's note, the
    catalog when the award has only one side, the group row above it, the words beside the count, and
    else the individual (Bằng khen and Giấy khen given without a side are mostly given to people)."""
    subject = matcher.subject_of(code)
    for side in (_side_in(_cell(row, columns.subject)), _side_in(label_note),
                 subject if subject in ("individual", "collective") else None, columns.group,
                 _side_in(_cell(row, columns.count))):
        if side:
            return side
    return "individual"


def _read_target_row(row: list[str], columns: Columns, matcher: WordingMatcher, parsed: ParsedRegistration) -> None:
    raw_label = _cell(row, columns.label)
    numbers = [_cell(row, j) for j in range(len(row)) if j != columns.label]
    if not re.search(r"[^\W\d_]", raw_label):
        if any(re.search(r"[^\W_]", _cell(row, j)) for j in range(1, len(row)) if j != columns.label):
            parsed.unread.append(" | ".join(c for c in (_clean(x) for x in row) if c))  # not where labels are
        return  # "..." rows
    if fold(raw_label).strip(" .:") in ("danh hieu thi dua", "hinh thuc khen thuong", "khen thuong", "danh hieu"):
        return  # group headings
    if _TOTAL.fullmatch(fold(raw_label).strip(" .:")):
        return  # "Tổng cộng": the sum of the rows above, not a target
    note_match = re.search(r"\(([^)]*)\)\s*$", raw_label)
    label = raw_label[:note_match.start()].strip() if note_match else raw_label
    code = matcher.code_for(label)
    if code is None:
        parsed.unread.append(" | ".join(c for c in (_clean(x) for x in row) if c))
        return
    if columns.count is not None:
        side = _row_side(row, columns, code, note_match.group(1) if note_match else "", matcher)
        count_cell = _cell(row, columns.count)
        if len(found := _values_in(count_cell, side)) > 1 and any(c is not None for _, c, _ in found[1:]):
            # "01 tập thể, 03 cá nhân" in one cell
            target = parsed.targets.setdefault(code, TargetRow(code=code, label=label))
            _add_values(target, found)
            return
        other = "individual" if side == "collective" else "collective"
        values = {f"{side}_count": count_cell, f"{side}_ratio": _cell(row, columns.ratio),
                  f"{other}_count": "", f"{other}_ratio": ""}
    else:
        values = {name: _cell(row, getattr(columns, name)) for name in
                  ("collective_count", "collective_ratio", "individual_count", "individual_ratio")}
    if not any(values.values()) and any(n for n in numbers if re.search(r"\d", n) and n != _cell(row, 0)):
        parsed.unread.append(" | ".join(c for c in (_clean(x) for x in row) if c))
        return
    used = {0, columns.label, columns.subject, columns.count, columns.ratio, columns.collective_count,
            columns.collective_ratio, columns.individual_count, columns.individual_ratio}
    kept = {_cell(row, j) for j in used}
    for j in range(len(row)):
        if j not in used and (cell := _cell(row, j)) and cell not in kept:
            parsed.unread.append(f"{raw_label} | {cell}")  # a note, or a column this reader does not know
            kept.add(cell)
    target = parsed.targets.get(code)
    if target is None:
        note = note_match.group(1).strip() if note_match else ""
        target = parsed.targets[code] = TargetRow(code=code, label=label, note=note)
    for side in ("collective", "individual"):
        value: TargetValue = getattr(target, side)
        count = _count(values[f"{side}_count"])
        if count is not None:
            value.count = (value.count or 0) + count  # two rows of one code (two ministries' Bằng khen) add up
        ratio = _ratio(values[f"{side}_ratio"])
        in_count = re.search(r"[<>≥≤]?\s*\d+(?:[.,]\d+)?\s*%", values[f"{side}_count"])
        if ratio is None and in_count:  # "> 95%" in the count column, or "70 (95%)"
            ratio = values[f"{side}_count"] if count is None else in_count.group(0).strip()
        value.ratio = value.ratio or ratio


# --- the whole document ----------------------------------------------------------------------


class _Reader:
    def __init__(self, matcher: WordingMatcher):
        self.matcher = matcher
        self.parsed = ParsedRegistration()
        self.state = "header"  # header, preamble, a section name, other, recipients, signature
        self.section_level = 0
        self.seen_title = False
        self.title_open = False
        self.addressee_open = False
        self.addressee_continues = False
        self.addressee_semicolon = False
        self.target_group: str | None = None  # "a) Tập thể:" above target lines
        self.columns: Columns | None = None
        self.section_years: list[int] = []
        self.body_years: list[int] = []
        self.signature_lines: list[str] = []
        self.after_recipients = "header"

    # paragraphs

    def line(self, raw: str) -> None:
        text = _clean(raw)
        if not re.search(r"\w", text.replace("_", "")):  # blank, or a rule drawn with ___ or ---
            self.addressee_open = self.addressee_open and self.addressee_semicolon  # "…;": the list goes on
            return
        folded = _aligned_fold(text)
        if self.state == "recipients":
            if _BULLET.match(text):
                self.parsed.recipients.append(_strip_bullet(text).rstrip(";. "))
                return
            self.state = self.after_recipients
        if folded.startswith("noi nhan"):
            self.after_recipients = self.state
            self.state = "recipients"
            rest = text.split(":", 1)[1].strip() if ":" in text else ""
            if rest:
                self.parsed.recipients.append(_strip_bullet(rest).rstrip(";. "))
            return
        if self.state == "signature":
            self.signature_line(text, folded)
            return
        if re.fullmatch(r"(tran trong|xin tran trong cam on)\W*|\W*\./\.\W*", folded) or (
                folded.startswith("tren day la") and self.state not in ("header", "preamble")):
            return  # closing courtesy, "./.", "Trên đây là bản đăng ký thi đua năm … của …"
        if self.starts_signature(text, folded):
            self.state = "signature"
            self.signature_line(text, folded)
            return
        if self.header_line(text, folded):
            return
        if self.addressee_open and (_BULLET.match(text) or not self.parsed.addressee or (
                self.addressee_semicolon and len(text.split()) <= 20)):
            # "Kính gửi:" then the addressees, as a list, on the next line, or each ending with ";"
            self.parsed.addressee = "; ".join(
                filter(None, [self.parsed.addressee, _strip_bullet(text).rstrip(";.")]))
            self.addressee_semicolon = text.endswith(";")
            self.addressee_open = not text.endswith(".")
            return
        if self.addressee_continues and text[0].islower():
            # "Kính gửi: Trưởng Cụm thi đua số 2 các huyện, thành phố" / "tỉnh Sơn La"
            self.parsed.addressee = f"{self.parsed.addressee} {text.rstrip(';.')}"
            return
        self.addressee_open = False
        self.addressee_continues = False
        if self.heading(text):
            return
        self.body_line(text, folded)

    def header_line(self, text: str, folded: str) -> bool:
        """Lines of the document's head: national motto, issuer, number, place and date, title,
        'Kèm theo …', 'Kính gửi …'. Some documents put them in another order, so any time."""
        parsed = self.parsed
        motto = re.search(r"cong hoa xa hoi chu nghia|doc lap\W+tu do\W+hanh phuc", folded)
        if motto or re.fullmatch(r"[-_=–—.\s]{3,}", text):
            if motto and text[:motto.start()].strip() and self.state == "header":
                parsed.issuer.append(text[:motto.start()].strip())  # a text export's two columns on one line
            return True
        if folded.startswith("so:") or folded.startswith("so :"):
            # "Số: 05 /ĐK-SYT", "Số:      /ĐK-QLCS": the spaces are the typist's, not the number's; what
            # follows the number on the line (the date, in a text export's two columns) is a line of its own
            value = text.split(":", 1)[1]
            number = re.match(r"\s*([\w.]*\s*/\s*[^\s,;]+)", value)
            parsed.number = re.sub(r"\s*/\s*", "/", number.group(1) if number else value.strip())
            if number and value[number.end():].strip():
                self.line(value[number.end():])
            return True
        date = _date_in(folded)
        match = re.match(r"^([^,]{2,60}),\s*(ngay\b|\d{1,2}\s*/|\s*/)", folded)
        if match and date and not parsed.place and self.state in ("header", "preamble") and not parsed.preamble:
            parsed.place = text[:match.end(1)].strip()
            parsed.date = date
            return True
        if self.state == "header" and not parsed.date[2] and re.match(r"ngay\b", folded) and date and len(folded) < 40:
            parsed.date = date  # "Ngày 15 tháng 02 năm 2024" without its place
            return True
        if not self.seen_title and ("dang ky" in folded or "giao uoc" in folded) and (_is_upper(text) or (
                self.state == "header" and re.match(r"(ban )?(dang ky|giao uoc)", folded) and len(text.split()) < 16)):
            self.seen_title = True
            self.title_open = True
            year = _YEAR.search(folded)
            if year:
                parsed.heading_year = int(year.group(1))
                self.title_open = False
            return True
        if self.title_open and self.state == "header" and "kem theo" not in folded:
            year = _YEAR.search(folded)
            if year and len(folded) < 120:
                parsed.heading_year = int(year.group(1))
                self.title_open = False
                return True
            if _is_upper(text):
                return True  # the title's second line
        if re.match(r"v/v\b|ve viec\b", folded) and self.state == "header":
            # "V/v đăng ký thi đua năm 2024": a letter's subject, its title when it has no other
            year = _YEAR.search(folded)
            if year and parsed.heading_year is None and ("thi dua" in folded or "dang ky" in folded):
                parsed.heading_year = int(year.group(1))
            return True
        kem = re.search(r"kem theo\s+(?:cong van|van ban|to trinh|ke hoach|bao cao)?[^,]*?\bso\b[:\s]*", folded)
        if kem and self.state in ("header", "preamble"):
            rest = text[kem.end():]
            rest_folded = folded[kem.end():]
            cut = re.search(r"\s(ngay|cua)\b|\)", rest_folded)
            parsed.letter_number = re.sub(r"\s+", "", rest[:cut.start()] if cut else rest).strip("() ,;")
            letter_date = _date_in(rest_folded)
            if letter_date:
                parsed.letter_date = letter_date
            self.title_open = False
            return True
        if folded.startswith("kinh gui"):
            rest = text.split(":", 1)[1].strip() if ":" in text else text[len("kinh gui"):].strip()
            parsed.addressee = _strip_bullet(rest).rstrip(";.")
            # "Kính gửi:" alone, or "Kính gửi: - Hội đồng TĐKT tỉnh;": the list goes on below
            self.addressee_semicolon = rest.endswith(";")
            self.addressee_open = not rest or bool(_BULLET.match(rest)) or self.addressee_semicolon
            self.addressee_continues = bool(rest) and not rest.endswith((";", "."))
            self.state = "preamble"
            self.title_open = False
            return True
        if self.state == "header" and not self.seen_title and _is_upper(text):
            parsed.issuer.append(text)
            return True
        return False

    def heading(self, text: str) -> bool:
        if _BULLET.match(text):
            return False
        if self.state == "targets" and _group_of(text) is not None:
            return False  # "1. Tập thể", "3.2. Hình thức khen thưởng": a group of the targets
        kind, rest = _numbering(text)
        lead, colon, after = rest.partition(":")
        if colon and after.strip() and len(lead.split()) <= 8 and not re.search(r"[“”\"]", lead):
            # "1. Nhiệm vụ chuyên môn: Hoàn thành …": the heading, then its first line
            section = _section_of(lead)
            if section and section != "movements" and (kind or section != self.state):
                self.open_section(section, kind, text, lead)
                self.body_line(after.strip(), _aligned_fold(after.strip()))
                return True
        if len(rest.split()) > 30 or re.search(r"[“”\"]", rest):
            return False
        level = _level(kind, text)
        ends_sentence = rest.endswith((";", "."))
        section = _section_of(rest)
        nested = self.state in (LIST_SECTIONS | {"professional", "targets"}) and level > self.section_level
        if section:
            if kind is None and (ends_sentence or len(rest.split()) > 20 or (
                    section == self.state and not _is_upper(rest))):
                return False
            if kind and nested and self.section_level:
                return False  # a numbered item that reads like a heading
        else:
            # under "I. Nội dung thi đua", "1. Thi đua hoàn thành …" is a line of the contents, not a section
            in_content = self.state == "content" and level > self.section_level
            if kind is None or ends_sentence or ((nested or in_content) and self.section_level):
                return False
            self.parsed.unread.append(text)  # a section this reader does not know: its lines are unread
        self.open_section(section, kind, text, rest)
        return True

    def open_section(self, section: str | None, kind: str | None, text: str, title: str) -> None:
        self.state = section or "other"
        self.target_group = None
        if kind:
            self.section_level = _level(kind, text)
        year = _YEAR.search(fold(title))
        if year and section == "targets":
            self.section_years.append(int(year.group(1)))

    def body_line(self, text: str, folded: str) -> None:
        parsed = self.parsed
        self.body_years.extend(int(y) for y in _YEAR.findall(folded))
        if self.state in ("header", "preamble"):
            self.state = "preamble"
            parsed.preamble.append(text)
        elif self.state == "content":
            parsed.content_intro.append(text)
        elif self.state == "professional":
            parsed.professional_goal.append(_strip_bullet(text))
        elif self.state in LIST_SECTIONS:
            item = _strip_bullet(text)
            kind, rest = _numbering(item)
            if kind in ("arabic", "alpha"):
                item = rest
            if not _BULLET.match(text) and text.endswith(":") and kind is None:
                return  # a lead-in to the list ("… như sau:"), not an item
            (parsed.solutions if self.state == "solutions" else parsed.movements).append(item)
        elif self.state == "targets" and (group := _group_of(text)) is not None:
            self.target_group = group or self.target_group
        elif self.state == "targets" and (self.target_line(text) or text.endswith(":")):
            return
        else:
            parsed.unread.append(text)

    def target_line(self, text: str) -> bool:
        """A target written as a line: "- Lao động tiên tiến: 45/50 CBCCVC (90%)", "- Bằng khen của Bộ
        trưởng Bộ Tài chính: 02 tập thể, 05 cá nhân", "Chiến sĩ thi đua cơ sở 06 người", "Có 28/30 cá nhân
        đạt danh hiệu Lao động tiên tiến (93%)". Each count goes to the side its words name, else to the
        award's only side, else to the group's ("a) Tập thể:"), else to the individual. Without a colon a
        count needs its word or a ratio: "… vào tháng 12" is not a target."""
        line = _strip_bullet(text)
        label, sep, values = line.partition(":")
        if not (sep and re.search(r"\d", values)):
            matches = list(_VALUE.finditer(_aligned_fold(line)))
            if not any(m.group("ratio") or m.group("unit") for m in matches):
                return False
            label, values = line, line
            for match in reversed(matches):  # the words around the counts, in their own spelling
                label = label[:match.start()] + " " + label[match.end():]
            label = re.sub(r"\s+", " ", re.sub(r"\(\s*\)", " ", label)).strip(" -–—,;.")
        code = self.matcher.code_for(label)
        if code is None:
            return False
        subject = self.matcher.subject_of(code)
        default = subject if subject in ("individual", "collective") else (self.target_group or "individual")
        row = self.parsed.targets.get(code)
        if row is None:
            row = self.parsed.targets[code] = TargetRow(code=code, label=self.shown_label(code, label))
        _add_values(row, _values_in(values, default))
        return True

    def shown_label(self, code: str, label: str) -> str:
        """The award's words as the document writes them; in a sentence ("Có cá nhân đạt danh hiệu
        “Lao động tiên tiến”") the quoted name when there is one."""
        quoted = re.search(r"[“\"]([^”\"]+)[”\"]", label)
        if quoted and self.matcher.code_for(quoted.group(1)) == code:
            return quoted.group(1).strip()
        return label.strip(" ;.")

    # signature

    def starts_signature(self, text: str, folded: str) -> bool:
        if not _is_upper(text) or len(text.split()) > 12:
            return False
        if _AUTHORITY.match(text):
            return True
        if _numbering(text)[0]:
            return False
        return self.state not in ("header",) and bool(self.parsed.targets or self.parsed.solutions) and \
            _has_position(text)

    def signature_line(self, text: str, folded: str) -> None:
        if _SIGN_NOTE.match(folded):
            return
        if _BULLET.match(text):  # "Nơi nhận" printed beside the signature
            self.parsed.recipients.append(_strip_bullet(text).rstrip(";. "))
            return
        if _is_upper(text) and len(self.signature_lines) < 3 and not self.parsed.signer_name and (
                _AUTHORITY.match(text) or _has_position(text) or not self.signature_lines):
            self.signature_lines.append(text)
            return
        if not self.parsed.signer_name and _looks_like_name(text):
            self.parsed.signer_name = text
            return
        self.parsed.unread.append(text)

    def finish(self) -> ParsedRegistration:
        parsed = self.parsed
        # Without "Kèm theo Công văn số …" the document is itself the letter: its "Số:" is the number.
        parsed.letter_number = parsed.letter_number or parsed.number
        lines = self.signature_lines
        lines = [_AUTHORITY.sub(lambda m: f"{m.group(1).upper()}. ", line) for line in lines]
        if lines and _AUTHORITY.match(lines[0]):
            # "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH": the authority is all but the last line.
            authority = lines[:-1] if len(lines) > 1 else lines
            parsed.signer_authority = " ".join(authority)
            parsed.signer_position = lines[-1] if len(lines) > 1 else ""
        elif lines:
            parsed.signer_position = " ".join(lines)
        # The year registered: the target section's heading says it best (the seed's title has a slip),
        # then the title, then the body's most frequent year, then the date.
        if self.section_years:
            parsed.year = self.section_years[-1]
        elif parsed.heading_year:
            parsed.year = parsed.heading_year
        elif self.body_years:
            parsed.year = max(set(self.body_years), key=lambda y: (self.body_years.count(y), y))
        else:
            parsed.year = parsed.date[2]
        return parsed


def _split_signature_rows(blocks: list[Block]) -> Iterator[Block]:
    """A text export without a blank line between the target table and the signature's two columns
    ("Nơi nhận:<tab>KT. GIÁM ĐỐC") gives one block of rows: the signature's rows are a table of their own."""
    for block in blocks:
        if isinstance(block, TableBlock):
            for i, row in enumerate(block.rows):
                cells = [_clean(c) for c in row]
                if i and any(fold(c).startswith("noi nhan") or _AUTHORITY.match(c) for c in cells):
                    yield TableBlock(block.rows[:i])
                    yield TableBlock(block.rows[i:])
                    break
            else:
                yield block
        else:
            yield block


def parse_blocks(blocks: list[Block], matcher: WordingMatcher) -> ParsedRegistration:
    if sum(len(b.rows) if isinstance(b, TableBlock) else 1 for b in blocks) > MAX_LINES:
        raise NotARegistration("Tệp quá dài để là một bản đăng ký thi đua.")
    reader = _Reader(matcher)
    for block in _split_signature_rows(blocks):
        if isinstance(block, TableBlock):
            if _is_target_table(block, matcher, in_targets=reader.state == "targets"):
                reader.state = "targets" if reader.state not in ("signature",) else reader.state
                reader.columns = _read_table(block, matcher, reader.parsed, reader.columns, reader.target_group)
            else:  # a layout table (heading, signature): column by column, each cell's lines in order
                width = max(len(row) for row in block.rows)
                seen: list[str] = []
                for j in range(width):
                    for row in block.rows:
                        cell = row[j] if j < len(row) else ""
                        if not cell.strip() or cell in seen:
                            continue  # empty cells say nothing; merged cells repeat
                        seen.append(cell)
                        for line in cell.split("\n"):
                            reader.line(line)
        else:
            reader.line(block)
    parsed = reader.finish()
    if not parsed.targets and not (parsed.solutions or parsed.movements):
        raise NotARegistration("Không nhận ra bản đăng ký thi đua: không có bảng chỉ tiêu hay nội dung thi đua.")
    if parsed.year is None or not 1990 <= parsed.year <= 2100:
        raise NotARegistration("Không xác định được năm đăng ký thi đua.")
    return parsed


def parse_registration(content: bytes, matcher: WordingMatcher, name: str = "") -> ParsedRegistration:
    """Read a registration from the bytes of a .docx or text file (`name`: its file name, for the
    messages and to check its extension against its content). Raises NotARegistration."""
    return parse_blocks(read_blocks(content, name), matcher)
