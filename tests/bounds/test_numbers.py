"""Numbers past what a column holds, from any path (here a registration's target counts read from a
document or sent by a script): refused before anything is written, each row named."""

import pytest
from django.core.exceptions import ValidationError

from thidua.emulation import services
from thidua.emulation.models import Target


def test_target_counts_past_the_column_are_refused_and_nothing_is_saved(users, seed_registration):
    targets = list(seed_registration.targets.select_related("award_type").order_by("position"))
    before = {t.pk: (t.collective_count, t.individual_count) for t in targets}
    changes = [services.TargetChange(award_type_id=t.award_type_id, collective_count=t.collective_count,
                                     collective_ratio=t.collective_ratio, individual_count=t.individual_count,
                                     individual_ratio=t.individual_ratio) for t in targets]
    changes[0].individual_count = 10**20
    changes[1].collective_ratio = "9" * 500
    with pytest.raises(ValidationError) as caught:
        services.registration_update(actor=users["skhcn"], registration=seed_registration,
                                     expected_version=seed_registration.version, header={"addressee": "Mới"},
                                     targets=changes, solutions=[], movements=[])
    text = " ".join(caught.value.messages)
    assert targets[0].label in text and targets[1].label in text, text
    seed_registration.refresh_from_db()
    assert seed_registration.addressee != "Mới"
    assert {t.pk: (t.collective_count, t.individual_count) for t in Target.objects.filter(
        registration=seed_registration)} == before
