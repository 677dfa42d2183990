"""Long tables written as XML straight into the package (render._render_bulk): the same document as
docxtpl's own rendering, read back row by row; and the ordinary rendering whenever a template does
something the fast path cannot reproduce."""

import copy
import io
import zipfile

import docx
import pytest

from thidua.decisions.samples import SAMPLE_DECISION_CONTEXT
from thidua.documents import render


def annex_context(n: int) -> dict:
    context = copy.deepcopy(SAMPLE_DECISION_CONTEXT)
    rows = [{"group": True, "no": "I", "name": "Danh hiệu “Lao động tiên tiến” <năm> 2022 & khác",
             "position": "", "unit": "", "award": "", "amount": ""}]
    for i in range(n):
        if i == n // 2:
            rows.append({"group": True, "no": "II", "name": "Bằng khen", "position": "", "unit": "", "award": "",
                         "amount": ""})
        rows.append({"group": False, "no": str(i + 1), "name": f"Nguyễn Thị {i} \"Hoa\"",
                     "position": "" if i % 3 else "Trưởng phòng", "unit": "Phòng KH&TC\nSở <Tài chính>",
                     "award": "Lao động tiên tiến", "amount": "1.490.000" if i % 2 else None})
    context["annex_rows"] = rows
    return context


def tables_and_text(data: bytes) -> tuple[list[list[str]], list[str]]:
    document = docx.Document(io.BytesIO(data))
    tables = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    return tables, [p.text for p in document.paragraphs]


def test_a_long_annex_is_the_same_document_as_docxtpl_renders_with_every_row():
    context = annex_context(180)
    template = render.shipped_template_path("decision")
    fast = render._render_bulk(template, context, "annex_rows")
    assert fast is not None, "the shipped decision template takes the fast path"
    assert tables_and_text(fast) == tables_and_text(render._render(template, context))
    rows, _ = tables_and_text(fast)
    people = [r for r in rows if len(r) == 6 and r[3:5] == ["Phòng KH&TC\nSở <Tài chính>", "Lao động tiên tiến"]]
    assert [r[0] for r in people] == [str(i) for i in range(1, 181)]
    assert people[0][1] == 'Nguyễn Thị 0 "Hoa"' and people[0][2] == "Trưởng phòng" and people[1][5] == "1.490.000"
    assert any(r[0] == "II" and r[1] == "Bằng khen" for r in rows)


def test_render_template_takes_the_fast_path_only_for_long_lists(monkeypatch):
    calls = []
    real = render._render_bulk
    monkeypatch.setattr(render, "_render_bulk", lambda *a: calls.append(a) or real(*a))
    template = render.shipped_template_path("decision")
    render.render_template(template, annex_context(3), bulk_rows="annex_rows")
    assert calls == []
    render.render_template(template, annex_context(render.BULK_MIN_ROWS), bulk_rows="annex_rows")
    assert len(calls) == 1


def _template_with(old: str, new: str) -> bytes:
    """The shipped decision template with one piece of its XML replaced."""
    source = render.shipped_template_path("decision").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize(("old", "new"), [
    ("{{ r.name }}", "{{ r.name|upper }}"),  # a filter changes the value
    ("{{ r.award }}", "{{ r.award }} {{ r.award }}"),  # a value printed twice
])
def test_a_template_the_fast_path_cannot_reproduce_is_rendered_the_ordinary_way(old, new):
    template = _template_with(old, new)
    context = annex_context(60)
    assert render._render_bulk(template, context, "annex_rows") is None
    data = render.render_template(template, context, bulk_rows="annex_rows")
    assert tables_and_text(data) == tables_and_text(render._render(template, context))


def test_rows_the_fast_path_cannot_shape_fall_back():
    context = annex_context(60)
    context["annex_rows"][5]["amount"] = 0  # false but printed: a template's `if` could differ
    assert render._render_bulk(render.shipped_template_path("decision"), context, "annex_rows") is None
