from __future__ import annotations

from django import forms

from thidua.accounts.models import User
from thidua.core.forms import IdChoiceField


class TokenForm(forms.Form):
    name = forms.CharField(label="Hệ thống dùng khóa", max_length=100,
                           help_text="Ví dụ: Cổng thông tin tỉnh, Phần mềm quản lý cán bộ")
    user = IdChoiceField(label="Thay mặt người dùng", queryset=User.objects.none(),
                                  help_text="Hệ thống dùng khóa thấy và làm đúng những gì người này được phép.")
    expires_on = forms.DateField(label="Hết hạn ngày (để trống: không hạn)", required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(is_active=True).select_related("unit").order_by("username")
        self.fields["user"].label_from_instance = lambda u: f"{u.username} – {u.display_name}" + (
            f" ({u.unit.short_name or u.unit.name})" if u.unit_id else "")
