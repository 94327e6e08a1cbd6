"""Ship the enforcement configuration as data, with citations (RULES.md §1.15, §1.20, §1.10, §1.21, §1.5, §9.5, §4.13).

- PenaltyThresholdVersion: the 较大数额 of 行政处罚法 Art. 63 per sector and party kind. The default
  row ("*") and the 市场监管 row are UNCONFIRMED configurable defaults (未核实); 公安 is confirmed.
- Deadline rules (core.deadlines, through apps.get_model): the sector decision periods (市场监管
  90 + 30, 公安 30 + 30; unconfirmed article numbers) and the periods of the later procedure steps
  (先行登记保存 7 working days, 听证通知 7 working days, 当场收缴 hand-over 2 + 2 working days,
  行政强制法 催告 10 working days, surcharge 30 days, court application 3 months, the 6-month time
  to sue that opens the court window).
- SectorDecisionRule: which sector uses which decision-period rule.

Idempotent (get_or_create); the reverse step removes exactly these rows. Values are frozen here
on purpose: later edits are new versions written through the audited services.
"""

from django.db import migrations

CAL, WORK, MONTH = "calendar_day", "working_day", "month"
LAW = "《中华人民共和国行政处罚法》"
COERCION = "《中华人民共和国行政强制法》"

# (sector, party_kind, amount, effective_from, legal_basis, confirmed, note)
THRESHOLDS = [
    ("*", "person", "2000", "2021-07-15", f"{LAW}第六十三条第一款第一项（“较大数额”由部门、地方规定）", False,
     "未核实：可配置的默认值。天津市的较大数额标准未能核实（RULES.md §1.20、§14 第3项），暂取公安机关标准。"),
    ("*", "organisation", "10000", "2021-07-15", f"{LAW}第六十三条第一款第一项（“较大数额”由部门、地方规定）", False,
     "未核实：可配置的默认值。天津市的较大数额标准未能核实（RULES.md §1.20、§14 第3项），暂取公安机关标准。"),
    ("GA", "person", "2000", "2019-01-01", "《公安机关办理行政案件程序规定》第一百二十三条", True,
     "违反边防出入境管理法律、法规和规章的个人为六千元以上（未单独配置）。"),
    ("GA", "organisation", "10000", "2019-01-01", "《公安机关办理行政案件程序规定》第一百二十三条", True, ""),
    ("SCJG", "person", "10000", "2021-07-15", "《市场监督管理行政处罚听证办法》第五条（条文未核实）", False,
     "未核实：可配置的默认值；地方另有规定的从其规定。"),
    ("SCJG", "organisation", "100000", "2021-07-15", "《市场监督管理行政处罚听证办法》第五条（条文未核实）", False,
     "未核实：可配置的默认值；地方另有规定的从其规定。"),
]

# (code, name, count, unit, effective_from, legal_basis, max_extension, extension_basis, confirmed, note)
DEADLINE_RULES = [
    ("penalty.decision.market", "行政处罚决定期限（市场监管）", 90, CAL, "2021-07-15",
     "《市场监督管理行政处罚程序规定》第六十四条（条文序号未核实）", 30,
     "经市场监督管理部门负责人批准，可以延长三十日（未核实）", False,
     "未核实：可配置的行业默认值（RULES.md §1.15）；再次延长须集体讨论，未配置。"),
    ("penalty.decision.public_security", "治安案件办理期限（公安）", 30, CAL, "2019-01-01",
     "《公安机关办理行政案件程序规定》第一百六十五条（条文序号未核实）", 30,
     "案情重大、复杂的，经上一级公安机关批准，可以延长三十日（未核实）", False,
     "未核实：可配置的行业默认值（RULES.md §1.15）。"),
    ("penalty.preservation_decision", "先行登记保存处理决定期限", 7, WORK, "2021-07-15",
     f"{LAW}第五十六条、第八十五条", 0, "", True, "第八十五条：“七日”为工作日。"),
    ("penalty.hearing_notice", "听证通知提前期限", 7, WORK, "2021-07-15",
     f"{LAW}第六十四条第二项、第八十五条", 0, "", True,
     "最短期限：计算结果为按通知日最早可以举行听证的日期。"),
    ("penalty.cash_handover", "当场收缴罚款交至行政机关期限", 2, WORK, "2021-07-15",
     f"{LAW}第七十一条、第八十五条", 0, "", True, "水上当场收缴的，自抵岸之日起计算。"),
    ("penalty.cash_deposit", "当场收缴罚款缴付银行期限", 2, WORK, "2021-07-15",
     f"{LAW}第七十一条、第八十五条", 0, "", True, "自交至行政机关之日起计算。"),
    ("penalty.enforcement.demand", "催告后申请强制执行的等待期限", 10, WORK, "2012-01-01",
     f"{COERCION}第五十四条、第六十九条", 0, "", True,
     "最短期限：催告书送达十日后当事人仍未履行的，方可申请人民法院强制执行；十日以内期限为工作日。"),
    ("penalty.enforcement.surcharge_wait", "加处罚款后行政机关强制执行的等待期限", 30, CAL, "2012-01-01",
     f"{COERCION}第四十六条第一款", 0, "", True, "最短期限：加处罚款超过三十日，经催告仍不履行的，方可强制执行。"),
    ("penalty.enforcement.suit_period", "当事人提起行政诉讼的期限（强制执行申请起算）", 6, MONTH, "2015-05-01",
     "《中华人民共和国行政诉讼法》第四十六条第一款", 0, "", True,
     "用于确定申请人民法院强制执行期限的起算日；复议申请期限六十日短于此期限。"),
    ("penalty.enforcement.court_application", "申请人民法院强制执行期限", 3, MONTH, "2012-01-01",
     f"{COERCION}第五十三条；{LAW}第七十二条第二款", 0, "", True,
     "自当事人申请复议、提起诉讼的期限和履行期限（含批准的暂缓、分期）均届满之日起计算。"),
]

# (sector, rule_code, effective_from, legal_basis, confirmed, note)
SECTOR_RULES = [
    ("SCJG", "penalty.decision.market", "2021-07-15", "《市场监督管理行政处罚程序规定》第六十四条（条文序号未核实）",
     False, "未核实：可配置的行业默认值（RULES.md §1.15）。"),
    ("GA", "penalty.decision.public_security", "2019-01-01", "《公安机关办理行政案件程序规定》第一百六十五条（条文序号未核实）",
     False, "未核实：可配置的行业默认值（RULES.md §1.15）。"),
]


def ship(apps, schema_editor):  # type: ignore[no-untyped-def]
    threshold = apps.get_model("enforcement", "PenaltyThresholdVersion")
    sector_rule = apps.get_model("enforcement", "SectorDecisionRule")
    rule_model = apps.get_model("deadlines", "DeadlineRule")
    version_model = apps.get_model("deadlines", "DeadlineRuleVersion")
    for sector, kind, amount, effective_from, basis, confirmed, note in THRESHOLDS:
        threshold.objects.get_or_create(
            sector=sector, party_kind=kind, effective_from=effective_from,
            defaults={"amount": amount, "legal_basis": basis, "confirmed": confirmed, "note": note},
        )  # fmt: skip
    for code, name, count, unit, effective_from, basis, max_ext, ext_basis, confirmed, note in DEADLINE_RULES:
        rule, _ = rule_model.objects.get_or_create(code=code, defaults={"name_zh": name})
        version_model.objects.get_or_create(
            rule=rule, effective_from=effective_from,
            defaults={
                "count": count, "unit": unit, "legal_basis": basis, "max_extension": max_ext,
                "extension_unit": CAL, "extension_basis": ext_basis, "confirmed": confirmed, "note": note,
            },
        )  # fmt: skip
    for sector, code, effective_from, basis, confirmed, note in SECTOR_RULES:
        sector_rule.objects.get_or_create(
            sector=sector, effective_from=effective_from,
            defaults={"rule_code": code, "legal_basis": basis, "confirmed": confirmed, "note": note},
        )  # fmt: skip


def unship(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("enforcement", "SectorDecisionRule").objects.filter(
        rule_code__in=[row[1] for row in SECTOR_RULES]
    ).delete()
    apps.get_model("enforcement", "PenaltyThresholdVersion").objects.filter(
        effective_from__in={row[3] for row in THRESHOLDS}, sector__in={row[0] for row in THRESHOLDS}
    ).delete()
    codes = [row[0] for row in DEADLINE_RULES]
    apps.get_model("deadlines", "DeadlineRuleVersion").objects.filter(rule__code__in=codes).delete()
    apps.get_model("deadlines", "DeadlineRule").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0002_config_versions_recusal_preservation_execution"),
        ("deadlines", "0002_shipped_rules"),
    ]

    operations = [migrations.RunPython(ship, unship)]
