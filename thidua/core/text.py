"""Vietnamese text helpers."""

import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so 'Đinh Bộ Sơn' matches a search for 'dinh bo son'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()
