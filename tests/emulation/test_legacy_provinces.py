"""Registrations of other provinces, ministries and agencies, worded and laid out the ways real ones
are: issuer blocks of one to three lines, blank or spaced numbers, dates without a day, titles on one or
two lines or only a "V/v" line, addressees on two lines or as a list beside "Kính gửi:", headings
numbered I./1./a) or in capitals or with their text after a colon, target tables with one count column,
group rows ("I. Tập thể"), a "Đối tượng" column, a "Tổng cộng" row, targets written as lines
("45/50 CBCCVC (90%)"), signatures of one to three lines. Each is read as text, as a Word file whose
heading table has a row per line, and as a Word file whose heading is one row of two stacked cells."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from thidua.catalog.wording import catalog_matcher
from thidua.emulation.legacy import parse_registration

from .legacy.build import lines_to_docx, text_to_docx

HERE = Path(__file__).parent / "legacy"

pytestmark = pytest.mark.django_db


def _i(count, ratio=None):
    return {"collective": None, "individual": {"count": count, "ratio": ratio}}


def _c(count, ratio=None):
    return {"collective": {"count": count, "ratio": ratio}, "individual": None}


def _both(collective, individual):
    return {"collective": {"count": collective, "ratio": None}, "individual": {"count": individual, "ratio": None}}


EXPECTED = {
    "ha_giang_syt_2024.txt": {
        "year": 2024, "heading_year": 2024, "number": "05/ĐK-SYT", "letter_number": "05/ĐK-SYT",
        "date": "2024-02-15", "place": "Hà Giang",
        "addressee": "Hội đồng Thi đua - Khen thưởng tỉnh Hà Giang",
        "signer": {"authority": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Lò Thị Hương"},
        "professional_goal": "Hoàn thành 100% chỉ tiêu kế hoạch về khám, chữa bệnh năm 2024;\n"
                             "Không để dịch bệnh lớn xảy ra trên địa bàn tỉnh.",
        "solutions": [
            "Tăng cường ứng dụng công nghệ thông tin, chuyển đổi số trong khám, chữa bệnh;",
            "Nâng cao y đức, đổi mới phong cách, thái độ phục vụ hướng tới sự hài lòng của người bệnh;",
            "Đẩy mạnh cải cách hành chính, thực hiện tốt quy chế dân chủ ở cơ sở.",
        ],
        "movements": ["Phong trào thi đua “Ngành Y tế Hà Giang chung tay vì người nghèo”;",
                      "Phong trào “Xây dựng cơ sở y tế xanh - sạch - đẹp”."],
        # one count column: the side is the group row's ("I. Tập thể", "II. Cá nhân")
        "targets": {
            "TTLDXS": _c(3, "30%"), "TTLDTT": _c(10, "100%"), "CO_TINH": _c(1), "BK_TINH": _c(2),
            "LDTT": _i(152, "95%"), "CSTDCS": _i(18, "11,8%"), "CSTD_TINH": _i(2), "BK_BO": _i(3), "GK": _i(25),
        },
        "unread": ["6 | Thầy thuốc ưu tú | 01"],
        "recipients": ["Như trên", "Ban TĐKT (Sở Nội vụ)", "Lưu: VT, TCCB"],
    },
    "bo_tai_chinh_qlcs_2023.txt": {
        "year": 2023, "heading_year": 2023, "number": "/ĐK-QLCS", "letter_number": "/ĐK-QLCS",
        "date": "2023-03-05", "place": "Hà Nội",
        "addressee": "Hội đồng Thi đua - Khen thưởng Bộ Tài chính",
        "signer": {"authority": None, "position": "CỤC TRƯỞNG", "name": "Nguyễn Tân Thịnh"},
        "content_intro": "Thi đua hoàn thành xuất sắc nhiệm vụ chính trị được giao năm 2023, trọng tâm là hoàn "
                         "thiện thể chế về quản lý, sử dụng tài sản công.",
        "solutions": ["Phát động thi đua thường xuyên gắn với thi đua theo chuyên đề;",
                      "Kịp thời biểu dương, khen thưởng tập thể, cá nhân có thành tích xuất sắc."],
        "movements": [],
        # "45/50 CBCCVC (90%)" is 45 of 50, not 50
        "targets": {
            "TTLDXS": _c(3, "60%"), "LDTT": _i(45, "90%"), "CSTDCS": _i(6), "CSTD_TINH": _i(2), "CO_TINH": _c(1),
            "BK_BO": _both(2, 5), "BK_TTG": _i(1), "GK": _i(10),
        },
        "unread": ["- Kỷ niệm chương Vì sự nghiệp Tài chính Việt Nam: 04 cá nhân."],
        "recipients": ["Như trên", "Vụ Thi đua - Khen thưởng", "Lưu: VT, VP"],
    },
    "dong_thap_cctl_2024.txt": {
        "year": 2024, "heading_year": 2024, "number": "12/CCTL-VP", "letter_number": "12/CCTL-VP",
        "date": "2024-01-22", "place": "Đồng Tháp",
        "addressee": "Ban Thi đua - Khen thưởng Sở Nông nghiệp và PTNT",
        "signer": {"authority": None, "position": "CHI CỤC TRƯỞNG", "name": "Phạm Văn Tâm"},
        "professional_goal": "Hoàn thành 100% kế hoạch duy tu, bảo dưỡng công trình thủy lợi năm 2024.",
        "solutions": ["Kiện toàn Hội đồng Thi đua - Khen thưởng Chi cục;",
                      "Gắn phong trào thi đua với cải cách hành chính."],
        "movements": ["“Đồng Tháp chung sức xây dựng nông thôn mới”;",
                      "“Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau”."],
        # the side of each line is its group's ("a) Tập thể:", "b) Cá nhân:"); one code on both sides
        "targets": {"TTLDXS": _c(1), "GK": _both(2, 5), "LDTT": _i(28, "93,3%"), "CSTDCS": _i(4),
                    "BK_TINH": _i(1)},
        "unread": [],
        "recipients": ["Như trên", "Lưu: VT"],
    },
    "son_la_mai_son_2024.txt": {
        "year": 2024, "heading_year": 2024, "number": "/ĐK-UBND", "letter_number": "/ĐK-UBND",
        "date": "2024-01", "place": "Mai Sơn",
        "addressee": "Trưởng Cụm thi đua số 2 các huyện, thành phố tỉnh Sơn La",
        "signer": {"authority": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", "position": "PHÓ CHỦ TỊCH",
                   "name": "Hà Trung Chiến"},
        "professional_goal": "Phấn đấu hoàn thành và hoàn thành vượt mức 28/28 chỉ tiêu kinh tế - xã hội năm 2024 "
                             "do HĐND huyện giao.",
        "solutions": ["Tập trung lãnh đạo, chỉ đạo thực hiện đồng bộ các giải pháp phát triển kinh tế - xã hội.",
                      "Đổi mới nội dung, hình thức tổ chức các phong trào thi đua.",
                      "Phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến."],
        "movements": ["Phong trào thi đua “Sơn La chung sức xây dựng nông thôn mới”.",
                      "Phong trào thi đua “Chuyển đổi số tỉnh Sơn La”."],
        "targets": {"CO_TINH": _c(1), "BK_TINH": _both(3, 5), "CSTD_TINH": _i(2), "TTLDXS": _c(4),
                    "GK": _both(25, 60), "LDTT": _i(350), "CSTDCS": _i(45)},
        "unread": [],  # "Tổng cộng" sums the rows above: understood, not a target
        "recipients": ["Như trên", "Ban TĐKT tỉnh (Sở Nội vụ)", "TT Huyện ủy, TT HĐND huyện", "Lưu: VT, NV"],
    },
    "quang_tri_vp_2024.txt": {
        "year": 2024, "heading_year": 2024, "number": None, "letter_number": "45/VP-TH",
        "letter_date": "2024-01-08", "date": "2024-01-08", "place": "Quảng Trị",
        "addressee": "Hội đồng Thi đua - Khen thưởng tỉnh; Ban Thi đua - Khen thưởng (Sở Nội vụ)",
        "signer": {"authority": "Q. CHÁNH VĂN PHÒNG", "position": None, "name": "Lê Quang Chiến"},
        "professional_goal": "Tham mưu, phục vụ kịp thời, hiệu quả sự lãnh đạo, chỉ đạo, điều hành của UBND tỉnh, "
                             "Chủ tịch UBND tỉnh.",
        "solutions": ["Nâng cao chất lượng tham mưu tổng hợp;",
                      "Đẩy mạnh chuyển đổi số, vận hành hiệu quả Trung tâm Phục vụ hành chính công tỉnh."],
        "movements": ["“Cán bộ, công chức, viên chức Văn phòng UBND tỉnh thi đua thực hiện văn hóa công sở”."],
        "targets": {"LDTT": _i(62, "93,9%"), "CSTDCS": _i(9, "14,5%"), "TTLDTT": _c(6, "100%"),
                    "TTLDXS": _c(2, "33,3%"), "CO_TINH": _c(1), "BK_TTG": _both(1, 1), "HCLD3": _i(1)},
        "unread": [],
        "recipients": ["Như trên", "Lưu: VT, HCTC"],
    },
    "can_tho_bvdktw_2025.txt": {
        "year": 2025, "heading_year": 2025, "number": "158/BVTWCT-TCCB", "letter_number": "158/BVTWCT-TCCB",
        "date": "2025-01-14", "place": "Cần Thơ",
        "addressee": "Vụ Thi đua - Khen thưởng, Bộ Y tế",
        "signer": {"authority": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "TS.BS. Trần Văn Bé Bảy"},
        "content_intro": "Thi đua thực hiện tốt nhiệm vụ khám bệnh, chữa bệnh, chỉ đạo tuyến và đào tạo năm 2025.",
        "solutions": ["Tổ chức ký kết giao ước thi đua giữa các khoa, phòng.",
                      "Thực hiện “Đổi mới phong cách, thái độ phục vụ của cán bộ y tế hướng tới sự hài lòng của "
                      "người bệnh”."],
        "movements": ["“Bệnh viện xanh - sạch - đẹp”;", "“Thi đua thực hiện chuyển đổi số ngành y tế”."],
        # a "Đối tượng" column says each row's side; one code on two rows fills both sides
        "targets": {"LDTT": _i(1150, "90"), "CSTDCS": _i(140, "12"), "CSTD_TINH": _i(8), "TTLDTT": _c(45, "100"),
                    "TTLDXS": _c(12), "CO_TINH": _c(1), "BK_BO": _both(3, 10), "BK_TTG": _i(1), "HCLD2": _c(1)},
        "unread": [],
        "recipients": ["Như trên", "Lưu: VT, TCCB"],
    },
}

LAYOUTS = ["text", "text-no-blank-lines", "text-blank-line-between-all", "text-crlf", "docx", "docx-head-cells",
           "docx-tab-paragraphs"]


def _content(name: str, layout: str) -> bytes:
    text = (HERE / name).read_text(encoding="utf-8")
    if layout == "text":
        return text.encode()
    if layout == "text-no-blank-lines":  # the target table's rows run into the signature's
        return "\n".join(line for line in text.splitlines() if line.strip()).encode()
    if layout == "text-blank-line-between-all":  # "Kính gửi:<tab>- …;" and its next addressee apart
        return "\n\n".join(text.splitlines()).encode()
    if layout == "text-crlf":
        return text.replace("\n", "\r\n").encode()
    if layout == "docx-tab-paragraphs":
        return lines_to_docx(text)
    return text_to_docx(text, head="cell" if layout == "docx-head-cells" else "rows")


@pytest.fixture(scope="module")
def _catalog(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return catalog_matcher()


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_registrations_of_other_agencies_are_read_field_by_field(_catalog, name, layout):
    data = parse_registration(_content(name, layout), _catalog).as_json()
    wrong = {key: data[key] for key, value in EXPECTED[name].items() if data[key] != value}
    assert wrong == {}


CONTRACT_KEYS = ["year", "letter_number", "date", "addressee", "signer", "solutions", "movements", "targets",
                 "unread"]


def _assert_contract_shape(data: dict) -> None:
    """The keys and types CONTRACT.md writes, in its order, before what the reader adds."""
    assert list(data)[:len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert isinstance(data["year"], int)
    assert data["letter_number"] is None or isinstance(data["letter_number"], str)
    assert data["date"] is None or isinstance(data["date"], str)
    assert data["addressee"] is None or isinstance(data["addressee"], str)
    assert set(data["signer"]) == {"authority", "position", "name"}
    assert all(v is None or isinstance(v, str) for v in data["signer"].values())
    for key in ("solutions", "movements", "unread"):
        assert isinstance(data[key], list) and all(isinstance(x, str) for x in data[key])
    for code, row in data["targets"].items():
        assert code.isupper() and set(row) == {"collective", "individual"}
        for side in row.values():
            assert side is None or (set(side) == {"count", "ratio"} and (
                side["count"] is None or isinstance(side["count"], int)) and (
                side["ratio"] is None or isinstance(side["ratio"], str)))


@pytest.mark.parametrize("layout", ["text", "docx"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_parse_command_prints_the_contract_shape(db, tmp_path, capsys, name, layout):
    path = tmp_path / (Path(name).stem + (".txt" if layout == "text" else ".docx"))
    path.write_bytes(_content(name, layout))
    call_command("registration", "parse", str(path), "--json")
    data = json.loads(capsys.readouterr().out)
    _assert_contract_shape(data)
    for key in ("year", "letter_number", "date", "addressee", "signer", "targets", "unread"):
        assert data[key] == EXPECTED[name][key], key


# --- shapes a text export or a typist produces --------------------------------------------------

HEAD = """UBND TỈNH BẮC KẠN	CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ TƯ PHÁP	Độc lập - Tự do - Hạnh phúc
Số: 09/ĐK-STP	Bắc Kạn, ngày 12 tháng 01 năm 2024

BẢN ĐĂNG KÝ THI ĐUA NĂM 2024

Kính gửi: Ban Thi đua - Khen thưởng tỉnh Bắc Kạn

Sở Tư pháp đăng ký thi đua năm 2024 như sau:
I. Giải pháp
- Ký kết giao ước thi đua.
II. Đăng ký danh hiệu thi đua, hình thức khen thưởng
"""
SIGN = """
GIÁM ĐỐC
Ma Thị Lan
"""


def _parse(_catalog, text: str) -> dict:
    return parse_registration(text.encode(), _catalog).as_json()


def test_a_header_exported_with_spaces_instead_of_columns(_catalog):
    text = ("UBND TỈNH BẮC KẠN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "SỞ TƯ PHÁP               Độc lập - Tự do - Hạnh phúc\n"
            "Số: 09/ĐK-STP            Bắc Kạn, ngày 12 tháng 01 năm 2024\n"
            + HEAD.split("\n", 3)[3] + "- Lao động tiên tiến: 30 người\n" + SIGN)
    data = _parse(_catalog, text)
    assert (data["letter_number"], data["date"], data["place"]) == ("09/ĐK-STP", "2024-01-12", "Bắc Kạn")
    assert data["preamble"] == "Sở Tư pháp đăng ký thi đua năm 2024 như sau:"
    assert data["targets"] == {"LDTT": _i(30)} and data["unread"] == []


def test_separate_tables_for_collectives_and_individuals_under_their_headings(_catalog):
    text = HEAD + ("1. Tập thể\nSTT\tDanh hiệu\tSố lượng\n1\tBằng khen của Chủ tịch UBND tỉnh\t02\n"
                   "2. Cá nhân\nSTT\tDanh hiệu\tSố lượng\n1\tBằng khen của Chủ tịch UBND tỉnh\t05\n"
                   "2\tGiấy khen của Giám đốc Sở\t12\n" + SIGN)
    data = _parse(_catalog, text)
    assert data["targets"] == {"BK_TINH": _both(2, 5), "GK": _i(12)} and data["unread"] == []


def test_one_count_cell_holding_both_sides(_catalog):
    text = HEAD + ("STT\tDanh hiệu thi đua, hình thức khen thưởng\tSố lượng\tGhi chú\n"
                   "1\tBằng khen của Chủ tịch UBND tỉnh\t01 tập thể, 03 cá nhân\t\n"
                   "2\tLao động tiên tiến\t30/32 người\t\n" + SIGN)
    data = _parse(_catalog, text)
    assert data["targets"] == {"BK_TINH": _both(1, 3), "LDTT": _i(30)} and data["unread"] == []


def test_a_word_table_with_its_title_merged_across_the_first_row(_catalog):
    document = docx.Document()
    for line in HEAD.splitlines()[4:-1]:
        document.add_paragraph(line)
    rows = [["ĐĂNG KÝ DANH HIỆU THI ĐUA NĂM 2024"] * 4,
            ["TT", "Danh hiệu thi đua, hình thức khen thưởng", "Tập thể", "Cá nhân"],
            ["1", "Lao động tiên tiến", "", "30"], ["2", "Tập thể Lao động tiên tiến", "5", ""]]
    table = document.add_table(rows=len(rows), cols=4)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    table.cell(0, 0).merge(table.cell(0, 3)).text = rows[0][0]
    document.add_paragraph("GIÁM ĐỐC")
    document.add_paragraph("Ma Thị Lan")
    out = io.BytesIO()
    document.save(out)
    data = parse_registration(out.getvalue(), _catalog).as_json()
    assert data["targets"] == {"LDTT": _i(30), "TTLDTT": _c(5)} and data["unread"] == []
    assert data["signer"] == {"authority": None, "position": "GIÁM ĐỐC", "name": "Ma Thị Lan"}


def test_targets_written_as_sentences_count_first(_catalog):
    text = HEAD + ("- Có 28/30 cá nhân đạt danh hiệu “Lao động tiên tiến” (93%);\n"
                   "- Phấn đấu 04 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở;\n"
                   "- Tổ chức bình xét danh hiệu Lao động tiên tiến vào tháng 12.\n" + SIGN)
    data = _parse(_catalog, text)
    assert data["targets"] == {"LDTT": _i(28, "93%"), "CSTDCS": _i(4)}
    assert data["unread"] == ["- Tổ chức bình xét danh hiệu Lao động tiên tiến vào tháng 12."]  # no count there


def test_a_name_in_capitals_and_a_name_that_folds_like_a_position(_catalog):
    for name in ("MA THỊ LAN", "Trương Văn Trưởng", "TRƯƠNG THỊ HOA"):
        data = _parse(_catalog, HEAD + "- Lao động tiên tiến: 30 người\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n" + name + "\n")
        assert data["signer"] == {"authority": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": name}
        assert data["unread"] == []


def test_the_closing_sentence_is_not_an_unread_line(_catalog):
    text = (HEAD + "- Lao động tiên tiến: 30 người\n\n"
            "Trên đây là bản đăng ký thi đua năm 2024 của Sở Tư pháp./.\n" + SIGN)
    data = _parse(_catalog, text)
    assert data["unread"] == [] and data["targets"] == {"LDTT": _i(30)}


def test_a_word_file_typed_with_tab_stops_and_numbering_tabs(_catalog):
    """No tables at all: the heading's two columns, the numbering of headings and items, and the target
    table are tab stops inside paragraphs, as many typists do."""
    text = (HEAD.replace("I. Giải pháp", "I.\tGiải pháp").replace("- Ký kết", "-\tKý kết")
            .replace("II. Đăng ký", "II.\tĐăng ký")
            + "TT\tDanh hiệu thi đua, hình thức khen thưởng\tTập thể\tCá nhân\n"
            "1.\tLao động tiên tiến\t\t30\n2.\tBằng khen của Chủ tịch UBND tỉnh\t1\t2\n" + SIGN)
    data = parse_registration(lines_to_docx(text), _catalog).as_json()
    assert (data["letter_number"], data["date"], data["year"]) == ("09/ĐK-STP", "2024-01-12", 2024)
    assert data["solutions"] == ["Ký kết giao ước thi đua."]
    assert data["targets"] == {"LDTT": _i(30), "BK_TINH": _both(1, 2)} and data["unread"] == []


def test_the_seed_typed_as_paragraphs_with_tabs_is_read_as_the_seed(_catalog):
    from .test_legacy import _seed_targets, _seed_text

    data = parse_registration(lines_to_docx(_seed_text().decode()), _catalog).as_json()
    assert data["targets"] == _seed_targets() and data["unread"] == []
    assert data["signer"] == {"authority": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Đinh Bộ Sơn"}


def test_paragraphs_inside_word_content_controls_are_read(_catalog):
    document = docx.Document()
    for line in (HEAD + "- Lao động tiên tiến: 30 người\n" + SIGN).splitlines():
        document.add_paragraph(line)
    body = document.element.body
    paragraphs = list(body.iterchildren())[:-1]  # all but the section properties
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    body.insert(0, sdt)
    for p in paragraphs:
        content.append(p)
    out = io.BytesIO()
    document.save(out)
    data = parse_registration(out.getvalue(), _catalog).as_json()
    assert data["letter_number"] == "09/ĐK-STP" and data["targets"] == {"LDTT": _i(30)}
    assert data["signer"]["name"] == "Ma Thị Lan"


def test_html_entities_and_grid_tables_of_a_converted_text(_catalog):
    text = (HEAD.replace("Sở Tư pháp đăng ký", "Sở KH&amp;CN đăng ký")
            + "+----+----------------------+---------+\n"
            "| TT | Danh hiệu thi đua | Cá nhân |\n"
            "+====+======================+=========+\n"
            "| 1 | Lao động tiên tiến | 30 |\n"
            "+----+----------------------+---------+\n" + SIGN)
    data = _parse(_catalog, text)
    assert data["preamble"] == "Sở KH&CN đăng ký thi đua năm 2024 như sau:"
    assert data["targets"] == {"LDTT": _i(30)} and data["unread"] == []


def test_headings_named_otherwise_a_date_without_its_place_and_a_unit_column(_catalog):
    text = """BỘ TƯ PHÁP
CỤC BỔ TRỢ TƯ PHÁP
Ngày 20 tháng 02 năm 2025
Bản đăng ký thi đua năm 2025
Kính gửi: Hội đồng Thi đua - Khen thưởng Bộ Tư pháp
I. NHIỆM VỤ TRỌNG TÂM
Hoàn thành các nhiệm vụ Bộ giao năm 2025.
II. NHIỆM VỤ, GIẢI PHÁP
- Phát động thi đua theo đợt.
III. ĐĂNG KÝ DANH HIỆU THI ĐUA
STT	Danh hiệu thi đua	Đơn vị tính	Số lượng
1	Bằng khen của Bộ trưởng Bộ Tư pháp	Tập thể	2
2	Bằng khen của Bộ trưởng Bộ Tư pháp	Người	6
3	Lao động tiên tiến	Người	40
CỤC TRƯỞNG
Đỗ Văn Chiến
"""
    data = _parse(_catalog, text)
    assert (data["year"], data["heading_year"], data["date"]) == (2025, 2025, "2025-02-20")
    assert data["professional_goal"] == "Hoàn thành các nhiệm vụ Bộ giao năm 2025."
    assert data["solutions"] == ["Phát động thi đua theo đợt."]
    assert data["targets"] == {"BK_BO": _both(2, 6), "LDTT": _i(40)} and data["unread"] == []
    assert data["signer"] == {"authority": None, "position": "CỤC TRƯỞNG", "name": "Đỗ Văn Chiến"}


@pytest.mark.parametrize("addressees", [
    "Kính gửi: - Hội đồng Thi đua - Khen thưởng tỉnh;\n- Ban Thi đua - Khen thưởng tỉnh.",
    "Kính gửi: Hội đồng Thi đua - Khen thưởng tỉnh;\nBan Thi đua - Khen thưởng tỉnh.",
    "Kính gửi:\nHội đồng Thi đua - Khen thưởng tỉnh;\nBan Thi đua - Khen thưởng tỉnh.",
])
def test_addressees_listed_the_ways_offices_write_them(_catalog, addressees):
    text = HEAD.replace("Kính gửi: Ban Thi đua - Khen thưởng tỉnh Bắc Kạn", addressees)
    data = _parse(_catalog, text + "- Lao động tiên tiến: 30 người\n" + SIGN)
    assert data["addressee"] == "Hội đồng Thi đua - Khen thưởng tỉnh; Ban Thi đua - Khen thưởng tỉnh"
    assert data["preamble"] == "Sở Tư pháp đăng ký thi đua năm 2024 như sau:"


def test_other_bodies_awards_and_a_ratio_beside_the_count(_catalog):
    text = HEAD + ("TT\tDanh hiệu thi đua, hình thức khen thưởng\tTập thể\tCá nhân\n"
                   "1\tLao động tiên tiến\t\t30 (95%)\n"
                   "2\tBằng khen của Ban Thường vụ Tỉnh ủy\t1\t\n"
                   "3\tBằng khen của Tổng Liên đoàn Lao động Việt Nam\t\t2\n" + SIGN)
    data = _parse(_catalog, text)
    assert data["targets"] == {"LDTT": _i(30, "95%")}
    assert data["unread"] == ["2 | Bằng khen của Ban Thường vụ Tỉnh ủy | 1",
                              "3 | Bằng khen của Tổng Liên đoàn Lao động Việt Nam | 2"]


def test_a_note_column_and_symbol_bullets_and_slash_numbering(_catalog):
    text = HEAD.replace("I. Giải pháp", "I/ Giải pháp").replace("- Ký kết", "\uf0a7 Ký kết").replace(
        "II. Đăng ký", "II/ Đăng ký") + (
        "TT\tDanh hiệu thi đua, hình thức khen thưởng\tTập thể\tCá nhân\tGhi chú\n"
        "1\tLao động tiên tiến\t\t30\t\n"
        "2\tCờ thi đua của UBND tỉnh\t1\t\tNếu được Khối suy tôn\n" + SIGN)
    data = _parse(_catalog, text)
    assert data["solutions"] == ["Ký kết giao ước thi đua."]
    assert data["targets"] == {"LDTT": _i(30), "CO_TINH": _c(1)}
    assert data["unread"] == ["Cờ thi đua của UBND tỉnh | Nếu được Khối suy tôn"]  # kept for a person to see


def test_tracked_insertions_fields_and_text_boxes_of_a_word_file(_catalog):
    """Text python-docx's own `text` leaves out (an insertion not yet accepted, a field's result) is
    read; a deleted word and a text box's copy in mc:Fallback are not."""
    body = (HEAD + "- Lao động tiên tiến: 30 người\n" + SIGN).splitlines()
    document = docx.Document()
    for line in body:
        document.add_paragraph(line)
    paragraphs = document.paragraphs
    number = next(p for p in paragraphs if p.text.startswith("Số:"))
    number.text = "Số: "
    ins = OxmlElement("w:ins")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "09/ĐK-STP"
    run.append(text)
    ins.append(run)
    number._p.append(ins)
    deleted = OxmlElement("w:del")
    run = OxmlElement("w:r")
    gone = OxmlElement("w:delText")
    gone.text = "99/XX"
    run.append(gone)
    deleted.append(run)
    number._p.append(deleted)
    target = next(p for p in paragraphs if p.text.startswith("- Lao động"))
    target.text = "- Lao động tiên tiến: "
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " MERGEFIELD so_nguoi ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "30 người"
    run.append(text)
    field.append(run)
    target._p.append(field)
    out = io.BytesIO()
    document.save(out)
    data = parse_registration(out.getvalue(), _catalog).as_json()
    assert data["letter_number"] == "09/ĐK-STP"
    assert data["targets"] == {"LDTT": _i(30)} and data["unread"] == []


def test_the_side_written_before_its_count(_catalog):
    text = HEAD + ("- Bằng khen của Chủ tịch UBND tỉnh: Tập thể: 01; Cá nhân: 03\n"
                   "- Bằng khen của Chính phủ: cá nhân 01\n"
                   "- Giấy khen của Giám đốc Sở: Tập thể: 20%; Cá nhân: 05\n" + SIGN)
    data = _parse(_catalog, text)
    assert data["targets"] == {"BK_TINH": _both(1, 3), "BK_TTG": _i(1), "GK": {
        "collective": {"count": None, "ratio": "20%"}, "individual": {"count": 5, "ratio": None}}}
    assert data["unread"] == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_imported_then_exported_each_reads_back_the_same(users, tmp_path, _catalog, name):
    """Import (a draft), export in the ND 30 layout, read again: the same letter number, addressee,
    signer, contents and targets (the export also prints the rows left empty)."""
    from thidua.emulation.documents import export_registration
    from thidua.emulation.models import Registration

    path = tmp_path / "dk.docx"
    path.write_bytes(_content(name, "docx-head-cells"))
    call_command("registration", "import", str(path), "--unit", "SKHCN", "--year", "2030",
                 stdout=io.StringIO(), stderr=io.StringIO())
    reg = Registration.objects.get(unit__code="SKHCN", year=2030)
    data = parse_registration(export_registration(reg, fmt="docx").content, _catalog).as_json()
    expected = EXPECTED[name]
    for key in ("letter_number", "addressee", "signer", "solutions", "movements"):
        assert data[key] == expected[key], key
    assert {code: row for code, row in data["targets"].items() if row["collective"] or row["individual"]} \
        == expected["targets"]
    assert data["unread"] == []


def _to_tcvn3(text: str) -> str:
    """The text as typed in a TCVN3 font: accented letters as their Latin-1 codes, capitals without a
    code of their own as the small letter's (the capitals font shows them as capitals)."""
    from thidua.core.text import TCVN3_TO_UNICODE

    codes = {unicode: code for code, unicode in TCVN3_TO_UNICODE.items()}
    return "".join(codes.get(c) or (codes.get(c.lower()) if not c.isascii() else None) or c for c in text)


@pytest.mark.parametrize("build", [lines_to_docx, text_to_docx, str.encode], ids=["docx-lines", "docx", "text"])
def test_a_document_typed_in_a_tcvn3_font_before_unicode(_catalog, build):
    """Years of registrations were typed in .VnTime/.VnTimeH (TCVN3): read as if typed in Unicode."""
    from thidua.core.text import fold, tcvn3_to_unicode

    name = "ha_giang_syt_2024.txt"
    text = (HERE / name).read_text(encoding="utf-8")
    legacy = _to_tcvn3(text)
    # the test's own encoding is right ("Số:" comes back "SỐ:": all its plain letters are capitals)
    assert "Héi ®ång" in legacy and fold(tcvn3_to_unicode(legacy)) == fold(text)
    data = parse_registration(build(legacy), _catalog).as_json()
    wrong = {key: data[key] for key, value in EXPECTED[name].items() if data[key] != value}
    assert wrong == {}


def test_numbered_items_of_the_contents_stay_contents(_catalog):
    text = HEAD.replace("I. Giải pháp\n- Ký kết giao ước thi đua.\n", (
        "I. NỘI DUNG THI ĐUA\n"
        "1. Thi đua hoàn thành xuất sắc nhiệm vụ chính trị được giao\n"
        "2. Thi đua đẩy mạnh cải cách hành chính\n"
        "II. GIẢI PHÁP\n- Ký kết giao ước thi đua.\n")).replace("II. Đăng ký", "III. Đăng ký")
    data = _parse(_catalog, text + "- Lao động tiên tiến: 30 người\n" + SIGN)
    assert data["content_intro"] == ("1. Thi đua hoàn thành xuất sắc nhiệm vụ chính trị được giao\n"
                                     "2. Thi đua đẩy mạnh cải cách hành chính")
    assert data["solutions"] == ["Ký kết giao ước thi đua."]
    assert data["targets"] == {"LDTT": _i(30)} and data["unread"] == []


def test_last_years_results_beside_this_years_registration(_catalog):
    text = HEAD + ("STT\tDanh hiệu thi đua, hình thức khen thưởng\tThực hiện năm 2023\tĐăng ký năm 2024\n"
                   "1\tLao động tiên tiến\t28\t30\n"
                   "2\tTập thể Lao động xuất sắc\t1\t2\n" + SIGN)
    data = _parse(_catalog, text)
    assert data["targets"] == {"LDTT": _i(30), "TTLDXS": _c(2)}
    # last year's figures are not this year's targets; a person sees them
    assert data["unread"] == ["Lao động tiên tiến | 28", "Tập thể Lao động xuất sắc | 1"]
