"""Pure validation of the party (当事人) and the inspected entity: who, identified how.

Legal basis: 《中华人民共和国行政处罚法》第五十九条第一款第一项（当事人的姓名或者名称）；GB 11643-1999 公民身份号码；
GB 32100-2015 统一社会信用代码 (RULES.md §12).
"""

from __future__ import annotations

from datetime import date

from fazhi.core.errors import DomainError
from fazhi.core.ids import citizen_id_error, normalize_id, uscc_error
from fazhi.enforcement.choices import PartyKind


def normalized_party_code(*, kind: str, code: str, today: date) -> str:
    """Return the normalised identifier, or raise DomainError naming the field.

    An organisation is identified by its 统一社会信用代码, a natural person by the 公民身份号码.
    """
    if kind not in PartyKind.values:
        raise DomainError("当事人类型无效。", code="party.invalid_kind", fields={"party_kind": ["类型无效。"]})
    value = normalize_id(code)
    if kind == PartyKind.ORGANISATION:
        error = uscc_error(value)
        field = "统一社会信用代码"
    else:
        error = citizen_id_error(value, today=today)
        field = "公民身份号码"
    if error:
        raise DomainError(f"{field}无效：{error}", code="party.invalid_code", fields={"party_code": [error]})
    return value


def require_party_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise DomainError("当事人姓名或名称不能为空。", code="party.name_required", fields={"party_name": ["必填。"]})
    return name
