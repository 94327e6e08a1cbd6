"""Every refusal names its rule and its basis: the article, or that it is a data check (issue 3).

A ratchet over the source of the services, the rules, the selectors and the locks: a DomainError or
Conflict written out by hand must carry its citation in the message; the refusal helpers carry it by
construction (refuse: article required; refuse_now: article given at every call; refuse_check /
refuse_check_now / require_reason_text: the data check's name). NotFound (404) is not a rule.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from fazhi.core.errors import Conflict, DomainError
from fazhi.enforcement.rules import common
from fazhi.enforcement.rules.execution import require_payment_overdue

APP = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [
        *APP.joinpath("services").glob("*.py"),
        *APP.joinpath("rules").glob("*.py"),
        APP / "selectors.py",
        APP / "locks.py",
    ]
)
# Where a message names its basis: an article, a standard (依据), or the data check (数据校验).
MARKERS = ("第", "依据", "数据校验")


def _literal_text(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_literal_text(part) for part in node.values if isinstance(part, ast.Constant))
    return ""


def _is_empty(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and not node.value


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    found = []
    for path in SOURCES:
        if path.name == "common.py" and path.parent.name == "rules":
            continue  # the helpers themselves build the suffix
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                found.append((f"{path.relative_to(APP)}:{node.lineno}", node))
    return found


@pytest.mark.parametrize("name", ["DomainError", "Conflict"])
def test_hand_written_refusals_name_their_basis(name: str) -> None:
    assert _calls(name)  # the scan sees them
    missing = [
        where
        for where, call in _calls(name)
        if not call.args or not any(marker in _literal_text(call.args[0]) for marker in MARKERS)
    ]
    assert not missing, f"{name} without an article or a data-check name: {missing}"


def test_state_refusals_name_their_article() -> None:
    missing = [
        where
        for where, call in _calls("refuse_now")
        if not any(k.arg == "article" and not _is_empty(k.value) for k in call.keywords)
    ]
    assert not missing, f"refuse_now without an article: {missing}"


def test_the_helpers_write_the_citation_into_the_message() -> None:
    assert common.refuse("x", code="c", article="第五十六条").message == "x（《中华人民共和国行政处罚法》第五十六条）"
    check = common.refuse_check(
        "处理决定日期不能早于登记保存日期", code="c", rule=common.DATE_ORDER, article="第五十六条"
    )
    assert isinstance(check, DomainError) and check.status_code == 400
    assert check.message == (
        "处理决定日期不能早于登记保存日期"
        "（数据校验：日期先后顺序，非法定条件；所涉环节依据《中华人民共和国行政处罚法》第五十六条）"
    )
    stale = common.refuse_stale(current=3, expected=2)
    assert isinstance(stale, Conflict) and stale.code == "penalty.version_conflict"
    assert (
        stale.message
        == "案件已被他人修改（当前版本3，您的版本2），请刷新后重试（数据校验：案件版本号一致，非法定条件）"
    )
    with pytest.raises(DomainError) as error:
        require_payment_overdue(due=date(2026, 4, 17), on=date(2026, 4, 17), paid=False)
    assert "第七十二条" in error.value.message
