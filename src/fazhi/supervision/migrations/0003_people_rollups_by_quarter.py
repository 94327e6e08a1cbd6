"""Officer and power-item rollups gain quarter rows (rules.PEOPLE_GRAINS), summed from the month rows.

A quarterly figure then tests "active in the quarter" against one rollup row per officer / item.
Reversible: going back deletes the quarter rows.
"""

from collections import defaultdict
from datetime import date

from django.db import migrations

BATCH = 5000


def _quarter(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def add_quarter_rows(apps, schema_editor):
    OfficerRollup = apps.get_model("supervision", "OfficerRollup")
    PowerItemRollup = apps.get_model("supervision", "PowerItemRollup")
    officers: dict[tuple[int, date], list[int]] = defaultdict(lambda: [0, 0])
    for officer_id, unit_id, bucket, n in (
        OfficerRollup.objects.filter(grain="m")
        .values_list("officer_id", "unit_id", "bucket", "n")
        .iterator(chunk_size=BATCH)
    ):
        row = officers[(officer_id, _quarter(bucket))]
        row[0] = unit_id
        row[1] += n
    OfficerRollup.objects.bulk_create(
        [
            OfficerRollup(officer_id=officer_id, unit_id=unit_id, grain="q", bucket=bucket, n=n)
            for (officer_id, bucket), (unit_id, n) in officers.items()
        ],
        batch_size=BATCH,
    )
    items: dict[tuple[int, date], int] = defaultdict(int)
    for item_id, bucket, n in (
        PowerItemRollup.objects.filter(grain="m").values_list("power_item_id", "bucket", "n").iterator(chunk_size=BATCH)
    ):
        items[(item_id, _quarter(bucket))] += n
    PowerItemRollup.objects.bulk_create(
        [
            PowerItemRollup(power_item_id=item_id, grain="q", bucket=bucket, n=n)
            for (item_id, bucket), n in items.items()
        ],
        batch_size=BATCH,
    )


def remove_quarter_rows(apps, schema_editor):
    apps.get_model("supervision", "OfficerRollup").objects.filter(grain="q").delete()
    apps.get_model("supervision", "PowerItemRollup").objects.filter(grain="q").delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0002_shipped_definitions")]

    operations = [migrations.RunPython(add_quarter_rows, remove_quarter_rows)]
