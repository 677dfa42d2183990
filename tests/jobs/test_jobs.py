"""Background jobs: started from the pages in scope only, queued in the database, run by the
worker's task with progress written as it goes, the file downloadable by its owner only."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from thidua.decisions import jobs as decision_jobs
from thidua.evaluation.models import AwardRecord
from thidua.jobs import tasks
from thidua.jobs.models import Job, JobKind, JobStatus
from thidua.jobs.tasks import run_job
from thidua.reports import jobs as report_jobs
from thidua.reports.selectors import province_targets


def test_starting_a_job_queues_it_in_the_database_and_nothing_runs_yet(org, decision):
    job = decision_jobs.start_decision_pdf(actor=org.users["bantdkt"], decision=decision)
    assert job.status == JobStatus.QUEUED and job.progress == 0 and job.kind == JobKind.DECISION_PDF
    assert DBTaskResult.objects.filter(id=job.task_id, status="READY").exists()
    assert not job.file


def test_a_second_click_on_a_pdf_link_answers_the_job_already_waiting(org, decision):
    officer = org.users["bantdkt"]
    first = decision_jobs.start_decision_pdf(actor=officer, decision=decision)
    assert decision_jobs.start_decision_pdf(actor=officer, decision=decision).pk == first.pk
    assert Job.objects.count() == 1 and DBTaskResult.objects.count() == 1
    Job.objects.filter(pk=first.pk).update(status=JobStatus.DONE)  # once made, asking again makes it again
    assert decision_jobs.start_decision_pdf(actor=officer, decision=decision).pk != first.pk


def test_a_job_is_started_only_by_someone_who_may_have_its_file(org, decision):
    with pytest.raises(PermissionDenied):
        decision_jobs.start_decision_pdf(actor=org.users["snv"], decision=decision)  # another agency
    with pytest.raises(PermissionDenied):
        report_jobs.start_province_targets(actor=org.users["skhcn"], province=org.province, year=2022)
    assert not Job.objects.exists()


def test_the_province_workbook_job_runs_to_a_file_with_its_progress(org):
    job = report_jobs.start_province_targets(actor=org.users["bantdkt"], province=org.province, year=2022)
    run_job.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.progress, job.step) == (JobStatus.DONE, 100, "Đã xong")
    assert job.filename == "chi-tieu-tn-2022.xlsx" and job.finished_at is not None
    workbook = openpyxl.load_workbook(io.BytesIO(job.file.read()))
    assert workbook.worksheets and workbook.worksheets[0].max_row > 1


def test_the_decision_pdf_job_makes_a_pdf(org, decision):
    job = decision_jobs.start_decision_pdf(actor=org.users["bantdkt"], decision=decision)
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.file.read(5) == b"%PDF-" and job.filename.endswith(".pdf")


def test_a_job_whose_scope_was_lost_fails_with_a_vietnamese_reason(org, decision):
    job = decision_jobs.start_decision_pdf(actor=org.users["bantdkt"], decision=decision)
    user = org.users["bantdkt"]
    user.role = "agency_officer"
    user.save()
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "không còn quyền" in job.error and not job.file


def test_the_pages_send_heavy_exports_to_a_job_and_show_its_progress(client, org, decision):
    client.force_login(org.users["bantdkt"])
    response = client.get(reverse("decision_download", args=[decision.pk, "pdf"]))
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("job_detail", args=[job.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'hx-trigger="every 1s"' in html and "Đang chờ" in html and 'value="0"' in html
    assert client.get(reverse("job_download", args=[job.pk])).status_code == 404  # not ready

    response = client.get(reverse("targets_province", args=["TN"]) + "?nam=2022&xuat=xlsx")
    workbook_job = Job.objects.get(kind=JobKind.PROVINCE_TARGETS)
    assert response.status_code == 302 and response.url == reverse("job_detail", args=[workbook_job.pk])
    run_job.call(workbook_job.pk)
    fragment = client.get(response.url, headers={"HX-Request": "true"}).content.decode()
    assert "every 1s" not in fragment and "Đã xong" in fragment and "100%" in fragment
    download = client.get(reverse("job_download", args=[workbook_job.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
    assert 'filename="chi-tieu-tn-2022.xlsx"' in download["Content-Disposition"]


def test_the_whole_province_pdf_job_lays_out_every_agency_with_its_progress(client, org, monkeypatch):
    for person in (org.staff[0], org.snv_staff[0]):  # an award in each agency: both have a table
        AwardRecord.objects.create(staff=person, year=2022, code="BK_TINH")
    client.force_login(org.users["bantdkt"])
    page = client.get(reverse("targets_province", args=["TN"]) + "?nam=2022").content.decode()
    assert "xuat=pdf" in page  # offered on the province's report
    response = client.get(reverse("targets_province", args=["TN"]) + "?nam=2022&xuat=pdf")
    job = Job.objects.get(kind=JobKind.PROVINCE_TARGETS_PDF)
    assert response.status_code == 302 and response.url == reverse("job_detail", args=[job.pk])
    steps = []
    real = tasks.progress
    monkeypatch.setattr(tasks, "progress", lambda j, percent, step: (steps.append((percent, step)),
                                                                      real(j, percent, step)))
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.filename == "chi-tieu-tn-2022.pdf" and job.file.read(5) == b"%PDF-"
    agencies = len(province_targets(org.province, 2022).members)  # those with targets or awards
    assert agencies == 2
    assert steps[-1] == (90, f"Đang dựng bảng của cơ quan {agencies}/{agencies}")
    assert [p for p, _ in steps] == sorted(p for p, _ in steps)  # the bar only moves forward


def test_a_big_decisions_certificates_are_drawn_by_a_job(client, org, decision, monkeypatch):
    from thidua.decisions import services as decision_services
    from thidua.decisions import views as decision_views

    issued = decision_services.decision_issue(actor=org.users["bantdkt"], decision=decision,
                                              date=dt.date(2025, 12, 20))
    client.force_login(org.users["bantdkt"])
    url = reverse("decision_certificates", args=[issued.pk]) + "?kieu=day-du"
    small = client.get(url)  # three lines: drawn in the request
    assert small.status_code == 200 and small.content[:5] == b"%PDF-" and not Job.objects.exists()
    monkeypatch.setattr(decision_views, "CERTIFICATES_IN_REQUEST", 2)
    response = client.get(url)
    job = Job.objects.get(kind=JobKind.DECISION_CERTIFICATES)
    assert response.status_code == 302 and response.url == reverse("job_detail", args=[job.pk])
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.file.read(5) == b"%PDF-" and job.filename.endswith(".pdf")
    with pytest.raises(PermissionDenied):
        decision_jobs.start_decision_certificates(actor=org.users["snv"], decision=issued, mode="full")


def test_nobody_else_sees_or_downloads_a_job(client, org):
    job = report_jobs.start_province_targets(actor=org.users["bantdkt"], province=org.province, year=2022)
    run_job.call(job.pk)
    for user in ("admin", "skhcn"):
        client.force_login(org.users[user])
        assert client.get(reverse("job_detail", args=[job.pk])).status_code == 404
        assert client.get(reverse("job_download", args=[job.pk])).status_code == 404
    client.logout()
    response = client.get(reverse("job_download", args=[job.pk]))
    assert response.status_code == 302 and "/dang-nhap/" in response.url
