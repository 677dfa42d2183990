"""Word files for the reader's tests, built with python-docx the way offices lay them out: the heading
and the signature in borderless two-column tables, the target table as a real table whose group
headings ("Tập thể", "Cá nhân") are merged cells."""

from __future__ import annotations

import io

import docx

from thidua.emulation.legacy import TableBlock, _text_blocks


def _merge_header(table, rows: list[list[str]]) -> None:
    """Merge the group headings across their columns, and "TT" and the label heading down over the
    second header row, as Word users do."""
    top = [c.strip() for c in rows[0]]
    for j in range(1, len(top)):
        if not top[j] and ("Tập thể" in top[j - 1] or "Cá nhân" in top[j - 1]):
            table.cell(0, j - 1).merge(table.cell(0, j))
            table.cell(0, j - 1).text = top[j - 1]
    if len(rows) > 1 and any("Số lượng" in c for c in rows[1]):
        for j, text in enumerate(top[:2]):
            if text and not rows[1][j].strip():
                table.cell(0, j).merge(table.cell(1, j))
                table.cell(0, j).text = text


def _add_table(document, rows: list[list[str]], *, merge: bool) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text.strip()
    if merge:
        _merge_header(table, rows)


def _add_head_cells(document, rows: list[list[str]]) -> None:
    """The heading as most offices lay it out: one row of two cells (issuer, number on the left; motto,
    place and date on the right), each cell a stack of paragraphs."""
    table = document.add_table(rows=1, cols=2)
    for j in range(2):
        lines = [row[j].strip() for row in rows if j < len(row) and row[j].strip()]
        cell = table.cell(0, j)
        cell.text = lines[0] if lines else ""
        for line in lines[1:]:
            cell.add_paragraph(line)


def lines_to_docx(text: str) -> bytes:
    """The plainest Word file: each line of the text a paragraph, tabs kept (how a document typed with
    tab stops instead of tables looks, and what a naive conversion of a text export gives)."""
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_to_docx(text: str, *, head: str = "rows") -> bytes:
    """The same document as a .docx: paragraphs, tables for tab- or |-separated lines, and the part
    from "Nơi nhận:" on as the usual two-column signature table. `head="cell"` lays the heading (the
    tab-separated lines before the title) out as one row of two stacked cells instead of a row per line."""
    document = docx.Document()
    body, _, tail = text.partition("Nơi nhận:")
    first = True
    for block in _text_blocks(body):
        if isinstance(block, TableBlock):
            is_target = any("Danh hiệu" in cell for row in block.rows for cell in row)
            if first and head == "cell" and not is_target:
                _add_head_cells(document, block.rows)
            else:
                _add_table(document, block.rows, merge=is_target)
            first = False
        else:
            if block.strip():
                first = False
            document.add_paragraph(block)
    if tail:
        left: list[str] = []
        right: list[str] = []
        for line in tail.strip().splitlines():
            if "\t" in line:  # printed as the two-column table's text, row by row
                a, _, b = line.partition("\t")
                left += [a] if a.strip() else []
                right += [b] if b.strip() else []
            elif line.strip():
                (left if line.startswith("-") else right).append(line)
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "\n".join(["Nơi nhận:", *left])
        table.cell(0, 1).text = "\n".join(right)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
