"""Content negotiation that names an unsupported ?format= instead of answering "record not found"."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request

from fazhi.core.errors import NotFound


class NamedFormatNegotiation(DefaultContentNegotiation):
    """DRF's negotiation; a ?format= no renderer of the endpoint serves is 404 `api.format_not_supported`
    saying which formats it has (DRF raises a bare Http404, which the API reported as a missing record)."""

    def select_renderer(self, request: Request, renderers: list[Any], format_suffix: str | None = None) -> Any:
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404 as exc:
            wanted = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE, "")
            offered = "、".join(sorted({renderer.format for renderer in renderers}))
            raise NotFound(
                f"本接口不提供“{wanted}”格式，可用格式：{offered}。", code="api.format_not_supported"
            ) from exc
