"""Cached values keyed by the stamps of the data they read (thidua.core.versions): read once,
read again after a write to their scope, in any process."""

import pytest
from django.core.cache import cache

from thidua.core import versions
from thidua.core.models import DataVersion

pytestmark = pytest.mark.django_db


def test_a_stamp_is_created_on_first_read_and_stays_until_a_bump():
    first = versions.stamps(["province:1", versions.CATALOG])
    assert DataVersion.objects.count() == 2
    assert versions.stamps(["province:1", versions.CATALOG]) == first
    versions.bump("province:1")
    after = versions.stamps(["province:1", versions.CATALOG])
    assert after[0] != first[0] and after[1] == first[1]


def test_a_bump_of_a_scope_never_read_creates_it():
    versions.bump("province:7")
    assert DataVersion.objects.filter(key="province:7").exists()


def test_a_cached_value_is_computed_once_then_again_after_its_scope_changes():
    cache.clear()
    calls = []

    def compute():
        calls.append(1)
        return f"value {len(calls)}"

    keys = ("province:3", versions.CATALOG)
    assert versions.cached("test", (1, 2022), keys, compute) == "value 1"
    assert versions.cached("test", (1, 2022), keys, compute) == "value 1"
    assert versions.cached("test", (2, 2022), keys, compute) == "value 2"  # other parts, other entry
    versions.bump("province:4")  # another province: nothing to do with it
    assert versions.cached("test", (1, 2022), keys, compute) == "value 1"
    versions.bump(versions.CATALOG)
    assert versions.cached("test", (1, 2022), keys, compute) == "value 3"
    assert len(calls) == 3


def test_a_saved_rating_bumps_its_persons_province(demo):
    from thidua.evaluation.models import Rating
    from thidua.organizations.models import Staff

    person = Staff.objects.select_related("agency").filter(agency__code="SKHCN").first()
    key = versions.province_key(person.agency.province_id)
    other = versions.province_key(None)
    before = versions.stamps([key, other])
    Rating.objects.update_or_create(staff=person, year=2030, defaults={"rating": "HTNV"})
    after = versions.stamps([key, other])
    assert after[0] != before[0] and after[1] == before[1]
