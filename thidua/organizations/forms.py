"""Forms of the staff pages: they shape and bound the input; services.py validates and writes."""

from __future__ import annotations

import datetime as dt

from django import forms

from thidua.core.forms import IdChoiceField

from .models import DEPARTURES, MovementKind, Staff, Unit, UnitKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EARLIEST = dt.date(1900, 1, 1)


class BoundedDateField(forms.DateField):
    """A date between 1900 and ten years from now (a typo such as 0202 is refused here, with words)."""

    widget = DATE

    def clean(self, value):
        day = super().clean(value)
        if day is not None and not EARLIEST <= day <= dt.date.today().replace(year=dt.date.today().year + 10):
            raise forms.ValidationError("Ngày không hợp lệ.")
        return day


def agency_departments(agency: Unit):
    return agency.children.filter(kind=UnitKind.DEPARTMENT).order_by("position", "name")


class StaffForm(forms.ModelForm):
    """A person's particulars. On creation the department is chosen too; later changes of
    department go through the dated move form."""

    birth_date = BoundedDateField(label="Ngày sinh", required=False)
    active_from = BoundedDateField(label="Làm việc tại cơ quan từ", required=False)
    service_start = BoundedDateField(label="Ngày tuyển dụng (bắt đầu công tác)", required=False,
                                     help_text="Để trống khi đã công tác trọn năm; dùng khi xét Lao động tiên tiến.")
    department = IdChoiceField(label="Phòng, ban", queryset=Unit.objects.none(), required=False,
                                        empty_label="Lãnh đạo cơ quan")

    class Meta:
        model = Staff
        fields = ["full_name", "gender", "birth_date", "birth_year", "personal_id", "position", "kind",
                  "active_from", "service_start"]
        labels = {"birth_year": "Năm sinh (khi không rõ ngày sinh)"}
        widgets = {"gender": forms.Select(choices=[("", "—"), ("nam", "Nam"), ("nu", "Nữ")])}

    def __init__(self, *args, agency: Unit, with_department: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if with_department:
            self.fields["department"].queryset = agency_departments(agency)
        else:
            del self.fields["department"]
        self.fields["birth_year"].widget.attrs.update({"min": 1930, "max": dt.date.today().year})
        self.fields["personal_id"].widget.attrs.update({"inputmode": "numeric", "pattern": r"\d{12}"})

    def staff_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("department", None)
        return data


class MoveForm(forms.Form):
    department = IdChoiceField(label="Chuyển đến", queryset=Unit.objects.none(), required=False,
                                        empty_label="Lãnh đạo cơ quan")
    date = BoundedDateField(label="Từ ngày")
    note = forms.CharField(label="Căn cứ, ghi chú", max_length=255, required=False,
                           help_text="Ví dụ: Quyết định số 12/QĐ-SKHCN ngày 02/01/2024")

    def __init__(self, *args, agency: Unit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = agency_departments(agency)


class DepartForm(forms.Form):
    kind = forms.ChoiceField(label="Hình thức", choices=[(k.value, k.label) for k in MovementKind if k in DEPARTURES])
    date = BoundedDateField(label="Ngày thôi làm việc tại cơ quan")
    destination = forms.CharField(label="Nơi chuyển đến (khi chuyển công tác)", max_length=255, required=False)
    note = forms.CharField(label="Căn cứ, ghi chú", max_length=255, required=False,
                           help_text="Ví dụ: Quyết định nghỉ hưu số 45/QĐ-UBND ngày 15/06/2024")


# --- renaming, merging and splitting units -------------------------------------------------------

MAX_SUCCESSORS = 20


class UnitChangeForm(forms.Form):
    on = BoundedDateField(label="Có hiệu lực từ ngày")
    basis = forms.CharField(label="Văn bản căn cứ", max_length=500, required=False,
                            help_text="Số, ngày, trích yếu của quyết định đổi tên, hợp nhất, chia tách.")


class UnitRenameForm(UnitChangeForm):
    field_order = ["new_name", "document_name", "on", "basis"]
    new_name = forms.CharField(label="Tên mới", max_length=255)
    document_name = forms.CharField(label="Tên mới in trên văn bản", max_length=255, required=False)


class UnitMergeForm(UnitChangeForm):
    field_order = ["into_code", "into_name", "on", "basis"]
    into_code = forms.CharField(label="Mã đơn vị tiếp nhận", max_length=40,
                                help_text="Mã một đơn vị đã có, hoặc mã mới kèm tên để lập đơn vị mới.")
    into_name = forms.CharField(label="Tên đơn vị tiếp nhận (khi lập mới)", max_length=255, required=False)


class UnitSplitForm(UnitChangeForm):
    field_order = ["successors", "on", "basis"]
    successors = forms.CharField(
        label="Các đơn vị sau khi chia, tách", widget=forms.Textarea(attrs={"rows": 4}), max_length=6000,
        help_text="Mỗi dòng một đơn vị: MÃ (đơn vị đã có) hoặc MÃ = Tên (lập mới).")

    def clean_successors(self) -> list[tuple[str, str]]:
        pairs = []
        for line in self.cleaned_data["successors"].splitlines():
            code, _, name = line.partition("=")
            if code.strip():
                pairs.append((code.strip()[:40], name.strip()[:255]))
        if not pairs:
            raise forms.ValidationError("Cần ít nhất một đơn vị sau khi chia, tách.")
        if len(pairs) > MAX_SUCCESSORS:
            raise forms.ValidationError(f"Tối đa {MAX_SUCCESSORS} đơn vị.")
        return pairs
