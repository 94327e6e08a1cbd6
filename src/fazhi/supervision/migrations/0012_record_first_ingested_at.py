"""EnforcementRecord.first_ingested_at: when a record first reached Fazhi, kept when it changes.

An as-of figure leaves out the records that reached Fazhi after its cut-off (not those whose
录入日期 is after it: a later import of a record entered in the past rewrote published figures).
`ingested_at` is rewritten when a record changes, so it cannot tell a new record from a changed
one; existing rows take their `ingested_at`, the best known (a row changed before this migration
counts as first ingested at its last change).
"""

from django.db import migrations, models
from django.db.models import F
from django.utils import timezone


def copy_ingested_at(apps, schema_editor):
    records = apps.get_model("supervision", "EnforcementRecord")
    records.objects.update(first_ingested_at=F("ingested_at"))


class Migration(migrations.Migration):
    dependencies = [("supervision", "0011_publication_owed_by_deadline")]

    operations = [
        migrations.AddField(
            model_name="enforcementrecord",
            name="first_ingested_at",
            field=models.DateTimeField(default=timezone.now, verbose_name="首次归集时间"),
        ),
        migrations.RunPython(copy_ingested_at, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="enforcementrecord",
            index=models.Index(fields=["first_ingested_at"], name="sup_rec_first_ingested"),
        ),
    ]
