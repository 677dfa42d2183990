"""The upload page: read a registration written elsewhere, show it, save a draft; in and out of scope."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.emulation.models import Registration, Status

from .legacy.build import text_to_docx

HERE = Path(__file__).parent / "legacy"


def _upload(name: str = "nghe_an_stc_2023.txt", as_word: bool = True) -> SimpleUploadedFile:
    text = (HERE / name).read_text(encoding="utf-8")
    if as_word:
        return SimpleUploadedFile("dang-ky.docx", text_to_docx(text))
    return SimpleUploadedFile("dang-ky.txt", text.encode())


def test_anonymous_is_sent_to_login(client, demo):
    for url in (reverse("legacy_upload"), reverse("legacy_save")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["bantdkt", "truongkhoi", "skhcn.lanhdao"])
def test_only_an_agency_officer_or_an_administrator_may_import(client, users, name):
    client.force_login(users[name])
    assert client.get(reverse("legacy_upload")).status_code == 403
    assert client.post(reverse("legacy_save"), {"unit": users["skhcn"].unit_id, "year": 2023}).status_code == 403


def test_the_page_shows_what_was_read_and_what_was_not_then_saves_a_draft(client, users):
    client.force_login(users["skhcn"])
    page = client.post(reverse("legacy_upload"), {"file": _upload()})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bằng khen của Bộ trưởng Bộ Tài chính" in html and "Giấy khen" in html
    assert "Nguyễn Văn Hùng" in html and "25/STC-VP" in html
    assert "III. TỔ CHỨC THỰC HIỆN" in html  # an unread line is shown
    assert "BK_BO" not in html  # no raw codes
    assert not Registration.objects.filter(unit__code="SKHCN", year=2023).exists()  # reading saves nothing
    own = users["skhcn"].unit.agency
    saved = client.post(reverse("legacy_save"), {"unit": own.pk, "year": 2023})
    reg = Registration.objects.get(unit__code="SKHCN", year=2023)
    assert saved.status_code == 302 and saved.url == reverse("registration_edit", args=[reg.pk])
    assert reg.status == Status.DRAFT
    assert reg.targets.get(award_type__code="BK_TINH").individual_count == 3


def test_an_officer_cannot_save_for_another_agency(client, users):
    from thidua.organizations.models import Unit

    client.force_login(users["skhcn"])
    client.post(reverse("legacy_upload"), {"file": _upload(as_word=False)})
    other = Unit.objects.get(code="SNV")
    response = client.post(reverse("legacy_save"), {"unit": other.pk, "year": 2023})
    assert response.status_code == 422
    assert not Registration.objects.filter(unit=other, year=2023).exists()


def test_an_administrator_chooses_the_agency(client, users):
    from thidua.organizations.models import Unit

    client.force_login(users["admin"])
    client.post(reverse("legacy_upload"), {"file": _upload("quang_ninh_snv_2024.txt")})
    snv = Unit.objects.get(code="SNV")
    assert client.post(reverse("legacy_save"), {"unit": snv.pk, "year": 2024}).status_code == 302
    assert Registration.objects.get(unit=snv, year=2024).signer_name == "Trần Thị Mai"


def test_a_file_that_is_not_a_registration_is_explained_not_an_error(client, users):
    client.force_login(users["skhcn"])
    response = client.post(reverse("legacy_upload"),
                           {"file": SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n\x00\x00")})
    assert response.status_code == 422
    assert "không phải" in response.content.decode().lower()
    response = client.post(reverse("legacy_save"), {"unit": users["skhcn"].unit_id, "year": 2023})
    assert response.status_code == 302 and response.url == reverse("legacy_upload")  # nothing read, nothing saved


def test_saving_over_a_submitted_registration_is_refused_with_a_message(client, users, seed_registration):
    Registration.objects.filter(pk=seed_registration.pk).update(status=Status.SUBMITTED)
    client.force_login(users["skhcn"])
    client.post(reverse("legacy_upload"), {"file": SimpleUploadedFile("dk.txt", HERE.joinpath(
        "..", "..", "data", "seed_registration.txt").read_bytes())})
    response = client.post(reverse("legacy_save"), {"unit": seed_registration.unit_id, "year": 2022})
    assert response.status_code == 422 and "đã gửi" in response.content.decode()
