"""Which address a request came from, directly or through the deployment's proxy."""

from __future__ import annotations

import pytest

from fazhi.core.client_address import client_ip


def test_without_a_proxy_the_forwarded_header_is_the_clients_claim_and_ignored():
    meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "10.0.0.1"}

    assert client_ip(meta, behind_proxy=False) == "203.0.113.9"


def test_behind_the_proxy_the_address_it_appended_counts_not_the_clients_own_entries():
    # The client claimed 10.0.0.1; nginx appended the address it saw.
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.0.0.1, 198.51.100.7"}

    assert client_ip(meta, behind_proxy=True) == "198.51.100.7"


@pytest.mark.parametrize("forwarded", ["", "unknown", "198.51.100.7, not-an-address"])
def test_behind_the_proxy_a_missing_or_bad_entry_falls_back_to_the_peer(forwarded):
    meta = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded}

    assert client_ip(meta, behind_proxy=True) == "127.0.0.1"


def test_ipv6_addresses_are_kept():
    meta = {"REMOTE_ADDR": "::1", "HTTP_X_FORWARDED_FOR": "2001:db8::5"}

    assert client_ip(meta, behind_proxy=True) == "2001:db8::5"
