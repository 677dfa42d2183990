"""Reading registrations written outside the system: the seed, documents of other provinces worded
differently (as text and as Word files), and the system's own export read back."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thidua.catalog.wording import WordingMatcher, catalog_matcher, extra_wordings
from thidua.demo_seed import MOVEMENTS, REGISTRATION, SOLUTIONS, TARGETS
from thidua.emulation.documents import export_registration
from thidua.emulation.legacy import NotARegistration, parse_registration

from .legacy.build import text_to_docx

SEED = Path("/work/shared/seeds/000_2b5d586db099c44e.txt")
SEED_COPY = Path(__file__).parent.parent / "data" / "seed_registration.txt"
HERE = Path(__file__).parent / "legacy"

pytestmark = pytest.mark.django_db


@pytest.fixture
def matcher(db):
    return catalog_matcher()


def _seed_text() -> bytes:
    return (SEED if SEED.exists() else SEED_COPY).read_bytes()


def _seed_targets() -> dict:
    def side(count, ratio):
        return {"count": count, "ratio": ratio or None} if count is not None or ratio else None

    return {code: {"collective": side(cc, cr), "individual": side(ic, ir)}
            for code, (_, cc, cr, ic, ir) in TARGETS.items()}


# --- the catalog's wording -------------------------------------------------------------------


@pytest.mark.parametrize(("label", "code"), [
    ("Bằng khen của Bộ trưởng Bộ Tài chính", "BK_BO"),
    ("Bằng khen của Bộ trưởng", "BK_BO"),
    ("Giấy khen của Giám đốc Sở", "GK"),
    ("Giấy khen", "GK"),
    ("Cờ thi đua của UBND tỉnh", "CO_TINH"),
    ("Cờ thi đua của Tỉnh, Bộ (tập thể đơn vị)", "CO_TINH"),
    ("Cờ thi đua của Bộ Nội vụ", "CO_TINH"),
    ("Cờ thi đua của Chính phủ", "CO_CP"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "BK_TINH"),
    ("Bằng khen của Chủ tịch UBND thành phố", "BK_TINH"),
    ("Bằng khen của Thủ tướng Chính phủ", "BK_TTG"),
    ("Chiến sỹ thi đua cơ sở", "CSTDCS"),
    ("Danh hiệu Chiến sĩ thi đua cấp Bộ, tỉnh", "CSTD_TINH"),
    ("Chiến sĩ thi đua cấp tỉnh", "CSTD_TINH"),
    ("Chiến sĩ thi đua toàn quốc", "CSTD_TQ"),
    ("Lao động tiên tiến", "LDTT"),
    ("Tập thể Lao động tiên tiến (<i>phòng, ban trực thuộc đơn vị</i>)", "TTLDTT"),
    ("Tập thể LĐTT", "TTLDTT"),
    ("Tập thể lao động xuất sắc", "TTLDXS"),
    ("Huân chương Lao động hạng III", "HCLD3"),
    ("Huân chương Lao động hạng nhì", "HCLD2"),
    ("HUÂN CHƯƠNG ĐỘC LẬP HẠNG NHẤT", "HCDL1"),
    ("Giấy khen của Cục trưởng", "GK"),
    ("Giấy khen của Chủ tịch UBND huyện", "GK"),
    ("Giấy khen của Chủ tịch UBND xã", "GK_XA"),
    ("Giấy khen của Chủ tịch UBND thị trấn", "GK_XA"),
    ("Cờ thi đua của Bộ Tài chính", "CO_TINH"),
    ("Cờ thi đua xuất sắc của UBND tỉnh", "CO_TINH"),
    ("Chiến sĩ thi đua cấp cơ sở", "CSTDCS"),
    ("CSTĐ cấp tỉnh", "CSTD_TINH"),
    ("TTLĐXS", "TTLDXS"),
    ("BK của CT UBND tỉnh", "BK_TINH"),
    ("BK TTg", "BK_TTG"),
    ("HCLĐ hạng Ba", "HCLD3"),
])
def test_wording_names_the_catalog_code(matcher, label, code):
    assert matcher.code_for(label) == code


@pytest.mark.parametrize("label", ["Chiến sĩ thi đua cấp huyện", "Tổng cộng", "Danh hiệu thi đua", "",
                                   # other bodies' awards are not the state's they resemble
                                   "Bằng khen của Ban Thường vụ Tỉnh ủy", "Bằng khen của Tỉnh ủy",
                                   "Bằng khen của Tổng Liên đoàn Lao động Việt Nam",
                                   "Bằng khen của Ban Chấp hành Công đoàn ngành", "Giấy khen của Tỉnh đoàn",
                                   "Bằng khen của Trung ương Hội Liên hiệp Phụ nữ Việt Nam"])
def test_wording_that_names_no_award_is_not_guessed(matcher, label):
    assert matcher.code_for(label) is None


def test_other_wordings_are_catalog_data_of_known_codes(matcher):
    from thidua.catalog.models import AwardType

    codes = set(AwardType.objects.values_list("code", flat=True))
    assert {code for code, _ in extra_wordings()} <= codes


def test_an_administrator_renaming_an_award_renames_what_the_reader_matches(db):
    from thidua.catalog.models import AwardType

    AwardType.objects.filter(code="GK").update(name="Giấy chứng nhận thành tích")
    assert catalog_matcher().code_for("Giấy chứng nhận thành tích xuất sắc") == "GK"


def test_two_codes_tied_means_the_label_is_ambiguous():
    matcher = WordingMatcher([("A", "Bằng khen của tỉnh"), ("B", "Bằng khen của Bộ")])
    assert matcher.code_for("Bằng khen của Bộ, tỉnh") is None


# --- the seed --------------------------------------------------------------------------------


def _assert_seed(data: dict) -> None:
    assert data["year"] == 2022
    assert data["heading_year"] == 2021  # the seed's title slip, kept
    assert data["letter_number"] == "/KHCN-TTR"
    assert data["date"] == "2022-02"  # "ngày   tháng 02 năm 2022": no day yet
    assert data["date_parts"] == {"day": None, "month": 2, "year": 2022}
    assert data["letter_date"] == "2022-02"
    assert data["place"] == "Thái Nguyên"
    assert data["addressee"] == REGISTRATION["addressee"]
    assert data["signer"] == {"authority": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Đinh Bộ Sơn"}
    assert data["solutions"] == SOLUTIONS
    assert data["movements"] == [text for _, text in MOVEMENTS]
    assert data["targets"] == _seed_targets()
    assert data["preamble"] == REGISTRATION["preamble"]
    assert data["content_intro"] == REGISTRATION["content_intro"]
    assert data["professional_goal"] == REGISTRATION["professional_goal"]
    assert data["unread"] == []


def test_the_seed_text_is_read_exactly(matcher):
    _assert_seed(parse_registration(_seed_text(), matcher).as_json())


def test_the_seed_as_a_word_file_is_read_exactly(matcher):
    _assert_seed(parse_registration(text_to_docx(_seed_text().decode()), matcher).as_json())


def test_the_demo_registration_exported_and_read_back_gives_the_same_data(seed_registration, matcher):
    exported = export_registration(seed_registration, fmt="docx")
    data = parse_registration(exported.content, matcher).as_json()
    _assert_seed(data)
    labels = {t.award_type.code: t.label for t in seed_registration.targets.select_related("award_type")}
    assert data["target_labels"] == labels


# --- other provinces -------------------------------------------------------------------------

NGHE_AN = {
    "year": 2023, "heading_year": 2023, "letter_number": "25/STC-VP", "date": "2023-01-10",
    "letter_date": "2023-01-10", "number": "25/ĐK-STC", "place": "Nghệ An",
    "addressee": "Ban Thi đua - Khen thưởng tỉnh Nghệ An",
    "signer": {"authority": None, "position": "GIÁM ĐỐC", "name": "Nguyễn Văn Hùng"},
    "solutions": [
        "Quán triệt Nghị quyết của Tỉnh ủy về phát triển kinh tế - xã hội năm 2023 đến toàn thể công chức.",
        "Đẩy mạnh cải cách thủ tục hành chính, ứng dụng công nghệ thông tin trong quản lý tài chính.",
        "Thực hành tiết kiệm, chống lãng phí trong chi tiêu công.",
    ],
    "movements": [
        "Phong trào “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau”;",
        "Phong trào “Nghệ An chung sức xây dựng nông thôn mới”.",
    ],
    "professional_goal": "Hoàn thành xuất sắc nhiệm vụ tham mưu quản lý ngân sách nhà nước năm 2023 theo dự toán "
                         "được giao.",
    "targets": {
        "LDTT": {"collective": None, "individual": {"count": 45, "ratio": None}},
        "CSTDCS": {"collective": None, "individual": {"count": 6, "ratio": None}},
        "CSTD_TINH": {"collective": None, "individual": {"count": 1, "ratio": None}},
        "TTLDXS": {"collective": {"count": 2, "ratio": None}, "individual": None},
        "CO_TINH": {"collective": {"count": 1, "ratio": None}, "individual": None},
        "BK_TINH": {"collective": {"count": 1, "ratio": None}, "individual": {"count": 3, "ratio": None}},
        "BK_BO": {"collective": {"count": 1, "ratio": None}, "individual": {"count": 2, "ratio": None}},
        "GK": {"collective": {"count": 3, "ratio": None}, "individual": {"count": 10, "ratio": None}},
        "HCLD3": {"collective": None, "individual": {"count": 1, "ratio": None}},
    },
    "unread": ["III. TỔ CHỨC THỰC HIỆN", "Văn phòng Sở là thường trực, theo dõi, tổng hợp kết quả thi đua."],
    "recipients": ["Như trên", "Lưu: VT, VP"],
}

QUANG_NINH = {
    "year": 2024, "heading_year": 2024, "letter_number": "112/SNV-TĐKT", "date": "2024-02-05",
    "letter_date": "2024-02-05", "number": None, "place": "Hạ Long",
    "addressee": "Ban Thi đua - Khen thưởng tỉnh Quảng Ninh; Trưởng Cụm thi đua các cơ quan quản lý nhà nước",
    "signer": {"authority": "Q. GIÁM ĐỐC", "position": None, "name": "Trần Thị Mai"},
    "solutions": ["Tổ chức ký giao ước thi đua giữa các phòng, đơn vị trực thuộc.",
                  "Sơ kết, tổng kết kịp thời, nhân rộng điển hình tiên tiến."],
    "movements": ["Phong trào “Công chức Sở Nội vụ thi đua thực hiện văn hóa công sở”;",
                  "Phong trào “Chuyển đổi số trong công tác nội vụ”."],
    "professional_goal": "Hoàn thành 100% nhiệm vụ được UBND tỉnh giao năm 2024.\n"
                         "Không có công chức vi phạm kỷ luật.",
    "targets": {
        "LDTT": {"collective": None, "individual": {"count": 52, "ratio": "≥ 80%"}},
        "CSTDCS": {"collective": None, "individual": {"count": 7, "ratio": "13,5%"}},
        "TTLDTT": {"collective": {"count": 6, "ratio": "100%"}, "individual": None},
        "CO_TINH": {"collective": {"count": 1, "ratio": None}, "individual": None},
        "BK_TTG": {"collective": None, "individual": {"count": 1, "ratio": None}},
    },
    "unread": ["6 | Danh hiệu Chiến sĩ thi đua cấp huyện | 2"],
}


def _assert_fields(data: dict, expected: dict) -> None:
    for key, value in expected.items():
        assert data[key] == value, key


@pytest.mark.parametrize(("name", "expected"), [("nghe_an_stc_2023.txt", NGHE_AN),
                                                ("quang_ninh_snv_2024.txt", QUANG_NINH)])
@pytest.mark.parametrize("as_word", [False, True], ids=["text", "docx"])
def test_registrations_of_other_provinces_are_read_field_by_field(matcher, name, expected, as_word):
    text = (HERE / name).read_text(encoding="utf-8")
    content = text_to_docx(text) if as_word else text.encode()
    _assert_fields(parse_registration(content, matcher).as_json(), expected)


def _da_nang_docx() -> bytes:
    """Built in Word's own way: header and signature tables, a target table whose "Tập thể" and
    "Cá nhân" headings are merged cells, TUQ. signature, dates with slashes, headings without numbers."""
    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "UBND THÀNH PHỐ ĐÀ NẴNG\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\n_______"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n___________"
    head.cell(1, 0).text = "Số: 310/ĐK-SGDĐT"
    head.cell(1, 1).text = "Đà Nẵng, ngày 06/3/2023"
    d.add_paragraph("BẢN ĐĂNG KÝ THI ĐUA NĂM 2023")
    d.add_paragraph("(Kèm theo Tờ trình số 310/TTr-SGDĐT ngày 06/3/2023)")
    d.add_paragraph("Kính gửi: Hội đồng Thi đua - Khen thưởng thành phố Đà Nẵng")
    d.add_paragraph("Sở Giáo dục và Đào tạo thành phố Đà Nẵng đăng ký thi đua năm 2023 như sau:")
    d.add_paragraph("NỘI DUNG THI ĐUA")
    d.add_paragraph("a) Công tác chuyên môn:")
    d.add_paragraph("Nâng cao chất lượng giáo dục toàn diện, tỷ lệ học sinh tốt nghiệp THPT đạt trên 98%.")
    d.add_paragraph("b) Giải pháp:")
    d.add_paragraph("- Đổi mới phương pháp dạy học;")
    d.add_paragraph("- Chuyển đổi số trong quản lý giáo dục.")
    d.add_paragraph("c) Các phong trào thi đua:")
    d.add_paragraph("- “Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo”.")
    d.add_paragraph("CHỈ TIÊU DANH HIỆU THI ĐUA VÀ HÌNH THỨC KHEN THƯỞNG NĂM 2023")
    rows = [
        ["TT", "Danh hiệu thi đua, hình thức khen thưởng", "Tập thể", "", "Cá nhân", ""],
        ["", "", "Số lượng", "Tỷ lệ (%)", "Số lượng", "Tỷ lệ (%)"],
        ["1", "Lao động tiên tiến", "", "", "0120", "90%"],
        ["2", "Chiến sỹ thi đua cơ sở", "", "", "018", "15%"],
        ["3", "Chiến sĩ thi đua cấp thành phố", "", "", "02", ""],
        ["4", "Tập thể lao động xuất sắc", "5", "", "", ""],
        ["5", "Cờ thi đua của UBND thành phố", "1", "", "", ""],
        ["6", "Bằng khen của Chủ tịch UBND thành phố", "2", "", "6", ""],
        ["7", "Bằng khen của Bộ trưởng Bộ Giáo dục và Đào tạo", "", "", "3", ""],
        ["8", "Bằng khen của Bộ trưởng Bộ Tài chính", "", "", "1", ""],
    ]
    table = d.add_table(rows=len(rows), cols=6)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Tập thể"
    table.cell(0, 4).merge(table.cell(0, 5)).text = "Cá nhân"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "TT"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Danh hiệu thi đua, hình thức khen thưởng"
    sign = d.add_table(rows=1, cols=2)
    sign.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT, TĐKT."
    sign.cell(0, 1).text = "TUQ. CHỦ TỊCH UBND THÀNH PHỐ\nGIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO\n(Đã ký)\nLê Thị Bích Thuận"
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_a_word_file_with_merged_headings_and_unnumbered_sections_is_read(matcher):
    data = parse_registration(_da_nang_docx(), matcher).as_json()
    _assert_fields(data, {
        "year": 2023, "letter_number": "310/TTr-SGDĐT", "date": "2023-03-06", "place": "Đà Nẵng",
        "number": "310/ĐK-SGDĐT", "addressee": "Hội đồng Thi đua - Khen thưởng thành phố Đà Nẵng",
        "signer": {"authority": "TUQ. CHỦ TỊCH UBND THÀNH PHỐ", "position": "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                   "name": "Lê Thị Bích Thuận"},
        "solutions": ["Đổi mới phương pháp dạy học;", "Chuyển đổi số trong quản lý giáo dục."],
        "movements": ["“Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo”."],
        "targets": {
            "LDTT": {"collective": None, "individual": {"count": 120, "ratio": "90%"}},
            "CSTDCS": {"collective": None, "individual": {"count": 18, "ratio": "15%"}},
            "CSTD_TINH": {"collective": None, "individual": {"count": 2, "ratio": None}},
            "TTLDXS": {"collective": {"count": 5, "ratio": None}, "individual": None},
            "CO_TINH": {"collective": {"count": 1, "ratio": None}, "individual": None},
            "BK_TINH": {"collective": {"count": 2, "ratio": None}, "individual": {"count": 6, "ratio": None}},
            # two ministers' Bằng khen are one catalog code: the counts add up
            "BK_BO": {"collective": None, "individual": {"count": 4, "ratio": None}},
        },
        "unread": [],
        "recipients": ["Như trên", "Lưu: VT, TĐKT"],
    })


@pytest.mark.parametrize("content", [
    b"", b"\x00\x01\x02binary", b"PK\x03\x04not really a zip",
    "Biên bản họp hội đồng\nNội dung: không có gì".encode(),
])
def test_what_is_not_a_registration_is_refused(matcher, content):
    with pytest.raises(NotARegistration):
        parse_registration(content, matcher)


# --- the commands ----------------------------------------------------------------------------


def test_parse_command_prints_the_contract_json(db, tmp_path, capsys):
    path = tmp_path / "dk.docx"
    path.write_bytes(text_to_docx((HERE / "nghe_an_stc_2023.txt").read_text(encoding="utf-8")))
    call_command("registration", "parse", str(path), "--json")
    data = json.loads(capsys.readouterr().out)
    assert list(data)[:9] == ["year", "letter_number", "date", "addressee", "signer", "solutions", "movements",
                              "targets", "unread"]
    assert data["targets"]["GK"] == NGHE_AN["targets"]["GK"]


def test_parse_command_exits_2_on_a_file_that_is_not_a_registration(db, tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Không phải bản đăng ký", encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command("registration", "parse", str(path))
    assert err.value.returncode == 2
    with pytest.raises(CommandError) as err:
        call_command("registration", "parse", str(tmp_path / "missing.docx"))
    assert err.value.returncode == 2


# --- importing: a draft for a person to review -----------------------------------------------


def _import(*args: str) -> str:
    out = io.StringIO()
    call_command("registration", "import", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_import_saves_a_draft_with_what_was_read(users, tmp_path):
    from thidua.emulation.models import Registration, RegistrationEvent, Status

    path = tmp_path / "dk-2023.docx"
    path.write_bytes(text_to_docx((HERE / "nghe_an_stc_2023.txt").read_text(encoding="utf-8")))
    _import(str(path), "--unit", "SKHCN", "--year", "2023", "--user", "skhcn")
    reg = Registration.objects.get(unit__code="SKHCN", year=2023)
    assert reg.status == Status.DRAFT
    assert (reg.letter_number, reg.letter_symbol) == ("25", "STC-VP")
    assert (reg.doc_day, reg.doc_month, reg.doc_year, reg.place) == (10, 1, 2023, "Nghệ An")
    assert (reg.signer_authority, reg.signer_position, reg.signer_name) == ("", "GIÁM ĐỐC", "Nguyễn Văn Hùng")
    assert list(reg.solutions.values_list("text", flat=True)) == NGHE_AN["solutions"]
    targets = {t.award_type.code: t for t in reg.targets.select_related("award_type")}
    assert (targets["GK"].collective_count, targets["GK"].individual_count) == (3, 10)  # a row added for Giấy khen
    assert targets["BK_BO"].label == "Bằng khen của Bộ trưởng Bộ Tài chính"
    assert targets["CSTDCS"].individual_count == 6
    # what the document does not register is empty, not last year's figure carried over
    assert targets["TTLDTT"].collective_count is None and targets["BK_TTG"].individual_count is None
    event = RegistrationEvent.objects.filter(registration=reg).last()
    assert "dk-2023.docx" in event.reason and event.actor.username == "skhcn"


def test_import_then_export_reads_back_the_same(users, tmp_path, matcher):
    from thidua.emulation.models import Registration

    path = tmp_path / "dk.txt"
    path.write_bytes((HERE / "quang_ninh_snv_2024.txt").read_bytes())
    _import(str(path), "--unit", "SKHCN", "--year", "2024")  # as the administrator
    reg = Registration.objects.get(unit__code="SKHCN", year=2024)
    data = parse_registration(export_registration(reg, fmt="docx").content, matcher).as_json()
    expected = {k: v for k, v in QUANG_NINH.items() if k not in ("unread", "number", "heading_year")}
    expected["targets"] = {**{t.award_type.code: {"collective": None, "individual": None}
                              for t in reg.targets.select_related("award_type")}, **QUANG_NINH["targets"]}
    _assert_fields(data, expected)


def test_import_is_refused_out_of_scope_and_over_a_submitted_registration(users, tmp_path):
    from thidua.emulation.models import Registration, Status

    path = tmp_path / "dk.txt"
    path.write_bytes(_seed_text())
    with pytest.raises(CommandError) as err:  # another agency's officer
        _import(str(path), "--unit", "SKHCN", "--year", "2025", "--user", "snv")
    assert err.value.returncode == 2
    assert not Registration.objects.filter(unit__code="SKHCN", year=2025).exists()
    Registration.objects.filter(unit__code="SKHCN", year=2022).update(status=Status.SUBMITTED)
    with pytest.raises(CommandError) as err:
        _import(str(path), "--unit", "SKHCN", "--year", "2022", "--user", "skhcn")
    assert "đã gửi" in str(err.value)
    with pytest.raises(CommandError):
        _import(str(path), "--unit", "KHONGCO", "--year", "2022")


def test_import_refuses_a_field_longer_than_the_registration_keeps(users, tmp_path):
    from thidua.emulation.models import Registration

    text = _seed_text().decode().replace("Kính gửi: Trưởng Khối", "Kính gửi: " + "Trưởng Khối " * 40)
    path = tmp_path / "dk.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as err:
        _import(str(path), "--unit", "SKHCN", "--year", "2026", "--user", "skhcn")
    assert "kính gửi" in str(err.value)
    assert not Registration.objects.filter(unit__code="SKHCN", year=2026).exists()


# --- layouts that lose their numbers or their shape on the way -------------------------------


def test_word_numbering_leaves_no_numbers_in_the_text_and_headings_are_still_found(matcher):
    """Headings and bullets numbered by Word itself (a list style) come out without "I.", "1.", "-"."""
    d = docx.Document()
    d.add_paragraph("Bắc Giang, ngày 12 tháng 01 năm 2023")
    d.add_paragraph("BẢN ĐĂNG KÝ THI ĐUA NĂM 2023")
    d.add_paragraph("(Kèm theo Công văn số 08/SCT-VP ngày 12/01/2023)")
    d.add_paragraph("Kính gửi: Trưởng Khối thi đua các cơ quan kinh tế")
    d.add_paragraph("Sở Công Thương đăng ký thi đua năm 2023 với các nội dung sau:")
    d.add_paragraph("Nội dung thi đua", style="List Number")
    d.add_paragraph("Về công tác chuyên môn", style="List Number 2")
    d.add_paragraph("Hoàn thành các chỉ tiêu phát triển công nghiệp, thương mại năm 2023.")
    d.add_paragraph("Các giải pháp triển khai, thực hiện", style="List Number 2")
    d.add_paragraph("Tổ chức ký kết giao ước thi đua", style="List Bullet")
    d.add_paragraph("Sơ kết, tổng kết, nhân rộng điển hình tiên tiến", style="List Bullet")
    d.add_paragraph("Tên các phong trào do đơn vị phát động", style="List Number 2")
    d.add_paragraph("Phong trào “Doanh nghiệp Bắc Giang chuyển đổi số”", style="List Bullet")
    d.add_paragraph("Mục tiêu phấn đấu đạt các danh hiệu thi đua, hình thức khen thưởng năm 2023", style="List Number")
    table = d.add_table(rows=3, cols=4)
    for i, row in enumerate([["TT", "Danh hiệu thi đua, hình thức khen thưởng", "Tập thể", "Cá nhân"],
                             ["1", "Lao động tiên tiến", "", "38"], ["2", "Cờ thi đua của UBND tỉnh", "1", ""]]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    d.add_paragraph("GIÁM ĐỐC")
    d.add_paragraph("Hoàng Văn Nam")
    d.add_paragraph("Nơi nhận:")
    d.add_paragraph("- Như trên;")
    d.add_paragraph("- Lưu: VT.")
    out = io.BytesIO()
    d.save(out)
    data = parse_registration(out.getvalue(), matcher).as_json()
    _assert_fields(data, {
        "year": 2023, "letter_number": "08/SCT-VP", "date": "2023-01-12",
        "addressee": "Trưởng Khối thi đua các cơ quan kinh tế",
        "professional_goal": "Hoàn thành các chỉ tiêu phát triển công nghiệp, thương mại năm 2023.",
        "solutions": ["Tổ chức ký kết giao ước thi đua", "Sơ kết, tổng kết, nhân rộng điển hình tiên tiến"],
        "movements": ["Phong trào “Doanh nghiệp Bắc Giang chuyển đổi số”"],
        "signer": {"authority": None, "position": "GIÁM ĐỐC", "name": "Hoàng Văn Nam"},
        "targets": {"LDTT": {"collective": None, "individual": {"count": 38, "ratio": None}},
                    "CO_TINH": {"collective": {"count": 1, "ratio": None}, "individual": None}},
        "recipients": ["Như trên", "Lưu: VT"], "unread": [],
    })


def test_text_tables_with_blank_lines_between_rows_are_one_table(matcher):
    text = _seed_text().decode()
    spaced = "\n".join(line + ("\n" if "\t" in line else "") for line in text.splitlines())
    data = parse_registration(spaced.encode(), matcher).as_json()
    assert data["targets"] == _seed_targets()
    assert data["unread"] == []


def test_text_with_single_star_emphasis_and_the_signature_beside_the_recipients(matcher):
    text = _seed_text().decode()
    text = text.replace("Thái Nguyên, ngày", "*Thái Nguyên, ngày").replace("năm 2022\n\nBẢN", "năm 2022*\n\nBẢN")
    text = text.replace("(Kèm theo Công văn số /KHCN-TTR ngày /02/2022)",
                        "*(Kèm theo Công văn số 15/KHCN-TTR ngày 05/02/2022)*")
    head, _, _ = text.partition("**KT. GIÁM ĐỐC")
    text = head + ("Nơi nhận:\tKT. GIÁM ĐỐC\n- Như trên;\tPHÓ GIÁM ĐỐC\n- Lưu: VT, TTr.\t\n"
                   "\t(Đã ký)\n\tĐinh Bộ Sơn\n")
    data = parse_registration(text.encode(), matcher).as_json()
    assert data["place"] == "Thái Nguyên" and data["letter_number"] == "15/KHCN-TTR"
    assert data["letter_date"] == "2022-02-05"
    assert data["signer"] == {"authority": "KT. GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Đinh Bộ Sơn"}
    assert data["recipients"] == ["Như trên", "Lưu: VT, TTr"]
    assert data["targets"] == _seed_targets() and data["unread"] == []
