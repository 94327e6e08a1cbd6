"""The fact table's references lose their database constraints (Django's on_delete stays).

services.records_write, the only writer, checks every reference before writing; PostgreSQL's per-row
foreign-key checks were 45 % of the fact writes of an import (see EnforcementRecord.unit). The
indexes stay as they were.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0001_initial"),
        ("powers", "0001_initial"),
        ("supervision", "0005_rollup_fillfactor"),
    ]

    operations = [
        migrations.AlterField(
            model_name="enforcementrecord",
            name="power_item",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="powers.poweritem",
                verbose_name="权责事项",
            ),
        ),
        migrations.AlterField(
            model_name="enforcementrecord",
            name="unit",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgs.orgunit",
                verbose_name="单位",
            ),
        ),
        migrations.AlterField(
            model_name="recordofficer",
            name="officer",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="orgs.officer",
                verbose_name="执法人员",
            ),
        ),
        migrations.AlterField(
            model_name="recordofficer",
            name="record",
            field=models.ForeignKey(
                db_constraint=False,
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="links",
                to="supervision.enforcementrecord",
                verbose_name="执法信息",
            ),
        ),
    ]
