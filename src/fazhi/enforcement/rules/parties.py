"""Pure validation of the party (当事人) and the inspected entity: who, identified how.

Legal basis: 《中华人民共和国行政处罚法》第五十九条第一款第一项（当事人的姓名或者名称）；GB 11643-1999 公民身份号码；
GB 32100-2015 统一社会信用代码 (RULES.md §12).
"""

from __future__ import annotations

import re
from datetime import date

from fazhi.core.errors import DomainError
from fazhi.core.ids import citizen_id_error, normalize_id, uscc_error
from fazhi.enforcement.choices import PartyKind
from fazhi.enforcement.rules.common import VALID_CHOICE, refuse, refuse_check

_SHORT_CITATION = re.compile(r"（GB [0-9.]+）")
USCC_STANDARD = "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》"
CITIZEN_ID_STANDARD = "GB 11643-1999《公民身份号码》"


def normalized_party_code(*, kind: str, code: str, today: date) -> str:
    """Return the normalised identifier, or raise DomainError naming the field and the standard it fails.

    An organisation is identified by its 统一社会信用代码, a natural person by the 公民身份号码.
    Legal basis: GB 32100-2015 (check digit, structure); GB 11643-1999 (birth date, check digit).
    """
    if kind not in PartyKind.values:
        raise refuse_check(
            "当事人类型应当为公民或者法人、其他组织",
            code="party.invalid_kind",
            rule=VALID_CHOICE,
            fields={"party_kind": ["类型无效。"]},
        )
    value = normalize_id(code)
    if kind == PartyKind.ORGANISATION:
        error = uscc_error(value)
        standard = USCC_STANDARD
    else:
        error = citizen_id_error(value, today=today)
        standard = CITIZEN_ID_STANDARD
    if error:
        # core's reason already names the identifier and may cite the standard by number ("（GB 32100）"):
        # cite it once, in full (was "统一社会信用代码无效：统一社会信用代码…（GB 32100）。（依据GB 32100-2015…）")
        reason = _SHORT_CITATION.sub("", error).rstrip("。")
        raise DomainError(f"{reason}（依据{standard}）。", code="party.invalid_code", fields={"party_code": [error]})
    return value


def require_party_name(name: str) -> str:
    """Return the stripped name; the decision must name the party.

    Legal basis: 《中华人民共和国行政处罚法》第五十九条第一款第一项（当事人的姓名或者名称）.
    """
    name = (name or "").strip()
    if not name:
        raise refuse(
            "当事人姓名或名称不能为空",
            code="party.name_required",
            article="第五十九条第一款第一项",
            fields={"party_name": ["必填。"]},
        )
    return name
