"""Ship the indicator definitions of RULES.md §10 and a default 考核指标体系 (data, reversible)."""

from datetime import date

from django.db import migrations

PLATFORM_RULE = "《天津市行政执法监督平台管理办法》（津政令第21号，2021年3月1日施行）第二章 信息归集"
EFFECTIVE = date(2021, 3, 1)

# (order, code, name, numerator, denominator, multiplier, decimals, unit, parameters, source, confirmed)
DEFINITIONS = [
    (10, "officers_total", "执法人员总数", "officers_total", "", 1, 0, "人", {},
     f"{PLATFORM_RULE}。口径：统计期末（或数据截止日）持有有效行政执法证（未暂扣、未注销）的在岗执法人员。RULES.md §10。",
     "Yes (S) 概念；口径 Inferred"),
    (20, "officers_participating", "参与执法人数", "officers_participating", "", 1, 0, "人", {},
     f"{PLATFORM_RULE}。口径：上述人员中，期间内在至少一条执法信息上署名的人数。RULES.md §10。", "Inferred"),
    (30, "participation_rate", "人员参与率", "officers_participating", "officers_total", 100, 2, "%", {},
     "参与执法人数 ÷ 行政执法人员（持证）总数 × 100，四舍五入保留两位小数。复现经开区2024年：253/284 = 89.08%；"
     "265/288 = 92.01%。RULES.md §10。", "Inferred（与公开数字完全一致）"),
    (40, "power_items_total", "权责事项总数", "power_items_total", "", 1, 0, "项", {},
     "权责清单中统计期末有效的事项（状态有效且在生效期间内）。RULES.md §10。", "Yes (S)"),
    (50, "power_items_exercised", "履行事项数", "power_items_exercised", "", 1, 0, "项", {},
     "上述事项中，期间内至少有一条执法信息引用的事项数。RULES.md §10。", "Inferred"),
    (60, "exercise_rate", "履责率", "power_items_exercised", "power_items_total", 100, 2, "%", {},
     "履行权责项数 ÷ 权责总数 × 100，四舍五入保留两位小数。复现：633/884 = 71.61%；682/884 = 77.15%。RULES.md §10。",
     "Inferred（与公开数字完全一致）"),
    (70, "records_total", "执法信息归集总数", "records_total", "", 1, 0, "条", {},
     f"{PLATFORM_RULE}。本平台办理与外部系统导入的执法信息同样计数。复现：1055 + 212 + 6 = 1273。RULES.md §10。",
     "Yes (S) 分类；合计 Inferred"),
    (71, "records_inspection", "归集·行政检查", "records_inspection", "", 1, 0, "条", {}, "执法信息归集分类：行政检查。RULES.md §10。", "Yes (S)"),
    (72, "records_penalty", "归集·行政处罚", "records_penalty", "", 1, 0, "条", {}, "执法信息归集分类：行政处罚（简易/普通程序）。RULES.md §10。", "Yes (S)"),
    (73, "records_education", "归集·教育改正", "records_education", "", 1, 0, "条", {}, "执法信息归集分类：教育改正（首违不罚、轻微不罚）。RULES.md §10。", "Yes (S)"),
    (74, "records_coercion", "归集·行政强制", "records_coercion", "", 1, 0, "条", {}, "执法信息归集分类：行政强制。", "Yes (S)"),
    (75, "records_other", "归集·其他", "records_other", "", 1, 0, "条", {}, "执法信息归集分类：其他（区域巡查、现场规范等）。RULES.md §10。", "Yes (S)"),
    (80, "records_per_officer", "人均执法量", "records_total", "officers_participating", 1, 2, "件/人", {},
     "归集执法信息条数 ÷ 参与执法人数，四舍五入保留两位小数：1273/253 = 5.03（经开区报告取整为“5件”；滨海新区保留一位："
     "52693/2841 = 18.5）。小数位数为可配置参数。RULES.md §10。", "Inferred（三组公开数字一致）"),
    (90, "upload_timeliness", "上传及时率", "records_on_time", "records_total", 100, 2, "%", {"days": 7},
     f"{PLATFORM_RULE}。录入日期 − 发生日期 不超过设定天数（默认7个自然日）的执法信息 ÷ 执法信息总数 × 100。"
     "平台办法规定的归集时限未能取得原文（RULES.md §14 第4项），天数为参数。", "(unconfirmed) 时限天数"),
    (100, "decision_timeliness", "按期办结率", "decisions_in_time", "decisions_total", 100, 2, "%", {},
     "期间内作出处罚决定的普通程序案件中，在办案期限内（《行政处罚法》第六十条：立案之日起九十日，另有规定的从其规定）"
     "作出决定的比例。", "Inferred"),
    (110, "publication_timeliness", "公示及时率", "publications_in_time", "publications_total", 100, 2, "%", {},
     "期间内公示的行政处罚决定中，自决定作出之日起七个工作日内公示的比例（《行政处罚法》第四十八条；国办发〔2018〕118号）。",
     "Yes (S) 时限；比例口径 Inferred"),
    (120, "review_average_score", "案卷评查平均分", "reviews_score_sum", "reviews_count", 1, 2, "分", {},
     "期间内完成评查的案卷得分之和 ÷ 案卷数（满分100分，按评查规则集扣分并计入评查人员酌情扣分）。", "Inferred"),
]

SCHEME_WEIGHTS = {
    "participation_rate": {"weight": 25, "scale": "percent"},
    "exercise_rate": {"weight": 25, "scale": "percent"},
    "upload_timeliness": {"weight": 15, "scale": "percent"},
    "records_per_officer": {"weight": 10, "scale": "peer_max"},
    "decision_timeliness": {"weight": 10, "scale": "percent"},
    "publication_timeliness": {"weight": 5, "scale": "percent"},
    "review_average_score": {"weight": 10, "scale": "score100"},
}


def ship(apps, schema_editor):
    definition = apps.get_model("supervision", "IndicatorDefinition")
    for order, code, name, numerator, denominator, multiplier, decimals, unit, parameters, source, confirmed in DEFINITIONS:
        definition.objects.update_or_create(
            code=code,
            version=1,
            defaults={
                "order": order,
                "name": name,
                "numerator": numerator,
                "denominator": denominator,
                "multiplier": multiplier,
                "decimals": decimals,
                "unit_label": unit,
                "parameters": parameters,
                "source": source,
                "confirmed": confirmed,
                "effective_from": EFFECTIVE,
            },
        )
    scheme = apps.get_model("supervision", "AssessmentScheme")
    scheme.objects.update_or_create(
        code="default",
        version=1,
        defaults={
            "name": "行政执法考核指标体系（默认示例）",
            "weights": SCHEME_WEIGHTS,
            "bottom_n": 3,
            "source": "区考核指标体系未公开，此为可替换的示例权重；末位约谈参照滨海新区制度"
            "（经开区2024年报告：对成绩排名落后的三个单位进行约谈）。",
            "effective_from": date(2021, 1, 1),
        },
    )


def unship(apps, schema_editor):
    apps.get_model("supervision", "IndicatorDefinition").objects.filter(version=1).delete()
    apps.get_model("supervision", "AssessmentScheme").objects.filter(code="default", version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(ship, unship)]
