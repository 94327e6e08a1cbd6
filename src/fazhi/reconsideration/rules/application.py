"""Rules about the application itself: who, how, which act, in time, and 复议前置.

Pure: no ORM, no clock, no settings. Due dates are computed by the deadline engine (core.deadlines)
in the services; these functions say *which* periods apply and judge the result.
Articles are those of 《中华人民共和国行政复议法》(2023) unless named otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import DomainError
from fazhi.core.ids import citizen_id_error, normalize_id, uscc_error
from fazhi.reconsideration.choices import ApplicantKind, Category, Channel

ART_20 = "《中华人民共和国行政复议法》第二十条"
ART_21 = "《中华人民共和国行政复议法》第二十一条"
ART_22 = "《中华人民共和国行政复议法》第二十二条"
ART_23 = "《中华人民共和国行政复议法》第二十三条"

RULE_WINDOW = "reconsideration.application"
RULE_WINDOW_UNINFORMED = "reconsideration.application.uninformed"
RULE_ABSOLUTE = "reconsideration.application.absolute"
RULE_ABSOLUTE_REAL_ESTATE = "reconsideration.application.absolute.real_estate"


def applicant_id_error(*, kind: str, id_number: str) -> str | None:
    """Return why the applicant's identifier is invalid, or None.

    Legal basis: 《中华人民共和国行政复议法》第二十二条第三款 requires the applicant's "基本情况";
    a person is identified by the 公民身份号码 (GB 11643-1999), an organisation by the
    统一社会信用代码 (GB 32100-2015).
    """
    value = normalize_id(id_number or "")
    if not value:
        return "请填写申请人的公民身份号码或统一社会信用代码。"
    if kind == ApplicantKind.PERSON:
        return citizen_id_error(value)
    if kind == ApplicantKind.ORGANISATION:
        return uscc_error(value)
    return "申请人类型无效。"


ORAL_RECORD_FIELDS = {
    "applicant_name": "申请人的基本情况（姓名或名称）",
    "request": "行政复议请求",
    "facts": "申请行政复议的主要事实",
    "reasons": "理由",
    "received_on": "申请时间",
}


def oral_record_missing(values: dict[str, object]) -> list[str]:
    """Return the labels of the Art. 22(3) items an oral application's record lacks.

    Legal basis: 《中华人民共和国行政复议法》第二十二条第三款："口头申请的，行政复议机关应当当场记录申请人的
    基本情况、行政复议请求、申请行政复议的主要事实、理由和时间。"
    """
    return [label for key, label in ORAL_RECORD_FIELDS.items() if not values.get(key)]


def filing_date(*, channel: str, received_on: date, posted_on: date | None) -> date:
    """Return the day that counts for the application window.

    Legal basis: 《中华人民共和国民事诉讼法》第八十五条第四款："期间不包括在途时间，诉讼文书在期满前交邮的，
    不算过期。" (行政复议法第八十八条第一款 refers to the 民事诉讼法 for what it does not say.)
    Interpretation: for mailed applications the postmark date counts; every other channel counts
    the day the 复议机关 received the application.
    """
    if channel == Channel.MAIL and posted_on is not None:
        return posted_on
    return received_on


@dataclass(frozen=True, slots=True)
class WindowCheck:
    """One period the application must fall within: the rule code, its start and the article."""

    rule_code: str
    start: date
    article: str
    pausable: bool  # the Art. 20(2) obstacle stops this clock


def application_window_checks(
    *,
    known_on: date,
    informed_of_rights: bool,
    rights_known_on: date | None,
    act_on: date | None,
    real_estate: bool,
) -> list[WindowCheck]:
    """Return the periods that bound the application.

    Legal basis: 《中华人民共和国行政复议法》第二十条："可以自知道或者应当知道该行政行为之日起六十日内提出
    行政复议申请 …… 因不可抗力或者其他正当理由耽误法定申请期限的，申请期限自障碍消除之日起继续计算。
    行政机关作出行政行为时，未告知 …… 申请期限自 …… 知道或者应当知道申请行政复议的权利、行政复议机关和
    申请期限之日起计算，但是自知道或者应当知道行政行为内容之日起最长不得超过一年。"
    第二十一条："因不动产提出的行政复议申请自行政行为作出之日起超过二十年，其他行政复议申请自行政行为
    作出之日起超过五年的，行政复议机关不予受理。"
    """
    checks: list[WindowCheck] = []
    if informed_of_rights or rights_known_on is None:
        checks.append(WindowCheck(RULE_WINDOW, known_on, f"{ART_20}第一款", True))
    else:
        checks.append(WindowCheck(RULE_WINDOW, rights_known_on, f"{ART_20}第三款", True))
        checks.append(WindowCheck(RULE_WINDOW_UNINFORMED, known_on, f"{ART_20}第三款", False))
    if act_on is not None:
        rule = RULE_ABSOLUTE_REAL_ESTATE if real_estate else RULE_ABSOLUTE
        checks.append(WindowCheck(rule, act_on, ART_21, False))
    return checks


def late_reasons(*, filed_on: date, dues: list[tuple[WindowCheck, date]]) -> list[str]:
    """Return one message per period the filing date is past (empty when in time).

    Legal basis: 《中华人民共和国行政复议法》第二十条、第二十一条 (see application_window_checks).
    """
    reasons = []
    for check, due in dues:
        if filed_on > due:
            reasons.append(
                f"申请日{format_date_zh(filed_on)}已超过申请期限（届满日{format_date_zh(due)}，{check.article}）"
            )
    return reasons


def require_dates_consistent(*, known_on: date, filed_on: date, act_on: date | None) -> None:
    """Refuse impossible dates (knowing of an act before it happened, applying before knowing).

    Legal basis: 《中华人民共和国行政复议法》第二十条 (the window starts when the act is known).
    """
    if act_on is not None and known_on < act_on:
        raise DomainError(
            "知道行政行为的日期不能早于行政行为作出日期。",
            code="reconsideration.dates_inconsistent",
            fields={"known_on": ["早于行政行为作出日期。"]},
        )
    if filed_on < known_on:
        raise DomainError(
            "申请日期不能早于知道行政行为的日期。",
            code="reconsideration.dates_inconsistent",
            fields={"received_on": ["早于知道行政行为的日期。"]},
        )


def require_linked_decision_before_filing(*, decided_on: date | None, filed_on: date) -> None:
    """A linked penalty case is the contested act only once its decision exists, on or before the filing.

    Legal basis: 《中华人民共和国行政复议法》第二条、第十一条 (an application is against an act the
    administrative body has made) and 第二十条 (the window runs from knowing of that act).
    """
    if decided_on is None:
        raise DomainError(
            "所关联的行政处罚案件尚未作出处罚决定，不能作为申请复议的行政行为（《中华人民共和国行政复议法》第二条、第十一条）。",
            code="reconsideration.linked_decision_missing",
            fields={"penalty_case": ["尚未作出处罚决定。"]},
        )
    if decided_on > filed_on:
        raise DomainError(
            f"所关联的行政处罚决定作出于{format_date_zh(decided_on)}，晚于申请日期{format_date_zh(filed_on)}"
            "（《中华人民共和国行政复议法》第二条、第二十条）。",
            code="reconsideration.dates_inconsistent",
            fields={"penalty_case": ["处罚决定晚于申请日期。"]},
        )


@dataclass(frozen=True, slots=True)
class Prerequisite:
    """Whether the case is 复议前置 (the applicant must apply before going to court), and why."""

    required: bool
    reason: str
    legal_basis: str


def prerequisite(
    *,
    category: str,
    on_the_spot: bool,
    disclosure_refused: bool,
    other_law_requires: bool = False,
) -> Prerequisite:
    """Return whether reconsideration must precede litigation for this case.

    Legal basis: 《中华人民共和国行政复议法》第二十三条第一款："有下列情形之一的，申请人应当先向行政复议机关
    申请行政复议 ……（一）对当场作出的行政处罚决定不服；（二）对行政机关作出的侵犯其已经依法取得的自然资源
    的所有权或者使用权的决定不服；（三）认为行政机关存在本法第十一条规定的未履行法定职责情形；（四）申请政府
    信息公开，行政机关不予公开；（五）法律、行政法规规定应当先向行政复议机关申请行政复议的其他情形。"
    """
    if category == Category.PENALTY and on_the_spot:
        return Prerequisite(True, "对当场作出的行政处罚决定不服", f"{ART_23}第一款第一项")
    if category == Category.NATURAL_RESOURCES:
        return Prerequisite(True, "对侵犯已依法取得的自然资源所有权或者使用权的决定不服", f"{ART_23}第一款第二项")
    if category == Category.INACTION:
        return Prerequisite(True, "认为行政机关未履行法定职责", f"{ART_23}第一款第三项")
    if category == Category.DISCLOSURE and disclosure_refused:
        return Prerequisite(True, "申请政府信息公开，行政机关不予公开", f"{ART_23}第一款第四项")
    if other_law_requires:
        return Prerequisite(True, "法律、行政法规规定应当先申请行政复议", f"{ART_23}第一款第五项")
    return Prerequisite(False, "", ART_23)


def case_number(*, prefix: str, year: int, serial: int, kind: str = "") -> str:
    """Return the 文号 of a case or one of its documents: 「{代字}复{种类}字〔年〕序号号」, e.g. 青政复受字〔2026〕12号.

    Legal basis: 《党政机关公文格式》(GB/T 9704-2012) 7.2.4 (发文字号: 机关代字、年份、发文顺序号; 〔〕; 不编虚位).
    `prefix` is the 复议机关's 机关代字 (selectors.authority_document_prefix).
    """
    middle = f"复{kind}字" if kind else "复"
    return f"{prefix}{middle}〔{year}〕{serial}号"


def document_number(*, case_number: str, kind: str) -> str | None:
    """Return the 文号 of one of a case's documents from the case's 案号, or None if it has another shape.

    The documents share the 案号's 代字, year and serial and add their 种类 (「…复〔2026〕12号」 →
    「…复决字〔2026〕12号」), so a document printed again carries the number it had, even after the
    unit's 机关代字 was recorded or changed. Legal basis: GB/T 9704-2012 7.2.4 (see case_number).
    """
    head, separator, tail = case_number.rpartition("复〔")
    return f"{head}复{kind}字〔{tail}" if separator and head else None
