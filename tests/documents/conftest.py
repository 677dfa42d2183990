"""Fixtures and helpers for the document tests: read a rendered .docx back with python-docx."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from thidua.documents.render import render_template, shipped_template_path
from thidua.documents.samples import SAMPLE_COVER_LETTER_CONTEXT, SEED_REGISTRATION_CONTEXT

SEED_PATH = Path(__file__).resolve().parent.parent / "data" / "seed_registration.txt"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def iter_blocks(doc):
    """Paragraphs and tables of the document body, in document order."""
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, doc._body)
        elif child.tag == qn("w:tbl"):
            yield Table(child, doc._body)


def is_target_table(table: Table) -> bool:
    return norm(table.rows[0].cells[0].text) == "TT"


def flat_paragraphs(doc):
    """Every paragraph outside the target table, in order, cells of layout tables included."""
    out = []
    for block in iter_blocks(doc):
        if isinstance(block, Paragraph):
            out.append(block)
        elif not is_target_table(block):
            for row in block.rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    out.extend(cell.paragraphs)
    return out


def target_table(doc) -> Table:
    tables = [t for t in doc.tables if is_target_table(t)]
    assert len(tables) == 1
    return tables[0]


def grid_texts(tr) -> list[str]:
    """Texts of one table row by grid column: a merged cell gives its text once and '' for the
    columns it spans; a vertically merged continuation gives ''."""
    texts = []
    for tc in tr.findall(qn("w:tc")):
        tcpr = tc.tcPr
        span = 1
        continued = False
        if tcpr is not None:
            gs = tcpr.find(qn("w:gridSpan"))
            if gs is not None:
                span = int(gs.get(qn("w:val")))
            vm = tcpr.find(qn("w:vMerge"))
            if vm is not None and vm.get(qn("w:val")) in (None, "continue"):
                continued = True
        text = "" if continued else norm("".join(t.text or "" for t in tc.iter(qn("w:t"))))
        texts.append(text)
        texts.extend([""] * (span - 1))
    return texts


def effective(run, paragraph, attr: str) -> bool:
    """Bold/italic of a run, from the run or else its paragraph style chain."""
    value = getattr(run.font, attr)
    if value is not None:
        return value
    style = paragraph.style
    while style is not None:
        value = getattr(style.font, attr)
        if value is not None:
            return value
        style = style.base_style
    return False


def parse_seed(text: str):
    """(prose lines, bold prose lines, table rows) of the seed. Table rows are lists of cells from
    the tab-separated lines; '<i>…</i>' marks an italic note and is kept in the cell."""
    prose, bold, rows = [], set(), []
    for raw in text.splitlines():
        if "\t" in raw:
            rows.append(raw.split("\t"))
            continue
        line = norm(raw)
        if not line:
            continue
        if "**" in line:
            line = norm(line.replace("**", ""))
            bold.add(line)
        prose.append(line)
    return prose, bold, rows


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_docx_bytes() -> bytes:
    return render_template(shipped_template_path("registration"), SEED_REGISTRATION_CONTEXT)


@pytest.fixture(scope="session")
def seed_doc(seed_docx_bytes):
    return read_docx(seed_docx_bytes)


@pytest.fixture(scope="session")
def cover_docx_bytes() -> bytes:
    return render_template(shipped_template_path("cover_letter"), SAMPLE_COVER_LETTER_CONTEXT)
