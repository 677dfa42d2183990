"""REST API v1 for other systems: the same scope as the pages (accounts.scope and the apps'
policies), the same services for every write (validation, version check, audit).

Authentication: `Authorization: Bearer thd_…`, a token an administrator made on /khoa-api/ for a
user; the system then sees and does what that user may. What a user may not see answers 404, as on
the pages, so ids cannot be probed."""

# No `from __future__ import annotations` here: django-ninja reads the annotations at import time.
import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.responses import Status as Reply
from ninja.schema import DjangoGetter
from ninja.security import HttpBearer
from pydantic import ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from thidua.core.bounds import BIGINT_MAX
from thidua.decisions.policy import decisions_for
from thidua.emulation import services as emulation
from thidua.emulation.forms import RegistrationEditor
from thidua.emulation.models import Registration
from thidua.emulation.models import Status as RegistrationStatus
from thidua.emulation.policy import registrations_for
from thidua.emulation.selectors import registration_findings, registration_with_parts
from thidua.evaluation import services as evaluation
from thidua.evaluation.models import AwardRecord, CollectiveRating, Rating, RatingLevel
from thidua.organizations.models import UnitKind
from thidua.organizations.policy import staff_for, units_for

from .services import token_user


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = token_user(token)
        if user is not None:
            request.user = user  # the policies read request.user, as on the pages
        return user


api = NinjaAPI(
    title="thidua API",
    version="1",
    description=(
        "API của hệ thống quản lý thi đua – khen thưởng. Xác thực: `Authorization: Bearer <khóa>` do quản trị "
        "hệ thống cấp cho một người dùng; hệ thống dùng khóa thấy và làm đúng những gì người dùng đó được phép. "
        "Đối tượng ngoài phạm vi trả về 404."
    ),
    auth=TokenAuth(),
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None


class FindingOut(Schema):
    level: str
    code: str
    target: str
    message: str
    basis: str


class Conflict(Schema):
    detail: str
    version: int


class Blocked(Schema):
    detail: str
    findings: list[FindingOut]


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Không có quyền."}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy, hoặc bạn không được xem."}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": "Dữ liệu không hợp lệ.", "errors": errors}, status=422)


# pydantic's error types, said in Vietnamese: its own messages ("Input should be a valid integer")
# are English and would reach the other system's users as they are.
_SCHEMA_MESSAGES = {
    "missing": "Bắt buộc phải có.",
    "int_type": "Phải là số nguyên.",
    "int_parsing": "Phải là số nguyên.",
    "int_from_float": "Phải là số nguyên.",
    "float_type": "Phải là số.",
    "float_parsing": "Phải là số.",
    "finite_number": "Phải là số hữu hạn (không nhận NaN, vô cực).",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_long": "Dài quá {max_length} ký tự.",
    "string_too_short": "Ngắn hơn {min_length} ký tự.",
    "greater_than_equal": "Phải từ {ge} trở lên.",
    "greater_than": "Phải lớn hơn {gt}.",
    "less_than_equal": "Không được lớn hơn {le}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "too_long": "Nhiều quá {max_length} phần tử.",
    "too_short": "Cần ít nhất {min_length} phần tử.",
    "list_type": "Phải là một danh sách.",
    "dict_type": "Phải là một đối tượng.",
    "model_type": "Phải là một đối tượng.",
    "model_attributes_type": "Phải là một đối tượng.",
    "bool_type": "Phải là true hoặc false.",
    "bool_parsing": "Phải là true hoặc false.",
    "enum": "Không phải giá trị được chấp nhận ({expected}).",
    "literal_error": "Không phải giá trị được chấp nhận ({expected}).",
    "json_invalid": "Nội dung không phải JSON hợp lệ.",
    "json_type": "Nội dung không phải JSON hợp lệ.",
    "date_type": "Phải là ngày dạng YYYY-MM-DD.",
    "date_parsing": "Phải là ngày dạng YYYY-MM-DD.",
    "date_from_datetime_parsing": "Phải là ngày dạng YYYY-MM-DD.",
}


def _schema_message(error: dict) -> str:
    template = _SCHEMA_MESSAGES.get(error.get("type", ""), "Giá trị không hợp lệ.")
    try:
        ctx = {k: str(v).replace(" or ", " hoặc ") for k, v in (error.get("ctx") or {}).items()}
        return template.format(**ctx)
    except (KeyError, IndexError, ValueError):
        return template.split(" (", 1)[0].rstrip(".") + "."


@api.exception_handler(SchemaError)
def _schema_invalid(request, exc):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        # ninja's location starts with where the value came from (body, query, path) and the
        # parameter's name; what follows is the field inside it.
        loc = [str(part) for part in error.get("loc", ())]
        where = ".".join(loc[2:] if len(loc) > 2 and loc[0] == "body" else loc[1:] or loc) or "__all__"
        errors.setdefault(where, []).append(_schema_message(error))
    return api.create_response(request, {"detail": "Dữ liệu không hợp lệ.", "errors": errors}, status=422)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    # ninja's own HttpErrors are English ("Cannot parse request body"); the status says what happened.
    detail = "Nội dung yêu cầu không đọc được (cần JSON hợp lệ)." if exc.status_code == 400 else "Yêu cầu không hợp lệ."
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


def _user(request: HttpRequest):
    return request.auth


# --- schemas ---------------------------------------------------------------------------------


class Me(Schema):
    username: str
    name: str
    role: str
    unit: str | None


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    province: str = Field(..., alias="province.code")
    parent: str | None = Field(None, alias="parent.code")
    active_from: dt.date | None
    active_to: dt.date | None


class StaffOut(Schema):
    id: int
    full_name: str
    gender: str
    birth_year: int | None
    position: str
    kind: str
    agency: str = Field(..., alias="agency.code")
    department: str | None = Field(None, alias="department.code")
    active_from: dt.date | None
    active_to: dt.date | None


class AwardOut(Schema):
    id: int
    code: str
    year: int
    staff_id: int | None
    unit: str | None = Field(None, alias="unit.code")
    decision_number: str
    awarded_on: dt.date | None
    issuer: str
    note: str


class Body(Schema):
    """A part of a request body: a JSON object. ninja's Schema reads any Python object by its
    attributes, so `"header": NaN` would pass as an empty header; a JSON number, string, boolean or
    list is refused here (responses still read model objects)."""

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, values: Any, handler: Any, info: ValidationInfo) -> Any:
        # Replaces ninja's validator of the same name, which wraps any value for attribute reading.
        if isinstance(values, (int, float, str, list, tuple)):
            raise PydanticCustomError("dict_type", "not an object")
        return handler(DjangoGetter(values, cls, info.context))


class TargetValue(Body):
    count: int | None = Field(None, ge=0, le=1_000_000)
    ratio: str | None = Field(None, max_length=20)


class TargetOut(Schema):
    label: str
    collective: TargetValue | None
    individual: TargetValue | None


class RegistrationSummary(Schema):
    id: int
    unit: str
    year: int
    status: str
    version: int
    updated_at: dt.datetime


class RegistrationOut(RegistrationSummary):
    heading_year: int
    addressee: str
    letter_number: str
    letter_symbol: str
    place: str
    date: dict
    signer: dict
    preamble: str
    content_intro: str
    professional_goal: str
    solutions: list[str]
    movements: list[str]
    targets: dict[str, TargetOut]


class RegistrationCreate(Schema):
    unit: str = Field(..., max_length=40)
    year: int = Field(..., ge=2000, le=2100)


class HeaderIn(Body):
    heading_year: int | None = Field(None, ge=2000, le=2100)
    addressee: str | None = Field(None, max_length=300)
    letter_number: str | None = Field(None, max_length=20)
    letter_symbol: str | None = Field(None, max_length=40)
    letter_day: int | None = Field(None, ge=1, le=31)
    letter_month: int | None = Field(None, ge=1, le=12)
    letter_year: int | None = Field(None, ge=2000, le=2100)
    place: str | None = Field(None, max_length=100)
    doc_day: int | None = Field(None, ge=1, le=31)
    doc_month: int | None = Field(None, ge=1, le=12)
    doc_year: int | None = Field(None, ge=2000, le=2100)
    preamble: str | None = Field(None, max_length=5000)
    content_intro: str | None = Field(None, max_length=5000)
    professional_goal: str | None = Field(None, max_length=5000)
    signer_authority: Literal["", "KT.", "TM.", "Q.", "TL.", "TUQ."] | None = None
    signer_authority_title: str | None = Field(None, max_length=100)
    signer_position: str | None = Field(None, max_length=100)
    signer_name: str | None = Field(None, max_length=150)


class TargetIn(Body):
    collective: TargetValue | None = None
    individual: TargetValue | None = None


class RegistrationPatch(Schema):
    version: int = Field(..., ge=1, description="phiên bản đang sửa; khác phiên bản đã lưu thì trả 409")
    header: HeaderIn | None = None
    targets: dict[str, TargetIn] | None = Field(None, description="theo mã danh mục; mã không nêu giữ nguyên")
    solutions: list[str] | None = Field(None, max_length=200)
    movements: list[str] | None = Field(None, max_length=200)


class DecisionSummary(Schema):
    id: int
    number: str
    date: dt.date | None
    issuer: str
    title: str
    award_year: int
    status: str
    lines: int
    total_amount: int


class DecisionLineOut(Schema):
    position: int
    code: str
    award_name: str
    year: int
    name: str
    job_title: str
    unit_name: str
    collective: bool
    staff_id: int | None
    unit: str | None
    amount: int | None
    withdrawn: bool


class DecisionOut(DecisionSummary):
    authority: str
    signer: str
    lines_detail: list[DecisionLineOut]


class RatingOut(Schema):
    staff_id: int
    full_name: str = Field(..., alias="staff.full_name")
    year: int
    rating: str
    note: str


class RatingIn(Body):
    staff_id: int = Field(..., ge=1, le=BIGINT_MAX)
    rating: RatingLevel
    note: str = Field("", max_length=255)


class RatingsIn(Schema):
    year: int = Field(..., ge=1945, le=2100)
    ratings: list[RatingIn] = Field(..., min_length=1, max_length=2000)


class CollectiveRatingOut(Schema):
    unit: str = Field(..., alias="unit.code")
    year: int
    rating: str
    note: str


class CollectiveRatingIn(Body):
    unit: str = Field(..., max_length=40)
    rating: RatingLevel
    note: str = Field("", max_length=255)


class CollectiveRatingsIn(Schema):
    year: int = Field(..., ge=1945, le=2100)
    ratings: list[CollectiveRatingIn] = Field(..., min_length=1, max_length=500)


# --- who am I --------------------------------------------------------------------------------


@api.get("/me", response=Me, tags=["tài khoản"], summary="Người dùng mà khóa đang thay mặt")
def me(request):
    user = _user(request)
    return {"username": user.username, "name": user.display_name, "role": user.role,
            "unit": user.unit.code if user.unit_id else None}


# --- units and staff -------------------------------------------------------------------------

units = Router(tags=["đơn vị, cán bộ"])


@units.get("/units", response=list[UnitOut], summary="Đơn vị được xem")
@paginate(LimitOffsetPagination)
def unit_list(request, kind: UnitKind | None = None, province: str | None = Query(None, max_length=20)):
    qs = units_for(_user(request)).select_related("province", "parent")
    if kind:
        qs = qs.filter(kind=kind)
    if province:
        qs = qs.filter(province__code=province)
    return qs.order_by("province__code", "position", "name")


@units.get("/units/{code}", response={200: UnitOut, 404: Error}, summary="Một đơn vị")
def unit_detail(request, code: str):
    return get_object_or_404(units_for(_user(request)).select_related("province", "parent"), code=code[:40])


@units.get("/staff", response=list[StaffOut], summary="Cán bộ, công chức, viên chức được xem")
@paginate(LimitOffsetPagination)
def staff_list(request, unit: str | None = Query(None, max_length=40, description="mã cơ quan"),
               year: int | None = Query(None, ge=1945, le=2100, description="đang làm việc trong năm")):
    qs = staff_for(_user(request)).select_related("agency", "department")
    if unit:
        qs = qs.filter(agency__code=unit)
    if year:
        qs = qs.active_in_year(year)
    return qs.order_by("agency__code", "full_name", "pk")


@units.get("/staff/{staff_id}", response={200: StaffOut, 404: Error}, summary="Một người")
def staff_detail(request, staff_id: int):
    return get_object_or_404(staff_for(_user(request)).select_related("agency", "department"), pk=staff_id)


# --- award history ---------------------------------------------------------------------------

awards = Router(tags=["khen thưởng đã nhận"])


def _awards_in_scope(user):
    return AwardRecord.objects.filter(
        Q(staff__in=staff_for(user)) | Q(unit__in=units_for(user))
    ).select_related("unit")


@awards.get("/awards", response=list[AwardOut], summary="Lịch sử khen thưởng (cá nhân và tập thể) được xem")
@paginate(LimitOffsetPagination)
def award_list(request, year: int | None = Query(None, ge=1945, le=2100), code: str | None = Query(None, max_length=20),
               unit: str | None = Query(None, max_length=40, description="mã cơ quan: người của cơ quan và tập thể")):
    qs = _awards_in_scope(_user(request))
    if year:
        qs = qs.filter(year=year)
    if code:
        qs = qs.filter(code=code)
    if unit:
        qs = qs.filter(Q(staff__agency__code=unit) | Q(unit__code=unit) | Q(unit__parent__code=unit))
    return qs.order_by("-year", "code", "pk")


@awards.get("/staff/{staff_id}/awards", response={200: list[AwardOut], 404: Error},
            summary="Khen thưởng một người đã nhận")
def staff_awards(request, staff_id: int):
    person = get_object_or_404(staff_for(_user(request)), pk=staff_id)
    return list(AwardRecord.objects.filter(staff=person).select_related("unit").order_by("-year", "code"))


# --- registrations ---------------------------------------------------------------------------

registrations = Router(tags=["bản đăng ký thi đua"])


def _side(count: int | None, ratio: str) -> dict | None:
    return {"count": count, "ratio": ratio or None} if count is not None or ratio else None


def _registration_out(reg: Registration) -> dict:
    targets = sorted(reg.targets.all(), key=lambda t: (t.position, t.pk))
    return {
        "id": reg.pk, "unit": reg.unit.code, "year": reg.year, "status": reg.status, "version": reg.version,
        "updated_at": reg.updated_at, "heading_year": reg.heading_year, "addressee": reg.addressee,
        "letter_number": reg.letter_number, "letter_symbol": reg.letter_symbol, "place": reg.place,
        "date": {"day": reg.doc_day, "month": reg.doc_month, "year": reg.doc_year},
        "signer": {"authority": reg.signer_authority, "authority_title": reg.signer_authority_title,
                   "position": reg.signer_position, "name": reg.signer_name},
        "preamble": reg.preamble, "content_intro": reg.content_intro, "professional_goal": reg.professional_goal,
        "solutions": [s.text for s in reg.solutions.all()],
        "movements": [m.text for m in reg.movements.all()],
        "targets": {t.award_type.code: {"label": t.label,
                                        "collective": _side(t.collective_count, t.collective_ratio),
                                        "individual": _side(t.individual_count, t.individual_ratio)}
                    for t in targets},
    }


def _visible_registration(request, registration_id: int) -> Registration:
    return get_object_or_404(registration_with_parts(registrations_for(_user(request))), pk=registration_id)


@registrations.get("/registrations", response=list[RegistrationSummary], summary="Bản đăng ký được xem")
@paginate(LimitOffsetPagination)
def registration_list(request, year: int | None = Query(None, ge=2000, le=2100),
                      unit: str | None = Query(None, max_length=40), status: RegistrationStatus | None = None):
    qs = registrations_for(_user(request))
    if year:
        qs = qs.filter(year=year)
    if unit:
        qs = qs.filter(unit__code=unit)
    if status:
        qs = qs.filter(status=status)
    return [{"id": r.pk, "unit": r.unit.code, "year": r.year, "status": r.status, "version": r.version,
             "updated_at": r.updated_at} for r in qs.order_by("-year", "unit__code")]


@registrations.get("/registrations/{registration_id}", response={200: RegistrationOut, 404: Error},
                   summary="Một bản đăng ký, đủ nội dung và chỉ tiêu")
def registration_detail(request, registration_id: int):
    return _registration_out(_visible_registration(request, registration_id))


@registrations.get("/registrations/{registration_id}/findings", response={200: list[FindingOut], 404: Error},
                   summary="Kết quả kiểm tra bản đăng ký (như lệnh registration check)")
def registration_check(request, registration_id: int):
    _, findings = registration_findings(_visible_registration(request, registration_id))
    return [f.as_json() for f in findings]


@registrations.post("/registrations", response={201: RegistrationOut, 403: Error, 404: Error, 409: Error},
                    summary="Lập bản đăng ký mới của một cơ quan cho một năm")
def registration_create(request, payload: RegistrationCreate):
    user = _user(request)
    unit = get_object_or_404(units_for(user).filter(kind=UnitKind.AGENCY), code=payload.unit)
    if Registration.objects.filter(unit=unit, year=payload.year).exists():
        return Reply(409, {"detail": f"Đơn vị đã có bản đăng ký năm {payload.year}."})
    reg = emulation.registration_start(actor=user, unit=unit, year=payload.year)
    return Reply(201, _registration_out(registration_with_parts(Registration.objects).get(pk=reg.pk)))


def _editor_data(reg: Registration, payload: RegistrationPatch) -> tuple[dict, list[str]]:
    """What the editor page would post: the saved values, with the payload's on top. Unknown codes
    are reported, not ignored."""
    editor = RegistrationEditor(reg)
    data: dict = {"version": payload.version}
    for name, field in editor.header.fields.items():
        value = editor.header.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    for name, value in (payload.header.model_dump(exclude_unset=True) if payload.header else {}).items():
        data[name] = "" if value is None else value
    if payload.solutions is not None:
        data["solutions_text"] = "\n".join(line.replace("\n", " ") for line in payload.solutions)
    if payload.movements is not None:
        data["movements_text"] = "\n".join(line.replace("\n", " ") for line in payload.movements)
    forms = {form.target.award_type.code: form for form in editor.targets}
    for form in forms.values():
        for name in form.fields:
            value = form.initial.get(name)
            data[f"{form.prefix}-{name}"] = "" if value is None else value
    unknown = []
    for code, target in (payload.targets or {}).items():
        form = forms.get(code)
        if form is None:
            unknown.append(code)
            continue
        for side in ("collective", "individual"):
            if side in target.model_fields_set:
                value = getattr(target, side)
                data[f"{form.prefix}-{side}_count"] = "" if value is None or value.count is None else value.count
                data[f"{form.prefix}-{side}_ratio"] = "" if value is None or value.ratio is None else value.ratio
    return data, unknown


@registrations.patch("/registrations/{registration_id}",
                     response={200: RegistrationOut, 403: Error, 404: Error, 409: Conflict, 422: Error},
                     summary="Sửa bản đăng ký (dự thảo hoặc bị trả lại), kiểm tra phiên bản")
def registration_update(request, registration_id: int, payload: RegistrationPatch):
    user = _user(request)
    reg = _visible_registration(request, registration_id)
    data, unknown = _editor_data(reg, payload)
    if unknown:
        return Reply(422, {"detail": "Mã danh hiệu không có trong bản đăng ký.", "errors": {"targets": unknown}})
    editor = RegistrationEditor(reg, data)
    if not editor.is_valid():
        errors = {name: list(messages) for name, messages in editor.header.errors.items()}
        for form in editor.targets:
            errors.update({f"{form.prefix}.{name}": list(m) for name, m in form.errors.items()})
        return Reply(422, {"detail": "Dữ liệu không hợp lệ.", "errors": errors})
    try:
        emulation.registration_update(
            actor=user, registration=reg, expected_version=payload.version, header=editor.header.header(),
            targets=[f.change() for f in editor.targets], solutions=editor.header.lines("solutions_text"),
            movements=editor.header.lines("movements_text"),
        )
    except emulation.EditConflict as exc:
        return Reply(409, {"detail": str(exc), "version": exc.current.version})
    return _registration_out(registration_with_parts(Registration.objects).get(pk=reg.pk))


@registrations.post("/registrations/{registration_id}/submit",
                    response={200: RegistrationOut, 403: Error, 404: Error, 422: Blocked},
                    summary="Gửi bản đăng ký lên trưởng khối (khi không còn lỗi)")
def registration_submit(request, registration_id: int):
    reg = _visible_registration(request, registration_id)
    try:
        emulation.registration_submit(actor=_user(request), registration=reg)
    except emulation.SubmitBlocked as exc:
        return Reply(422, {"detail": str(exc), "findings": [f.as_json() for f in exc.findings]})
    except emulation.NoRecipient as exc:  # no block head would receive it that year: say why
        return Reply(422, {"detail": str(exc), "findings": []})
    return _registration_out(registration_with_parts(Registration.objects).get(pk=reg.pk))


# --- decisions -------------------------------------------------------------------------------

decisions = Router(tags=["quyết định khen thưởng"])


def _decision_summary(d) -> dict:
    return {"id": d.pk, "number": d.number_display if d.number else "", "date": d.date, "issuer": d.issuer.name,
            "title": d.title, "award_year": d.award_year, "status": d.status, "lines": d.line_count,
            "total_amount": d.amount or 0}


def _decisions(user):
    return decisions_for(user).annotate(line_count=Count("lines"), amount=Sum("lines__amount"))


@decisions.get("/decisions", response=list[DecisionSummary], summary="Quyết định được xem")
@paginate(LimitOffsetPagination)
def decision_list(request, year: int | None = Query(None, ge=1945, le=2100, description="khen thưởng cho năm"),
                  status: str | None = Query(None, max_length=10)):
    qs = _decisions(_user(request))
    if year:
        qs = qs.filter(award_year=year)
    if status:
        qs = qs.filter(status=status)
    return [_decision_summary(d) for d in qs.order_by("-date", "-number", "-pk")]


@decisions.get("/decisions/{decision_id}", response={200: DecisionOut, 404: Error},
               summary="Một quyết định với danh sách khen thưởng")
def decision_detail(request, decision_id: int):
    d = get_object_or_404(_decisions(_user(request)), pk=decision_id)
    signer = " ".join(filter(None, [d.signer_authority, d.signer_title, d.signer_position, d.signer_name]))
    lines = d.lines.select_related("unit").order_by("position", "pk")
    return {**_decision_summary(d), "authority": d.authority, "signer": signer, "lines_detail": [
        {"position": line.position, "code": line.code, "award_name": line.award_name, "year": line.year,
         "name": line.name, "job_title": line.job_title, "unit_name": line.unit_name,
         "collective": line.is_collective, "staff_id": line.staff_id,
         "unit": line.unit.code if line.unit_id else None, "amount": line.amount,
         "withdrawn": line.revoked_by_id is not None} for line in lines]}


# --- ratings ---------------------------------------------------------------------------------

ratings = Router(tags=["xếp loại"])


@ratings.get("/ratings", response=list[RatingOut], summary="Xếp loại cá nhân được xem")
@paginate(LimitOffsetPagination)
def rating_list(request, year: int | None = Query(None, ge=1945, le=2100),
                unit: str | None = Query(None, max_length=40)):
    qs = Rating.objects.filter(staff__in=staff_for(_user(request))).select_related("staff")
    if year:
        qs = qs.filter(year=year)
    if unit:
        qs = qs.filter(staff__agency__code=unit)
    return qs.order_by("-year", "staff__full_name", "pk")


@ratings.put("/ratings", response={200: list[RatingOut], 403: Error, 404: Error, 422: Error},
             summary="Ghi xếp loại cá nhân của một năm (tất cả hoặc không gì)")
def rating_put(request, payload: RatingsIn):
    user = _user(request)
    visible = staff_for(user).in_bulk([item.staff_id for item in payload.ratings])
    missing = sorted({item.staff_id for item in payload.ratings} - set(visible))
    if missing:
        return Reply(404, {"detail": "Không tìm thấy, hoặc bạn không được xem.",
                           "errors": {"staff_id": [str(pk) for pk in missing]}})
    with transaction.atomic():
        saved = [evaluation.rating_set(actor=user, staff=visible[item.staff_id], year=payload.year,
                                       rating=item.rating, note=item.note) for item in payload.ratings]
    return saved


@ratings.get("/collective-ratings", response=list[CollectiveRatingOut], summary="Xếp loại tập thể được xem")
@paginate(LimitOffsetPagination)
def collective_rating_list(request, year: int | None = Query(None, ge=1945, le=2100)):
    qs = CollectiveRating.objects.filter(unit__in=units_for(_user(request))).select_related("unit")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "unit__code")


@ratings.put("/collective-ratings", response={200: list[CollectiveRatingOut], 403: Error, 404: Error, 422: Error},
             summary="Ghi xếp loại tập thể của một năm (tất cả hoặc không gì)")
def collective_rating_put(request, payload: CollectiveRatingsIn):
    user = _user(request)
    visible = {u.code: u for u in units_for(user).filter(code__in=[item.unit for item in payload.ratings])}
    missing = sorted({item.unit for item in payload.ratings} - set(visible))
    if missing:
        return Reply(404, {"detail": "Không tìm thấy, hoặc bạn không được xem.", "errors": {"unit": missing}})
    with transaction.atomic():
        saved = [evaluation.collective_rating_set(actor=user, unit=visible[item.unit], year=payload.year,
                                                  rating=item.rating, note=item.note) for item in payload.ratings]
    return saved


for router in (units, awards, registrations, decisions, ratings):
    api.add_router("", router)
