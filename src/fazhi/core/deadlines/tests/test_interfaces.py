import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_api_computes_with_explanation() -> None:
    response = APIClient().get("/api/v1/deadlines/", {"rule": "penalty.service", "start": "2025-09-30"})
    assert response.status_code == 200
    body = response.json()
    assert {"rule", "start", "due", "legal_basis", "steps"} <= set(body)
    assert body["due"] == "2025-10-16" and body["provisional"] is False
    assert body["legal_basis"].startswith("《中华人民共和国行政处罚法》第六十一条")
    assert any("国庆节" in step for step in body["steps"])


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"rule": "no.such.rule", "start": "2025-01-06"}, 404, "unknown_rule"),
        ({"rule": "penalty.service", "start": "2025-02-30"}, 400, "invalid"),
        ({"rule": "penalty.service"}, 400, "invalid"),
        ({"rule": "penalty.service", "start": "2031-05-06"}, 400, "calendar_year_missing"),
        ({"rule": "reconsideration.decision", "start": "2025-01-06", "extend": "45"}, 400, "extension_exceeds_cap"),
        ({"rule": "penalty.decision", "start": "2025-01-06", "extend": "5"}, 400, "extension_not_allowed"),
        ({"rule": "penalty.service", "start": "2025-01-06", "extend": "abc"}, 400, "invalid"),
    ],
)
def test_api_bad_input_gives_error_shape(params, status, code) -> None:
    response = APIClient().get("/api/v1/deadlines/", params)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])  # the message is Chinese


def test_rules_endpoint_lists_every_rule() -> None:
    rules = APIClient().get("/api/v1/deadlines/rules/").json()
    codes = {rule["code"] for rule in rules}
    assert {"penalty.decision", "disclosure.reply", "normative.filing"} <= codes


def test_calendar_api_lists_holidays_and_make_up_days() -> None:
    rows = APIClient().get("/api/v1/calendars/days/", {"year": 2026}).json()
    kinds = {(row["date"], row["kind"]) for row in rows}
    assert ("2026-10-01", "holiday") in kinds
    assert ("2026-10-10", "workday") in kinds
    assert APIClient().get("/api/v1/calendars/days/", {"year": 2031}).status_code == 400


def test_command_json() -> None:
    out = StringIO()
    call_command("deadline", "disclosure.reply", "2025-01-20", "--extend", "20", "--json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["due"] == "2025-03-21"
    assert body["extension"] == 20


def test_command_human_output_and_rule_list() -> None:
    out = StringIO()
    call_command("deadline", "penalty.payment", "2025-09-21", stdout=out)
    assert "届满日：2025-10-09" in out.getvalue()
    listing = StringIO()
    call_command("deadline", stdout=listing)
    assert "normative.filing" in listing.getvalue() and "未经核实" in listing.getvalue()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["nope", "2025-01-06"], "未知的期限规则代码"),
        (["penalty.service", "2025-13-01"], "不是有效日期"),
        (["penalty.service", "2031-01-06"], "缺少节假日数据"),
    ],
)
def test_command_bad_input_is_a_clean_error(args, fragment) -> None:
    with pytest.raises(CommandError) as error:
        call_command("deadline", *args, stdout=StringIO())
    assert fragment in str(error.value)
    assert error.value.returncode == 2
