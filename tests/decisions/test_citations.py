"""A decision cites its regime's texts from the catalog (full official titles) and names, in the
money article, the article that sets each coefficient; read back from the DOCX."""

import datetime as dt
import io

import docx
import pytest

from thidua.catalog.models import LegalText
from thidua.decisions import services
from thidua.decisions.documents import export_decision

from .test_documents import texts

pytestmark = pytest.mark.django_db

ND152 = ("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân "
         "quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật "
         "Thi đua, khen thưởng;")


def test_a_decision_under_nd152_cites_its_full_title_and_article_54(org, draft):
    decision = draft(org.ubnd, [("BK_TINH", org.staff[3]), ("BK_TINH", org.departments[1])], actor="bantdkt",
                     year=2025, title="Về việc tặng Bằng khen năm 2025")
    assert ND152 in decision.bases
    issued = services.decision_issue(actor=org.users["bantdkt"], decision=decision, date=dt.date(2025, 12, 20))
    lines = texts(docx.Document(io.BytesIO(export_decision(issued).content)))
    assert ND152 in lines
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in lines
    article2 = next(line for line in lines if line.startswith("Điều 2."))
    assert "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1" in article2 and "giữ mức" not in article2
    # 1.5 × 2,340,000 = 3,510,000 for the person, twice that for the collective: 10,530,000 in all.
    assert "10.530.000 đồng" in article2 and "Mười triệu năm trăm ba mươi nghìn đồng" in article2
    assert "7.020.000" in lines


def test_a_correction_of_the_legal_text_is_a_data_edit(org, draft):
    text = LegalText.objects.get(rule_set__code="LUAT2022-ND152", number="152/2025/NĐ-CP")
    text.title = "tiêu đề đã sửa"
    text.save()
    decision = draft(org.ubnd, [("BK_TINH", org.staff[3])], actor="bantdkt", year=2025)
    assert any("của Chính phủ tiêu đề đã sửa;" in b for b in decision.bases)
