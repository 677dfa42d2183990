"""Pages with permissions: in scope, out of scope, anonymous."""

import pytest
from django.urls import reverse

from thidua.emulation import services
from thidua.emulation.models import Registration, Status


@pytest.fixture
def as_user(client, users):
    def login(name):
        client.force_login(users[name])
        return client

    return login


def form_data(reg: Registration, **overrides) -> dict:
    """What the editor page posts for a registration as it is saved."""
    from thidua.emulation.forms import RegistrationEditor

    editor = RegistrationEditor(reg)
    data = {"version": reg.version}
    for name, field in editor.header.fields.items():
        value = editor.header.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    for form in editor.targets:
        for name in form.fields:
            value = form.initial.get(name)
            data[f"{form.prefix}-{name}"] = "" if value is None else value
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_the_login_page_everywhere(client, seed_registration):
    for url in (reverse("registration_list"), reverse("registration_detail", args=[seed_registration.pk]),
                reverse("registration_download", args=[seed_registration.pk, "registration", "docx"])):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_agency_officer_sees_the_seed_registration(as_user, seed_registration):
    response = as_user("skhcn").get(reverse("registration_detail", args=[seed_registration.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "BẢN ĐĂNG KÝ THI ĐUA NĂM 2021" in body and "Đinh Bộ Sơn" in body
    assert "HEADING_YEAR_MISMATCH" in body and "Nghị định 91/2017/NĐ-CP Điều 9 khoản 3" in body


def test_another_agency_gets_not_found_by_url_guess(as_user, seed_registration):
    client = as_user("snv")
    for name, args in [("registration_detail", [seed_registration.pk]), ("registration_edit", [seed_registration.pk]),
                       ("registration_download", [seed_registration.pk, "registration", "docx"]),
                       ("registration_download", [seed_registration.pk, "cover_letter", "pdf"])]:
        assert client.get(reverse(name, args=args)).status_code == 404
    assert client.post(reverse("registration_submit", args=[seed_registration.pk])).status_code == 404
    assert "Sở Khoa học" not in client.get(reverse("registration_list")).content.decode()


def test_the_list_shows_the_block_head_all_members_and_the_inbox(as_user):
    client = as_user("truongkhoi")
    inbox = client.get(reverse("block_inbox")).content.decode()
    assert inbox.count("<tr>") == 8 and "Sở Khoa học và Công nghệ" in inbox and "Đã gửi" in inbox


def test_the_inbox_is_only_for_the_block_head(as_user):
    assert as_user("skhcn").get(reverse("block_inbox")).status_code == 403


def test_a_bad_number_keeps_everything_typed_and_saves_nothing(as_user, seed_registration):
    client = as_user("skhcn")
    data = form_data(seed_registration, addressee="Người nhận mới", **{"LDTT-individual_count": "-3",
                                                                         "doc_day": "35"})
    response = client.post(reverse("registration_edit", args=[seed_registration.pk]), data)
    body = response.content.decode()
    assert response.status_code == 422
    assert 'value="Người nhận mới"' in body and 'value="-3"' in body and 'value="35"' in body
    assert "Giá trị phải từ 1 đến 31." in body
    seed_registration.refresh_from_db()
    assert seed_registration.addressee != "Người nhận mới"


def test_saving_a_draft_with_errors_works_and_says_so(as_user, seed_registration):
    client = as_user("skhcn")
    data = form_data(seed_registration, **{"CSTDCS-individual_count": "10"})
    response = client.post(reverse("registration_edit", args=[seed_registration.pk]), data, follow=True)
    assert "Đã lưu bản nháp. Còn 1 lỗi" in response.content.decode()
    assert seed_registration.targets.get(award_type__code="CSTDCS").individual_count == 10


def test_a_second_editor_sees_the_conflict_and_keeps_their_input(as_user, seed_registration, users):
    client = as_user("skhcn")
    opened = form_data(seed_registration)
    first = dict(opened, addressee="Sửa của người thứ nhất")
    assert client.post(reverse("registration_edit", args=[seed_registration.pk]), first).status_code == 302
    second = dict(opened, addressee="Sửa của người thứ hai")
    response = client.post(reverse("registration_edit", args=[seed_registration.pk]), second)
    body = response.content.decode()
    assert response.status_code == 409
    assert "vừa được" in body and "Sửa của người thứ nhất" in body and 'value="Sửa của người thứ hai"' in body
    seed_registration.refresh_from_db()
    assert seed_registration.addressee == "Sửa của người thứ nhất"


def test_live_check_shows_findings_in_place_without_saving(as_user, seed_registration):
    client = as_user("skhcn")
    data = form_data(seed_registration, heading_year="2022", **{"LDTT-individual_count": "80"})
    response = client.post(reverse("registration_validate", args=[seed_registration.pk]), data,
                           HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "HEADING_YEAR_MISMATCH" not in body and "COUNT_OVER_HEADCOUNT" in body
    assert 'id="fm-LDTT-individual_count" hx-swap-oob="true"' in body
    seed_registration.refresh_from_db()
    assert seed_registration.heading_year == 2021


def test_submit_receive_and_return_through_the_pages(as_user, seed_registration, client, users):
    officer = as_user("skhcn")
    officer.post(reverse("registration_edit", args=[seed_registration.pk]), form_data(seed_registration,
                                                                                      heading_year="2022"))
    officer.post(reverse("registration_submit", args=[seed_registration.pk]))
    seed_registration.refresh_from_db()
    assert seed_registration.status == Status.SUBMITTED
    client.force_login(users["truongkhoi"])
    client.post(reverse("registration_return", args=[seed_registration.pk]), {"reason": "Bổ sung chỉ tiêu."})
    client.force_login(users["skhcn"])
    page = client.get(reverse("registration_detail", args=[seed_registration.pk])).content.decode()
    assert "Bổ sung chỉ tiêu." in page and "Bị trả lại" in page


def test_the_officer_can_open_next_years_registration(as_user, demo):
    client = as_user("skhcn")
    response = client.post(reverse("registration_start"), {"year": "2023"})
    reg = Registration.objects.get(unit__code="SKHCN", year=2023)
    assert response.url == reverse("registration_edit", args=[reg.pk])
    assert reg.addressee == "Trưởng Khối Thi đua các cơ quan tham mưu tổng hợp"  # carried over from 2022
    assert as_user("snv").post(reverse("registration_start"), {"year": "abc"}).status_code == 302


def test_list_inbox_and_detail_pages_do_not_query_per_row(as_user, seed_registration, django_assert_max_num_queries):
    client = as_user("truongkhoi")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("registration_list")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("block_inbox")).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("registration_detail", args=[seed_registration.pk])).status_code == 200
    with django_assert_max_num_queries(9):  # its paper and checks cached: the stamps instead of its parts
        assert client.get(reverse("registration_detail", args=[seed_registration.pk])).status_code == 200


def test_the_cached_list_follows_registrations_started_and_returned_through_the_services(as_user, seed_registration,
                                                                                          users):
    """The list's rows are cached under the province's stamp: a registration started, or one sent
    back, shows on the next view."""
    client = as_user("skhcn")
    assert "Chưa có bản đăng ký nào" in client.get(reverse("registration_list"), {"nam": "2023"}).content.decode()
    services.registration_start(actor=users["skhcn"], unit=seed_registration.unit, year=2023)
    listing = client.get(reverse("registration_list"), {"nam": "2023"}).content.decode()
    assert "Chưa có bản đăng ký nào" not in listing and "status-draft" in listing
    assert ">2023</td>" in client.get(reverse("registration_list"), {"nam": ""}).content.decode()
    if seed_registration.status != Status.SUBMITTED:
        seed_registration.status = Status.SUBMITTED
        seed_registration.save()
    assert "status-returned" not in client.get(reverse("registration_list"), {"nam": "2022"}).content.decode()
    services.registration_return(actor=users["truongkhoi"], registration=seed_registration, reason="Bổ sung.")
    assert "status-returned" in client.get(reverse("registration_list"), {"nam": "2022"}).content.decode()


def test_the_cached_list_of_one_scope_is_not_shown_to_another(as_user, seed_registration):
    """Cached rows are keyed by the user's reach: the block head sees its members, an agency then
    only its own."""
    assert "Sở Khoa học" in as_user("truongkhoi").get(reverse("registration_list"), {"nam": "2022"}).content.decode()
    assert "Sở Khoa học" not in as_user("snv").get(reverse("registration_list"), {"nam": "2022"}).content.decode()


def test_a_second_view_of_the_list_reads_only_the_stamps(as_user, seed_registration, django_assert_max_num_queries):
    client = as_user("bantdkt")
    client.get(reverse("registration_list"))
    with django_assert_max_num_queries(4):  # session, user and unit (the scope), the stamps
        assert client.get(reverse("registration_list")).status_code == 200


def test_the_cached_paper_and_checks_follow_an_edit_through_the_service(as_user, users, seed_registration):
    """The registration as printed and its checks are cached (emulation.views._page_context): targets,
    solutions and the heading year edited through the service show on the next view, for the block
    head too; a user of another agency still gets 404, never the cached paper."""
    from thidua.emulation import services

    url = reverse("registration_detail", args=[seed_registration.pk])
    page = as_user("skhcn").get(url).content.decode()
    assert "HEADING_YEAR_MISMATCH" in page and "Giải pháp mới" not in page
    assert as_user("truongkhoi").get(url).status_code == 200
    cstdcs = seed_registration.targets.get(award_type__code="CSTDCS")
    services.registration_update(
        actor=users["skhcn"], registration=seed_registration, expected_version=seed_registration.version,
        header={"heading_year": 2022}, targets=[services.TargetChange(cstdcs.award_type_id, None, "", 77, "14%")],
        solutions=["Giải pháp mới"], movements=[])
    for name in ("skhcn", "truongkhoi"):
        page = as_user(name).get(url).content.decode()
        assert "Giải pháp mới" in page and "HEADING_YEAR_MISMATCH" not in page
        row = page.split('<tr data-code="CSTDCS">', 1)[1].split("</tr>", 1)[0]
        assert "77" in row and "14%" in row
    assert as_user("snv").get(url).status_code == 404
