"""PenaltyCase.case_source (案件来源), printed on the 立案审批表; existing cases get the source their records show.

Before this field the 立案审批表 printed 其他途径发现 for every case not opened from an inspection. Existing
cases keep that (the default, 其他途径发现); a case opened from an inspection becomes 监督检查发现, or 投诉举报 /
上级交办 when the inspection's own origin was one of those (choices.CASE_SOURCE_BY_INSPECTION_ORIGIN, repeated
here as literals: migrations never import app code). Three UPDATE statements, however many cases there are.
The reverse step has nothing to undo: removing the column removes the values.
"""

from django.db import migrations, models

# inspection origin → case source; any other origin (双随机, 专项检查, 日常巡查) → 监督检查发现
BY_ORIGIN = {"complaint": "complaint", "assigned": "assigned"}


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    case_model = apps.get_model("enforcement", "PenaltyCase")
    from_inspection = case_model.objects.filter(inspection__isnull=False)
    for origin, source in BY_ORIGIN.items():
        from_inspection.filter(inspection__origin=origin).update(case_source=source)
    from_inspection.exclude(inspection__origin__in=list(BY_ORIGIN)).update(case_source="inspection")


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0006_decision_discretion_reason"),
    ]

    operations = [
        migrations.AddField(
            model_name="penaltycase",
            name="case_source",
            field=models.CharField(
                choices=[
                    ("inspection", "监督检查发现"),
                    ("complaint", "投诉举报"),
                    ("assigned", "上级交办"),
                    ("transferred", "其他机关移送"),
                    ("other", "其他途径发现"),
                ],
                default="other",
                max_length=16,
                verbose_name="案件来源",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
