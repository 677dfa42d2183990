"""Pages of the law as data: the law in force for a day and a province (read-only, every signed-in
user), base salaries (an administrator enters and confirms them)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import modelform_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from thidua.accounts.scope import is_admin
from thidua.core import bounds
from thidua.organizations.models import Province
from thidua.organizations.policy import home_agency, rules_province_for

from . import criteria as criteria_fields
from . import services
from .law import law_in_force
from .models import AwardType, BaseSalary


def _admin_only(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied("Chỉ quản trị viên được nhập, xác nhận mức lương cơ sở.")


def _day(value: str | None) -> dt.date:
    try:
        day = dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return dt.date.today()
    return day if dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31) else dt.date.today()


def law_in_force_page(request: HttpRequest) -> HttpResponse:
    """"Quy định đang áp dụng": what the system would apply on a day (default today) for a province
    (default the user's; an administrator may choose any), each value with its source."""
    home = home_agency(request.user)
    own = home.province if home else None
    province = own
    provinces = Province.objects.order_by("name") if is_admin(request.user) else []
    wanted = (request.GET.get("tinh") or "")[:20]
    if wanted and is_admin(request.user):
        province = Province.objects.filter(code=wanted).first() or own
    if province is None and is_admin(request.user):
        province = Province.objects.order_by("name").first()
    day = _day(request.GET.get("ngay"))
    return render(request, "catalog/law_in_force.html", {
        "law": law_in_force(day, province), "provinces": provinces, "may_edit_own": _may_edit_own(request.user),
    })


def _may_edit_own(user) -> bool:
    return rules_province_for(user) is not None


def base_salary_list(request: HttpRequest) -> HttpResponse:
    """Every base salary with its basis and whether it is confirmed; an administrator confirms or adds."""
    return render(request, "catalog/base_salaries.html", {
        "salaries": BaseSalary.objects.select_related("confirmed_by").order_by("-valid_from"),
        "may_edit": is_admin(request.user),
    })


@require_POST
def base_salary_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    _admin_only(request)
    salary = get_object_or_404(BaseSalary, pk=pk)
    try:
        services.base_salary_confirm(actor=request.user, salary=salary, basis=request.POST.get("basis", "")[:300])
    except services.LawError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã xác nhận mức lương cơ sở.")
    return redirect("base_salary_list")


@require_POST
def base_salary_add(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    try:
        day = bounds.parse_date(request.POST.get("valid_from", ""), "Ngày áp dụng")
        if day is None:
            raise ValidationError("Cần ghi ngày áp dụng.")
    except ValidationError as exc:
        messages.error(request, bounds.user_message(exc))
        return redirect("base_salary_list")
    try:
        services.base_salary_add(actor=request.user, amount=services.parse_amount(request.POST.get("amount", "")[:20]),
                                 valid_from=day, basis=request.POST.get("basis", "")[:300])
    except services.LawError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã lưu mức lương cơ sở.")
    return redirect("base_salary_list")


# --- a province's own overrides ----------------------------------------------------------------


def _override_form(kind: str, data=None, instance=None):
    model, fields, _ = services.OVERRIDE_KINDS[kind]
    form_class = modelform_factory(model, fields=fields, widgets={
        "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    })
    form = form_class(data, instance=instance)
    # Officers choose titles by name, never type a code.
    awards = [("", "---------"), *AwardType.objects.order_by("position", "code").values_list("code", "name")]
    for name in ("code", "base_code"):
        if name in form.fields:
            form.fields[name] = forms.ChoiceField(label=form.fields[name].label, choices=awards)
    if "key" in form.fields:
        form.fields["key"] = forms.ChoiceField(label=form.fields["key"].label,
                                               choices=[(k, criteria_fields.label(k)) for k in criteria_fields.KEYS])
    if "value" in form.fields:
        form.fields["value"].help_text = ("Một số; có hoặc không; một xếp loại (ví dụ: Hoàn thành tốt nhiệm vụ); "
                                          "một phạm vi (cấp cơ sở, cấp bộ, ngành, tỉnh, toàn quốc); hoặc tên các "
                                          "bộ quy định, cách nhau bởi dấu chấm phẩy.")
    if "rule_set" in form.fields:
        form.fields["rule_set"].label_from_instance = lambda rule_set: rule_set.name
    if "codes" in form.fields:
        form.fields["codes"] = _CodesField(label=form.fields["codes"].label, choices=awards[1:], required=False,
                                           help_text="Không chọn: mọi danh hiệu, hình thức của cấp này.")
    return form


class _CodesField(forms.MultipleChoiceField):
    """Titles chosen by name, stored as the comma-separated codes `VoteThreshold.codes` holds."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return [c for c in value.split(",") if c] if isinstance(value, str) else value

    def clean(self, value) -> str:
        return ",".join(super().clean(value))


def _kind(kind: str) -> str:
    if kind not in services.OVERRIDE_KINDS:
        raise Http404
    return kind


def province_rules(request: HttpRequest) -> HttpResponse:
    """A province board officer's own rows of each kind, with a form to add one."""
    province = services.override_province(request.user)
    sections = []
    for kind, (model, _, label) in services.OVERRIDE_KINDS.items():
        sections.append({"kind": kind, "label": label,
                         "rows": model.objects.filter(province=province).select_related("rule_set"),
                         "form": _override_form(kind)})
    return render(request, "catalog/province_rules.html", {"province": province, "sections": sections})


def province_rule_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    """Add (no pk) or edit one of the province's own rows; a national row is never found here."""
    province = services.override_province(request.user)
    model, _, label = services.OVERRIDE_KINDS[_kind(kind)]
    row = get_object_or_404(model, pk=pk, province=province) if pk else model(province=province)
    form = _override_form(kind, request.POST if request.method == "POST" else None, instance=row)
    if request.method == "POST" and form.is_valid():
        try:
            services.override_save(actor=request.user, row=form.save(commit=False))
        except services.LawError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Đã lưu {label} riêng của {province}.")
            return redirect("province_rules")
    return render(request, "catalog/province_rule_form.html", {"form": form, "label": label, "row": row,
                                                               "kind": kind, "province": province})


@require_POST
def province_rule_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    province = services.override_province(request.user)
    model, _, label = services.OVERRIDE_KINDS[_kind(kind)]
    row = get_object_or_404(model, pk=pk, province=province)
    services.override_delete(actor=request.user, row=row)
    messages.success(request, f"Đã xóa {label} riêng của tỉnh; quy định chung được áp dụng lại.")
    return redirect("province_rules")
