"""Ship the 起诉期限 of a suit after 复议 (行政诉讼法 Art. 45) as a deadline rule of core.deadlines.

Fifteen calendar days from the receipt of the 复议决定书, or from the end of the 复议 period when the
复议机关 did not decide; start day excluded, an end on a rest day moved to the next working day
(法释〔2018〕1号 Art. 48). rules.suit_period counts it to flag a suit that came after it; the court, not
the agency, applies it. In force from the date the 2017 text in laws/ is cited from, as litigation.defence.
Idempotent; the reverse step removes exactly this rule.
"""

from django.db import migrations

CODE = "litigation.suit_after_reconsideration"
NAME = "经复议案件起诉期限"
LEGAL_BASIS = "《中华人民共和国行政诉讼法》第四十五条"
QUOTED = (
    "公民、法人或者其他组织不服复议决定的，可以在收到复议决定书之日起十五日内向人民法院提起诉讼。"
    "复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院提起诉讼。法律另有规定的除外。"
)
NOTE = (
    "起算日为原告收到复议决定书之日，复议机关逾期不作决定的为复议期满之日。期间按《最高人民法院关于适用〈中华人民共和国"
    "行政诉讼法〉的解释》第四十八条计算。超过期限的，由人民法院裁定驳回起诉（该解释第六十九条第一款第（二）项），"
    "被诉行政机关不得拒绝应诉，可在答辩时提出。"
)


def ship(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule_model = apps.get_model("deadlines", "DeadlineRule")
    version_model = apps.get_model("deadlines", "DeadlineRuleVersion")
    rule, _ = rule_model.objects.get_or_create(code=CODE, defaults={"name_zh": NAME})
    version_model.objects.get_or_create(
        rule=rule,
        effective_from="2017-07-01",
        defaults={
            "count": 15,
            "unit": "calendar_day",
            "legal_basis": LEGAL_BASIS,
            "quoted_text": QUOTED,
            "max_extension": 0,
            "extension_unit": "calendar_day",
            "confirmed": True,
            "note": NOTE,
        },
    )


def unship(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("deadlines", "DeadlineRuleVersion").objects.filter(rule__code=CODE).delete()
    apps.get_model("deadlines", "DeadlineRule").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("litigation", "0004_decision_received_on"),
        ("deadlines", "0003_tracked_deadline_provisional"),
    ]

    operations = [migrations.RunPython(ship, unship)]
