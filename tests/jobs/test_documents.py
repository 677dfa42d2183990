"""Every single document the pages offer as PDF (registration, its covering letter, council minutes,
the block's summary, a dossier's tờ trình, minutes and báo cáo thành tích) is converted by the worker:
the page starts a job (scope checked), the worker checks the scope again, writes its progress, keeps
the PDF in media, and only the owner downloads it."""

from __future__ import annotations

import subprocess

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from thidua.accounts.models import User
from thidua.councils.models import Session, SessionStatus
from thidua.emulation.models import Registration
from thidua.jobs import services
from thidua.jobs.models import Job, JobKind, JobStatus
from thidua.jobs.tasks import run_job
from thidua.organizations.models import BlockYear
from thidua.yearend.models import Nomination

pytestmark = pytest.mark.django_db


def _as(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _urls() -> list[tuple[str, str, dict]]:
    """(who may, page URL, the job's expected params) for each PDF a page offers."""
    reg = Registration.objects.get(unit__code="SKHCN", year=2022)
    session = Session.objects.filter(status=SessionStatus.CLOSED, council__owner__code="SKHCN").first()
    nomination = Nomination.objects.filter(council_session__status=SessionStatus.CLOSED, unit__code="SKHCN").first()
    assert session is not None and nomination is not None
    line = nomination.lines.first()
    block_year = BlockYear.objects.select_related("block").get(block__code="KHOI-TMTH", year=2022)
    return [
        ("skhcn", f"/dang-ky/{reg.pk}/tai/registration.pdf", {"doc": "registration", "pk": reg.pk,
                                                             "kind": "registration"}),
        ("skhcn", f"/dang-ky/{reg.pk}/tai/cover_letter.pdf", {"doc": "registration", "pk": reg.pk,
                                                             "kind": "cover_letter"}),
        ("skhcn", f"/phien-hop/{session.pk}/bien-ban.pdf", {"doc": "council_minutes", "pk": session.pk}),
        ("skhcn", f"/ho-so-de-nghi/{nomination.pk}/to-trinh.pdf", {"doc": "proposal_letter", "pk": nomination.pk}),
        ("skhcn", f"/ho-so-de-nghi/{nomination.pk}/bien-ban.pdf",
         {"doc": "nomination_minutes", "pk": nomination.pk}),
        ("skhcn", f"/ho-so-de-nghi/{nomination.pk}/dong/{line.pk}/thanh-tich.pdf",
         {"doc": "achievement_report", "pk": nomination.pk, "line": line.pk}),
        ("truongkhoi", f"/khoi/{block_year.block.code}/{block_year.year}/tong-hop.pdf",
         {"doc": "block_consolidation", "pk": block_year.pk, "received_only": False}),
    ]


def test_every_pdf_of_a_page_is_a_job_for_its_owner_and_refused_to_another_agency(year_end_demo):
    for username, url, params in _urls():
        response = _as(username).get(url)
        job = Job.objects.latest("pk")
        assert response.status_code == 302 and response.url == f"/viec-nen/{job.pk}/", url
        assert job.kind == JobKind.DOCUMENT_PDF and job.params == params and job.owner.username == username, url
        assert job.status == JobStatus.QUEUED and job.task_id, url
        # Another agency's officer: the page finds nothing (404; 403 for the block's member, who sees
        # the block but not the head's desk) and the service refuses.
        count = Job.objects.count()
        assert _as("snv").get(url).status_code in (403, 404), url
        with pytest.raises(PermissionDenied):
            services.start_document_pdf(actor=User.objects.get(username="snv"), **params)
        assert Job.objects.count() == count, url


def test_an_unknown_document_is_refused(year_end_demo):
    with pytest.raises(ValueError):
        services.start_document_pdf(actor=User.objects.get(username="admin"), doc="bang-luong", pk=1)


def test_a_job_whose_scope_was_lost_before_it_ran_fails_in_vietnamese(year_end_demo):
    reg = Registration.objects.get(unit__code="SKHCN", year=2022)
    job = services.start_document_pdf(actor=User.objects.get(username="skhcn"), doc="registration", pk=reg.pk,
                                      kind="registration")
    User.objects.filter(username="skhcn").update(unit=User.objects.get(username="snv").unit)
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "không còn quyền" in job.error and not job.file


def test_the_worker_converts_the_document_and_only_the_owner_downloads_it(year_end_demo):
    block_year = BlockYear.objects.select_related("block").get(block__code="KHOI-TMTH", year=2022)
    owner = _as("truongkhoi")
    response = owner.get(f"/khoi/{block_year.block.code}/{block_year.year}/tong-hop.pdf")
    job = Job.objects.latest("pk")
    assert "every 1s" in owner.get(response.url).content.decode()  # the bar, until done
    run_job.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.progress, job.step) == (JobStatus.DONE, 100, "Đã xong"), job.error
    assert job.filename.endswith(".pdf") and job.file.name.startswith("jobs/")
    download = owner.get(f"/viec-nen/{job.pk}/tai/")
    content = b"".join(download.streaming_content)
    assert download.status_code == 200 and content[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
    assert "Sở Khoa học và Công nghệ" in text
    for other in ("skhcn", "snv", "bantdkt"):
        assert _as(other).get(f"/viec-nen/{job.pk}/tai/").status_code == 404
        assert _as(other).get(f"/viec-nen/{job.pk}/").status_code == 404
