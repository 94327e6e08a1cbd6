"""Recompute hooks: apps with open deadlines register here to be told when the calendar changes.

Registration is an explicit call from an AppConfig.ready(), not a Django signal (STYLE §4 S4).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

RecomputeHook = Callable[[list[date]], int]  # returns how many deadlines it moved

_HOOKS: list[RecomputeHook] = []


def register_recompute_hook(hook: RecomputeHook) -> None:
    if hook not in _HOOKS:
        _HOOKS.append(hook)


def run_recompute_hooks(changed_dates: list[date]) -> int:
    return sum(hook(changed_dates) for hook in list(_HOOKS))
