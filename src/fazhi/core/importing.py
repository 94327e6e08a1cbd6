"""Registry behind `fazhi import <kind> FILE`.

Each domain app registers its importers explicitly in its AppConfig.ready(); core stays ignorant of
the domains. An importer reads the whole file, validates every row, and writes nothing if any row
is bad (all-or-nothing), returning a report the command prints or emits as JSON.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fazhi.core.errors import Conflict


@dataclass(frozen=True, slots=True)
class RowError:
    """A bad row of an import file: its 1-based row number as a spreadsheet shows it, and why."""

    row: int
    message: str
    column: str = ""


# A wholly wrong file lists its first thousand bad rows, not a million (the page, the API answer and
# the command's output alike); error_total still counts every one.
MAX_LISTED_ERRORS = 1000


@dataclass
class ImportReport:
    kind: str
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)  # the first MAX_LISTED_ERRORS (add_error)
    details: dict[str, Any] = field(default_factory=dict)
    error_total: int = 0

    def add_error(self, error: RowError) -> None:
        """Count a bad row's error; list it while fewer than MAX_LISTED_ERRORS are listed."""
        self.error_total += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(error)

    def add_errors(self, errors: list[RowError]) -> None:
        for error in errors:
            self.add_error(error)

    @property
    def errors_truncated(self) -> bool:
        return self.error_total > len(self.errors)

    @property
    def ok(self) -> bool:
        return self.error_total == 0 and not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source,
            "ok": self.ok,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [{"row": e.row, "column": e.column, "message": e.message} for e in self.errors],
            "error_total": max(self.error_total, len(self.errors)),
            "errors_truncated": self.errors_truncated,
            "details": self.details,
        }


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large file is read, checked and written.

    A 100,000-row import keeps about a million tuples, lists and strings alive at once; none of them
    is cyclic garbage (reference counting frees what the import drops), yet each of the collector's
    full passes walks them all. Measured on `fazhi import records` with 100,000 rows: 0.7 s of 2.6 s
    of Python time (docs/supervision.md §10). Restored afterwards (left off if it was off before).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def concurrent_import(key: str) -> Conflict:
    """The 409 of a file whose `key` (named in Chinese, e.g. 记录编号) another import committed after
    this file's checks: the unique index stopped the write, and nothing of this file was written."""
    return Conflict(f"另一次导入正在写入相同的{key}，本文件未导入，请稍后重试。", code="import.concurrent")


Importer = Callable[..., ImportReport]


@dataclass(frozen=True, slots=True)
class ImporterSpec:
    kind: str
    label: str  # Chinese, shown in help
    run: Importer  # run(path: Path, *, actor, dry_run: bool) -> ImportReport


_IMPORTERS: dict[str, ImporterSpec] = {}


def register_importer(*, kind: str, label: str, run: Importer) -> None:
    """Register the importer for `fazhi import <kind>`; registering a kind twice is a bug."""
    if kind in _IMPORTERS and _IMPORTERS[kind].run is not run:
        raise RuntimeError(f"importer {kind!r} registered twice")
    _IMPORTERS[kind] = ImporterSpec(kind=kind, label=label, run=run)


def importer_for(kind: str) -> ImporterSpec | None:
    return _IMPORTERS.get(kind)


def importer_kinds() -> list[ImporterSpec]:
    return sorted(_IMPORTERS.values(), key=lambda spec: spec.kind)


def run_import(*, kind: str, path: Path, actor: Any, dry_run: bool = False) -> ImportReport:
    spec = _IMPORTERS[kind]
    return spec.run(path, actor=actor, dry_run=dry_run)
