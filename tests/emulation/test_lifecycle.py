"""Draft → submitted → received, or returned with a reason → resubmitted; every step recorded."""

import pytest
from django.core.exceptions import PermissionDenied

from thidua.audit.models import AuditEvent
from thidua.emulation import services
from thidua.emulation.models import Action, Registration, Status


def edit(reg: Registration, actor, **header):
    reg.refresh_from_db()
    return services.registration_update(actor=actor, registration=reg, expected_version=reg.version,
                                        header=header, targets=[], solutions=[s.text for s in reg.solutions.all()],
                                        movements=[m.text for m in reg.movements.all()])


def test_the_seed_cannot_be_submitted_until_its_heading_year_is_fixed(seed_registration, users):
    with pytest.raises(services.SubmitBlocked) as blocked:
        services.registration_submit(actor=users["skhcn"], registration=seed_registration)
    assert [f.code for f in blocked.value.findings if f.level == "error"] == ["HEADING_YEAR_MISMATCH"]
    edit(seed_registration, users["skhcn"], heading_year=2022)
    reg = services.registration_submit(actor=users["skhcn"], registration=seed_registration)
    assert reg.status == Status.SUBMITTED  # warnings (quota, ratio) do not block


def test_the_whole_path_is_recorded_with_who_and_why(seed_registration, users):
    officer, head = users["skhcn"], users["truongkhoi"]
    edit(seed_registration, officer, heading_year=2022)
    services.registration_submit(actor=officer, registration=seed_registration)
    services.registration_return(actor=head, registration=seed_registration, reason="Tỷ lệ CSTĐCS vượt 15%.")
    assert services.last_return_reason(seed_registration) == "Tỷ lệ CSTĐCS vượt 15%."
    edit(seed_registration, officer, professional_goal="Phấn đấu hoàn thành xuất sắc nhiệm vụ năm 2022.")
    services.registration_submit(actor=officer, registration=seed_registration)
    reg = services.registration_receive(actor=head, registration=seed_registration)
    assert reg.status == Status.RECEIVED
    steps = list(reg.events.values_list("action", "from_status", "to_status", "actor__username"))
    assert steps[1:] == [
        (Action.EDIT, Status.DRAFT, Status.DRAFT, "skhcn"),
        (Action.SUBMIT, Status.DRAFT, Status.SUBMITTED, "skhcn"),
        (Action.RETURN, Status.SUBMITTED, Status.RETURNED, "truongkhoi"),
        (Action.EDIT, Status.RETURNED, Status.RETURNED, "skhcn"),
        (Action.SUBMIT, Status.RETURNED, Status.SUBMITTED, "skhcn"),
        (Action.RECEIVE, Status.SUBMITTED, Status.RECEIVED, "truongkhoi"),
    ]
    edit_audit = AuditEvent.objects.filter(action="registration.edit").first()
    assert edit_audit.changes["professional_goal"][1].startswith("Phấn đấu")


def test_a_received_registration_is_read_only(seed_registration, users):
    edit(seed_registration, users["skhcn"], heading_year=2022)
    services.registration_submit(actor=users["skhcn"], registration=seed_registration)
    services.registration_receive(actor=users["truongkhoi"], registration=seed_registration)
    with pytest.raises(PermissionDenied):
        edit(seed_registration, users["skhcn"], addressee="khác")
    with pytest.raises(PermissionDenied):
        services.registration_submit(actor=users["skhcn"], registration=seed_registration)


def test_returning_needs_a_reason(seed_registration, users):
    edit(seed_registration, users["skhcn"], heading_year=2022)
    services.registration_submit(actor=users["skhcn"], registration=seed_registration)
    with pytest.raises(ValueError, match="lý do"):
        services.registration_return(actor=users["truongkhoi"], registration=seed_registration, reason="  ")
    seed_registration.refresh_from_db()
    assert seed_registration.status == Status.SUBMITTED


def test_only_the_block_head_receives_and_only_the_agency_submits(seed_registration, users):
    with pytest.raises(PermissionDenied):
        services.registration_submit(actor=users["snv"], registration=seed_registration)
    edit(seed_registration, users["skhcn"], heading_year=2022)
    services.registration_submit(actor=users["skhcn"], registration=seed_registration)
    for name in ("skhcn", "snv", "skhcn.lanhdao"):
        with pytest.raises(PermissionDenied):
            services.registration_receive(actor=users[name], registration=seed_registration)


def test_the_agency_leader_may_submit_but_not_edit(seed_registration, users):
    with pytest.raises(PermissionDenied):
        edit(seed_registration, users["skhcn.lanhdao"], heading_year=2022)
    edit(seed_registration, users["skhcn"], heading_year=2022)
    assert services.registration_submit(actor=users["skhcn.lanhdao"], registration=seed_registration).status == \
        Status.SUBMITTED


def test_a_stale_editor_gets_a_conflict_not_a_silent_overwrite(seed_registration, users):
    stale_version = seed_registration.version
    edit(seed_registration, users["skhcn"], addressee="Người nhận A")
    with pytest.raises(services.EditConflict):
        services.registration_update(actor=users["skhcn"], registration=seed_registration,
                                     expected_version=stale_version, header={"addressee": "Người nhận B"},
                                     targets=[], solutions=[], movements=[])
    seed_registration.refresh_from_db()
    assert seed_registration.addressee == "Người nhận A"
    assert seed_registration.solutions.count() == 11  # the stale save removed nothing


def test_editing_targets_and_lines_saves_them_in_order(seed_registration, users):
    cstdcs = seed_registration.targets.get(award_type__code="CSTDCS")
    change = services.TargetChange(cstdcs.award_type_id, None, "", 10, "14%")
    services.registration_update(actor=users["skhcn"], registration=seed_registration,
                                 expected_version=seed_registration.version, header={}, targets=[change],
                                 solutions=["Một", " ", "Hai"], movements=["Phong trào A"])
    cstdcs.refresh_from_db()
    assert (cstdcs.individual_count, cstdcs.individual_ratio) == (10, "14%")
    assert list(seed_registration.solutions.values_list("position", "text")) == [(1, "Một"), (2, "Hai")]
    assert list(seed_registration.movements.values_list("text", flat=True)) == ["Phong trào A"]


def test_a_new_registration_has_one_row_per_catalog_title(demo, users):
    from thidua.organizations.models import Unit

    reg = services.registration_start(actor=users["skhcn"], unit=Unit.objects.get(code="SKHCN"), year=2023)
    assert reg.targets.count() == 17 and reg.heading_year == 2023 and reg.status == Status.DRAFT
    with pytest.raises(PermissionDenied):
        services.registration_start(actor=users["snv"], unit=Unit.objects.get(code="SKHCN"), year=2024)


def test_next_years_draft_carries_last_years_content_forward(seed_registration, users):
    reg = services.registration_start(actor=users["skhcn"], unit=seed_registration.unit, year=2023)
    assert reg.preamble.startswith("Hưởng ứng phong trào thi đua năm 2023")
    assert reg.solutions.first().text.startswith("Thông qua chương trình tổng kết công tác năm 2022")
    assert reg.movements.count() == 6 and reg.signer_name == "Đinh Bộ Sơn"
    assert reg.targets.get(award_type__code="CSTDCS").individual_count == 11
    assert reg.heading_year == 2023 and reg.status == Status.DRAFT
    assert reg.events.get().reason == "Tạo từ bản đăng ký năm 2022"
