"""The 复议工作台 (/workspace/reconsideration/): rules read as people read them, not as codes."""

from __future__ import annotations

import re

from django.urls import reverse

from fazhi.core.deadlines.selectors import deadline_rule_list


def _rule_rows(html: str) -> dict[str, str]:
    table = html.split('data-testid="reconsideration-rules"', 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r'<tr data-rule-code="([^"]+)">(.*?)</tr>', table, flags=re.S))


def test_desk_shows_rule_names_and_periods_in_years_not_codes(staffed, client_for):
    html = client_for(staffed.reconsideration_officer).get(reverse("web:reconsideration_officer_home")).content.decode()
    rules = {r.code: r for r in deadline_rule_list() if r.code.startswith(("reconsideration.", "litigation."))}
    rows = _rule_rows(html)

    assert set(rows) == set(rules)
    for code, row in rows.items():
        visible = re.sub(r"<[^>]+>", " ", row.split("<a ", 1)[0])
        assert code not in visible, code
        assert rules[code].name_zh in visible
        assert rules[code].period_label in visible
    # 行政复议法第二十条第三款"一年"、第二十一条"五年""二十年" are stored as 12/60/240 months.
    periods = " ".join(rows.values())
    assert "5年" in periods and "20年" in periods and "1年" in periods
    assert not re.search(r"(?:12|60|240) ?个月", periods)
