"""The 行政复议/行政应诉 sub-menu, each link shown only to whom its page lets in (the views' own checks)."""

from __future__ import annotations

from typing import Any

from django import template

from fazhi.litigation import selectors as litigation_selectors
from fazhi.reconsideration import selectors

register = template.Library()


@register.inclusion_tag("reconsideration/_nav.html", takes_context=True)
def reconsideration_nav(context: template.Context) -> dict[str, Any]:
    """复议工作台 and 登记申请 for a 复议工作人员 (views._require_officer); 全部案件 and 统计看板 for whom a role
    shows cases (selectors.user_can_view_cases, the statistics scope's roles); 行政应诉 likewise for suits;
    纠错提醒 for everybody (the page lists the user's own units' alerts, never refuses)."""
    user = context["request"].user
    return {
        "handles_cases": selectors.authority_list_for_user(user=user).exists(),
        "views_cases": selectors.user_can_view_cases(user=user),
        "views_lawsuits": litigation_selectors.user_can_view_cases(user=user),
    }
