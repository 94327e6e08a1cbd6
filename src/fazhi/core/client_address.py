"""The address of the client behind a request, for the records that keep it (login failures)."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping

from django.conf import settings


def client_ip(meta: Mapping[str, str], *, behind_proxy: bool | None = None) -> str | None:
    """REMOTE_ADDR; behind the deployment's proxy (settings.FAZHI_BEHIND_PROXY), the last address in
    X-Forwarded-For instead.

    Only the last one: nginx's $proxy_add_x_forwarded_for appends the address it saw to whatever the
    client sent, so every earlier entry is the client's own claim. Something that is not an address
    (a request that reached the server around the proxy) falls back to REMOTE_ADDR, so that the
    stored field (an IP address column) never refuses it.
    """
    if behind_proxy is None:
        behind_proxy = settings.FAZHI_BEHIND_PROXY
    if behind_proxy:
        last = meta.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            pass
    return meta.get("REMOTE_ADDR") or None
