"""Numbers per issuing body, symbol and year: "05/QĐ-UBND", restarting each year, never reused, never
shared — also when two decisions are issued at the same moment."""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from thidua.decisions import services
from thidua.decisions.models import Decision, NumberCounter, format_number


def test_numbers_print_with_a_leading_zero_below_ten():
    assert format_number(5, "QĐ-UBND") == "05/QĐ-UBND"
    assert format_number(10, "QĐ-UBND") == "10/QĐ-UBND"
    assert format_number(123, "QĐ-KHCN") == "123/QĐ-KHCN"
    assert format_number(None, "QĐ-UBND") == "     /QĐ-UBND"
    with pytest.raises(ValueError):
        format_number(0, "QĐ")


def _issue(org, draft, issuer, day, **kw):
    decision = draft(issuer, [("LDTT", org.staff[len(Decision.objects.all()) % 12])], **kw)
    return services.decision_issue(actor=org.users["admin"], decision=decision, date=day)


def test_numbers_follow_each_other_per_issuer_symbol_and_year_and_restart_each_year(org, draft):
    day = dt.date(2022, 12, 20)
    first = _issue(org, draft, org.skhcn, day, year=2021)
    second = _issue(org, draft, org.skhcn, day, year=2020)
    other_body = _issue(org, draft, org.ubnd, day, year=2021)
    next_year = _issue(org, draft, org.skhcn, dt.date(2023, 1, 5), year=2019)
    assert [first.number_display, second.number_display] == ["01/QĐ-KHCN", "02/QĐ-KHCN"]
    assert other_body.number_display == "01/QĐ-UBND"
    assert (next_year.number_display, next_year.year) == ("01/QĐ-KHCN", 2023)


def test_a_number_given_by_hand_must_be_above_every_number_given(org, draft):
    day = dt.date(2022, 12, 20)
    _issue(org, draft, org.skhcn, day, year=2021)
    decision = draft(org.skhcn, [("LDTT", org.staff[5])], year=2020)
    with pytest.raises(services.DecisionError, match="không được dùng lại"):
        services.decision_issue(actor=org.users["admin"], decision=decision, date=day, number=1)
    issued = services.decision_issue(actor=org.users["admin"], decision=decision, date=day, number=40)
    assert issued.number_display == "40/QĐ-KHCN"
    assert _issue(org, draft, org.skhcn, day, year=2019).number == 41


def test_the_register_can_start_after_numbers_given_outside_the_system(org, draft):
    NumberCounter.objects.create(issuer=org.ubnd, symbol="QĐ-UBND", year=2022, last=2950)
    assert _issue(org, draft, org.ubnd, dt.date(2022, 12, 28)).number_display == "2951/QĐ-UBND"


def test_a_revoked_decision_keeps_its_number_and_the_number_is_not_given_again(org, draft):
    admin = org.users["admin"]
    day = dt.date(2022, 12, 20)
    first = _issue(org, draft, org.skhcn, day)
    revocation = services.decision_draft_revocation(actor=admin, decision=first, reason="Nhầm đối tượng")
    revocation = services.decision_issue(actor=admin, decision=revocation, date=dt.date(2022, 12, 22))
    first.refresh_from_db()
    assert (first.status, first.number_display) == ("revoked", "01/QĐ-KHCN")
    assert revocation.number_display == "02/QĐ-KHCN"


def test_the_database_refuses_two_decisions_with_the_same_number(org, draft):
    a = _issue(org, draft, org.skhcn, dt.date(2022, 12, 20))
    b = draft(org.skhcn, [("LDTT", org.staff[7])])
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=b.pk).update(number=a.number, year=a.year, date=a.date, status="issued")


def _threads_can_share_the_test_database() -> bool:
    if connection.vendor == "postgresql":
        return True
    name = str(connection.settings_dict.get("TEST", {}).get("NAME") or "")
    return connection.vendor == "sqlite" and bool(name) and "memory" not in name


@pytest.mark.django_db(transaction=True)
def test_decisions_issued_at_the_same_moment_never_share_a_number():
    """Six threads, each with its own database connection, issue six drafts at once."""
    if not _threads_can_share_the_test_database():
        pytest.skip("needs PostgreSQL or a file SQLite test database (THIDUA_TEST_SQLITE): in-memory SQLite "
                    "cannot be shared between threads; sequential uniqueness is tested above")
    from councils.builders import build_org
    from django.apps import apps

    from thidua.catalog.reference import load_law
    from thidua.decisions.services import LineSpec, decision_create, decision_issue

    load_law(apps)  # a transactional test starts from empty tables
    org = build_org()
    admin = org.users["admin"]
    drafts = [decision_create(actor=admin, issuer=org.ubnd, award_year=2022, title=f"Về việc khen thưởng {i}",
                              lines=[LineSpec(code="BK_TINH", staff=org.staff[i])]).pk for i in range(6)]
    barrier = threading.Barrier(len(drafts))
    errors: list[BaseException] = []

    def issue(pk: int) -> None:
        try:
            barrier.wait(timeout=30)
            decision_issue(actor=admin, decision=Decision.objects.get(pk=pk), date=dt.date(2022, 12, 28))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(pk,)) for pk in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    numbers = sorted(Decision.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert NumberCounter.objects.get(issuer=org.ubnd, symbol="QĐ-UBND", year=2022).last == 6
