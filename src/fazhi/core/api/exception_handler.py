"""Map every API failure onto one JSON shape: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions as drf
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from fazhi.core.errors import DomainError

_MESSAGES: dict[type[drf.APIException], tuple[str, str]] = {
    drf.NotAuthenticated: ("not_authenticated", "未登录或未提供身份凭证。"),
    drf.AuthenticationFailed: ("authentication_failed", "身份凭证无效或已过期。"),
    drf.PermissionDenied: ("permission_denied", "没有执行此操作的权限。"),
    drf.NotFound: ("not_found", "记录不存在或无权访问。"),
    drf.MethodNotAllowed: ("method_not_allowed", "不支持该请求方法。"),
    drf.NotAcceptable: ("not_acceptable", "无法提供所请求的格式。"),
    drf.UnsupportedMediaType: ("unsupported_media_type", "不支持的请求内容类型。"),
    drf.Throttled: ("throttled", "请求过于频繁，请稍后再试。"),
    drf.ParseError: ("parse_error", "请求内容格式错误。"),
}


def _flatten(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [str(item) if not isinstance(item, dict | list) else _flatten(item) for item in detail]
    return str(detail)


def error_response(code: str, message: str, status: int, fields: dict[str, Any] | None = None) -> Response:
    return Response({"error": {"code": code, "message": message, "fields": fields or {}}}, status=status)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Translate domain, Django and DRF exceptions; let truly unexpected errors surface (500)."""
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        message = "；".join(exc.messages) or "输入无效。"
        return error_response("invalid", message, 400, _flatten(fields))
    if isinstance(exc, Http404):
        exc = drf.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = drf.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, drf.ValidationError):
        fields = _flatten(exc.detail) if isinstance(exc.detail, dict) else {"non_field_errors": _flatten(exc.detail)}
        first = next(iter(fields.values()), ["输入无效。"]) if fields else ["输入无效。"]
        message = first[0] if isinstance(first, list) and first else str(first)
        return error_response("invalid", f"输入无效：{message}", response.status_code, fields)
    code, message = _MESSAGES.get(type(exc), ("error", str(getattr(exc, "detail", "请求失败。"))))
    response.data = {"error": {"code": code, "message": message, "fields": {}}}
    return response
