"""The 考核指标体系 says how it scores an indicator a unit has no value for; the ingestion cursor keeps
when each source was last read to its end (schema only, reversible).

`missing_indicator_policy`: every scheme starts at 折算 (prorate), the policy decided for issue 4
(a unit with no penalty decision is no longer scored 0 for 按期办结率/公示及时率); a district whose
scheme says otherwise sets 计零 on a new version. Bulletins already issued keep their frozen scores.
`caught_up_at`: the dashboard's 统计数据更新至; empty until the next `fazhi tick`.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0009_scheme_bulletin_basis"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentscheme",
            name="missing_indicator_policy",
            field=models.CharField(
                choices=[("prorate", "折算（不适用项不计分，按其余指标得分折算）"), ("zero", "计零（缺项计0分）")],
                default="prorate",
                help_text="单位某项指标无数值（分母为零，显示“—”）时：折算＝该项不适用，得分按其余指标折算为满分100分；计零＝该项计0分。",
                max_length=16,
                verbose_name="缺项计分方式",
            ),
        ),
        migrations.AddField(
            model_name="ingestioncursor",
            name="caught_up_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="最近归集完成（开始时间）"),
        ),
    ]
