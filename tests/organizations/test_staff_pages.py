"""Agency pages and the all-or-nothing staff import."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from thidua.organizations import services
from thidua.organizations.models import Staff, Unit

HEADER = ["Họ và tên", "Phòng, ban", "Chức vụ", "Loại", "Giới tính", "Năm sinh", "Làm việc từ"]


def xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("nhan-su.xlsx", buffer.getvalue())


def csv_file(rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return SimpleUploadedFile("nhan-su.csv", buffer.getvalue().encode("utf-8-sig"))


@pytest.fixture
def officer(client, users):
    client.force_login(users["skhcn"])
    return client


def test_the_agency_page_lists_departments_and_finds_names_without_accents(officer):
    page = officer.get(reverse("agency_detail", args=["SKHCN"]), {"q": "dinh bo son"}).content.decode()
    assert "Phòng Quản lý khoa học" in page and "Đinh Bộ Sơn" in page and "(1)" not in page.split("<h2>")[1][:5]
    assert "Cán bộ, công chức, viên chức, người lao động (1)" in page


def preview_and_apply(client, upload):
    """Upload (preview), then confirm: the two steps an officer takes."""
    url = reverse("staff_import", args=["SKHCN"])
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200, preview.content.decode()
    fingerprint = preview.context["preview"].fingerprint
    return preview, client.post(url, {"apply": "1", "fingerprint": fingerprint})


def test_another_agency_cannot_open_the_page_or_import(client, users):
    client.force_login(users["snv"])
    assert client.get(reverse("agency_detail", args=["SKHCN"])).status_code == 404
    assert client.post(reverse("staff_import", args=["SKHCN"]), {"file": xlsx([])}).status_code == 404
    assert "SKHCN" not in client.get(reverse("agency_list")).content.decode()


def test_the_leader_sees_staff_but_cannot_import(client, users):
    client.force_login(users["skhcn.lanhdao"])
    assert client.get(reverse("agency_detail", args=["SKHCN"])).status_code == 200
    assert client.get(reverse("staff_import", args=["SKHCN"])).status_code == 403


def test_anonymous_is_sent_to_login(client, demo):
    assert client.get(reverse("agency_list")).status_code == 302


def test_a_good_file_adds_every_row(officer):
    before = Staff.objects.filter(agency__code="SKHCN").count()
    upload = xlsx([["Nguyễn Thị Mới", "Thanh tra Sở", "Thanh tra viên", "Công chức", "Nữ", 1990, "01/03/2022"],
                   ["Trần Văn Hai", "", "", "người lao động", "", None, None]])
    preview, response = preview_and_apply(officer, upload)
    assert "Thêm mới 2" in preview.content.decode()
    assert response.status_code == 302
    assert Staff.objects.filter(agency__code="SKHCN").count() == before + 2
    new = Staff.objects.get(full_name="Nguyễn Thị Mới")
    assert (new.department.name, new.kind, new.gender, new.active_from.isoformat()) == (
        "Thanh tra Sở", "cong_chuc", "nu", "2022-03-01")


def test_one_bad_row_saves_nothing_and_every_bad_row_is_listed(officer):
    before = Staff.objects.count()
    upload = csv_file([["Người Tốt", "", "", "Viên chức", "", "", ""],
                       ["", "Phòng Không Có", "", "Thợ", "Khác", "abc", "31/02/2022"],
                       ["Người Thứ Ba", "", "", "Công chức", "", "1800", ""]])
    response = officer.post(reverse("staff_import", args=["SKHCN"]), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 422 and Staff.objects.count() == before
    for message in ("Chưa có họ và tên.", "Phải là một trong",
                    "Ghi Nam hoặc Nữ", "Năm sinh không hợp lệ.", "Ngày «31/02/2022» không có thật"):
        assert message in page
    assert "<td>3</td>" in page and "<td>4</td>" in page and "<td>2</td>" not in page


@pytest.mark.parametrize(("name", "content", "message"), [
    ("a.txt", b"x", "Chỉ nhận tệp .xlsx hoặc .csv."),
    ("a.xlsx", b"not a spreadsheet", "mang đuôi .xlsx nhưng nội dung là văn bản"),
    ("a.csv", "Tên\nA\n".encode(), "Thiếu cột"),
    ("a.csv", "Họ và tên,Loại\n".encode("cp1258", errors="ignore") + b"\xff\xfe", "UTF-8"),
])
def test_an_unreadable_file_is_explained(officer, name, content, message):
    response = officer.post(reverse("staff_import", args=["SKHCN"]), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 422 and message in response.content.decode()


def test_the_agency_list_counts_without_a_query_per_row(officer, django_assert_max_num_queries, users):
    officer.force_login(users["bantdkt"])
    with django_assert_max_num_queries(6):
        page = officer.get(reverse("agency_list")).content.decode()
    assert "Sở Khoa học và Công nghệ tỉnh Thái Nguyên</a></td><td>7</td><td>73</td>" in page


def test_the_cached_agency_list_follows_staff_and_units_changed_through_the_services(client, users):
    """The list's rows are cached per reach under the province's stamp: a person added and an agency
    renamed show on the next view; another agency never sees the board's cached rows."""
    client.force_login(users["bantdkt"])
    assert "Sở Khoa học và Công nghệ tỉnh Thái Nguyên</a></td><td>7</td><td>73</td>" in client.get(
        reverse("agency_list")).content.decode()
    agency = Unit.objects.get(code="SKHCN")
    services.staff_create(actor=users["skhcn"], agency=agency, full_name="Người Mới Đến", kind="cong_chuc")
    assert "Sở Khoa học và Công nghệ tỉnh Thái Nguyên</a></td><td>7</td><td>74</td>" in client.get(
        reverse("agency_list")).content.decode()
    services.unit_rename(actor=users["bantdkt"], unit=agency, new_name="Sở Khoa học, Công nghệ và Đổi mới",
                         on=dt.date.today())
    assert "Sở Khoa học, Công nghệ và Đổi mới</a>" in client.get(reverse("agency_list")).content.decode()
    client.force_login(users["snv"])
    page = client.get(reverse("agency_list")).content.decode()
    assert "SKHCN" not in page and "SNV" in page


def test_a_second_view_of_the_agency_list_reads_only_the_stamps(client, users, django_assert_max_num_queries):
    client.force_login(users["bantdkt"])
    client.get(reverse("agency_list"))
    with django_assert_max_num_queries(4):  # session, user and unit (the scope), the stamps
        assert client.get(reverse("agency_list")).status_code == 200
