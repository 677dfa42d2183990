"""Uploads under hostile files: a million rows, a zip bomb, a 26 MB CSV, text renamed .xlsx, a sheet
claiming 16,384 columns or its last row — each refused in seconds, in Vietnamese, with bounded memory
and nothing stored, on the web and from the command line (the bounds live in thidua.core.uploads,
under every path)."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from thidua.core import uploads
from thidua.documents.admin import DocumentTemplateForm
from thidua.organizations.models import Staff

from . import files

MB = 1024 * 1024


@pytest.fixture
def officer(client, org):
    client.force_login(org.users["skhcn"])
    return client


def _import(client, name: str, content: bytes):
    return client.post(reverse("staff_import", args=["SKHCN"]), {"file": SimpleUploadedFile(name, content)})


def _refused(response, *fragments: str) -> str:
    page = response.content.decode()
    assert response.status_code in (413, 422), response.status_code
    for fragment in fragments:
        assert fragment in page, page[-3000:]
    return page


def test_a_million_row_spreadsheet_is_refused_in_seconds_with_little_memory(officer):
    content = files.million_rows_xlsx()
    assert len(content) < 2 * MB  # small on the wire: the rows are in what it unpacks to
    before = Staff.objects.count()
    officer.get(reverse("staff_import", args=["SKHCN"]))  # templates compiled, as on a running server
    started = time.monotonic()
    response = _import(officer, "nhan-su.xlsx", content)
    elapsed = time.monotonic() - started
    _refused(response, "khi giải nén sẽ chiếm", "không đọc")
    tracemalloc.start()
    _refused(_import(officer, "nhan-su.xlsx", content), "khi giải nén sẽ chiếm")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 3 and peak < 50 * MB, (elapsed, peak)
    assert Staff.objects.count() == before


def test_rows_are_counted_while_reading_not_after(settings):
    """With the unpacked-size bound out of the way, the row bound alone stops the million rows
    after the first rows over it: time and memory do not grow with the file."""
    settings.THIDUA_UPLOAD_MAX_UNZIPPED_BYTES = 1024 * MB
    settings.THIDUA_IMPORT_MAX_ROWS = 1000
    content = files.million_rows_xlsx()
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(uploads.UploadError, match="có hơn 1.000 dòng dữ liệu"):
        for _ in uploads.iter_table(content, "nhan-su.xlsx"):
            pass
    elapsed = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 10 and peak < 50 * MB, (elapsed, peak)


def test_a_sheet_claiming_its_last_row_and_every_column_is_not_read_to_the_end(settings):
    settings.THIDUA_IMPORT_MAX_ROWS = 100
    started = time.monotonic()
    with pytest.raises(uploads.UploadError, match="có hơn 100 dòng"):
        list(uploads.iter_table(files.far_row_xlsx(), "nhan-su.xlsx"))
    assert time.monotonic() - started < 5
    with pytest.raises(uploads.UploadError, match="có hơn 50 cột"):
        list(uploads.iter_table(files.wide_xlsx(60), "nhan-su.xlsx"))


def test_a_csv_of_26_mb_is_refused_before_it_is_read(officer):
    content = files.big_csv(26 * MB)
    before = Staff.objects.count()
    started = time.monotonic()
    page = _refused(_import(officer, "nhan-su.csv", content), "quá lớn", "tối đa 10 MB")
    assert time.monotonic() - started < 10
    assert "Người thứ" not in page and Staff.objects.count() == before


def test_a_file_just_over_the_limit_is_skipped_while_it_streams_in(officer, settings):
    settings.THIDUA_UPLOAD_MAX_BYTES = 100 * 1024  # under the room left for form fields
    content = files.big_csv(150 * 1024)
    _refused(_import(officer, "nhan-su.csv", content), "quá lớn", "tối đa 100 KB")
    assert Staff.objects.filter(full_name="Nguyễn Văn A").count() == 0


@pytest.mark.parametrize(("name", "content", "message"), [
    ("nhan-su.xlsx", "Họ và tên,Loại\nAn,Công chức\n".encode(), "mang đuôi .xlsx nhưng nội dung là văn bản"),
    ("nhan-su.xlsx", files.zip_bomb(), "khi giải nén sẽ chiếm 4096 MB"),
    ("nhan-su.csv", files.staff_xlsx(3), "mang đuôi .csv nhưng nội dung là tệp Excel"),
    ("nhan-su.xlsx", b"\xd0\xcf\x11\xe0" + bytes(600), "đời cũ"),
    ("nhan-su.csv", bytes(range(256)) * 10, "không phải tệp Excel (.xlsx), Word (.docx) hay văn bản"),
    ("nhan-su.xlsx", b"PK\x03\x04" + bytes(100), "bị hỏng"),
    ("nhan-su.csv", "Họ và tên,Loại\n" .encode() + ("a," * 80 + "\n").encode(), "có hơn 50 cột"),
])
def test_fake_and_hostile_files_are_named_and_refused(officer, name, content, message):
    before = Staff.objects.count()
    _refused(_import(officer, name, content), message)
    assert Staff.objects.count() == before


def test_an_ordinary_file_still_imports(officer):
    url = reverse("staff_import", args=["SKHCN"])
    preview = officer.post(url, {"file": SimpleUploadedFile("nhan-su.xlsx", files.staff_xlsx(1))})
    assert preview.status_code == 200, preview.content.decode()[-2000:]
    assert len(preview.context["preview"].added) == 1


def test_the_registration_reader_refuses_a_zip_bomb_and_a_fake_word_file(client, org):
    client.force_login(org.users["skhcn"])
    url = reverse("legacy_upload")
    bomb = client.post(url, {"file": SimpleUploadedFile("dang-ky.docx", files.zip_bomb("word/document.xml"))})
    assert bomb.status_code == 422 and "khi giải nén sẽ chiếm" in bomb.content.decode()
    fake = client.post(url, {"file": SimpleUploadedFile("dang-ky.docx", "Kế hoạch".encode())})
    assert fake.status_code == 422 and "mang đuôi .docx nhưng nội dung là văn bản" in fake.content.decode()
    big = client.post(url, {"file": SimpleUploadedFile("dang-ky.txt", b"a" * (11 * MB))})
    assert big.status_code == 413 and "quá lớn" in big.content.decode()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("dang-ky.docx", files.zip_bomb("word/document.xml"), "khi giải nén sẽ chiếm"),
    ("dang-ky.txt", b"a" * (11 * MB), "quá lớn"),
    ("dang-ky.docx", b"abc", "mang đuôi .docx nhưng nội dung là văn bản"),
])
def test_the_command_line_has_the_same_bounds(org, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    for args in (["parse", str(path)], ["import", str(path), "--unit", "SKHCN", "--year", "2022"]):
        with pytest.raises(CommandError, match=message):
            call_command("registration", *args)


def test_a_document_template_upload_refuses_a_zip_bomb(client, org):
    form = DocumentTemplateForm(data={"kind": "registration", "note": ""},
                                files={"file": SimpleUploadedFile("mau.docx", files.zip_bomb("word/document.xml"))})
    assert not form.is_valid() and "khi giải nén sẽ chiếm" in str(form.errors["file"])


def test_an_impossible_date_in_a_sheet_is_named_as_such(officer):
    content = "Họ và tên,Loại,Ngày sinh\nTrần Văn Bình,Công chức,30/02/1990\n".encode()
    page = _refused(_import(officer, "nhan-su.csv", content), "Ngày «30/02/1990» không có thật",
                    "tháng 2 không có ngày 30")
    assert "<td>2</td>" in page
