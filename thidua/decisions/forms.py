"""The print-position form of certificates on pre-printed blanks (mm offsets, bounded)."""

from __future__ import annotations

from django import forms

from .certificates import SLOTS
from .models import CertificateLayout

LIMIT = 100


def _offset(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, min_value=-LIMIT, max_value=LIMIT, decimal_places=1,
                              max_digits=4, initial=0,
                              widget=forms.NumberInput(attrs={"step": "0.5", "class": "narrow"}))


class LayoutForm(forms.Form):
    offset_x = _offset("Cả trang: sang phải (mm)")
    offset_y = _offset("Cả trang: xuống dưới (mm)")

    def __init__(self, *args, layout: CertificateLayout | None, **kwargs) -> None:
        saved = (layout.field_offsets if layout else {}) or {}
        initial = {"offset_x": layout.offset_x if layout else 0, "offset_y": layout.offset_y if layout else 0}
        for name in SLOTS:
            dx, dy = saved.get(name, (0, 0))
            initial[f"{name}_x"], initial[f"{name}_y"] = dx, dy
        super().__init__(*args, initial=initial, **kwargs)
        for name, slot in SLOTS.items():
            self.fields[f"{name}_x"] = _offset(f"{slot.label}: sang phải (mm)")
            self.fields[f"{name}_y"] = _offset(f"{slot.label}: xuống dưới (mm)")

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(slot.label, self[f"{name}_x"], self[f"{name}_y"]) for name, slot in SLOTS.items()]

    def field_offsets(self) -> dict[str, tuple[float, float]]:
        data = self.cleaned_data
        return {name: (float(data[f"{name}_x"] or 0), float(data[f"{name}_y"] or 0)) for name in SLOTS}
