"""期限计算器: a public page computing a statutory deadline with the deadline engine.

GET only and bookmarkable (?rule=&start=&extend=, the same parameters as the JSON API). Without
JavaScript the form reloads the whole page; with HTMX the same URL returns only the calculator
partial. Bad input answers HTTP 400 (404 for a rule the engine does not know) with the Chinese
message and its code — never a 500.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from fazhi.core.deadlines.selectors import deadline_compute, deadline_rule_list
from fazhi.core.errors import DomainError
from fazhi.web.forms import DeadlineCalculatorForm

TEMPLATE = "web/deadline_calculator.html"
API_URL_NAME = "api-v1:deadline-compute"


@require_safe
def deadline_calculator_view(request: HttpRequest) -> HttpResponse:
    rules = list(deadline_rule_list())
    # A start date means "compute"; ?rule= alone (links from the rule tables) only preselects the rule.
    submitted = "start" in request.GET
    initial = {"rule": request.GET.get("rule", "")}
    form = DeadlineCalculatorForm(request.GET if submitted else None, initial=initial, rules=rules)
    context: dict[str, Any] = {"form": form, "rules": rules, "result": None, "errors": [], "api_url": ""}
    status = 200
    if submitted:
        if form.is_valid():
            data = form.cleaned_data
            extension = data["extend"] or 0
            try:
                context["result"] = deadline_compute(rule_code=data["rule"], start=data["start"], extension=extension)
            except DomainError as exc:
                context["errors"] = [{"field": "", "message": exc.message, "code": exc.code}]
                status = exc.status_code
            query = {"rule": data["rule"], "start": data["start"].isoformat()} | (
                {"extend": extension} if extension else {}
            )
            context["api_url"] = _api_url(query)
            context["rule"] = next((rule for rule in rules if rule.code == data["rule"]), None)
        else:
            context["errors"] = form.error_list()
            status = 400
    # One URL, two renderings: the Vary header keeps caches from mixing them up. A history restore
    # (back button after hx-push-url) needs the whole page.
    partial = request.htmx and not request.htmx.boosted and not request.htmx.history_restore_request
    response = render(request, f"{TEMPLATE}#calculator" if partial else TEMPLATE, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _api_url(query: dict[str, Any]) -> str:
    """The JSON API URL answering the same question (shown under the result)."""
    try:
        base = reverse(API_URL_NAME)
    except NoReverseMatch:
        base = "/api/v1/deadlines/"
    return f"{base}?{urlencode(query)}"
