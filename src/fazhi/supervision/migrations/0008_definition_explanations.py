"""Give each indicator definition a 口径 for readers of the published 通报 (data, reversible).

Until now the bulletin's 指标口径 section printed `source`: the provenance of the definition, with
the published figures it reproduces and references to the project's own notes. A 通报 sent to the
units should say what is counted, in plain words. The shipped version-1 definitions get that text
here; a definition someone already explained is left alone. Bulletins issued before keep printing
what their frozen payload holds.
"""

from django.db import migrations, models

# code → what the indicator counts, for the 通报 (the v1 parameters: 7 days for 上传及时率)
EXPLANATIONS = {
    "officers_total": "统计期末（或数据截止时）持有有效行政执法证（未暂扣、未注销）的在岗执法人员人数。",
    "officers_participating": "上述人员中，统计期内至少在一条执法信息上署名的人数。",
    "participation_rate": "参与执法人数 ÷ 执法人员总数 × 100%，四舍五入保留两位小数。",
    "power_items_total": "权责清单中统计期末有效（状态有效且在生效期间内）的事项数。",
    "power_items_exercised": "上述事项中，统计期内至少有一条执法信息引用的事项数。",
    "exercise_rate": "履行事项数 ÷ 权责事项总数 × 100%，四舍五入保留两位小数。",
    "records_total": "统计期内归集的执法信息条数；在本平台办理的与从其他系统导入的同样计数。",
    "records_inspection": "执法信息中记录类型为行政检查的条数。",
    "records_penalty": "执法信息中记录类型为行政处罚（简易程序与普通程序）的条数。",
    "records_education": "执法信息中记录类型为教育改正（首违不罚、轻微不罚等）的条数。",
    "records_coercion": "执法信息中记录类型为行政强制的条数。",
    "records_other": "执法信息中记录类型为其他（区域巡查、现场规范等）的条数。",
    "records_per_officer": "执法信息归集总数 ÷ 参与执法人数，四舍五入保留两位小数。",
    "upload_timeliness": "录入日期距发生日期不超过7个自然日的执法信息 ÷ 执法信息归集总数 × 100%，四舍五入保留两位小数。",
    "decision_timeliness": "统计期内作出处罚决定的普通程序案件中，在法定办案期限内（《中华人民共和国行政处罚法》第六十条）"
    "作出决定的比例。",
    "publication_timeliness": "统计期内公示的行政处罚决定中，自决定作出之日起七个工作日内公示的比例。",
    "review_average_score": "统计期内完成评查的案卷得分之和 ÷ 评查案卷数（满分100分）。",
}


def explain(apps, schema_editor):
    definition = apps.get_model("supervision", "IndicatorDefinition")
    for code, text in EXPLANATIONS.items():
        definition.objects.filter(code=code, version=1, explanation="").update(explanation=text)


def forget(apps, schema_editor):
    definition = apps.get_model("supervision", "IndicatorDefinition")
    for code, text in EXPLANATIONS.items():
        definition.objects.filter(code=code, version=1, explanation=text).update(explanation="")


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0007_unit_activity_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatordefinition",
            name="explanation",
            field=models.TextField(
                blank=True,
                help_text="印在通报“指标口径”一节的说明；为空时印定义来源。",
                verbose_name="通报口径说明",
            ),
        ),
        migrations.RunPython(explain, forget),
    ]
