"""Vietnamese words for the audit trail's rows: the kind of object (the model's verbose name, from
Django's app registry, so this app imports no other) and the act (the verb after the dot)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

VERBS = {
    "create": "tạo", "add": "thêm", "add_line": "thêm dòng", "remove_line": "bỏ dòng", "edit": "sửa",
    "update": "sửa", "save": "lưu", "set": "ghi", "delete": "xóa", "rename": "đổi tên", "merge": "hợp nhất",
    "split": "chia, tách", "issue": "ban hành", "submit": "gửi", "receive": "tiếp nhận", "return": "trả lại",
    "withdraw": "rút", "withdraw_line": "rút dòng", "keep_line": "giữ dòng", "replace_line": "thay dòng",
    "correct": "đính chính", "revoke": "thu hồi", "appraise": "thẩm định", "council": "đưa ra hội đồng",
    "ballot": "ghi kết quả bỏ phiếu", "decide": "lập quyết định", "record": "ghi", "close": "kết thúc",
    "attendance": "ghi danh sách dự họp", "add_candidate": "thêm đối tượng xét", "remove_candidate": "bỏ đối tượng xét",
    "add_member": "thêm thành viên", "end_member": "thôi thành viên", "launch": "phát động", "publish": "công bố",
    "copy": "sao chép", "move": "chuyển phòng, ban", "depart": "ghi nhận thôi việc", "import": "nhập danh sách",
    "scope": "ghi phạm vi", "make": "lập", "revoke_token": "thu hồi", "login_failed": "đăng nhập sai",
    "password_change": "đổi mật khẩu", "password_reset": "đặt lại mật khẩu", "refused": "bị từ chối truy cập",
    "draft": "lập dự thảo", "start": "lập", "import_legacy": "nhập từ tệp", "fix": "sửa dữ liệu hỏng",
    "confirm": "xác nhận",
}


def kinds() -> list[tuple[str, str]]:
    """Every kind of object the trail may name (the project's models, and refused requests), by
    its Vietnamese name: the choices of the audit page, read from the app registry (no query)."""
    found = {(m._meta.label_lower, str(m._meta.verbose_name)) for m in apps.get_models()
             if m.__module__.startswith("thidua.") and m._meta.label_lower != "audit.auditevent"}
    found.add(("request", "yêu cầu"))
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


def acts() -> list[tuple[str, str]]:
    """The acts, by their Vietnamese verb (one choice per verb)."""
    return sorted(VERBS.items(), key=lambda pair: (pair[1], pair[0]))


def object_label(object_type: str) -> str:
    if object_type == "request":
        return "yêu cầu"
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return "đối tượng khác"


def action_label(action: str) -> str:
    verb = action.rsplit(".", 1)[-1]
    return VERBS.get(verb, "thay đổi")


# What an act records besides the object's own fields (a member added, ballots counted, a reason).
KEYS = {
    "like": "theo mẫu đơn vị", "basis": "căn cứ", "date": "ngày", "successor": "đơn vị tiếp nhận",
    "successors": "các đơn vị sau khi chia, tách", "note": "ghi chú", "departure": "hình thức thôi việc",
    "destination": "nơi chuyển đến", "added": "số người thêm", "changed": "số người cập nhật", "reason": "lý do",
    "password": "mật khẩu", "ip": "địa chỉ IP", "path": "địa chỉ trang", "method": "cách gửi yêu cầu",
    "members": "thành viên", "from_year": "sao chép từ năm", "rotate": "luân phiên trưởng khối",
    "groups": "số nhóm tiêu chí", "criteria": "số tiêu chí", "removed": "tiêu chí bỏ đi", "unit": "đơn vị",
    "ranking": "xếp hạng", "proposals": "đề nghị", "notes": "ghi chú", "member": "thành viên",
    "member_until": "là thành viên đến ngày", "candidate": "đối tượng xét", "minutes": "biên bản",
    "lines": "số dòng", "line": "dòng", "by_decision": "theo quyết định", "withdrawn_line": "dòng bị thu hồi",
    "total": "tổng tiền thưởng", "solutions": "giải pháp", "movements": "phong trào",
    "status": "trạng thái", "line_status": "trạng thái của dòng", "council_session": "phiên họp hội đồng",
    "candidates": "số đối tượng đưa ra hội đồng", "decision": "quyết định", "number": "số",
    "targets": "đơn vị phải hưởng ứng",
    # a ballot, recorded on its session
    "yes": "số phiếu tán thành", "no": "số phiếu không tán thành", "invalid": "số phiếu không hợp lệ",
    "passed": "đạt", "required_yes": "số phiếu tán thành cần có", "base": "số thành viên làm căn cứ tính",
    "threshold": "ngưỡng biểu quyết", "threshold_text": "ngưỡng biểu quyết (lời văn)",
    "recorded_by": "người ghi",
    # who did a step, kept on the object itself
    "created_by": "người lập", "updated_by": "người sửa", "confirmed_by": "người xác nhận",
    "issued_by": "người ban hành", "submitted_by": "người gửi", "published_by": "người công bố",
    "registered_by": "người đăng ký", "confirmed_at": "lúc xác nhận", "issued_at": "lúc ban hành",
    "submitted_at": "lúc gửi", "published_at": "lúc công bố", "revoked_at": "lúc thu hồi",
}
OTHER = "thông tin khác"


def field_label(object_type: str, key: str) -> str:
    """A changed field as a person names it: the model's verbose name, a key of `KEYS`, or the key
    itself when it is already words (a criterion, a member, a target row)."""
    try:
        field = apps.get_model(object_type)._meta.get_field(key)
        name = getattr(field, "verbose_name", None)
        if name and str(name) != key.replace("_", " "):
            return str(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        pass
    if key in KEYS:
        return KEYS[key]
    if " " in key or not key.isascii():
        return key
    return OTHER


def value_text(value: object) -> str:
    """A recorded value as shown: nothing as a dash, yes/no in words, lists joined, codes named."""
    if value is None or value == "":
        return "—"
    if value is True:
        return "có"
    if value is False:
        return "không"
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    return words(str(value))


# Codes the domain keeps (award codes «LDTT», rule sets «ND91-2017», ratings «HTXSNV») are printed
# by their names: the apps that own them register where the names are (`register_names`, from
# their AppConfig.ready); names are read when shown, so old rows and summaries read the same.
_NAME_SOURCES: list[Callable[[], dict[str, str]]] = []
_CODE = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:[_-][A-Z0-9]+)*(?![\w-])")


def register_names(source: Callable[[], dict[str, str]]) -> None:
    """`source()` maps codes to the Vietnamese names shown in their place."""
    if source not in _NAME_SOURCES:
        _NAME_SOURCES.append(source)


def words(text: str) -> str:
    """`text` with every known code replaced by its name."""
    if not text or not _NAME_SOURCES:
        return text
    names: dict[str, str] = {}
    for source in _NAME_SOURCES:
        names.update(source())
    return _CODE.sub(lambda m: names.get(m.group(0), m.group(0)), text)
