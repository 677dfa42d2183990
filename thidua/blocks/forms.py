from __future__ import annotations

import datetime as dt

from django import forms

from thidua.core.forms import IdChoiceField, IdMultipleChoiceField
from thidua.emulation.models import MovementKind
from thidua.organizations.models import BlockKind, Unit

from .models import GroupKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKBOXES = {"attrs": {"style": "width:auto;flex:none"}}


class BlockCreateForm(forms.Form):
    code = forms.CharField(label="Mã khối", max_length=40, help_text="Ví dụ: KHOI-TMTH")
    name = forms.CharField(label="Tên khối, cụm", max_length=255)
    kind = forms.ChoiceField(label="Loại", choices=BlockKind.choices)


class BlockYearForm(forms.Form):
    members = IdMultipleChoiceField(label="Đơn vị thành viên", queryset=Unit.objects.none(),
                                             widget=forms.CheckboxSelectMultiple(**CHECKBOXES))
    head = IdChoiceField(label="Trưởng khối", queryset=Unit.objects.none(), required=False)
    deputy = IdChoiceField(label="Phó trưởng khối", queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("members", "head", "deputy"):
            self.fields[name].queryset = agencies


class CopyYearForm(forms.Form):
    from_year = forms.IntegerField(label="Sao chép từ năm", min_value=2000, max_value=2100)
    to_year = forms.IntegerField(label="Sang năm", min_value=2000, max_value=2100)
    rotate = forms.BooleanField(label="Luân phiên: phó trưởng khối năm trước làm trưởng khối", required=False,
                                initial=True)


class MovementForm(forms.Form):
    name = forms.CharField(label="Tên phong trào", max_length=300)
    kind = forms.ChoiceField(label="Loại", choices=MovementKind.choices)
    year = forms.IntegerField(label="Phát động cho năm", min_value=2000, max_value=2100,
                              initial=lambda: dt.date.today().year)
    start_date = forms.DateField(label="Bắt đầu", required=False, widget=DATE)
    end_date = forms.DateField(label="Kết thúc", required=False, widget=DATE)
    deadline = forms.DateField(label="Hạn đăng ký thi đua", required=False, widget=DATE)
    documents = forms.CharField(label="Văn bản kèm theo (mỗi văn bản một dòng)", required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    targets = IdMultipleChoiceField(label="Đơn vị phải hưởng ứng", queryset=Unit.objects.none(),
                                             widget=forms.CheckboxSelectMultiple(**CHECKBOXES))

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["targets"].queryset = agencies


class CompactForm(forms.Form):
    title = forms.CharField(label="Tiêu đề", max_length=300)
    place = forms.CharField(label="Địa danh", max_length=100, required=False)
    signed_on = forms.DateField(label="Ngày ký", required=False, widget=DATE)
    preamble = forms.CharField(label="Căn cứ, mở đầu", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    commitments = forms.CharField(label="Nội dung giao ước (mỗi nội dung một dòng)", required=False,
                                  widget=forms.Textarea(attrs={"rows": 8}))


class TableRowForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    row_kind = forms.ChoiceField(label="Dòng", choices=[("item", "Tiêu chí"), ("group", "Nhóm")], initial="item")
    number = forms.CharField(label="Số", max_length=10, required=False)
    text = forms.CharField(label="Nội dung", max_length=500, required=False)
    max_points = forms.DecimalField(label="Điểm tối đa", required=False, min_value=0, max_digits=6, decimal_places=2,
                                    localize=True)
    group_kind = forms.ChoiceField(label="Loại nhóm", choices=GroupKind.choices, initial=GroupKind.STANDARD)


TableRowFormSet = forms.formset_factory(TableRowForm, extra=4)


class ReviewForm(forms.Form):
    meeting_date = forms.DateField(label="Ngày họp bình xét", required=False, widget=DATE)
    province_flag_count = forms.IntegerField(label="Số Cờ thi đua cấp tỉnh Khối được đề nghị", min_value=0,
                                             max_value=20, initial=2)
    minutes = forms.CharField(label="Kết luận của hội nghị", required=False, widget=forms.Textarea(attrs={"rows": 3}))
