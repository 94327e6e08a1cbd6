"""Ship the 60-day application period of the 1999 law for acts known before 2024-01-01.

core/deadlines/migrations/0002 ships `reconsideration.application` from 2024-01-01 (the 2023 law);
an application whose act became known earlier found no version and the applicant saw an engine
error instead of "past the application period". Both laws set the same 60 days.
"""

from django.db import migrations

CODE = "reconsideration.application"
EFFECTIVE_FROM, EFFECTIVE_TO = "1999-10-01", "2023-12-31"


def ship_version(apps, schema_editor):  # type: ignore[no-untyped-def]
    rule_model = apps.get_model("deadlines", "DeadlineRule")
    version_model = apps.get_model("deadlines", "DeadlineRuleVersion")
    rule, _ = rule_model.objects.get_or_create(code=CODE, defaults={"name_zh": "行政复议申请期限"})
    version_model.objects.get_or_create(
        rule=rule,
        effective_from=EFFECTIVE_FROM,
        defaults={
            "effective_to": EFFECTIVE_TO,
            "count": 60,
            "unit": "calendar_day",
            "legal_basis": "《中华人民共和国行政复议法》（1999年）第九条第一款",
            "quoted_text": "公民、法人或者其他组织认为具体行政行为侵犯其合法权益的，可以自知道该具体行政行为之日起"
            "六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。",
            "note": "起算日在2024年1月1日以前的，按修订前的行政复议法计算，期间同为六十日。",
        },
    )


def unship_version(apps, schema_editor):  # type: ignore[no-untyped-def]
    version_model = apps.get_model("deadlines", "DeadlineRuleVersion")
    version_model.objects.filter(rule__code=CODE, effective_from=EFFECTIVE_FROM).delete()


class Migration(migrations.Migration):
    dependencies = [("reconsideration", "0002_deadline_rules"), ("deadlines", "0002_shipped_rules")]

    operations = [migrations.RunPython(ship_version, unship_version)]
