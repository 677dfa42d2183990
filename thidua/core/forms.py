"""Form fields choosing rows by id that refuse an id the database cannot hold before asking it.

Django's ModelChoiceField looks the posted value up as it is: "9999999999999999999999" overflows
SQLite's integer (OverflowError) and PostgreSQL's bigint (DataError), a 500 either way. These
fields parse the id strictly first (core.bounds.parse_id) and answer "invalid choice" otherwise."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from . import bounds


def _checked(field: forms.ModelChoiceField, value: Any) -> Any:
    if value in field.empty_values or field.to_field_name or hasattr(value, "_meta"):
        return value
    if bounds.parse_id(value) is None:
        raise ValidationError(field.error_messages["invalid_choice"], code="invalid_choice",
                              params={"value": str(value)[:30]})
    return value


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        return super().to_python(_checked(self, value))


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        for item in value or ():
            if item not in self.empty_values and bounds.parse_id(item) is None:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": str(item)[:30]})
        return super()._check_values(value)
