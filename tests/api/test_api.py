"""The REST API, tested from its own OpenAPI document: it validates, every operation in it is called
for every demo role, in scope and out of scope, and answers match the schema's required fields."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

from thidua.api.models import ApiToken
from thidua.api.services import token_create, token_revoke
from thidua.audit.models import AuditEvent
from thidua.decisions.models import Decision, DecisionStatus
from thidua.emulation.models import Registration
from thidua.evaluation.models import Rating
from thidua.organizations.models import Staff, Unit

ROLES = ["admin", "bantdkt", "truongkhoi", "skhcn", "skhcn.lanhdao", "snv"]
BASE = "/api/v1"


@pytest.fixture
def tokens(users):
    return {name: token_create(actor=users["admin"], user=users[name], name=f"test {name}")[1] for name in ROLES}


@pytest.fixture
def call(client, tokens):
    def _call(role: str | None, method: str, path: str, body: dict | None = None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens[role]}"} if role else {}
        kwargs = {"content_type": "application/json", "data": json.dumps(body)} if body is not None else {}
        return getattr(client, method)(BASE + path, **kwargs, **headers)

    return _call


@pytest.fixture
def schema(client, users):
    return client.get(f"{BASE}/openapi.json").json()


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _assert_matches(schema: dict, node: dict, value) -> None:
    """The answer has every field the schema says is required, recursively (lists and objects)."""
    node = _resolve(schema, node)
    if "anyOf" in node:
        if value is None:
            return
        node = _resolve(schema, next(n for n in node["anyOf"] if n.get("type") != "null"))
    if node.get("type") == "array":
        for item in value:
            _assert_matches(schema, node["items"], item)
    elif node.get("type") == "object" or "properties" in node:
        assert isinstance(value, dict)
        for name in node.get("required", []):
            assert name in value, name
        for name, sub in node.get("properties", {}).items():
            if name in value:
                _assert_matches(schema, sub, value[name])


def test_the_openapi_document_validates(schema):
    validate(schema)
    assert schema["info"]["version"] == "1"
    assert "BearerAuth" in json.dumps(schema["components"]["securitySchemes"]) or schema["components"][
        "securitySchemes"]


def test_interactive_docs_load_only_local_assets(client, users):
    page = client.get(f"{BASE}/docs").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset  # no CDN
        assert finders.find(asset.removeprefix("/static/")), asset


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer nothing", "Bearer thd_guessed", "Token thd_x"])
def test_no_valid_token_no_data(client, users, header):
    response = client.get(f"{BASE}/units", **({"HTTP_AUTHORIZATION": header} if header else {}))
    assert response.status_code == 401
    assert response.headers["Content-Type"].startswith("application/json")


def test_revoked_expired_and_locked_tokens_are_refused(client, users):
    admin = users["admin"]
    revoked, raw_revoked = token_create(actor=admin, user=users["skhcn"], name="cũ")
    token_revoke(actor=admin, token=revoked)
    _, raw_expired = token_create(actor=admin, user=users["skhcn"], name="hết hạn",
                                  expires_on=dt.date.today() - dt.timedelta(days=1))
    _, raw_locked = token_create(actor=admin, user=users["snv"], name="khóa")
    users["snv"].is_active = False
    users["snv"].save()
    for raw in (raw_revoked, raw_expired, raw_locked):
        assert client.get(f"{BASE}/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_tokens_are_stored_hashed_and_only_administrators_make_them(users):
    token, raw = token_create(actor=users["admin"], user=users["skhcn"], name="cổng tỉnh")
    assert raw not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert token.prefix == raw[:12]
    with pytest.raises(Exception, match="quản trị"):
        token_create(actor=users["bantdkt"], user=users["bantdkt"], name="tự cấp")
    assert AuditEvent.objects.filter(action="api_token.create").exists()


# --- every GET operation of the schema, for every role ---------------------------------------

# Which roles see SKHCN's things (its unit, staff, 2022 registration, its decisions).
SEES_UNIT = {"admin", "bantdkt", "skhcn", "skhcn.lanhdao"}
SEES_REGISTRATION = SEES_UNIT | {"truongkhoi"}


def _path_values(users) -> dict[str, dict]:
    reg = Registration.objects.get(unit__code="SKHCN", year=2022)
    person = Staff.objects.filter(agency__code="SKHCN").order_by("pk").first()
    decision = Decision.objects.filter(lines__staff__agency__code="SKHCN", status=DecisionStatus.ISSUED,
                                       issuer__code="SKHCN").first()
    return {
        "code": {"value": "SKHCN", "sees": SEES_UNIT},
        "staff_id": {"value": person.pk, "sees": SEES_UNIT},
        "registration_id": {"value": reg.pk, "sees": SEES_REGISTRATION},
        "decision_id": {"value": decision.pk, "sees": SEES_UNIT},
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_read_operation_answers_each_role_within_its_scope(schema, call, users, role):
    values = _path_values(users)
    gets = [(path, op) for path, ops in schema["paths"].items() for method, op in ops.items() if method == "get"]
    assert len(gets) >= 12
    for path, op in gets:
        params = re.findall(r"{(\w+)}", path)
        url = path.removeprefix(BASE)
        expected = 200
        for name in params:
            url = url.replace(f"{{{name}}}", str(values[name]["value"]))
            if role not in values[name]["sees"]:
                expected = 404
        response = call(role, "get", url)
        assert response.status_code == expected, (role, url, response.content[:200])
        if expected == 200:
            body = response.json()
            _assert_matches(schema, op["responses"]["200"]["content"]["application/json"]["schema"], body)


@pytest.mark.parametrize("role", ROLES)
def test_lists_hold_only_what_the_role_may_see(call, role):
    units = {u["code"] for u in call(role, "get", "/units?limit=1000").json()["items"]}
    assert ("SKHCN" in units) == (role in SEES_UNIT)
    regs = {(r["unit"], r["year"]) for r in call(role, "get", "/registrations?limit=1000").json()["items"]}
    assert (("SKHCN", 2022) in regs) == (role in SEES_REGISTRATION)
    staff = call(role, "get", "/staff?unit=SKHCN&limit=1000").json()
    assert (staff["count"] == 73) == (role in SEES_UNIT) and (staff["count"] == 0) == (role not in SEES_UNIT)
    awards = call(role, "get", "/awards?limit=1000").json()["items"]
    visible_staff = {s["id"] for s in call(role, "get", "/staff?limit=1000").json()["items"]}
    assert all(a["staff_id"] in visible_staff for a in awards if a["staff_id"])


def test_pages_are_bounded(call):
    assert call("admin", "get", "/staff?limit=100000").status_code in (200, 422)
    body = call("admin", "get", "/staff?limit=100000").json()
    assert len(body.get("items", [])) <= 1000
    assert call("admin", "get", "/registrations?year=99999").status_code == 422
    assert call("admin", "get", "/units/" + "X" * 500).status_code == 404


def test_decisions_agree_with_the_decision_command(call):
    listed = call("bantdkt", "get", "/decisions?year=2022&limit=1000").json()["items"]
    issued = Decision.objects.filter(award_year=2022, issuer__province__code="TN")
    assert {d["id"] for d in listed} == set(issued.values_list("pk", flat=True))
    one = next(d for d in listed if d["lines"])
    detail = call("bantdkt", "get", f"/decisions/{one['id']}").json()
    assert len(detail["lines_detail"]) == one["lines"]
    assert sum(line["amount"] or 0 for line in detail["lines_detail"]) == one["total_amount"]


# --- writes through the services -------------------------------------------------------------


def test_registration_edit_checks_scope_version_and_input(call):
    reg = Registration.objects.get(unit__code="SKHCN", year=2022)
    body = {"version": reg.version, "header": {"signer_name": "Nguyễn Thị Hoa"},
            "targets": {"LDTT": {"individual": {"count": 68, "ratio": "> 95%"}}},
            "solutions": ["Giải pháp một.", "Giải pháp hai."]}
    assert call("snv", "patch", f"/registrations/{reg.pk}", body).status_code == 404
    assert call("skhcn.lanhdao", "patch", f"/registrations/{reg.pk}", body).status_code == 403
    saved = call("skhcn", "patch", f"/registrations/{reg.pk}", body)
    assert saved.status_code == 200, saved.content
    data = saved.json()
    assert data["version"] == reg.version + 1 and data["signer"]["name"] == "Nguyễn Thị Hoa"
    assert data["targets"]["LDTT"]["individual"] == {"count": 68, "ratio": "> 95%"}
    assert data["targets"]["CSTDCS"]["individual"]["count"] == 11  # untouched rows keep their values
    assert data["solutions"] == ["Giải pháp một.", "Giải pháp hai."]
    assert data["movements"]  # not sent, kept
    assert AuditEvent.objects.filter(action="registration.edit", object_id=str(reg.pk)).exists()
    stale = call("skhcn", "patch", f"/registrations/{reg.pk}", body)  # the old version again
    assert stale.status_code == 409 and stale.json()["version"] == reg.version + 1
    bad = call("skhcn", "patch", f"/registrations/{reg.pk}", {"version": reg.version + 1,
                                                               "header": {"doc_day": 40}})
    assert bad.status_code == 422
    unknown = call("skhcn", "patch", f"/registrations/{reg.pk}", {"version": reg.version + 1,
                                                                   "targets": {"XYZ": {"collective": None}}})
    assert unknown.status_code == 422 and unknown.json()["errors"]["targets"] == ["XYZ"]


def test_registration_create_and_submit(call):
    created = call("skhcn", "post", "/registrations", {"unit": "SKHCN", "year": 2023})
    assert created.status_code == 201 and created.json()["status"] == "draft"
    assert call("skhcn", "post", "/registrations", {"unit": "SKHCN", "year": 2023}).status_code == 409
    assert call("skhcn", "post", "/registrations", {"unit": "SNV", "year": 2023}).status_code == 404
    assert call("bantdkt", "post", "/registrations", {"unit": "SKHCN", "year": 2024}).status_code == 403
    submitted = call("skhcn", "post", f"/registrations/{created.json()['id']}/submit")
    assert submitted.status_code in (200, 422)
    if submitted.status_code == 422:  # errors in the document, or no block head to receive it in 2023
        assert submitted.json()["findings"] or "khối" in submitted.json()["detail"]
    else:
        assert submitted.json()["status"] == "submitted"


def test_ratings_are_written_through_the_service_all_or_nothing(call, staff):
    person, other = staff[0], staff[1]
    body = {"year": 2023, "ratings": [{"staff_id": person.pk, "rating": "HTXSNV"},
                                      {"staff_id": other.pk, "rating": "HTTNV", "note": "qua API"}]}
    assert call("snv", "put", "/ratings", body).status_code == 404
    assert call("bantdkt", "put", "/ratings", body).status_code == 403
    assert call("skhcn", "put", "/ratings", {**body, "ratings": [{"staff_id": person.pk,
                                                                  "rating": "GIOI"}]}).status_code == 422
    outsider = Staff.objects.exclude(agency__code="SKHCN").first()
    mixed = {"year": 2023, "ratings": [*body["ratings"], {"staff_id": outsider.pk, "rating": "HTNV"}]}
    assert call("skhcn", "put", "/ratings", mixed).status_code == 404
    assert not Rating.objects.filter(staff=person, year=2023).exists()
    saved = call("skhcn", "put", "/ratings", body)
    assert saved.status_code == 200
    assert Rating.objects.get(staff=other, year=2023).note == "qua API"
    assert AuditEvent.objects.filter(action="rating.set").count() >= 2
    listed = call("skhcn", "get", "/ratings?year=2023").json()["items"]
    assert {r["staff_id"] for r in listed} >= {person.pk, other.pk}


def test_collective_ratings(call):
    department = Unit.objects.filter(parent__code="SKHCN").first()
    body = {"year": 2023, "ratings": [{"unit": department.code, "rating": "HTXSNV"}]}
    assert call("snv", "put", "/collective-ratings", body).status_code == 404
    assert call("skhcn", "put", "/collective-ratings", body).status_code == 200
    assert call("skhcn", "get", "/collective-ratings?year=2023").json()["items"][0]["unit"] == department.code


def test_every_operation_of_the_schema_is_tested(schema):
    """Adding an endpoint without a test fails here: the list below is the tests' own coverage."""
    tested = {
        ("get", "*"),  # every GET: test_every_read_operation_answers_each_role_within_its_scope
        ("patch", "/api/v1/registrations/{registration_id}"), ("post", "/api/v1/registrations"),
        ("post", "/api/v1/registrations/{registration_id}/submit"), ("put", "/api/v1/ratings"),
        ("put", "/api/v1/collective-ratings"),
    }
    for path, ops in schema["paths"].items():
        for method in ops:
            assert method == "get" or (method, path) in tested, (method, path)


# --- the administrator's page ----------------------------------------------------------------


def test_token_page_for_administrators_only(client, users):
    client.force_login(users["bantdkt"])
    assert client.get("/khoa-api/").status_code == 403
    client.force_login(users["admin"])
    page = client.post("/khoa-api/", {"name": "Cổng thông tin tỉnh", "user": users["bantdkt"].pk})
    raw = re.search(r"thd_[A-Za-z0-9_\-]+", page.content.decode()).group(0)
    assert client.get(f"{BASE}/me", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["username"] == "bantdkt"
    assert raw not in client.get("/khoa-api/").content.decode()  # shown once
    token = ApiToken.objects.get(name="Cổng thông tin tỉnh")
    client.post(f"/khoa-api/{token.pk}/thu-hoi/")
    assert client.get(f"{BASE}/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
