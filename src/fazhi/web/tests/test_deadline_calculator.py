"""期限计算器: the full page, the HTMX partial and every kind of bad input."""

from __future__ import annotations

from django.urls import reverse

from fazhi.web.tests.conftest import WORKING_DAY_RULE

URL = reverse("web:deadline_calculator")
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_blank_form_lists_every_rule(client, db):
    from fazhi.core.deadlines.selectors import deadline_rule_list

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "期限计算器" in html
    rules = list(deadline_rule_list())
    assert rules
    for rule in rules:
        assert f'<option value="{rule.code}"' in html
    assert 'data-testid="calculator-result"' not in html


def test_working_day_rule_over_national_day(client, db):
    # 2025: 10/1–10/8 off (国庆 + 中秋), Saturday 10/11 a make-up working day. Seven working days
    # after Tuesday 9/30: 10/9, 10/10, 10/11, 10/13, 10/14, 10/15, 10/16.
    response = client.get(URL, {"rule": WORKING_DAY_RULE, "start": "2025-09-30"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "2025年10月16日（星期四）" in html
    assert 'data-testid="steps"' in html
    steps = html.split('data-testid="steps">', 1)[1].split("</ol>", 1)[0]
    assert steps.count("<li>") >= 2
    assert "法律依据" in html
    assert "/api/v1/deadlines/?rule=penalty.service&amp;start=2025-09-30" in html


def test_unconfirmed_default_is_labelled(client, db):
    from fazhi.core.deadlines.selectors import deadline_rule_list

    unconfirmed = next((rule for rule in deadline_rule_list() if not rule.confirmed), None)
    if unconfirmed is None:
        return  # every shipped rule is confirmed; nothing to label
    html = client.get(URL, {"rule": unconfirmed.code, "start": "2025-03-03"}).content.decode()

    assert "（默认值，未经核实，可配置）" in html


def test_htmx_request_gets_only_the_partial(client, db):
    response = client.get(URL, {"rule": WORKING_DAY_RULE, "start": "2025-09-30"}, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'data-testid="calculator-form"' in html
    assert "2025年10月16日" in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_full_page(client, db):
    response = client.get(
        URL, {"rule": WORKING_DAY_RULE, "start": "2025-09-30"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )

    assert "<html" in response.content.decode()


def test_unknown_rule_is_400_with_message_and_code(client, db):
    response = client.get(URL, {"rule": "no.such.rule", "start": "2025-09-30"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "未知的期限规则“no.such.rule”" in html
    assert "unknown_rule" in html


def test_bad_date_is_400(client, db):
    response = client.get(URL, {"rule": WORKING_DAY_RULE, "start": "2025-13-01"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "起算日格式不正确" in html
    assert "invalid_date" in html


def test_a_day_that_does_not_exist_is_named_as_such(client, db):
    response = client.get(URL, {"rule": WORKING_DAY_RULE, "start": "2025-02-30"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "日期“2025-02-30”不存在，请检查月份和日" in html and "格式不正确" not in html


def test_missing_fields_are_400(client, db):
    response = client.get(URL, {"rule": "", "start": ""})

    html = response.content.decode()
    assert response.status_code == 400
    assert "请选择期限规则。" in html
    assert "请填写起算日。" in html


def test_negative_extension_is_400(client, db):
    response = client.get(URL, {"rule": WORKING_DAY_RULE, "start": "2025-09-30", "extend": "-3"})

    assert response.status_code == 400
    assert "延长天数不能为负数。" in response.content.decode()


def test_year_without_calendar_data_is_400_with_calendar_message(client, db):
    response = client.get(URL, {"rule": WORKING_DAY_RULE, "start": "2031-03-03"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "calendar_year_missing" in html
    assert "2031" in html


def test_bad_input_over_htmx_is_400_partial(client, db):
    response = client.get(URL, {"rule": WORKING_DAY_RULE, "start": "not-a-date"}, **HTMX)

    assert response.status_code == 400
    assert "<html" not in response.content.decode()
    assert "起算日格式不正确" in response.content.decode()


def test_is_public_and_get_only(client, db):
    assert client.get(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_rule_alone_preselects_without_errors(client, db):
    response = client.get(URL, {"rule": WORKING_DAY_RULE})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{WORKING_DAY_RULE}" selected>' in html
    assert 'data-testid="calculator-errors"' not in html


def test_rules_read_by_name_and_period_not_by_code(client, db):
    # Citizens use the calculator: the select, the rule table and the result name each rule in
    # Chinese and state periods as people read them (a 5-year period as 5年, not 60 个月); the codes
    # stay in the option values and data attributes (and in the API).
    from fazhi.core.deadlines.selectors import deadline_rule_list

    rules = list(deadline_rule_list())
    html = client.get(URL, {"rule": WORKING_DAY_RULE, "start": "2025-09-30"}).content.decode()

    for rule in rules:
        assert f"{rule.code} —" not in html and f"<code>{rule.code}</code>" not in html
        row = html.split(f'<tr data-rule-code="{rule.code}">', 1)[1].split("</tr>", 1)[0]
        assert rule.period_label in row
        if rule.unit == "month" and rule.count % 12 == 0:
            assert f"{rule.count}个月" not in row and f"{rule.count // 12}年" in row
    assert any(rule.unit == "month" and rule.count % 12 == 0 for rule in rules)  # the case above happens
