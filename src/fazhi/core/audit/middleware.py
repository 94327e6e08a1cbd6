"""Give every HTTP request an id (or accept a valid X-Request-ID) for the audit trail."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from fazhi.core.audit.context import request_id_scope


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        try:
            given = uuid.UUID(incoming) if incoming else None
        except ValueError:
            given = None
        with request_id_scope(given) as request_id:
            request.request_id = request_id  # type: ignore[attr-defined]
            response = self.get_response(request)
        response["X-Request-ID"] = str(request_id)
        return response
