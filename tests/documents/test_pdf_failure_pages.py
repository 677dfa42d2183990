"""When the PDF converter fails, every PDF's background job says so in Vietnamese on its page (never
a 500, never LibreOffice's own English words): registration, council minutes, the block summary, the
dossier's documents, and the decision."""

from __future__ import annotations

import pytest
from django.test import Client

from thidua.accounts.models import User
from thidua.councils.models import Session, SessionStatus
from thidua.decisions.models import Decision, DecisionStatus
from thidua.emulation.models import Registration
from thidua.jobs.models import Job, JobStatus
from thidua.jobs.tasks import run_job
from thidua.organizations.models import BlockYear
from thidua.yearend.models import Nomination

MESSAGE = "Chưa chuyển được văn bản sang PDF"


@pytest.fixture
def failing_converter(settings):
    settings.THIDUA_SOFFICE = "/bin/false"  # runs, writes nothing, exits 1


def _as(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _says_why(client: Client, url: str) -> None:
    """The page starts a job; the worker's failure is explained on the job's page."""
    response = client.get(url)
    job = Job.objects.latest("pk")
    assert response.status_code == 302 and response.url == f"/viec-nen/{job.pk}/", url
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED, url
    text = client.get(response.url).content.decode()
    assert MESSAGE in text and "bản Word (.docx)" in text, url


@pytest.mark.django_db
def test_download_pages_explain_a_failed_conversion(year_end_demo, failing_converter):
    admin = _as("admin")
    reg = Registration.objects.get(unit__code="SKHCN", year=2022)
    _says_why(admin, f"/dang-ky/{reg.pk}/tai/registration.pdf")
    _says_why(admin, f"/dang-ky/{reg.pk}/tai/cover_letter.pdf")

    session = Session.objects.filter(status=SessionStatus.CLOSED).first()
    assert session is not None
    _says_why(admin, f"/phien-hop/{session.pk}/bien-ban.pdf")

    nomination = Nomination.objects.filter(council_session__status=SessionStatus.CLOSED).first()
    assert nomination is not None
    _says_why(admin, f"/ho-so-de-nghi/{nomination.pk}/bien-ban.pdf")

    block_year = BlockYear.objects.select_related("block").get(block__code="KHOI-TMTH", year=2022)
    base = f"/khoi/{block_year.block.code}/{block_year.year}/"
    _says_why(_as("truongkhoi"), base + "tong-hop.pdf")


@pytest.mark.django_db
def test_the_decision_pdf_job_fails_with_the_same_sentence(year_end_demo, failing_converter):
    decision = Decision.objects.filter(status=DecisionStatus.ISSUED).first()
    client = _as("admin")
    response = client.get(f"/quyet-dinh/{decision.pk}/tai.pdf")
    assert response.status_code == 302
    job = Job.objects.latest("pk")
    run_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    page = client.get(f"/viec-nen/{job.pk}/").content.decode()
    assert MESSAGE in page
