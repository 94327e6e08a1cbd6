"""`fazhi import entities`: the 检查对象名录库 import at provincial size (issue: "a million rows in minutes").

The file is a generated CSV with the documented headers; the import validates every row (credit
code checksum, risk class, industry code, lengths) in a first pass and writes in batches in one
transaction in the second, as `fazhi import entities FILE` does. Baseline in the same run: the
same rows inserted by a bare `bulk_create` without reading or validating the file.
BENCH_ENTITIES sets the size (default 1,000,000 on PostgreSQL, 100,000 on SQLite).
"""

from __future__ import annotations

import csv
import os
import tempfile
import time
from pathlib import Path

from _setup import emit, setup_django

HEADERS = ("统一社会信用代码", "名称", "地址", "行业代码", "所属区域", "信用风险分类", "经营异常名录", "标签")


def _codes(count: int) -> list[str]:
    from fazhi.core.ids import uscc_check_char

    return [f"91120116{i:09d}" + uscc_check_char(f"91120116{i:09d}") for i in range(count)]


def _write_csv(path: Path, codes: list[str]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for i, code in enumerate(codes):
            writer.writerow(
                [code, f"基准商贸有限公司{i}", f"示范区示范路{i % 999}号", "F5126", f"网格{i % 300}", "ABCD"[i % 4],
                 "是" if i % 50 == 0 else "否", "食品" if i % 3 == 0 else ""]
            )  # fmt: skip


def main() -> None:
    vendor = setup_django()
    default = 1_000_000 if vendor == "postgresql" else 100_000
    count = int(os.environ.get("BENCH_ENTITIES", default))
    from django.db import transaction

    from fazhi.spotchecks.importers import entity_directory_import_path
    from fazhi.spotchecks.models import Entity

    codes = _codes(count)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "entities.csv"
        _write_csv(path, codes)
        started = time.perf_counter()
        report = entity_directory_import_path(path, actor=None)
        elapsed = time.perf_counter() - started
    assert report.ok and report.created == count, report.as_dict()

    Entity.objects.all().delete()
    started = time.perf_counter()
    with transaction.atomic():
        Entity.objects.bulk_create(
            (
                Entity(credit_code=code, name=f"基准商贸有限公司{i}", address="示范区示范路1号", industry_code="F5126",
                       area="网格1", risk_class="ABCD"[i % 4], abnormal=False, tags="")
                for i, code in enumerate(codes)
            ),
            batch_size=2000,
        )  # fmt: skip
    baseline = time.perf_counter() - started
    emit(
        f"directory_import_rows_per_s_{vendor}",
        count / elapsed,
        "rows/s",
        baseline="bare bulk_create of the same rows, rows/s",
        baseline_value=count / baseline,
        database=vendor,
        n=count,
        seconds=round(elapsed, 1),
    )


if __name__ == "__main__":
    main()
