"""Forms of the registration editor. They only parse and keep what was typed; the findings
(checks.py) and the saving (services.py) live elsewhere."""

from __future__ import annotations

from django import forms

from thidua.core import bounds, uploads
from thidua.core.forms import IdChoiceField
from thidua.organizations.models import Unit

from .checks import RegistrationInput, TargetInput
from .models import Registration, Target
from .services import HEADER_FIELDS, TargetChange

DAY = {"min_value": 1, "max_value": 31}
MONTH = {"min_value": 1, "max_value": 12}


class RegistrationHeaderForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    solutions_text = forms.CharField(
        label="Các giải pháp triển khai, thực hiện", required=False,
        widget=forms.Textarea(attrs={"rows": 8}), help_text="Mỗi giải pháp một dòng, theo thứ tự.",
    )
    movements_text = forms.CharField(
        label="Các phong trào, cuộc vận động do đơn vị phát động", required=False,
        widget=forms.Textarea(attrs={"rows": 6}), help_text="Mỗi phong trào một dòng, ghi như sẽ in.",
    )

    class Meta:
        model = Registration
        fields = HEADER_FIELDS
        widgets = {
            "preamble": forms.Textarea(attrs={"rows": 4}),
            "content_intro": forms.Textarea(attrs={"rows": 3}),
            "professional_goal": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("letter_day", "doc_day"):
            self.fields[name].widget.attrs.update({"min": 1, "max": 31})
            self.fields[name].validators.append(_range(**DAY))
        for name in ("letter_month", "doc_month"):
            self.fields[name].widget.attrs.update({"min": 1, "max": 12})
            self.fields[name].validators.append(_range(**MONTH))
        for name in ("heading_year", "letter_year", "doc_year"):
            self.fields[name].validators.append(_range(min_value=2000, max_value=2100))
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["solutions_text"] = "\n".join(s.text for s in self.instance.solutions.all())
            self.initial["movements_text"] = "\n".join(m.text for m in self.instance.movements.all())

    GROUPS = {
        "letter_fields": ["letter_number", "letter_symbol", "letter_day", "letter_month", "letter_year"],
        "date_fields": ["place", "doc_day", "doc_month", "doc_year"],
        "content_fields": ["preamble", "content_intro", "professional_goal", "solutions_text", "movements_text"],
        "signer_fields": ["signer_authority", "signer_authority_title", "signer_position", "signer_name"],
    }

    def __getattr__(self, name: str):
        # Template access to field groups: {% for f in form.letter_fields %}.
        if name in RegistrationHeaderForm.GROUPS:
            return [self[field] for field in RegistrationHeaderForm.GROUPS[name]]
        raise AttributeError(name)

    def clean(self):
        cleaned = super().clean()
        # A date kept in parts (a draft may leave the day blank) must still be a real date: 30/02 is
        # refused at its day field, never saved to fail later in the DOCX export.
        for prefix in ("letter", "doc"):
            names = [f"{prefix}_{part}" for part in ("day", "month", "year")]
            if any(name in self.errors for name in names):
                continue
            reason = bounds.partial_date_error(*(cleaned.get(name) for name in names))
            if reason:
                self.add_error(names[0], f"Ngày không có thật: {reason}")
        return cleaned

    def header(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in HEADER_FIELDS}

    def lines(self, name: str) -> list[str]:
        return [line for line in self.cleaned_data.get(name, "").splitlines() if line.strip()]


def _range(min_value: int, max_value: int):
    def check(value):
        if value is not None and not (min_value <= value <= max_value):
            raise forms.ValidationError(f"Giá trị phải từ {min_value} đến {max_value}.")

    return check


class TargetForm(forms.Form):
    collective_count = forms.IntegerField(min_value=0, max_value=100000, required=False, label="Tập thể – số lượng")
    collective_ratio = forms.CharField(max_length=20, required=False, label="Tập thể – tỷ lệ (%)")
    individual_count = forms.IntegerField(min_value=0, max_value=1000000, required=False, label="Cá nhân – số lượng")
    individual_ratio = forms.CharField(max_length=20, required=False, label="Cá nhân – tỷ lệ (%)")

    def __init__(self, *args, target: Target, **kwargs):
        self.target = target
        kwargs.setdefault("prefix", target.award_type.code)
        kwargs.setdefault("initial", {
            "collective_count": target.collective_count, "collective_ratio": target.collective_ratio,
            "individual_count": target.individual_count, "individual_ratio": target.individual_ratio,
        })
        super().__init__(*args, **kwargs)
        award = target.award_type
        for name in ("collective_count", "collective_ratio"):
            self.fields[name].widget.attrs["aria-label"] = f"{target.label} – {self.fields[name].label}"
            if not award.allows_collective():
                self.fields[name].widget.attrs["class"] = "not-applicable"
        for name in ("individual_count", "individual_ratio"):
            self.fields[name].widget.attrs["aria-label"] = f"{target.label} – {self.fields[name].label}"
            if not award.allows_individual():
                self.fields[name].widget.attrs["class"] = "not-applicable"

    def value(self, name: str):
        """The cleaned value, or for a field with a parse error, nothing (the typed text stays in the form)."""
        return getattr(self, "cleaned_data", {}).get(name) if name not in self.errors else None

    def change(self) -> TargetChange:
        return TargetChange(
            award_type_id=self.target.award_type_id,
            collective_count=self.value("collective_count"),
            collective_ratio=(self.value("collective_ratio") or "").strip(),
            individual_count=self.value("individual_count"),
            individual_ratio=(self.value("individual_ratio") or "").strip(),
        )

    def as_input(self) -> TargetInput:
        award, change = self.target.award_type, self.change()
        return TargetInput(
            code=award.code, label=self.target.label, allows_individual=award.allows_individual(),
            allows_collective=award.allows_collective(), collective_scope=award.collective_scope,
            collective_count=change.collective_count, collective_ratio=change.collective_ratio,
            individual_count=change.individual_count, individual_ratio=change.individual_ratio,
        )


class RegistrationEditor:
    """The header form and one form per target row, bound together."""

    def __init__(self, registration: Registration, data=None):
        self.registration = registration
        self.header = RegistrationHeaderForm(data, instance=registration)
        targets = sorted(registration.targets.all(), key=lambda t: (t.position, t.pk))
        self.targets = [TargetForm(data, target=t) for t in targets]

    def is_valid(self) -> bool:
        results = [self.header.is_valid()] + [f.is_valid() for f in self.targets]
        return all(results)

    def as_input(self) -> RegistrationInput:
        """What was typed, as far as it parses, for live checking."""
        self.is_valid()
        heading = self.header.cleaned_data.get("heading_year") if "heading_year" not in self.header.errors else None
        return RegistrationInput(year=self.registration.year, heading_year=heading,
                                 targets=[f.as_input() for f in self.targets])


class LegacyUploadForm(forms.Form):
    """A registration written outside the system, to be read (nothing is saved yet)."""

    file = forms.FileField(
        label="Tệp bản đăng ký (.docx hoặc .txt)",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.txt"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = uploads.size_text(uploads.max_bytes())
        self.fields["file"].help_text = f"Tệp Word (.docx) hoặc văn bản thuần; tối đa {limit}."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            uploads.check_size(upload.size, upload.name)
        except uploads.UploadError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


class LegacySaveForm(forms.Form):
    """Where the read registration goes: which agency (administrators choose) and which year."""

    unit = IdChoiceField(label="Đơn vị", queryset=Unit.objects.none())
    year = forms.IntegerField(label="Năm đăng ký", min_value=2000, max_value=2100)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.name
