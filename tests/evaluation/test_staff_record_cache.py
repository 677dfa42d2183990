"""A person's cached record (evaluation.views.staff_detail): the year it judges when none is asked is
the person's latest rated year, else the calendar's, which no stamp follows."""

import datetime as dt
import types

from django.urls import reverse

from thidua.organizations import services
from thidua.organizations.models import Unit


class _Day(dt.date):
    """A calendar whose today the test turns."""

    now = dt.date(2026, 12, 31)

    @classmethod
    def today(cls):
        return cls.now


def test_the_record_of_someone_never_rated_turns_to_the_new_year_with_the_calendar(client, users, monkeypatch):
    person = services.staff_create(actor=users["skhcn"], agency=Unit.objects.get(code="SKHCN"),
                                   full_name="Người Chưa Xếp Loại", kind="cong_chuc", active_from=dt.date(2026, 3, 1))
    clock = types.SimpleNamespace(**{**vars(dt), "date": _Day})
    for module in ("thidua.evaluation.selectors", "thidua.evaluation.views"):
        monkeypatch.setattr(f"{module}.dt", clock)
    client.force_login(users["skhcn"])
    url = reverse("staff_detail", args=[person.pk])
    assert "Điều kiện xét danh hiệu năm 2026" in client.get(url).content.decode()
    monkeypatch.setattr(_Day, "now", dt.date(2027, 1, 1))
    assert "Điều kiện xét danh hiệu năm 2027" in client.get(url).content.decode()
