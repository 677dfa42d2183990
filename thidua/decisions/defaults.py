"""Suggested texts of a new draft decision: symbol, authority, signer, legal bases, executors and
recipients, by issuing body and by the rule set in force on the date. Every one of them is a
suggestion the drafter edits on the draft; none is printed without being on the decision itself."""

from __future__ import annotations

from thidua.catalog import selectors as catalog_selectors
from thidua.catalog.models import AwardType
from thidua.organizations.models import Unit, UnitKind


def is_people_committee(issuer: Unit) -> bool:
    return issuer.kind == UnitKind.PROVINCE_BODY and issuer.symbol.upper() == "UBND"


def symbol_for(issuer: Unit) -> str:
    """'QĐ-UBND', 'QĐ-KHCN' (ND 30/2020: type abbreviation, then the issuing body's)."""
    return f"QĐ-{issuer.symbol}" if issuer.symbol else "QĐ"


def head_title(issuer: Unit) -> str:
    """The head who decides: 'CHỦ TỊCH' for the People's Committee, 'GIÁM ĐỐC' for a Sở."""
    if is_people_committee(issuer):
        return "CHỦ TỊCH"
    doc_name = (issuer.document_name or issuer.name).upper()
    if doc_name.startswith("SỞ"):
        return "GIÁM ĐỐC"
    if doc_name.startswith("BAN"):
        return "TRƯỞNG BAN"
    if doc_name.startswith("VĂN PHÒNG"):
        return "CHÁNH VĂN PHÒNG"
    if doc_name.startswith("THANH TRA"):
        return "CHÁNH THANH TRA"
    return "THỦ TRƯỞNG"


def authority_for(issuer: Unit) -> str:
    """The line under the title: 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN', 'GIÁM ĐỐC SỞ KHOA HỌC VÀ
    CÔNG NGHỆ'."""
    if is_people_committee(issuer):
        return f"CHỦ TỊCH {issuer.name.upper()}"
    return f"{head_title(issuer)} {(issuer.document_name or issuer.name).upper()}"


def authority_name(issuer: Unit, *, on=None) -> str:
    """The deciding authority in running text: 'Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên', 'Giám đốc
    Sở Khoa học và Công nghệ tỉnh Thái Nguyên' (the name the issuer had on `on`)."""
    name = issuer.names_on(on)[0] if on else issuer.name
    title = head_title(issuer)
    return f"{title[:1]}{title[1:].lower()} {name}"


def bases_for(issuer: Unit, rule_set_code: str | None, *, minutes: str = "") -> list[str]:
    rule_set_code = rule_set_code or "ND91-2017"
    bases = []
    # The rule set's texts, as data (for a People's Committee the law on local government first).
    bases.extend(catalog_selectors.legal_citations(rule_set_code, people_committee=is_people_committee(issuer)))
    if minutes:
        bases.append(f"Căn cứ {minutes};")
    if is_people_committee(issuer):
        bases.append("Theo đề nghị của Giám đốc Sở Nội vụ (Ban Thi đua – Khen thưởng tỉnh).")
    else:
        bases.append("Theo đề nghị của Chánh Văn phòng Sở." if head_title(issuer) == "GIÁM ĐỐC"
                     else "Theo đề nghị của bộ phận phụ trách công tác thi đua, khen thưởng.")
    return bases


def executors_for(issuer: Unit) -> str:
    if is_people_committee(issuer):
        return ("Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ, "
                "Giám đốc Sở Tài chính, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có "
                "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    return ("Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng các phòng, đơn vị thuộc cơ quan "
            "và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")


def budget_source_for(issuer: Unit) -> str:
    if is_people_committee(issuer):
        return "Quỹ thi đua, khen thưởng của tỉnh"
    return "Quỹ thi đua, khen thưởng của cơ quan"


def recipients_for(issuer: Unit) -> list[str]:
    if is_people_committee(issuer):
        return ["Như Điều 3", "Chủ tịch, các PCT UBND tỉnh", "Ban Thi đua – Khen thưởng tỉnh", "Lưu: VT, TĐKT"]
    return ["Như Điều 3", "Ban Thi đua – Khen thưởng tỉnh (b/c)", "Lãnh đạo cơ quan", "Lưu: VT, VP"]


def award_label(award: AwardType) -> str:
    """How a decision names an award, in its title and in its Article 1 alike: 'danh hiệu “Lao động
    tiên tiến”' for a title, the form's own name ('Bằng khen của Chủ tịch UBND tỉnh') for a form."""
    return f"danh hiệu “{award.name}”" if award.kind == "title" else award.name


def award_order(award: AwardType) -> tuple:
    """Catalog order: the order a decision lists its awards in (title, Article 1, annex)."""
    return (award.position or 99, award.code)


def award_title(codes: list[str], year: int) -> str:
    """'Về việc tặng danh hiệu “Chiến sĩ thi đua cấp tỉnh” và Bằng khen của Chủ tịch UBND tỉnh năm
    2022': the title of a decision awarding `codes` for `year` ("công nhận" when every title is the
    unit's own to recognise), worded as its Article 1 words them (`award_label`, `award_order`). The
    one place a decision's title is built, for a council's result, a dossier and the demo."""
    awards = sorted(AwardType.objects.filter(code__in=set(codes)), key=award_order)
    labels = [award_label(a) for a in awards]
    verb = "công nhận" if awards and all(a.level == "unit" for a in awards) else "tặng"
    named = labels[0] if len(labels) < 2 else f"{', '.join(labels[:-1])} và {labels[-1]}"
    return f"Về việc {verb} {named} năm {year}"
