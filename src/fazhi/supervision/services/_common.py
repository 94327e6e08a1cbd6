"""Shared names of the supervision services: the acting user's type."""

from __future__ import annotations

from typing import Any

Actor = Any
