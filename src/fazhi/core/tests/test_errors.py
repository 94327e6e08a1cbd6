"""The API exception handler answers each domain error with its own status and the one JSON shape."""

from __future__ import annotations

import pytest

from fazhi.core.api.exception_handler import api_exception_handler
from fazhi.core.errors import Conflict, DomainError, Forbidden, NotFound


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (DomainError("输入无效。"), 400, "invalid"),
        (Forbidden("该操作只能由司法行政机关办理。"), 403, "forbidden"),
        (NotFound("记录不存在或无权访问。"), 404, "not_found"),
        (Conflict("记录已被他人修改。", code="stale"), 409, "stale"),
    ],
)
def test_domain_errors_keep_their_status_code_and_message(error: DomainError, status: int, code: str) -> None:
    response = api_exception_handler(error, {})

    assert response is not None
    assert response.status_code == status
    assert response.data == {"error": {"code": code, "message": error.message, "fields": {}}}
