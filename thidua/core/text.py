"""Vietnamese text helpers."""

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so 'Đinh Bộ Sơn' matches a search for 'dinh bo son'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


# TCVN3 (ABC), the Vietnamese 8-bit font encoding of .VnTime/.VnTimeH documents from before Unicode:
# each accented letter is a Latin-1 character (¸ á, µ à, é ộ, § Đ …). Capitals other than Ă Â Đ Ê Ô Ơ Ư
# have no code: capital words are typed in the capital font (.VnTimeH) with the small letters' codes.
_TCVN3 = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\xadư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
TCVN3_TO_UNICODE = {pair[0]: pair[1] for pair in _TCVN3.split()}
# Characters TCVN3 text is full of and Vietnamese Unicode text never uses as letters.
_TCVN3_ONLY = set("µ¸¶·¹¨»¾¼½Æ©ÇË®ÎÏÑªÖ×ØÜÞßä«åæçë¬îïñö÷øûüþ¡¢§£¤¥¦")


def looks_like_tcvn3(text: str) -> bool:
    """Text typed in a TCVN3 font: many of its letters, and no letter only Unicode Vietnamese has."""
    tcvn3 = sum(1 for c in text if c in _TCVN3_ONLY)
    vietnamese = sum(1 for c in text if "\u1ea0" <= c <= "\u1ef9" or c in "ăđơưĂĐƠƯĩũĨŨ")
    return tcvn3 >= 10 and vietnamese * 20 < tcvn3


def tcvn3_to_unicode(text: str) -> str:
    """TCVN3 text in Unicode. A line typed in the capitals font (.VnTimeH: "CéNG HOµ", its plain letters
    capitals, its accented ones small letters' codes) is put in capitals."""
    parts = re.split(r"([\t\n])", "".join(TCVN3_TO_UNICODE.get(c, c) for c in text))
    for i, part in enumerate(parts):  # each line, and each column of a line laid out with tabs
        plain = [c for c in part if c.isascii() and c.isalpha()]
        if len(plain) >= 2 and all(c.isupper() for c in plain):
            parts[i] = part.upper()
    return "".join(parts)
