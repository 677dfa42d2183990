"""A staff list over THIDUA_IMPORT_ROWS_IN_REQUEST rows: the upload is kept in media, the worker
previews it (nothing written) and, once the officer confirms on the job's page, applies it — all rows
or none, only within the officer's agency, checked at the start and again in the worker."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from thidua.accounts.models import User
from thidua.jobs.models import Job, JobKind, JobStatus
from thidua.jobs.tasks import run_job
from thidua.organizations import jobs as staff_jobs
from thidua.organizations.models import Staff

HEADER = ["Họ và tên", "Phòng, ban", "Chức vụ", "Loại", "Giới tính", "Năm sinh", "Làm việc từ"]
URL = "/don-vi/SKHCN/nhap-nhan-su/"


def csv_file(rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return SimpleUploadedFile("nhân sự lớn.csv", buffer.getvalue().encode("utf-8-sig"))


GOOD = [["Nguyễn Thị Mới", "Thanh tra Sở", "Thanh tra viên", "Công chức", "Nữ", 1990, "01/03/2022"],
        ["Trần Văn Hai", "", "", "người lao động", "", None, None],
        ["Lê Thị Ba", "", "", "Viên chức", "", None, None]]


@pytest.fixture
def small_threshold(settings):
    settings.THIDUA_IMPORT_ROWS_IN_REQUEST = 2


def _as(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_a_large_file_is_previewed_then_applied_by_the_worker(users, small_threshold):
    officer = _as("skhcn")
    before = Staff.objects.filter(agency__code="SKHCN").count()
    response = officer.post(URL, {"file": csv_file(GOOD)})
    preview = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/viec-nen/{preview.pk}/"
    assert preview.kind == JobKind.STAFF_IMPORT_PREVIEW and preview.status == JobStatus.QUEUED
    assert preview.source.name.startswith("jobs/uploads/") and preview.source.read().startswith(b"\xef\xbb\xbf")
    assert "every 1s" in officer.get(response.url).content.decode()

    run_job.call(preview.pk)
    preview.refresh_from_db()
    assert (preview.status, preview.progress) == (JobStatus.DONE, 100)
    assert (preview.result["added"], preview.result["changed"], preview.result["ok"]) == (3, 0, True)
    assert Staff.objects.filter(agency__code="SKHCN").count() == before  # a preview writes nothing
    page = officer.get(response.url).content.decode()
    assert "Thêm mới 3" in page and f'name="apply_job" value="{preview.pk}"' in page

    response = officer.post(URL, {"apply_job": str(preview.pk)})
    job = Job.objects.get(kind=JobKind.STAFF_IMPORT)
    assert response.status_code == 302 and response.url == f"/viec-nen/{job.pk}/"
    assert job.source.name == preview.source.name and job.params["fingerprint"] == preview.result["fingerprint"]
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert Staff.objects.filter(agency__code="SKHCN").count() == before + 3
    assert Staff.objects.get(full_name="Nguyễn Thị Mới").department.name == "Thanh tra Sở"
    assert "Xem danh sách nhân sự" in officer.get(f"/viec-nen/{job.pk}/").content.decode()
    # Applied: the uploaded list (personal data) is removed, from the disk and from both jobs.
    assert not default_storage.exists(preview.source.name)
    assert not Job.objects.exclude(source="").exists()


def test_an_upload_never_applied_is_removed_a_day_later_when_someone_uploads_again(users, small_threshold):
    officer = _as("skhcn")
    officer.post(URL, {"file": csv_file(GOOD)})
    first = Job.objects.get()
    name = first.source.name
    run_job.call(first.pk)
    Job.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    officer.post(URL, {"file": csv_file(GOOD)})
    first.refresh_from_db()
    second = Job.objects.exclude(pk=first.pk).get()
    assert not first.source and second.source and default_storage.exists(second.source.name)
    kept = [p for p in Path(settings.MEDIA_ROOT, "jobs", "uploads").rglob("*") if p.is_file()]
    assert [str(p.relative_to(settings.MEDIA_ROOT)) for p in kept] == [second.source.name]  # the old one is gone
    assert name.startswith("jobs/uploads/")


def test_a_small_file_is_still_previewed_in_the_request(users):
    response = _as("skhcn").post(URL, {"file": csv_file(GOOD)})
    assert response.status_code == 200 and "Thêm mới 3" in response.content.decode() and not Job.objects.exists()


def test_bad_rows_fail_the_preview_with_every_row_named_and_nothing_saved(users, small_threshold):
    officer = _as("skhcn")
    before = Staff.objects.count()
    officer.post(URL, {"file": csv_file([*GOOD, ["", "", "", "Thợ", "", "abc", ""]])})
    job = Job.objects.get()
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "Chưa lưu dòng nào" in job.error and job.result["error_count"] >= 2
    page = officer.get(f"/viec-nen/{job.pk}/").content.decode()
    assert "Chưa có họ và tên." in page and "<td>5</td>" in page and "apply_job" not in page
    assert officer.post(URL, {"apply_job": str(job.pk)}).status_code == 422
    assert Staff.objects.count() == before and Job.objects.count() == 1


def test_another_agency_can_neither_see_nor_apply_the_preview(users, small_threshold):
    _as("skhcn").post(URL, {"file": csv_file(GOOD)})
    preview = Job.objects.get()
    run_job.call(preview.pk)
    preview.refresh_from_db()
    other = _as("snv")
    assert other.get(f"/viec-nen/{preview.pk}/").status_code == 404
    assert other.post(URL, {"apply_job": str(preview.pk)}).status_code == 404
    assert other.post("/don-vi/SNV/nhap-nhan-su/", {"apply_job": str(preview.pk)}).status_code == 404
    with pytest.raises(PermissionDenied):
        staff_jobs.start_staff_import(actor=users["snv"], preview=preview)
    with pytest.raises(PermissionDenied):
        staff_jobs.start_staff_import_preview(actor=users["snv"], agency=preview.owner.unit, filename="a.csv",
                                            content=b"x")
    assert Job.objects.count() == 1


def test_a_preview_whose_officer_lost_the_agency_fails_in_vietnamese(users, small_threshold):
    _as("skhcn").post(URL, {"file": csv_file(GOOD)})
    job = Job.objects.get()
    User.objects.filter(username="skhcn").update(unit=users["snv"].unit)
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "không còn quyền" in job.error and not job.result
