"""Ship the 陈述、申辩 period after 告知 as a deadline rule (penalty.statement), an UNCONFIRMED configurable default.

行政处罚法 Art. 44, 45 and 62 give the party the right to state and defend before the decision, and
Art. 62 forbids a decision that refuses to hear them, but the law sets no period for it. The default
is five working days from the notice, the period the 告知书 already tells the party and the same as
the hearing-request period of Art. 64(一) (RULES.md §1.3 flow: 陈述申辩/听证请求 5 工作日); a sector rule
with another period is configured as a new version. Idempotent; the reverse step removes exactly this rule.
"""

from django.db import migrations

CODE = "penalty.statement"
NAME = "陈述、申辩期限"
LEGAL_BASIS = "《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十二条（法律未规定期限）"
NOTE = (
    "未核实：可配置的默认值。行政处罚法未规定陈述、申辩的期限；默认取告知后五个工作日，与告知书所载期限及听证申请期限"
    "（第六十四条第一项、第八十五条）一致（RULES.md §1.3）。行业规定另有期限的，登记新的规则版本。"
)


def ship(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule_model = apps.get_model("deadlines", "DeadlineRule")
    version_model = apps.get_model("deadlines", "DeadlineRuleVersion")
    rule, _ = rule_model.objects.get_or_create(code=CODE, defaults={"name_zh": NAME})
    version_model.objects.get_or_create(
        rule=rule,
        effective_from="2021-07-15",
        defaults={
            "count": 5,
            "unit": "working_day",
            "legal_basis": LEGAL_BASIS,
            "max_extension": 0,
            "extension_unit": "calendar_day",
            "confirmed": False,
            "note": NOTE,
        },
    )


def unship(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("deadlines", "DeadlineRuleVersion").objects.filter(rule__code=CODE).delete()
    apps.get_model("deadlines", "DeadlineRule").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0004_execution_ended_outcome"),
        ("deadlines", "0003_tracked_deadline_provisional"),
    ]

    operations = [migrations.RunPython(ship, unship)]
