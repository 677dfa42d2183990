from django import forms
from django.contrib import admin
from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from thidua.core import uploads

from .models import DocumentTemplate, TemplateKind
from .render import CONTEXT_HELP, CONTEXT_KEYS, DocumentTemplateError, check_template, shipped_template_path


def _keys_help() -> str:
    blocks = []
    for kind in TemplateKind:
        items = format_html_join(
            "", "<li><code>{}</code>: {}</li>", ((k, CONTEXT_HELP.get(k, "")) for k in CONTEXT_KEYS[kind])
        )
        link = reverse("admin:documents_documenttemplate_shipped", args=[kind.value])
        blocks.append(
            format_html(
                '<p><b>{}</b> (<a href="{}">tải mẫu gốc</a>)</p><ul>{}</ul>', kind.label, link, items
            )
        )
    intro = (
        "Tệp .docx soạn bằng Word, giữ các thẻ docxtpl: <code>{{ issuer }}</code> in một giá trị, "
        "<code>{%p for s in solutions %}</code> … <code>{%p endfor %}</code> lặp đoạn văn, "
        "<code>{%tr for t in targets %}</code> … <code>{%tr endfor %}</code> lặp dòng bảng. "
        "Mẫu được thử với dữ liệu mẫu trước khi lưu. Dữ liệu có thể dùng:"
    )
    # intro is a constant of this module (its braces are docxtpl syntax, not format fields).
    return format_html("{}{}", mark_safe(intro), format_html_join("", "{}", ((b,) for b in blocks)))


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["kind", "file", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _keys_help()
        self.fields["file"].widget.attrs["accept"] = ".docx"

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        kind = cleaned.get("kind")
        # Only a newly uploaded file is checked (an unchanged one was checked when uploaded).
        if upload is None or kind is None or "file" not in self.changed_data:
            return cleaned
        if not upload.name.lower().endswith(".docx"):
            self.add_error("file", "Mẫu văn bản phải là tệp Word .docx.")
            return cleaned
        try:
            data = uploads.read_upload(upload)
            uploads.expect_kind(data, upload.name, (uploads.DOCX,))
        except uploads.UploadError as exc:
            self.add_error("file", str(exc))
            return cleaned
        finally:
            upload.seek(0)
        try:
            check_template(kind, data)
        except DocumentTemplateError as exc:
            self.add_error("file", str(exc))
        return cleaned


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    form = DocumentTemplateForm
    list_display = ["kind", "file", "uploaded_at", "note"]

    def get_urls(self):
        own = [
            path(
                "shipped/<str:kind>/",
                self.admin_site.admin_view(self.shipped_view),
                name="documents_documenttemplate_shipped",
            )
        ]
        return own + super().get_urls()

    def shipped_view(self, request, kind: str):
        """The template shipped with the software, to start a replacement from."""
        if kind not in CONTEXT_KEYS or not self.has_view_permission(request):
            raise Http404
        return FileResponse(
            shipped_template_path(kind).open("rb"), as_attachment=True, filename=f"mau-goc-{kind}.docx"
        )
