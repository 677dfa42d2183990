"""When the PDF converter fails, every download page says so in Vietnamese and sends the user back
to the object (never a 500, never LibreOffice's own English words): registration, council minutes,
the block summary, the dossier's documents, and the decision's background job."""

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


def _says_why(client: Client, url: str, back: str) -> None:
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    assert response.redirect_chain and response.redirect_chain[-1][0] == back, url
    text = response.content.decode()
    assert MESSAGE in text and "bản Word (.docx)" in text, url


@pytest.mark.django_db
def test_download_pages_explain_a_failed_conversion(year_end_demo, failing_converter):
    admin = _as("admin")
    reg = Registration.objects.get(unit__code="SKHCN", year=2022)
    _says_why(admin, f"/dang-ky/{reg.pk}/tai/registration.pdf", f"/dang-ky/{reg.pk}/")
    _says_why(admin, f"/dang-ky/{reg.pk}/tai/cover_letter.pdf", f"/dang-ky/{reg.pk}/")

    session = Session.objects.filter(status=SessionStatus.CLOSED).first()
    assert session is not None
    _says_why(admin, f"/phien-hop/{session.pk}/bien-ban.pdf", f"/phien-hop/{session.pk}/")

    nomination = Nomination.objects.filter(council_session__status=SessionStatus.CLOSED).first()
    assert nomination is not None
    _says_why(admin, f"/ho-so-de-nghi/{nomination.pk}/bien-ban.pdf", f"/ho-so-de-nghi/{nomination.pk}/")

    block_year = BlockYear.objects.select_related("block").get(block__code="KHOI-TMTH", year=2022)
    base = f"/khoi/{block_year.block.code}/{block_year.year}/"
    response = _as("truongkhoi").get(base + "tong-hop.pdf", follow=True)
    assert response.status_code == 200 and MESSAGE in response.content.decode()


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
