"""The administrator replaces a template through the admin: checked before it is saved."""

from __future__ import annotations

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.documents.models import DocumentTemplate
from thidua.documents.render import render_document
from thidua.documents.samples import SEED_REGISTRATION_CONTEXT

from .conftest import norm, read_docx

pytestmark = pytest.mark.django_db


def _docx(*lines: str) -> bytes:
    doc = docx.Document()
    for line in lines:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _post(client, data: bytes, name: str = "mau.docx"):
    url = reverse("admin:documents_documenttemplate_add")
    return client.post(url, {"kind": "registration", "note": "mẫu tỉnh", "file": SimpleUploadedFile(name, data)})


def test_add_form_lists_the_context_keys(admin_client):
    page = admin_client.get(reverse("admin:documents_documenttemplate_add")).content.decode()
    assert "signer.authority_line" in page and "targets[].individual_ratio" in page
    assert "{%tr for t in targets %}" in page


def test_broken_upload_is_refused(admin_client):
    response = _post(admin_client, _docx("{{ issuer "))
    assert response.status_code == 200
    assert "sai cú pháp" in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    response = _post(admin_client, b"abc", name="mau.pdf")
    assert ".docx" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_good_upload_is_used(admin_client):
    response = _post(admin_client, _docx("Mẫu của tỉnh: {{ issuer }}"))
    assert response.status_code == 302
    out = read_docx(render_document("registration", SEED_REGISTRATION_CONTEXT))
    assert [norm(p.text) for p in out.paragraphs] == ["Mẫu của tỉnh: SỞ KHOA HỌC VÀ CÔNG NGHỆ"]


def test_shipped_template_download(admin_client, client):
    url = reverse("admin:documents_documenttemplate_shipped", args=["cover_letter"])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert admin_client.get(reverse("admin:documents_documenttemplate_shipped", args=["x"])).status_code == 404
    assert client.get(url).status_code == 302  # anonymous: to the login page
