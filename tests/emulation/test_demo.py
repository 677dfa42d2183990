"""`thidua demo` holds the seed as data and is idempotent."""

import re
from pathlib import Path

from thidua.demo import load_demo
from thidua.emulation.documents import registration_context
from thidua.emulation.models import Registration, RegistrationEvent, Target
from thidua.organizations.models import Block, BlockYear, Staff, Unit

SEED = Path(__file__).parent.parent / "data" / "seed_registration.txt"


def counts():
    return [m.objects.count() for m in (Unit, Staff, Registration, Target, RegistrationEvent, Block, BlockYear)]


def test_demo_twice_changes_nothing(demo):
    before = counts()
    load_demo(year_end=False)
    assert counts() == before


def test_skhcn_has_seven_departments_and_seventy_three_staff_in_block_tmth(demo):
    skhcn = Unit.objects.get(code="SKHCN")
    assert skhcn.children.count() == 7 and Staff.objects.filter(agency=skhcn).count() == 73
    block_year = BlockYear.objects.get(block__code="KHOI-TMTH", year=2022)
    assert block_year.memberships.count() >= 5 and block_year.memberships.filter(unit=skhcn).exists()


def test_the_seed_registration_holds_every_sentence_and_cell_of_the_seed(seed_registration):
    context = registration_context(seed_registration)
    text = " ".join([
        context["place_date"], f"BẢN ĐĂNG KÝ THI ĐUA NĂM {context['heading_year']}",
        f"(Kèm theo Công văn số {context['letter_number']}/{context['letter_symbol']} ngày {context['letter_date']})",
        f"Kính gửi: {context['addressee']}", context["preamble"], context["content_intro"],
        context["professional_goal"], *context["solutions"], *context["movements"],
        context["signer"]["authority_line"], context["signer"]["position"], context["signer"]["name"],
    ])
    flat = re.sub(r"\s+", " ", text)
    raw_lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if "\t" not in line]
    seed_lines = [re.sub(r"\s+", " ", line.strip().lstrip("- ").replace("**", "")) for line in raw_lines]
    # Section headings are the template's; table rows are compared cell by cell below.
    prose = [line for line in seed_lines if line and not re.match(r"^(I\.|II\.|\d\.)", line)]
    missing = [line for line in prose if line not in flat]
    assert missing == []
    rows = {t["no"]: t for t in context["targets"]}
    assert (rows["1"]["individual_count"], rows["1"]["individual_ratio"]) == ("70", "> 95%")
    assert (rows["2"]["individual_count"], rows["2"]["individual_ratio"]) == ("11", "15 %")
    assert rows["3"]["individual_count"] == "03" and rows["4"]["individual_count"] == "01"
    assert (rows["5"]["collective_count"], rows["5"]["collective_ratio"], rows["5"]["note"]) == (
        "07", "100%", "phòng, ban trực thuộc đơn vị")
    assert (rows["6"]["collective_count"], rows["6"]["collective_ratio"]) == ("02", "30")
    assert [rows[n]["collective_count"] for n in ("9", "10", "11")] == ["01", "01", "01"]
    assert [rows[n]["individual_count"] for n in ("9", "10", "11")] == ["02", "04", "01"]
    assert all(not any(rows[str(n)][k] for k in ("collective_count", "individual_count")) for n in range(12, 18))
    assert rows["12"]["label"] == "Huân chương Lao động hạng ba" and len(rows) == 17
