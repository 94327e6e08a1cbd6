"""Ship the reconsideration periods that core.deadlines does not ship yet (data: admins can add versions).

core/deadlines/migrations/0002 ships application (60 日), acceptance, 补正, reply and decision periods;
these add the Art. 20(3)/21 caps, the copy-sending periods, the 中止 limit and the 意见书 report-back.
"""

from django.db import migrations

CAL, WORK, MONTH = "calendar_day", "working_day", "month"
LAW = "《中华人民共和国行政复议法》"

RULES = [
    ("reconsideration.application.uninformed", "未告知复议权利时的最长申请期限", 12, MONTH, f"{LAW}第二十条第三款",
     "自知道或者应当知道行政行为内容之日起最长不得超过一年。", "一年按十二个月计算（民法典第二百零二条）。"),
    ("reconsideration.application.absolute", "行政复议最长申请期限（五年）", 60, MONTH, f"{LAW}第二十一条",
     "其他行政复议申请自行政行为作出之日起超过五年的，行政复议机关不予受理。", ""),
    ("reconsideration.application.absolute.real_estate", "行政复议最长申请期限（不动产，二十年）", 240, MONTH,
     f"{LAW}第二十一条", "因不动产提出的行政复议申请自行政行为作出之日起超过二十年的，行政复议机关不予受理。", ""),
    ("reconsideration.copy", "发送申请书副本期限（普通程序）", 7, WORK, f"{LAW}第四十八条、第八十八条",
     "行政复议机构应当自行政复议申请受理之日起七日内，将行政复议申请书副本或者行政复议申请笔录复印件发送被申请人。", ""),
    ("reconsideration.copy.simplified", "发送申请书副本期限（简易程序）", 3, WORK, f"{LAW}第五十四条、第八十八条",
     "行政复议机构应当自受理行政复议申请之日起三日内，将行政复议申请书副本或者行政复议申请笔录复印件发送被申请人。", ""),
    ("reconsideration.suspension_limit", "中止满六十日可终止", 60, CAL, f"{LAW}第四十一条第五项",
     "依照本法第三十九条第一款第一项、第二项、第四项的规定中止行政复议满六十日，行政复议中止的原因仍未消除。",
     "届满日之后中止原因仍未消除的，行政复议机关决定终止行政复议。"),
    ("reconsideration.opinion_report", "行政复议意见书整改情况报送期限", 60, CAL, f"{LAW}第七十六条",
     "有关机关应当自收到行政复议意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送行政复议机关。",
     "以制发日为起算日；送达日晚于制发日的，可按送达日另行计算。"),
]


def ship_rules(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule_model = apps.get_model("deadlines", "DeadlineRule")
    version_model = apps.get_model("deadlines", "DeadlineRuleVersion")
    for code, name, count, unit, basis, quoted, note in RULES:
        # The caps bound applications filed under the 2023 law, whose starting point (the act, the
        # day it became known) may lie years earlier: the version must cover those start dates.
        effective_from = "1999-10-01" if code.startswith("reconsideration.application.") else "2024-01-01"
        if effective_from != "2024-01-01":
            note = (note + " " if note else "") + "适用于2024年1月1日以后提出的申请；起算日可早于该日。"
        rule, _ = rule_model.objects.get_or_create(code=code, defaults={"name_zh": name})
        version_model.objects.get_or_create(
            rule=rule,
            effective_from=effective_from,
            defaults={"count": count, "unit": unit, "legal_basis": basis, "quoted_text": quoted, "note": note},
        )


def unship_rules(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule_model = apps.get_model("deadlines", "DeadlineRule")
    version_model = apps.get_model("deadlines", "DeadlineRuleVersion")
    codes = [row[0] for row in RULES]
    version_model.objects.filter(rule__code__in=codes).delete()
    rule_model.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("reconsideration", "0001_initial"), ("deadlines", "0002_shipped_rules")]

    operations = [migrations.RunPython(ship_rules, unship_rules)]
