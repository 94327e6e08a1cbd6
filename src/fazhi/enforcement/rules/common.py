"""Small shared pieces of the pure rules: the citation strings and the refusal helpers.

Every refusal names its rule and its basis. A statutory rule cites the article (`refuse`,
`refuse_now`); a data-consistency check that no article states (a date before the one it
follows, an unknown choice, a stale version) says so and names the check instead, plus the
article of the step it guards where there is one (`refuse_check`, `refuse_check_now`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.core.calendars.rules import format_date_zh
from fazhi.core.errors import Conflict, DomainError

LAW = "《中华人民共和国行政处罚法》"

# Names of the data-consistency checks, so the same check reads the same everywhere.
DATE_ORDER = "日期先后顺序"
REQUIRED = "必填项"
VALID_CHOICE = "选项应为系统列明的值"
NOT_FUTURE = "日期不能晚于当日"
CASE_VERSION = "案件版本号一致"  # the copy the user worked on is still the current one
OFFICER_IN_UNIT = "执法人员属于实施单位"
CHECK_ITEM_LISTED = "检查事项列入本单位检查清单"


# Amounts in 元 as stored (max_digits=14, decimal_places=2): the largest is 999,999,999,999.99.
MONEY_MAX_DIGITS = 14
MONEY_DECIMAL_PLACES = 2
MONEY_MAX_TEXT = "999,999,999,999.99元"


def money_input_messages(label: str = "金额") -> dict[str, str]:
    """The Chinese messages of an amount field (form or API), by Django/DRF error code.

    Django's own wording ("确认总共不超过 14 个数字.") names digits, not money, and ends in an
    English full stop; an absurd amount is a typing error the officer should be told about plainly.
    """
    too_large = f"{label}过大：最多为{MONEY_MAX_TEXT}，请核对金额（以元为单位）。"
    return {
        "invalid": f"请填写{label}（元），如 5000 或 5000.50。",
        "min_value": f"{label}不能为负数。",
        "max_digits": too_large,
        "max_whole_digits": too_large,
        "max_decimal_places": f"{label}以元为单位，最多保留两位小数。",
        "max_string_length": too_large,  # DRF: an input string longer than any amount could be
    }


def yuan(amount: Decimal) -> str:
    """An amount in 元 as a message writes it: 5000元, 5000.50元 (no ".00" on whole amounts)."""
    text = f"{Decimal(amount):.2f}"
    return (text.removesuffix(".00") if text.endswith(".00") else text) + "元"


def cite(article: str, law: str = LAW) -> str:
    """Return the citation suffix used in every refusal message, e.g. （《中华人民共和国行政处罚法》第六十三条）."""
    return f"（{law}{article}）"


def cite_check(rule: str, article: str = "", law: str = LAW) -> str:
    """Return the suffix of a data-consistency refusal: the check's name, that no article states it, the step's article.

    e.g. （数据校验：日期先后顺序，非法定条件；所涉环节依据《中华人民共和国行政处罚法》第五十六条）
    """
    step = f"；所涉环节依据{law}{article}" if article else ""
    return f"（数据校验：{rule}，非法定条件{step}）"


def refuse(
    message: str, *, code: str, article: str, fields: dict[str, list[str]] | None = None, law: str = LAW
) -> DomainError:
    """A rule violation: the message names the rule and the article (HTTP 400); `law` defaults to 行政处罚法."""
    return DomainError(f"{message}{cite(article, law)}", code=code, fields=fields)


def refuse_now(message: str, *, code: str, article: str = "", law: str = LAW) -> Conflict:
    """Not allowed in the current state of the record (HTTP 409)."""
    return Conflict(f"{message}{cite(article, law) if article else ''}", code=code)


def refuse_check(
    message: str,
    *,
    code: str,
    rule: str,
    article: str = "",
    law: str = LAW,
    fields: dict[str, list[str]] | None = None,
) -> DomainError:
    """Input that fails a data-consistency check no article states (HTTP 400); see cite_check."""
    return DomainError(f"{message}{cite_check(rule, article, law)}", code=code, fields=fields)


def refuse_check_now(message: str, *, code: str, rule: str, article: str = "", law: str = LAW) -> Conflict:
    """The record is not in a state the data allows for this act (a duplicate, a stale copy) (HTTP 409)."""
    return Conflict(f"{message}{cite_check(rule, article, law)}", code=code)


def refuse_stale(*, current: int, expected: int) -> Conflict:
    """The caller's copy of the case is stale: another user moved it first (HTTP 409, penalty.version_conflict)."""
    return refuse_check_now(
        f"案件已被他人修改（当前版本{current}，您的版本{expected}），请刷新后重试",
        code="penalty.version_conflict",
        rule=CASE_VERSION,
    )


def require_act_dated(
    *,
    day: date,
    today: date,
    field: str,
    label: str,
    earliest: date | None = None,
    article: str = "",
    code_prefix: str = "penalty",
) -> None:
    """Refuse an act dated after `today` or before `earliest`, the date of the step it follows (HTTP 400).

    A data-consistency check no article states (NOT_FUTURE, DATE_ORDER): a record of what was done
    cannot be dated in the future, nor before the act it answers (e.g. a 告知 before the 立案).
    `article` is the step's own, named in the message as the step the check guards.
    """
    if day > today:
        raise refuse_check(
            f"{label}（{format_date_zh(day)}）不能晚于今天（{format_date_zh(today)}）",
            code=f"{code_prefix}.future_date",
            rule=NOT_FUTURE,
            article=article,
            fields={field: ["日期不能晚于今天。"]},
        )
    if earliest is not None and day < earliest:
        raise refuse_check(
            f"{label}（{format_date_zh(day)}）不能早于{format_date_zh(earliest)}",
            code=f"{code_prefix}.date_out_of_order",
            rule=DATE_ORDER,
            article=article,
            fields={field: [f"日期不能早于{format_date_zh(earliest)}。"]},
        )
