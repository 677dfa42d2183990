"""Vietnamese words for the audit trail's rows: the kind of object (the model's verbose name, from
Django's app registry, so this app imports no other) and the act (the verb after the dot)."""

from __future__ import annotations

from django.apps import apps

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
    "draft": "lập dự thảo", "start": "lập", "import_legacy": "nhập từ tệp",
}


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
