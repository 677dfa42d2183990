"""From the wording of a title or form as people write it ("Bằng khen của Bộ trưởng Bộ Tài chính",
"Cờ thi đua của UBND tỉnh", "Chiến sỹ thi đua cấp cơ sở") to its catalog code.

The words come from the catalog itself (each award type's name, edited in the admin) and from
`data/wording.csv`, the other ways documents name the same title. Nothing here names an award:
this module only knows how Vietnamese officials abbreviate and spell."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from thidua.catalog.models import AwardType
from thidua.core.text import fold

WORDING_CSV = Path(__file__).parent / "data" / "wording.csv"

# Abbreviations of bodies and titles in everyday documents, folded.
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ttcp": "thu tuong chinh phu",
    "cstdcs": "chien si thi dua co so",
    "cstd": "chien si thi dua",
    "ldtt": "lao dong tien tien",
    "ldxs": "lao dong xuat sac",
    "ttldtt": "tap the lao dong tien tien",
    "ttldxs": "tap the lao dong xuat sac",
    "bk": "bang khen",
    "gk": "giay khen",
    "hcld": "huan chuong lao dong",
    "ttg": "thu tuong",
}
# Words that do not tell two awards apart ("của", "cấp", "danh hiệu", "hình thức").
FILLER = {"cua", "cap", "danh", "hieu", "hinh", "thuc", "thuong", "tang", "do", "va"}
# "hạng I/II/III" and "hạng 1/2/3" are "hạng Nhất/Nhì/Ba".
RANKS = {"i": "nhat", "1": "nhat", "ii": "nhi", "2": "nhi", "iii": "ba", "3": "ba"}
_I_Y = re.compile(r"^([bcdghklmnpqrstvx]{1,2})y$")  # "sỹ" and "sĩ", "kỹ" and "kĩ" are one word


def wording_tokens(text: str) -> frozenset[str]:
    """The words that identify an award, whatever the spelling, case, notes in brackets and filler."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\([^)]*\)", " ", text)
    words = re.findall(r"[a-z0-9]+", fold(text))
    expanded: list[str] = []
    for i, word in enumerate(words):
        if word in ABBREVIATIONS:
            expanded.extend(ABBREVIATIONS[word].split())
        elif i > 0 and words[i - 1] == "hang" and word in RANKS:
            expanded.append(RANKS[word])
        else:
            expanded.append(_I_Y.sub(r"\1i", word))
    return frozenset(w for w in expanded if w not in FILLER)


def _phrase(text: str) -> str:
    """Folded words, one space apart, abbreviations spelt out: for matching words in their order."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


@dataclass(frozen=True)
class Wording:
    code: str
    tokens: frozenset[str]


class WordingMatcher:
    """The award a label names: the longest catalog wording whose words all appear in the label.
    Two different codes tied at the longest wording means the label is ambiguous (None).
    `subjects` (code → "individual", "collective" or "both", the catalog's) tells on which side a count
    goes when a document does not say."""

    def __init__(self, wordings: Iterable[tuple[str, str]], subjects: Mapping[str, str] | None = None,
                 other_issuers: Iterable[str] = ()):
        self.wordings = [Wording(code, wording_tokens(text)) for code, text in wordings if text.strip()]
        self.subjects = dict(subjects or {})
        # Bodies whose awards are not the catalog's (Tỉnh ủy, Công đoàn, Đoàn Thanh niên …): a label naming
        # one is not read as the state award it otherwise resembles ("Bằng khen của Tỉnh ủy" is no BK_TINH).
        self.other_issuers = [re.compile(rf"\b{re.escape(_phrase(text))}\b") for text in other_issuers if text.strip()]

    def subject_of(self, code: str) -> str:
        """"individual", "collective" or "both" (unknown codes: both)."""
        return self.subjects.get(code, "both")

    def code_for(self, label: str) -> str | None:
        tokens = wording_tokens(label)
        if not tokens or any(p.search(_phrase(label)) for p in self.other_issuers):
            return None
        best: list[Wording] = []
        for wording in self.wordings:
            if wording.tokens and wording.tokens <= tokens:
                if not best or len(wording.tokens) > len(best[0].tokens):
                    best = [wording]
                elif len(wording.tokens) == len(best[0].tokens):
                    best.append(wording)
        codes = {w.code for w in best}
        return codes.pop() if len(codes) == 1 else None


OTHER_ISSUER = "-"  # the code of wording.csv's rows that name a body whose awards are not the catalog's


def extra_wordings() -> list[tuple[str, str]]:
    """The other wordings of `data/wording.csv`: (code, wording), without the other issuers' rows."""
    with WORDING_CSV.open(encoding="utf-8") as handle:
        return [(row["code"], row["wording"]) for row in csv.DictReader(handle) if row["code"] != OTHER_ISSUER]


def other_issuers() -> list[str]:
    """The bodies of `data/wording.csv` (code "-") whose awards are not the catalog's."""
    with WORDING_CSV.open(encoding="utf-8") as handle:
        return [row["wording"] for row in csv.DictReader(handle) if row["code"] == OTHER_ISSUER]


def catalog_matcher() -> WordingMatcher:
    """A matcher over the catalog's names as they are in the database, and the other wordings."""
    rows = list(AwardType.objects.values_list("code", "name", "subject"))
    names = [(code, name) for code, name, _ in rows]
    known = {code for code, _ in names}
    return WordingMatcher(names + [(code, text) for code, text in extra_wordings() if code in known],
                          subjects={code: subject for code, _, subject in rows}, other_issuers=other_issuers())
