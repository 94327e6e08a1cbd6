"""PenaltyCase.decided_* (原决定处罚种类, 罚款数额, 没收金额): the penalty as the decision was made.

A 变更 (复议, 判决, the unit's own correction) replaces penalty_types/fine_amount/confiscation_value on
the case; until now the decision as made lived only in the first 变更's timeline entry (CaseEvent
DECISION_REVOKED, parameters original_penalty_types/original_fine/original_confiscation). The 决定书
and the 案卷评查 now read these columns, which the services set with the decision and never change.

The backfill, for every case:
1. copies the case's current content (right for every case whose content no 变更 replaced: never
   changed, revoked or confirmed without content, or a 变更 recorded as the kind alone);
2. then, for a case whose content a 变更 replaced, takes the original of the earliest such entry
   (the one that replaced the decision as made; a later 变更's original is the first 变更's result).
   This holds whatever the case's current change kind, e.g. a 变更 later revoked.
The parameters are the strings events.case_transition stored (amounts as "5000.00"). One UPDATE for
all cases, then one per changed case (few). The reverse step has nothing to undo: removing the
columns removes the values.
"""

from decimal import Decimal

from django.db import migrations, models
from django.db.models import F


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    case_model = apps.get_model("enforcement", "PenaltyCase")
    event_model = apps.get_model("enforcement", "CaseEvent")
    case_model.objects.update(
        decided_penalty_types=F("penalty_types"),
        decided_fine_amount=F("fine_amount"),
        decided_confiscation_value=F("confiscation_value"),
    )
    first: dict[int, dict] = {}
    changes = event_model.objects.filter(type="decision_revoked", parameters__has_key="original_fine")
    for case_id, parameters in changes.order_by("occurred_at", "pk").values_list("case_id", "parameters"):
        first.setdefault(case_id, parameters)
    for case_id, p in first.items():
        case_model.objects.filter(pk=case_id).update(
            decided_penalty_types=list(p["original_penalty_types"]),
            decided_fine_amount=Decimal(str(p["original_fine"])),
            decided_confiscation_value=Decimal(str(p["original_confiscation"])),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0007_case_source"),
    ]

    operations = [
        migrations.AddField(
            model_name="penaltycase",
            name="decided_confiscation_value",
            field=models.DecimalField(
                decimal_places=2, default=Decimal("0.00"), max_digits=14, verbose_name="原决定没收金额（元）"
            ),
        ),
        migrations.AddField(
            model_name="penaltycase",
            name="decided_fine_amount",
            field=models.DecimalField(
                decimal_places=2, default=Decimal("0.00"), max_digits=14, verbose_name="原决定罚款数额（元）"
            ),
        ),
        migrations.AddField(
            model_name="penaltycase",
            name="decided_penalty_types",
            field=models.JSONField(blank=True, default=list, verbose_name="原决定处罚种类"),
        ),
        migrations.AddConstraint(
            model_name="penaltycase",
            constraint=models.CheckConstraint(
                condition=models.Q(("decided_fine_amount__gte", 0)),
                name="enforcement_penaltycase_decided_fine_not_negative",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
