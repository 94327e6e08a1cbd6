"""Error pages (400/403/404/500) in Chinese; under /api/ the one JSON error shape instead.

These handlers must not fail themselves: the 500 page is rendered without the request context
(no menu, no database), from a template that needs only static files.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

API_PREFIX = "/api/"

ERRORS = {
    400: ("bad_request", "请求无效：提交的内容格式不正确或不完整。"),
    403: ("permission_denied", "没有访问此页面或执行此操作的权限。"),
    404: ("not_found", "页面或记录不存在，或您无权访问。"),
    500: ("server_error", "服务器内部错误，请稍后再试；如问题持续，请联系系统管理员。"),
}
CSRF_FAILURE = ("csrf_failed", "安全校验失败（CSRF）：页面可能已过期，请刷新后重试。")
BAD_CHARACTERS = ("bad_characters", "提交的内容含有不允许的控制字符（NUL），请删除后重新提交。")


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": message, "fields": {}}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _page(request: HttpRequest, status: int, message: str | None = None, code: str | None = None) -> HttpResponse:
    default_code, default = ERRORS[status]
    code = code or default_code
    if _is_api(request):
        return _json(status, code, message or default)
    context = {"status": status, "code": code, "message": message or default}
    return render(request, f"web/errors/{status}.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400)


def bad_characters(request: HttpRequest) -> HttpResponse:
    """What RefuseNulCharactersMiddleware answers: 400 with its own code and message."""
    code, message = BAD_CHARACTERS
    return _page(request, 400, message, code=code)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # PermissionDenied("…") raised by our views carries a Chinese reason worth showing.
    reason = str(exception) if exception is not None and str(exception) else None
    return _page(request, 403, reason if reason and not reason.isascii() else None)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    code, message = ERRORS[500]
    if _is_api(request):
        return _json(500, code, message)
    context = {"status": 500, "code": code, "message": message, "request": request}
    html = loader.get_template("web/errors/500.html").render(context)
    return HttpResponse(html, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the same Chinese page / JSON shape as the other 403s."""
    code, message = CSRF_FAILURE
    if _is_api(request):
        return _json(403, code, message)
    return render(request, "web/errors/403.html", {"status": 403, "code": code, "message": message}, status=403)
