"""Ship the statutory periods of RULES.md with their citations (data, not code: admins can add versions)."""

from django.db import migrations

CAL, WORK = "calendar_day", "working_day"

# (code, name, count, unit, effective_from, legal_basis, quoted words, max_extension, extension_unit,
#  extension_basis, confirmed, note)
RULES = [
    ("penalty.decision", "行政处罚决定期限", 90, CAL, "2021-07-15", "《中华人民共和国行政处罚法》第六十条",
     "行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定。",
     0, CAL, "", True, "法律本身未规定延长；行业规定的延长（如市场监管经批准延长30日）以新版本或行业规则配置。"),
    ("penalty.hearing_request", "听证申请期限", 5, WORK, "2021-07-15",
     "《中华人民共和国行政处罚法》第六十四条第一项、第八十五条", "当事人要求听证的，应当在行政机关告知后五日内提出",
     0, CAL, "", True, "第八十五条：本法中“五日”指工作日，不含法定节假日。"),
    ("penalty.service", "行政处罚决定书送达期限", 7, WORK, "2021-07-15",
     "《中华人民共和国行政处罚法》第六十一条第一款、第八十五条",
     "当事人不在场的，行政机关应当在七日内依照《中华人民共和国民事诉讼法》的有关规定，将行政处罚决定书送达当事人。",
     0, CAL, "", True, ""),
    ("penalty.payment", "罚款缴纳期限", 15, CAL, "2021-07-15", "《中华人民共和国行政处罚法》第六十七条第三款",
     "当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款。",
     0, CAL, "", True, "十五日不属于第八十五条列举的工作日期间，按自然日计算。"),
    ("penalty.withdraw_publication", "变更撤销后撤回公开期限", 3, WORK, "2021-07-15",
     "《中华人民共和国行政处罚法》第四十八条第二款、第八十五条",
     "公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。",
     0, CAL, "", True, ""),
    ("publicity.penalty", "行政处罚决定公示期限", 7, WORK, "2018-12-05", "国办发〔2018〕118号 第二部分（执法公示）",
     "行政许可、行政处罚的执法决定信息要在执法决定作出之日起7个工作日内公开", 0, CAL, "", True,
     "文件全文未能取得，依据新闻发布会报道及多地实施办法（RULES §2.3）。"),
    ("publicity.license", "行政许可决定公示期限", 7, WORK, "2018-12-05", "国办发〔2018〕118号 第二部分（执法公示）",
     "行政许可、行政处罚的执法决定信息要在执法决定作出之日起7个工作日内公开", 0, CAL, "", True, ""),
    ("publicity.other", "其他执法决定公示期限", 20, WORK, "2018-12-05", "国办发〔2018〕118号 第二部分（执法公示）",
     "其他行政执法决定信息要在执法决定作出之日起20个工作日内公开", 0, CAL, "", True, ""),
    ("reconsideration.application", "行政复议申请期限", 60, CAL, "2024-01-01",
     "《中华人民共和国行政复议法》第二十条第一款",
     "可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。",
     0, CAL, "", True, "因不可抗力或者其他正当理由耽误的，申请期限自障碍消除之日起继续计算（第二十条第二款），以中止期间表示。"),
    ("reconsideration.acceptance", "行政复议受理审查期限", 5, WORK, "2024-01-01",
     "《中华人民共和国行政复议法》第三十条、第八十八条",
     "行政复议机关收到行政复议申请后，应当在五日内进行审查。", 0, CAL, "", True,
     "审查期限届满，行政复议机关未作出不予受理决定的，审查期限届满之日起视为受理。"),
    ("reconsideration.correction_notice", "行政复议补正通知期限", 5, WORK, "2024-01-01",
     "《中华人民共和国行政复议法》第三十一条第一款、第八十八条",
     "行政复议机关应当自收到申请之日起五日内书面通知申请人补正", 0, CAL, "", True, ""),
    ("reconsideration.correction_reply", "行政复议补正材料提交期限", 10, WORK, "2024-01-01",
     "《中华人民共和国行政复议法》第三十一条第一款、第八十八条",
     "申请人应当自收到补正通知之日起十日内提交补正材料", 0, CAL, "", True, ""),
    ("reconsideration.reply", "被申请人答复期限（普通程序）", 10, WORK, "2024-01-01",
     "《中华人民共和国行政复议法》第四十八条、第八十八条",
     "被申请人应当自收到申请书副本或者行政复议申请笔录复印件之日起十日内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。",
     0, CAL, "", True, ""),
    ("reconsideration.reply.simplified", "被申请人答复期限（简易程序）", 5, WORK, "2024-01-01",
     "《中华人民共和国行政复议法》第五十四条、第八十八条",
     "被申请人应当自收到申请书副本或者行政复议申请笔录复印件之日起五日内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。",
     0, CAL, "", True, ""),
    ("reconsideration.decision", "行政复议决定期限（普通程序）", 60, CAL, "2024-01-01",
     "《中华人民共和国行政复议法》第六十二条第一款",
     "应当自受理申请之日起六十日内作出行政复议决定；……经行政复议机构的负责人批准，可以适当延长，并书面告知当事人；但是延长期限最多不得超过三十日。",
     30, CAL, "《中华人民共和国行政复议法》第六十二条第一款", True, ""),
    ("reconsideration.decision.simplified", "行政复议决定期限（简易程序）", 30, CAL, "2024-01-01",
     "《中华人民共和国行政复议法》第六十二条第二款",
     "适用简易程序审理的行政复议案件，行政复议机关应当自受理申请之日起三十日内作出行政复议决定。", 0, CAL, "", True, ""),
    ("disclosure.reply", "政府信息公开申请答复期限", 20, WORK, "2019-05-15",
     "《中华人民共和国政府信息公开条例》第三十三条第二款",
     "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。",
     20, WORK, "《中华人民共和国政府信息公开条例》第三十三条第二款", True,
     "征求第三方和其他机关意见所需时间不计算在期限内（第三十三条第三款），以中止期间表示。"),
    ("disclosure.correction_notice", "政府信息公开补正告知期限", 7, WORK, "2019-05-15",
     "《中华人民共和国政府信息公开条例》第三十条",
     "行政机关应当在收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。", 0, CAL, "",
     True, "答复期限自行政机关收到补正的申请之日起计算。"),
    ("decision.public_comment", "重大行政决策公开征求意见期限", 30, CAL, "2019-09-01",
     "《重大行政决策程序暂行条例》第十五条第二款", "公开征求意见的期限一般不少于30日", 0, CAL, "", True,
     "这是最短期限：计算结果为征求意见可以结束的最早日期。因情况紧急等原因需要缩短期限的，应当在征求意见时予以说明。"),
    ("normative.filing", "行政规范性文件报送备案期限", 30, CAL, "2019-01-01",
     "（未经核实）参照《法规规章备案审查条例》第三条及地方行政规范性文件管理规定", "", 0, CAL, "", False,
     "未经核实的默认值，可配置：天津市行政规范性文件管理规定的备案期限未能核实（RULES §7、§14）；规章按《法规规章备案审查条例》自公布之日起30日内报送备案，暂以同一期限作为默认值。"),
    ("litigation.defence", "行政诉讼答辩期限", 15, CAL, "2017-07-01", "《中华人民共和国行政诉讼法》第六十七条第一款",
     "被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所依据的规范性文件，并提出答辩状。",
     0, CAL, "", True, ""),
]


def ship_rules(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule_model = apps.get_model("deadlines", "DeadlineRule")
    version_model = apps.get_model("deadlines", "DeadlineRuleVersion")
    for (code, name, count, unit, effective_from, basis, quoted, max_ext, ext_unit, ext_basis, confirmed,
         note) in RULES:
        rule, _ = rule_model.objects.get_or_create(code=code, defaults={"name_zh": name})
        version_model.objects.get_or_create(
            rule=rule,
            effective_from=effective_from,
            defaults={
                "count": count, "unit": unit, "legal_basis": basis, "quoted_text": quoted, "max_extension": max_ext,
                "extension_unit": ext_unit, "extension_basis": ext_basis, "confirmed": confirmed, "note": note,
            },
        )


def unship_rules(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule_model = apps.get_model("deadlines", "DeadlineRule")
    version_model = apps.get_model("deadlines", "DeadlineRuleVersion")
    codes = [row[0] for row in RULES]
    version_model.objects.filter(rule__code__in=codes).delete()
    rule_model.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("deadlines", "0001_initial")]

    operations = [migrations.RunPython(ship_rules, unship_rules)]
