from django import forms
from django.contrib import admin

from thidua.core.admin import DomainAdmin, DomainInline

from .models import Decision, DecisionLine, NumberCounter


class LineInline(DomainInline):
    model = DecisionLine
    fk_name = "decision"
    extra = 0
    fields = ["position", "name", "code", "year", "unit_name", "coefficient", "base_salary", "amount", "revoked_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(DomainAdmin):
    """Read-only: decisions are drafted, issued, corrected and revoked through the decision pages
    (services), never edited here."""

    list_display = ["__str__", "issuer", "kind", "status", "award_year", "date"]
    list_filter = ["status", "kind", "award_year"]
    search_fields = ["title", "symbol"]
    inlines = [LineInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NumberCounterForm(forms.ModelForm):
    class Meta:
        model = NumberCounter
        fields = ["issuer", "symbol", "year", "last"]

    def clean_last(self):
        last = self.cleaned_data["last"]
        if self.instance.pk and last < NumberCounter.objects.get(pk=self.instance.pk).last:
            raise forms.ValidationError("Không được giảm số đã cấp: số văn bản không được dùng lại.")
        return last


@admin.register(NumberCounter)
class NumberCounterAdmin(DomainAdmin):
    """The register of numbers: the văn thư may raise `last` to continue after numbers given outside
    the system (never lower it: numbers are never reused)."""

    form = NumberCounterForm
    list_display = ["issuer", "symbol", "year", "last"]
    list_filter = ["year", "symbol"]

    def get_readonly_fields(self, request, obj=None):
        return ["issuer", "symbol", "year"] if obj else []
