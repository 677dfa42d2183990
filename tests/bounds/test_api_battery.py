"""The REST API's writes (issue 9's battery, as another system would send it): JSON of the wrong
types, huge numbers, NaN and infinity, 10,000-character text, bodies that are not JSON, odd ids.
Each answer is a 4xx in Vietnamese (never pydantic's English, never a 500) and a refusal changes
nothing (tests/bounds/probe.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from thidua.accounts.models import User
from thidua.api.services import token_create
from thidua.emulation.models import Registration
from thidua.organizations.models import Staff

from .probe import send

JSON_BAD = {
    "string": "²", "huge": 10**20, "int64": 9223372036854775807, "negative": -1, "nan": float("nan"),
    "inf": float("inf"), "null": None, "list": [1, 2], "object": {"a": 1}, "long": "Đ" * 10_000, "bool": True,
}


def _api_bodies(registration_id: int, staff_id: int, version: int) -> Iterator[tuple[str, str, dict]]:
    reg = f"/api/v1/registrations/{registration_id}"
    templates = [
        ("post", "/api/v1/registrations", {"unit": "SKHCN", "year": 2031}),
        ("patch", reg, {"version": version, "header": {"letter_number": "12", "doc_day": 3},
                        "targets": {"CSTDCS": {"individual": {"count": 2, "ratio": "10%"}}},
                        "solutions": ["a"]}),
        ("put", "/api/v1/ratings", {"year": 2022, "ratings": [{"staff_id": staff_id, "rating": "HTTNV"}]}),
        ("put", "/api/v1/collective-ratings", {"year": 2022, "ratings": [{"unit": "SKHCN", "rating": "HTTNV"}]}),
    ]
    for method, path, body in templates:
        yield method, path, body
        for key in _leaves(body):
            for value in JSON_BAD.values():
                yield method, path, _replace(body, key, value)
    for method, path, _ in templates:
        yield method, path, "{not json"  # type: ignore[misc]
        yield method, path, []  # type: ignore[misc]
    yield "post", f"/api/v1/registrations/{registration_id}/submit", {}
    yield "patch", "/api/v1/registrations/99999999999999999999999", {"version": 1}
    yield "patch", "/api/v1/registrations/-1", {"version": 1}


def _leaves(node, prefix=()) -> Iterator[tuple]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield (*prefix, k)
            yield from _leaves(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield (*prefix, i)
            yield from _leaves(v, (*prefix, i))


def _replace(node, key: tuple, value):
    copy = json.loads(json.dumps(node))
    target = copy
    for k in key[:-1]:
        target = target[k]
    target[key[-1]] = value
    return copy


@pytest.mark.django_db
def test_api_writes_answer_bad_json_with_a_vietnamese_4xx(year_end_demo, client):
    users = {u.username: u for u in User.objects.all()}
    token = token_create(actor=users["admin"], user=users["skhcn"], name="probe")[1]
    reg = Registration.objects.filter(unit__code="SKHCN").order_by("-year").first()
    staff = Staff.objects.filter(agency__code="SKHCN").first()
    client.raise_request_exception = False
    failures = []
    for method, path, body in _api_bodies(reg.pk, staff.pk, reg.version):
        raw = body if isinstance(body, str) else json.dumps(body)  # NaN and Infinity as Python writes them
        response, problems = send(client, method, path, raw, content_type="application/json",
                                   api=True, HTTP_AUTHORIZATION=f"Bearer {token}")
        failures += [f"{method.upper()} {path} {raw[:80]}: {p}" for p in problems]
        if response.status_code in (200, 201) and isinstance(body, dict) and body and "nan" in raw.lower():
            failures.append(f"{method.upper()} {path} {raw[:80]}: NaN accepted")
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:200])


def test_a_wrong_type_is_named_at_its_field_in_vietnamese(year_end_demo, client):
    users = {u.username: u for u in User.objects.all()}
    token = token_create(actor=users["admin"], user=users["skhcn"], name="probe")[1]
    body = {"year": "²", "ratings": [{"staff_id": 10**20, "rating": "X"}]}
    response = client.put("/api/v1/ratings", json.dumps(body), content_type="application/json",
                          HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["year"] == ["Phải là số nguyên."]
    assert errors["ratings.0.staff_id"] == [f"Không được lớn hơn {2**63 - 1}."]
    assert errors["ratings.0.rating"][0].startswith("Không phải giá trị được chấp nhận ('HTXSNV', ")
