"""One permission test over everything (issue 10, item 7).

Generated from the URLconf: every named URL of the product × every demo login (and anonymous) × an
object of SKHCN and the same kind of object of SNV (for a block: the demo's block KHOI-TMTH and a
block none of the logins' agencies is in), against the reviewed table EXPECTED_TABLE below. A
URL name with no row in the table fails (a new page must be classified here), and so does a row
whose URL no longer exists.

Left out, with their reason (EXCLUDED): Django's admin (a window for superusers, tested by
test_admin_is_a_window.py) and the API's generated documentation (no data).

Each request runs in a savepoint rolled back after it, so one request never changes what the next
one sees. Besides the table: every write (a form page's POST, a POST-only action) sent by a user to
whom the object's page answers 403/404 — or anonymously — is refused (403/404, or the login page)
and changes nothing (the number of rows of every table and the rows of the objects used here)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from year_end_fixtures import module_demo, users  # noqa: F401

from thidua.accounts.models import User
from thidua.api.services import token_create
from thidua.blocks.models import Scorecard
from thidua.catalog.models import BaseSalary, ProvinceSetting, QuotaRule
from thidua.councils import services as councils
from thidua.councils.models import Council, CouncilMember
from thidua.decisions import certificates
from thidua.decisions import services as decisions
from thidua.decisions.models import Decision, DecisionStatus
from thidua.documents import render
from thidua.emulation.models import Movement, Registration
from thidua.jobs.models import Job
from thidua.notifications.models import Notification
from thidua.organizations import views as organization_views
from thidua.organizations.models import Block, BlockMembership, BlockYear, Staff, Unit, UnitKind
from thidua.yearend import services as yearend
from thidua.yearend.models import Level, Nomination, NominationStatus

ROLES = ("anonymous", "admin", "bantdkt", "truongkhoi", "skhcn", "skhcn.lanhdao", "snv")

# URL names not in the table, and why.
EXCLUDED = {
    "admin": "Django's admin: read-only for all but superusers, tested by test_admin_is_a_window.py",
    "api-v1:openapi-json": "the API's generated description: no data",
    "api-v1:openapi-view": "the API's generated documentation page: no data",
    "api-v1:api-root": "the API's index: no data",
}

# The answers. One row per URL name: how it is requested, then one answer per role in the order of
# ROLES. An answer "a/b" is for the object of SKHCN / of SNV; a single answer is for a URL without an
# object (or the same object on both sides). Methods:
#   get   a page or a download (GET);
#   form  a page with a form (GET answers here; its POST is checked by test_writes_out_of_scope);
#   post  an action that only takes POST (the answers are those of an empty POST).
# 302 for anonymous is the login page; 302 for a signed-in user is a redirect after an action (or
# to a default page, or to the background job that makes a big file: SKHCN's decision has more
# certificates than are drawn in a request), 401 the API's answer without a key.
EXPECTED_TABLE = """
# name                           method anonymous admin  bantdkt   truongkhoi skhcn   skhcn.lanhdao snv
agency_detail                    get   302       200       200       404       200/404   200/404   404/200
agency_eligibility               get   302       200       200       404       200/404   200/404   404/200
agency_list                      get   302       200       200       200       200       200       200
agreed_edit                      form  302       200       403       200       403       403       403
api-v1:award_list                get   401       200       200       200       200       200       200
api-v1:collective_rating_list    get   401       200       200       200       200       200       200
api-v1:collective_rating_put     put   401       200       403       404       200/404   403/404   404/200
api-v1:decision_detail           get   401       200       200       404       200/404   200/404   404/200
api-v1:decision_list             get   401       200       200       200       200       200       200
api-v1:me                        get   401       200       200       200       200       200       200
api-v1:rating_list               get   401       200       200       200       200       200       200
api-v1:rating_put                put   401       200       403       404       200/404   403/404   404/200
api-v1:registration_check        get   401       200       200       200       200/404   200/404   404/200
api-v1:registration_create       post  401       201       403       404       201/404   403/404   404/201
api-v1:registration_detail       get   401       200       200       200       200/404   200/404   404/200
api-v1:registration_list         get   401       200       200       200       200       200       200
api-v1:registration_submit       post  401       422/200   403       403       422/404   422/404   404/200
api-v1:registration_update       patch 401       200       403       403       200/404   403/404   404/200
api-v1:staff_awards              get   401       200       200       404       200/404   200/404   404/200
api-v1:staff_detail              get   401       200       200       404       200/404   200/404   404/200
api-v1:staff_list                get   401       200       200       200       200       200       200
api-v1:unit_detail               get   401       200       200       404       200/404   200/404   404/200
api-v1:unit_list                 get   401       200       200       200       200       200       200
api_token_revoke                 post  302       302       403       403       403       403       403
api_tokens                       form  302       200       403       403       403       403       403
audit_log                        get   302       200       200       403       403       403       403
awards_agency                    get   302       200       200       404       200/404   200/404   404/200
awards_province                  get   302       200       200       403       403       403       403
base_salary_add                  post  302       302       403       403       403       403       403
base_salary_confirm              post  302       302       403       403       403       403       403
base_salary_list                 get   302       200       200       200       200       200       200
block_consolidation              get   302       200       200       200/404   403/404   403/404   403/404
block_consolidation_download     get   302       200       200       200/404   403/404   403/404   403/404
block_create                     post  302       403       302       403       403       403       403
block_inbox                      get   302       403       403       200       403       403       403
block_list                       get   302       200       200       200       200       200       200
block_ranking                    get   302       200       200       200/404   200/404   200/404   200/404
block_year_copy                  post  302       302       302       404       404       404       404
block_year_detail                get   302       200       200       200/404   200/404   200/404   200/404
block_year_setup                 form  302       200       200       404       404       404       404
certificate_layout_edit          form  302       200       200       403       403       403       403
certificate_layout_test          get   302       200       200       403       403       403       403
certificate_layouts              get   302       200       200       403       403       403       403
compact_detail                   get   302       200       200       200/404   200/404   200/404   200/404
compact_edit                     form  302       200       403       200/404   403/404   403/404   403/404
council_add_member               post  302       302       403       404       302/404   403/404   404/302
council_create                   post  302       403       403       403       403       403       403
council_detail                   get   302       200       200       404       200/404   200/404   404/200
council_end_member               post  302       302       403       404       302/404   403/404   404/302
council_list                     get   302       200       200       200       200       200       200
decision_add_line                post  302       302       403       404       302/404   403/404   404/302
decision_amend                   post  302       302       403       404       302/404   403/404   404/302
decision_amend_line              post  302       404       403       404       404       403/404   404
decision_certificates            get   302       302/200   302/200   404       302/404   302/404   404/200
decision_create                  post  302       403       403       403       403       403       403
decision_delete                  post  302       302       403       404       302/404   403/404   404/302
decision_detail                  get   302       200       200       404       200/404   200/404   404/200
decision_download                get   302       200       200       404       200/404   200/404   404/200
decision_edit                    post  302       302       403       404       302/404   403/404   404/302
decision_issue                   post  302       302       403       404       302/404   403/404   404/302
decision_line_certificate        get   302       200       200       404       200/404   200/404   404/200
decision_list                    get   302       200       200       200       200       200       200
decision_remove_line             post  302       302       403       404       302/404   403/404   404/302
health                           get   200       200       200       200       200       200       200
home                             get   302       200       200       200       200       200       200
job_detail                       get   302       404       404       404       200/404   404       404/200
job_download                     get   302       404       404       404       404       404       404
law_in_force                     get   302       200       200       200       200       200       200
legacy_save                      post  302       302       403       403       302       403       302
legacy_upload                    form  302       200       403       403       200       403       200
login                            get   200       200       200       200       200       200       200
logout                           post  302       302       302       302       302       302       302
movement_detail                  get   302       200       200       200       200       200       200
movement_launch                  form  302       403       200       403       403       403       403
movement_list                    get   302       200       200       200       200       200       200
nomination_add_line              post  302       302       404       404       302/404   403/404   404/302
nomination_appraise              post  302       403/302   403/302   404       403/404   403/404   404/403
nomination_ballots               post  302       403       403       404       403/404   403/404   404/403
nomination_decide                post  302       403       403       404       403/404   403/404   404/403
nomination_detail                get   302       200       404       404       200/404   200/404   404/200
nomination_document              get   302       200       200       404       200/404   200/404   404/200
nomination_edit                  post  302       302       404       404       302/404   403/404   404/302
nomination_issue                 post  302       403       403       404       403/404   403/404   404/403
nomination_line_report           get   302       200       200       404       200/404   200/404   404/200
nomination_list                  get   302       200       200       200       200       200       200
nomination_new                   post  302       404       404       404       404       404       404
nomination_remove_line           post  302       302       404       404       302/404   403/404   404/302
nomination_return                post  302       403/302   403/302   404       403/404   403/404   404/403
nomination_return_line           post  302       403/302   403/302   404       403/404   403/404   404/403
nomination_submit                post  302       302       404       404       302/404   302/404   404/302
nomination_to_council            post  302       403       403       404       403/404   403/404   404/403
nomination_withdraw              post  302       302       404       404       302/404   302/404   404/302
notification_badge               get   302       200       200       200       200       200       200
notification_list                get   302       200       200       200       200       200       200
notification_open                get   302       404       404       404       302/404   404       404/302
notification_read_all            post  302       302       302       302       302       302       302
password_change                  form  302       200       200       200       200       200       200
password_reset                   form  302       200       403       403       403       403       403
proposals_make                   post  302       302       403       302/404   403/404   403/404   403/404
province_rule_add                form  302       403       200       403       403       403       403
province_rule_delete             post  302       403       302/404   403       403       403       403
province_rule_edit               form  302       403       200/404   403       403       403       403
province_rules                   get   302       403       200       403       403       403       403
public_results                   get   200       200       200       200       200       200       200
registration_detail              get   302       200       200       200       200/404   200/404   404/200
registration_download            get   302       200       200       200       200/404   200/404   404/200
registration_edit                form  302       200       403       403       200/404   403/404   404/200
registration_list                get   302       200       200       200       200       200       200
registration_receive             post  302       403       403       403       403/404   403/404   404/403
registration_return              post  302       403       403       403       403/404   403/404   404/403
registration_start               post  302       403       403       403       302       403       302
registration_submit              post  302       302       403       403       302/404   302/404   404/302
registration_validate            post  302       200       403       403       200/404   403/404   404/200
results_publish                  post  302       302       403       302/404   403/404   403/404   403/404
review_save                      post  302       302       403       302/404   403/404   403/404   403/404
scorecard_edit                   form  302       403       403       200       200       200       200
scorecard_return                 post  302       302       403       302       403       403       403
scorecard_view                   get   302       200       200       200       200/404   200/404   404/200
scoring_page                     get   302       200       200       200/404   200/404   200/404   200/404
scoring_table_edit               form  302       200/302   403       200/404   403/404   403/404   403/404
session_add_candidate            post  302       302       403       404       302/404   403/404   404/302
session_attendance               post  302       302       403       404       302/404   403/404   404/302
session_ballot                   post  302       302       403       404       302/404   403/404   404/302
session_close                    post  302       302       403       404       302/404   403/404   404/302
session_create                   post  302       302       403       404       302/404   403/404   404/302
session_detail                   get   302       200       200       404       200/404   200/404   404/200
session_draft_decision           post  302       302       403       404       302/404   403/404   404/302
session_minutes                  get   302       200       200       404       200/404   200/404   404/200
session_remove_candidate         post  302       302       403       404       302/404   403/404   404/302
staff_create                     form  302       200       200       404       200/404   403/404   404/200
staff_depart                     form  302       200       200       404       200/404   403/404   404/200
staff_detail                     get   302       200       200       404       200/404   200/404   404/200
staff_edit                       form  302       200       200       404       200/404   403/404   404/200
staff_import                     form  302       200       200       404       200/404   403/404   404/200
staff_move                       form  302       200       200       404       200/404   403/404   404/200
staff_template                   get   302       200       200       404       200/404   403/404   404/200
statistics_report                get   302       200       200       403       403       403       403
targets_block                    get   302       200       200       200/404   200/404   200/404   200/404
targets_province                 get   302       200       200       404       404       404       404
targets_report                   get   302       200       200       200       200       200       200
targets_unit                     get   302       200       200       404       200/404   200/404   404/200
unit_change                      form  302       200       200       404       200/404   403/404   404/200
user_list                        get   302       200       403       403       403       403       403
yearend_achievement_add          post  302       302       403       404       302/404   403/404   404/302
yearend_rating_save              post  302       200       200       404       200/404   200/404   404/200
yearend_ratings                  get   302       200       200       404       200/404   200/404   404/200
yearend_ratings_reopen           post  302       302       302       404       403/404   302/404   404/403
yearend_registration_save        post  302       200       200       404       200/404   200/404   404/200
yearend_registrations            get   302       200       200       404       200/404   200/404   404/200
"""


def _parse(table: str) -> dict[str, tuple[str, dict[str, tuple[int, int]]]]:
    rows = {}
    for raw in table.strip().splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        name, method, *answers = raw.split()
        assert len(answers) == len(ROLES), f"{name}: {len(answers)} answers for {len(ROLES)} roles"
        parsed = {}
        for role, answer in zip(ROLES, answers, strict=True):
            own, _, other = answer.partition("/")
            parsed[role] = (int(own), int(other or own))
        assert name not in rows, f"{name} twice in the table"
        rows[name] = (method, parsed)
    return rows


EXPECTED = _parse(EXPECTED_TABLE)


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            if p.app_name == "admin":
                yield "admin", prefix + str(p.pattern)
                continue
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and p.name:
            yield namespace + p.name, prefix + str(p.pattern)


def url_names() -> list[str]:
    """Every named URL of the product (the admin counted as one)."""
    return sorted({name for name, _ in _walk(get_resolver().url_patterns)})


# --- the objects each URL is asked about --------------------------------------------------------


@dataclass
class Pair:
    own: object  # SKHCN's
    other: object  # SNV's


@pytest.fixture(scope="module")
def world(module_demo, django_db_blocker):  # noqa: F811
    """Objects of SKHCN and of SNV for every kind of URL argument, made once for the module (inside
    module_demo's transaction, rolled back at its end)."""
    with django_db_blocker.unblock():
        return _world()


def _first(qs):
    obj = qs.first()
    assert obj is not None, f"the demo has no {qs.model._meta.verbose_name} for this test"
    return obj


def _world() -> dict[str, Pair]:
    admin = User.objects.get(username="admin")
    skhcn, snv = Unit.objects.get(code="SKHCN"), Unit.objects.get(code="SNV")
    w: dict[str, Pair] = {"unit": Pair(skhcn, snv)}
    w["department"] = Pair(_first(skhcn.children.order_by("position")), _first(snv.children.order_by("position")))
    w["staff"] = Pair(_first(Staff.objects.filter(agency=skhcn).order_by("pk")),
                      _first(Staff.objects.filter(agency=snv).order_by("pk")))
    w["registration"] = Pair(Registration.objects.get(unit=skhcn, year=2022),
                             Registration.objects.get(unit=snv, year=2022))
    issued = Decision.objects.filter(status=DecisionStatus.ISSUED, award_year=2022)
    w["decision"] = Pair(_first(issued.filter(issuer=skhcn)), _first(issued.filter(issuer=snv)))
    w["decision_line"] = Pair(_first(w["decision"].own.lines.order_by("pk")),
                              _first(w["decision"].other.lines.order_by("pk")))
    drafts = []
    for unit, person in ((skhcn, w["staff"].own), (snv, w["staff"].other)):
        drafts.append(decisions.decision_create(
            actor=admin, issuer=unit, award_year=2022, title="Về việc khen thưởng đột xuất năm 2022",
            lines=[decisions.LineSpec(code="CSTDCS", staff=person)]))
    w["draft"] = Pair(*drafts)
    w["draft_line"] = Pair(drafts[0].lines.get(), drafts[1].lines.get())
    w["council"] = Pair(Council.objects.get(owner=skhcn), Council.objects.get(owner=snv))
    w["member"] = Pair(_first(CouncilMember.objects.filter(council=w["council"].own).order_by("pk")),
                       _first(CouncilMember.objects.filter(council=w["council"].other).order_by("pk")))
    sessions, candidates = [], []
    for council, person in ((w["council"].own, w["staff"].own), (w["council"].other, w["staff"].other)):
        session = councils.session_create(actor=admin, council=council, date=dt.date(2022, 12, 27), year=2022)
        sessions.append(session)
        candidates.append(councils.session_add_candidate(actor=admin, session=session, code="LDTT", staff=person))
    w["session"], w["candidate"] = Pair(*sessions), Pair(*candidates)
    w["closed_session"] = Pair(w["decision"].own.council_session, w["decision"].other.council_session)
    nominations = []
    for unit, person in ((skhcn, w["staff"].own), (snv, w["staff"].other)):
        draft = yearend.nomination_create(actor=admin, unit=unit, year=2022, level=Level.UNIT)
        yearend.nomination_add_line(actor=admin, nomination=draft, code="LDTT", staff=person)
        nominations.append(draft)
    w["nomination"] = Pair(*nominations)
    w["nomination_line"] = Pair(nominations[0].lines.get(), nominations[1].lines.get())
    sent = Nomination.objects.filter(level=Level.PROVINCE, year=2022).exclude(status=NominationStatus.DRAFT)
    w["sent_nomination"] = Pair(_first(sent.filter(unit=skhcn)), _first(sent.filter(unit=snv)))
    w["sent_line"] = Pair(_first(w["sent_nomination"].own.lines.order_by("pk")),
                          _first(w["sent_nomination"].other.lines.order_by("pk")))
    launched = _first(Movement.objects.filter(launched_for_year__isnull=False).order_by("pk"))
    w["movement"] = Pair(launched, launched)  # the province's, to every agency: one object
    # The province publishes its results, so the public page answers (off by default).
    ProvinceSetting.objects.filter(province__code="TN").update(public_results=True)
    people = {u.username: u for u in User.objects.filter(username__in=["skhcn", "snv"])}
    w["user"] = Pair(people["skhcn"], people["snv"])
    w["notification"] = Pair(*(Notification.objects.create(recipient=people[n], text="Thông báo thử", link="/")
                               for n in ("skhcn", "snv")))
    w["job"] = Pair(*(Job.objects.create(kind=Job._meta.get_field("kind").choices[0][0], owner=people[n],
                                         title="Việc thử") for n in ("skhcn", "snv")))
    w["token"] = Pair(*(token_create(actor=admin, user=people[n], name="Thử")[0] for n in ("skhcn", "snv")))
    block_year = BlockYear.objects.get(block__code="KHOI-TMTH", year=2022)
    # Another block of the province whose only member is an agency outside the demo's block: none of
    # the block's logins is in it.
    builders = Unit.objects.create(code="SXD", name="Sở Xây dựng tỉnh Thái Nguyên", kind=UnitKind.AGENCY,
                                   province=block_year.block.province)
    other_block = Block.objects.create(code="KHOI-KT", name="Khối các cơ quan kinh tế",
                                       province=block_year.block.province)
    other_year = BlockYear.objects.create(block=other_block, year=2022, head=builders)
    BlockMembership.objects.create(block_year=other_year, unit=builders, position=1)
    w["block_year"] = Pair(block_year, other_year)
    w["scorecard"] = Pair(_first(Scorecard.objects.filter(block_year=block_year, scorer=skhcn)),
                          _first(Scorecard.objects.filter(block_year=block_year, scorer=snv)))
    national = _first(QuotaRule.objects.filter(province__isnull=True).order_by("pk"))
    own_rule = QuotaRule.objects.create(
        province=block_year.block.province, rule_set=national.rule_set, code=national.code,
        base_code=national.base_code, ratio=national.ratio, rounding=national.rounding,
        valid_from=dt.date(2030, 1, 1), basis="Quyết định thử của UBND tỉnh")
    w["rule"] = Pair(own_rule, national)  # the province's own row / a national row
    w["salary"] = Pair(_first(BaseSalary.objects.order_by("pk")), _first(BaseSalary.objects.order_by("pk")))
    return w


def _pk(key: str, attr: str = "pk") -> Callable[[dict[str, Pair], str], dict]:
    return lambda w, side: {attr: getattr(w[key], side).pk}


def _code(key: str = "unit", attr: str = "code") -> Callable[[dict[str, Pair], str], dict]:
    return lambda w, side: {attr: getattr(w[key], side).code}


def _block(**extra) -> Callable[[dict[str, Pair], str], dict]:
    """A block-year's URL: KHOI-TMTH 2022 / KHOI-KT 2022; with `extra` (a member, a card of
    KHOI-TMTH) the block is KHOI-TMTH on both sides and the member changes."""

    def args(w, side):
        block_year = getattr(w["block_year"], "own" if extra else side)
        kw = {"code": block_year.block.code, "year": block_year.year}
        for name, (key, attr) in extra.items():
            obj = getattr(w[key], side)
            kw[name] = getattr(obj, attr)
        return kw

    return args


def _with(base: Callable, **fixed) -> Callable:
    return lambda w, side: {**base(w, side), **fixed}


def _two(first: tuple[str, str], second: tuple[str, str], **fixed) -> Callable:
    return lambda w, side: {first[1]: getattr(w[first[0]], side).pk, second[1]: getattr(w[second[0]], side).pk,
                            **fixed}


# URLs whose arguments name one object, the same on both sides.
SINGLE: dict[str, dict] = {
    "movement_detail": {},  # filled from the world (the province's movement)
    "public_results": {"code": "TN"},
    "targets_province": {"code": "TN"},
    "certificate_layout_edit": {"code": "BK_TINH"},
    "certificate_layout_test": {"code": "BK_TINH"},
    "province_rule_add": {"kind": "ty-le"},
}


# How each URL name with arguments gets them, for one side ("own": SKHCN's object, "other": SNV's).
ARGS: dict[str, Callable[[dict[str, Pair], str], dict]] = {
    "api_token_revoke": _pk("token"),
    "password_reset": _pk("user"),
    "registration_detail": _pk("registration"),
    "registration_edit": _pk("registration"),
    "registration_validate": _pk("registration"),
    "registration_submit": _pk("registration"),
    "registration_receive": _pk("registration"),
    "registration_return": _pk("registration"),
    "registration_download": _with(_pk("registration"), kind="registration", fmt="docx"),
    "agency_detail": _code(),
    "staff_import": _code(),
    "staff_template": _code(),
    "staff_create": _code(),
    "unit_change": _with(_code("department"), change="doi-ten"),
    "staff_edit": _pk("staff"),
    "staff_move": _pk("staff"),
    "staff_depart": _pk("staff"),
    "staff_detail": _pk("staff"),
    "agency_eligibility": _code(),
    "block_year_copy": lambda w, side: {"code": getattr(w["block_year"], side).block.code},
    "targets_block": lambda w, side: {"code": getattr(w["block_year"], side).block.code},
    "block_year_detail": _block(),
    "block_year_setup": _block(),
    "block_consolidation": _block(),
    "block_consolidation_download": _with(_block(), fmt="xlsx"),
    "compact_detail": _block(),
    "compact_edit": _block(),
    "scoring_table_edit": _block(),
    "scoring_page": _block(),
    "scorecard_edit": _block(subject=("unit", "code")),
    "scorecard_view": _block(pk=("scorecard", "pk")),
    "scorecard_return": _block(pk=("scorecard", "pk")),
    "agreed_edit": _block(unit=("unit", "code")),
    "block_ranking": _block(),
    "review_save": _block(),
    "results_publish": _block(),
    "proposals_make": _block(),
    "notification_open": _pk("notification"),
    "yearend_ratings": _code(),
    "yearend_rating_save": _code(),
    "yearend_ratings_reopen": _code(),
    "yearend_achievement_add": _code(),
    "yearend_registrations": _code(),
    "yearend_registration_save": _code(),
    "nomination_detail": _pk("nomination"),
    "nomination_edit": _pk("nomination"),
    "nomination_add_line": _pk("nomination"),
    "nomination_remove_line": _two(("nomination", "pk"), ("nomination_line", "line")),
    "nomination_return_line": _two(("sent_nomination", "pk"), ("sent_line", "line")),
    "nomination_submit": _pk("nomination"),
    "nomination_return": _pk("sent_nomination"),
    "nomination_appraise": _pk("sent_nomination"),
    "nomination_to_council": _pk("sent_nomination"),
    "nomination_ballots": _pk("sent_nomination"),
    "nomination_decide": _pk("sent_nomination"),
    "nomination_issue": _pk("sent_nomination"),
    "nomination_withdraw": _pk("nomination"),
    "nomination_line_report": _with(_two(("sent_nomination", "pk"), ("sent_line", "line")), fmt="docx"),
    "nomination_document": _with(_pk("sent_nomination"), what="to-trinh", fmt="docx"),
    "awards_agency": _code(),
    "targets_unit": _code(),
    "council_detail": _pk("council"),
    "council_add_member": _pk("council"),
    "council_end_member": _two(("council", "pk"), ("member", "member")),
    "session_create": _pk("council"),
    "session_detail": _pk("session"),
    "session_attendance": _pk("session"),
    "session_add_candidate": _pk("session"),
    "session_remove_candidate": _two(("session", "pk"), ("candidate", "cid")),
    "session_ballot": _two(("session", "pk"), ("candidate", "cid")),
    "session_close": _pk("session"),
    "session_draft_decision": _pk("closed_session"),
    "session_minutes": _with(_pk("closed_session"), fmt="docx"),
    "decision_detail": _pk("decision"),
    "decision_edit": _pk("draft"),
    "decision_add_line": _pk("draft"),
    "decision_remove_line": _two(("draft", "pk"), ("draft_line", "line")),
    "decision_amend_line": _with(_two(("draft", "pk"), ("decision_line", "line")), how="thu-hoi"),
    "decision_issue": _pk("draft"),
    "decision_delete": _pk("draft"),
    "decision_download": _with(_pk("decision"), fmt="docx"),
    "decision_certificates": _pk("decision"),
    "decision_line_certificate": _two(("decision", "pk"), ("decision_line", "line")),
    "decision_amend": _with(_pk("decision"), how="sua-doi"),
    "job_detail": _pk("job"),
    "job_download": _pk("job"),
    "province_rule_edit": _with(_pk("rule"), kind="ty-le"),
    "province_rule_delete": _with(_pk("rule"), kind="ty-le"),
    "base_salary_confirm": _pk("salary"),
    "api-v1:unit_detail": _code(),
    "api-v1:staff_detail": _pk("staff", "staff_id"),
    "api-v1:staff_awards": _pk("staff", "staff_id"),
    "api-v1:registration_detail": _pk("registration", "registration_id"),
    "api-v1:registration_update": _pk("registration", "registration_id"),
    "api-v1:registration_check": _pk("registration", "registration_id"),
    "api-v1:registration_submit": _pk("registration", "registration_id"),
    "api-v1:decision_detail": _pk("decision", "decision_id"),
}

# What a write sends (else an empty POST): the object's own side, so that in scope it would really
# change something (each request is rolled back).
DATA: dict[str, Callable[[dict[str, Pair], str], dict]] = {
    "decision_add_line": lambda w, side: {"code": "LDTT", "staff": getattr(w["staff"], side).pk},
    "decision_edit": lambda w, side: {"title": "Về việc đổi trích yếu", "award_year": "2022"},
    "nomination_add_line": lambda w, side: {"code": "CSTDCS", "subject": f"s-{getattr(w['staff'], side).pk}"},
    "session_add_candidate": lambda w, side: {"code": "CSTDCS", "staff": getattr(w["staff"], side).pk},
    "yearend_rating_save": lambda w, side: {"staff": getattr(w["staff"], side).pk, "rating": "HTNV"},
    "yearend_ratings_reopen": lambda w, side: {"nam": "2022", "reason": "Thử mở lại"},
    "yearend_registration_save": lambda w, side: {"staff": getattr(w["staff"], side).pk, "code": "CSTDCS"},
    "yearend_achievement_add": lambda w, side: {"staff": getattr(w["staff"], side).pk, "kind": "initiative",
                                                "title": "Sáng kiến thử", "scope": "co_so"},
    "unit_change": lambda w, side: {"new_name": "Phòng đổi tên", "document_name": "", "on": "2025-07-01",
                                    "basis": ""},
    "api-v1:registration_create": lambda w, side: {"unit": getattr(w["unit"], side).code, "year": 2031},
    "api-v1:registration_update": lambda w, side: {"version": getattr(w["registration"], side).version,
                                                   "header": {"addressee": "Trưởng khối"}},
    # 2023: the demo's 2022 ratings are locked by its issued decisions (issue 12).
    "api-v1:rating_put": lambda w, side: {"year": 2023, "ratings": [
        {"staff_id": getattr(w["staff"], side).pk, "rating": "HTNV"}]},
    "api-v1:collective_rating_put": lambda w, side: {"year": 2023, "ratings": [
        {"unit": getattr(w["department"], side).code, "rating": "HTNV"}]},
}
for _name in ("api-v1:registration_create", "api-v1:rating_put", "api-v1:collective_rating_put"):
    ARGS[_name] = lambda w, side: {}  # no object in the URL, one in the body: asked for both sides



def _url(name: str, w: dict[str, Pair], side: str) -> str:
    if name == "movement_detail":
        return reverse(name, kwargs={"pk": w["movement"].own.pk})
    if name in SINGLE:
        return reverse(name, kwargs=SINGLE[name])
    builder = ARGS.get(name)
    return reverse(name, kwargs=(builder(w, side) or None) if builder else None)


@pytest.fixture(autouse=True, scope="module")
def _quick_documents():
    """Documents are rendered by stubs here: the answers depend on who asks, not on the rendering
    (tests/documents and the apps' export tests check that), and real DOCX/PDF/XLSX would make
    this test minutes long."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "render_document", lambda kind, context: b"PK\x03\x04 stub")
        patch.setattr(certificates, "render_certificates", lambda decision, lines, *, mode: b"%PDF-1.4 stub")
        patch.setattr(certificates, "render_test_page", lambda layout: b"%PDF-1.4 stub")
        patch.setattr(organization_views, "staff_template", lambda agency: b"PK\x03\x04 stub")
        yield


@pytest.fixture(scope="module")
def tokens(world, django_db_blocker):
    """An API key for every login (the API answers to keys, not sessions)."""
    with django_db_blocker.unblock():
        admin = User.objects.get(username="admin")
        return {u.username: token_create(actor=admin, user=u, name="Kiểm thử quyền")[1]
                for u in User.objects.filter(username__in=ROLES)}


@pytest.fixture(scope="module")
def clients(tokens, django_db_blocker) -> dict[tuple[str, bool], Client]:
    """One client per login, for the pages (signed in once for the module: its session lives in
    module_demo's transaction) and for the API (with the login's key)."""
    made = {}
    with django_db_blocker.unblock():
        people = {u.username: u for u in User.objects.filter(username__in=ROLES)}
        for role in ROLES:
            page = Client()
            if role != "anonymous":
                page.force_login(people[role])
            made[role, False] = page
            made[role, True] = Client(headers={"Authorization": f"Bearer {tokens[role]}"} if role != "anonymous"
                                      else {})
    return made


class _Rollback(Exception):
    pass


def _ask(client: Client, method: str, url: str, data: dict | None = None,
         after: Callable[[], object] | None = None) -> tuple[int, object]:
    """The answer's status, and what `after()` saw before the request's changes were rolled back."""
    seen: list = []
    cookies = copy.deepcopy(client.cookies)  # signing out (a rolled-back session) must not last
    try:
        with transaction.atomic():
            if method == "get":
                response = client.get(url)
            elif "/api/" in url:
                response = getattr(client, method)(url, data=data or {}, content_type="application/json")
            else:
                response = client.post(url, data or {})
            seen = [response.status_code, after() if after else None]
            raise _Rollback
    except _Rollback:
        pass
    client.cookies = cookies
    return seen[0], seen[1]


# --- the tests ------------------------------------------------------------------------------------


def test_every_url_name_is_in_the_table_and_every_row_is_a_url():
    names = {n for n in url_names() if n not in EXCLUDED}
    missing = sorted(names - set(EXPECTED))
    stale = sorted(set(EXPECTED) - names)
    assert not missing, "URL names with no row in EXPECTED_TABLE (classify them): " + ", ".join(missing)
    assert not stale, "rows of EXPECTED_TABLE with no such URL name: " + ", ".join(stale)
    assert not set(ARGS) - names, "ARGS for unknown URL names: " + ", ".join(sorted(set(ARGS) - names))


def _same(name: str, w: dict[str, Pair], method: str) -> bool:
    return (_url(name, w, "own") == _url(name, w, "other")
            and _data(name, w, "own", method) == _data(name, w, "other", method))


def _data(name: str, w: dict[str, Pair], side: str, method: str) -> dict | None:
    return DATA[name](w, side) if method != "get" and name in DATA else None


def _method(name: str, table_method: str) -> str:
    return table_method if table_method in ("post", "put", "patch") else "get"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_role_gets_the_expected_answer(name, world, clients, users):  # noqa: F811
    table_method, answers = EXPECTED[name]
    api = name.startswith("api-v1:")
    method = _method(name, table_method)
    wrong = []
    for role in ROLES:
        client = clients[role, api]
        for i, side in enumerate(("own", "other")):
            if i == 1 and name not in ARGS:
                break
            url = _url(name, world, side)
            if i == 1 and _same(name, world, method):
                break  # one object (a block-year, the province…): asked once
            status, _ = _ask(client, method, url, _data(name, world, side, method))
            expected = answers[role][i]
            if status != expected:
                wrong.append(f"{role:14} {method.upper()} {url}: {status}, expected {expected}")
    assert not wrong, f"{name}:\n" + "\n".join(wrong)


# Every table of the project but the audit trail (a refusal is recorded there, by design) and the
# caches' data stamps (core.versions: the first read of a scope's stamp creates its row, a refused
# request may read one).
COUNTED = [m for m in apps.get_models() if m.__module__.startswith("thidua.") and m._meta.app_label != "audit"
           and m._meta.label != "core.DataVersion" and m._meta.managed and not m._meta.proxy]


def _fingerprint(w: dict[str, Pair]) -> tuple:
    # One query for the row counts of every table (a hundred COUNT queries per request are slow).
    sql = " UNION ALL ".join(f"SELECT {i}, COUNT(*) FROM {connection.ops.quote_name(m._meta.db_table)}"
                             for i, m in enumerate(COUNTED))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = tuple(sorted(cursor.fetchall()))
    rows = tuple(repr(type(obj)._default_manager.filter(pk=obj.pk).values().first())
                 for pair in w.values() for obj in (pair.own, pair.other))
    return counts, rows


WRITES = sorted(name for name, (method, _) in EXPECTED.items() if method != "get" and name != "logout")


@pytest.mark.django_db
@pytest.mark.parametrize("name", WRITES)
def test_writes_out_of_scope_are_refused_and_change_nothing(name, world, clients, users):  # noqa: F811
    """A write sent anonymously, or by a user to whom the object answers 403/404, is refused and
    changes nothing. (For a form page the table holds the GET answer; its POST is asked here.)"""
    table_method, answers = EXPECTED[name]
    api = name.startswith("api-v1:")
    method = "post" if table_method == "form" else table_method
    wrong = []
    for role in ROLES:
        client = clients[role, api]
        before = _fingerprint(world)
        for i, side in enumerate(("own", "other")):
            if i == 1 and _same(name, world, method):
                break
            refused = {401} if api and role == "anonymous" else {302} if role == "anonymous" else {403, 404}
            if role != "anonymous" and answers[role][i] not in (403, 404):
                continue  # in scope: the table says what happens
            url = _url(name, world, side)
            status, after = _ask(client, method, url, _data(name, world, side, method), lambda: _fingerprint(world))
            if status not in refused:
                wrong.append(f"{role:14} {method.upper()} {url}: {status}, expected one of {sorted(refused)}")
            elif after != before:
                wrong.append(f"{role:14} {method.upper()} {url}: refused ({status}) but the data changed")
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
