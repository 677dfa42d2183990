"""`thidua demo` loads SKHCN's completed 2022 year end as dossiers linked to the councils' sessions
and the issued decisions the decisions demo made, and loading it again changes nothing."""

from thidua.demo import load_demo
from thidua.yearend.models import (
    IndividualRegistration,
    Level,
    LineStatus,
    Nomination,
    NominationEvent,
    NominationLine,
)


def counts():
    return (Nomination.objects.count(), NominationLine.objects.count(),
            NominationEvent.objects.count(), IndividualRegistration.objects.count())


def test_the_demo_dossiers_link_to_the_sessions_and_the_issued_decisions(users):
    unit_level = Nomination.objects.get(unit__code="SKHCN", year=2022, level=Level.UNIT)
    provincial = Nomination.objects.get(unit__code="SKHCN", year=2022, level=Level.PROVINCE)
    assert (unit_level.number_display, provincial.number_display) == ("01/TTr-KHCN", "02/TTr-KHCN")
    assert unit_level.decision.number_display == "179/QĐ-KHCN" and unit_level.decision.status == "issued"
    assert provincial.decision.number_display == "2951/QĐ-UBND"
    for nomination in (unit_level, provincial):
        assert nomination.status == "decided" and not nomination.council_session.is_open
        for line in nomination.lines.exclude(status=LineStatus.RETURNED):
            assert line.candidate.session == nomination.council_session
            assert (line.status == LineStatus.PASSED) == line.candidate.ballot.passed
            assert (line.decision_line is not None) == (line.status == LineStatus.PASSED)
    returned = provincial.lines.filter(status=LineStatus.RETURNED)
    assert sorted(returned.values_list("code", flat=True)) == ["BK_BO", "CSTD_TQ"]
    assert all(line.return_reason for line in returned)
    assert provincial.events.filter(action="return_line", actor__username="bantdkt").count() == 2
    assert list(provincial.events.values_list("action", flat=True))[-1] == "decide"


def test_loading_the_demo_again_changes_nothing(users):
    before = counts()
    load_demo()
    assert counts() == before
