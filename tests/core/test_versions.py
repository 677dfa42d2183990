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


def test_within_a_request_each_stamp_is_read_once_and_a_write_reads_it_again(django_assert_num_queries):
    keys = ["province:5", versions.CATALOG]
    first = versions.stamps(keys)  # rows made outside the block
    with versions.reading_once():
        with django_assert_num_queries(1):
            assert versions.stamps(keys) == first
            assert versions.stamps(keys[:1]) == first[:1]  # already read: no query
            assert versions.cached("test-once", (1,), keys, lambda: "v") == "v"
        versions.bump("province:5")  # a write in the same request
        with django_assert_num_queries(1):
            after = versions.stamps(keys)
        assert after[0] != first[0] and after[1] == first[1]
    with django_assert_num_queries(1):  # outside a request: every read asks the database
        versions.stamps(keys)


def test_a_page_reads_the_stamps_once_per_request(demo, client, django_assert_max_num_queries):
    """The individual registrations page has two cached parts under the same stamps: one read."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.accounts.models import User

    client.force_login(User.objects.get(username="skhcn"))
    client.get("/don-vi/SKHCN/dang-ky-ca-nhan/?nam=2022")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/don-vi/SKHCN/dang-ky-ca-nhan/?nam=2022").status_code == 200
    assert sum('"core_dataversion"' in q["sql"] for q in queries.captured_queries) == 1
