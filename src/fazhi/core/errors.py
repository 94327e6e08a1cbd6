"""Domain errors: the one way services refuse bad input.

Every refusal carries a stable machine code, a Chinese message for people and, where it helps, the
offending fields. The API exception handler and the web views turn them into HTTP 400/403/404/409;
nothing else should ever reach the user as a 500.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Input or state that the law or the data model does not allow (HTTP 400)."""

    status_code = 400
    default_code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, fields: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.fields = fields or {}

    def as_dict(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "fields": self.fields}}


class Forbidden(DomainError):
    """Visible to this user, but the step is not theirs to take (HTTP 403).

    Only where the user may see the record: outside their scope the answer is NotFound, so that a
    refusal does not reveal what exists.
    """

    status_code = 403
    default_code = "forbidden"


class NotFound(DomainError):
    """Missing, or not visible to this user — deliberately the same answer (HTTP 404)."""

    status_code = 404
    default_code = "not_found"


class Conflict(DomainError):
    """The record changed under the caller, or the transition is not allowed now (HTTP 409)."""

    status_code = 409
    default_code = "conflict"
