from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm

from .models import User

MAX_QUERY = 100


class OwnPasswordForm(PasswordChangeForm):
    """Django's form (old password checked, validators run) with Vietnamese labels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"
        self.fields["new_password1"].help_text = "Ít nhất 8 ký tự, không quá giống tên đăng nhập, không toàn chữ số."
        self.error_messages["password_incorrect"] = "Mật khẩu hiện tại không đúng."
        self.error_messages["password_mismatch"] = "Hai lần nhập mật khẩu mới không khớp."


class ResetPasswordForm(SetPasswordForm):
    def __init__(self, user: User, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"
        self.fields["new_password1"].help_text = "Báo mật khẩu cho người dùng và đề nghị họ đổi ngay sau khi đăng nhập."
        self.error_messages["password_mismatch"] = "Hai lần nhập mật khẩu mới không khớp."


class UserSearchForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên, tên đăng nhập", required=False, max_length=MAX_QUERY)


class AuditFilterForm(forms.Form):
    """Filters of the audit page; every field bounded, choices in words (no codes shown)."""

    person = forms.CharField(label="Người thực hiện (họ tên)", required=False, max_length=MAX_QUERY)
    unit = forms.TypedChoiceField(label="Đơn vị của người thực hiện", required=False, coerce=int, empty_value=None)
    act = forms.ChoiceField(label="Việc", required=False)
    kind = forms.ChoiceField(label="Loại đối tượng", required=False)
    object = forms.CharField(label="Đối tượng (tên hoặc số hiệu)", required=False, max_length=MAX_QUERY)
    since = forms.DateField(label="Từ ngày", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="Đến ngày", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units: list[tuple[int, str]], kinds: list[tuple[str, str]],
                 acts: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "Tất cả"), *units]
        self.fields["kind"].choices = [("", "Tất cả"), *kinds]
        self.fields["act"].choices = [("", "Tất cả"), *acts]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "Ngày cuối phải sau ngày đầu.")
        return data
