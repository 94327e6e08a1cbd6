"""Per-unit distinct counts of officers named and power items cited, per month and quarter
(UnitActivityRollup), kept by the rollup writer from now on; built here once from the rollups an
existing database already holds (one INSERT … SELECT … GROUP BY), so it is right after migrating.
The same statement as record_writes.unit_activity_rebuild (repeated here: a migration must not
depend on code that may change later).
"""

from django.db import migrations, models

BUILD = (
    "INSERT INTO supervision_unitactivityrollup (unit_id, grain, bucket, officers, power_items) "
    "SELECT unit_id, grain, bucket, SUM(o), SUM(i) FROM ("
    " SELECT unit_id, grain, bucket, 1 AS o, 0 AS i FROM supervision_officerrollup WHERE n > 0"
    " UNION ALL"
    " SELECT p.owner_unit_id, r.grain, r.bucket, 0, 1 FROM supervision_poweritemrollup r"
    " JOIN powers_poweritem p ON p.id = r.power_item_id WHERE r.n > 0"
    ") AS a GROUP BY unit_id, grain, bucket"
)


def _build(apps, schema_editor):
    schema_editor.execute(BUILD)
    if schema_editor.connection.vendor == "postgresql":
        # upserted like the other rollups: leave room for HOT updates (migration 0005)
        schema_editor.execute("ALTER TABLE supervision_unitactivityrollup SET (fillfactor = 70)")


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0006_fact_references_checked_by_the_writer"),
        ("powers", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitActivityRollup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("unit_id", models.BigIntegerField(verbose_name="单位")),
                (
                    "grain",
                    models.CharField(
                        choices=[("d", "日"), ("m", "月"), ("q", "季")], max_length=1, verbose_name="粒度"
                    ),
                ),
                ("bucket", models.DateField(verbose_name="起始日")),
                ("officers", models.IntegerField(default=0, verbose_name="参与执法人员")),
                ("power_items", models.IntegerField(default=0, verbose_name="履行权责事项")),
            ],
            options={
                "verbose_name": "单位参与人员与履行事项汇总",
                "verbose_name_plural": "单位参与人员与履行事项汇总",
                "indexes": [models.Index(fields=["grain", "bucket"], name="sup_activity_bucket")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("unit_id", "grain", "bucket"), name="supervision_unitactivityrollup_key"
                    )
                ],
            },
        ),
        migrations.RunPython(_build, migrations.RunPython.noop),
    ]
