"""PenaltyCase.payment_arrangement_ended_on and fine_paid_in_part: instalments paid, and a plan a 变更 ended.

No instalment could be recorded as paid before (only 履行完毕 of the whole fine), so every existing
case has paid nothing by instalment (0) and no plan ended by a change (empty): the defaults are the
existing data. A plan approved before a 变更 that was recorded before this change keeps its amounts,
as before: ending it means tracking a new payment deadline (core.deadlines, a service), which a
migration does not do.
"""

from decimal import Decimal

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0008_decision_as_made"),
    ]

    operations = [
        migrations.AddField(
            model_name="penaltycase",
            name="fine_paid_in_part",
            field=models.DecimalField(
                decimal_places=2, default=Decimal("0.00"), max_digits=14, verbose_name="已分期缴纳罚款（元）"
            ),
        ),
        migrations.AddField(
            model_name="penaltycase",
            name="payment_arrangement_ended_on",
            field=models.DateField(blank=True, null=True, verbose_name="分期缴纳计划终止日期"),
        ),
    ]
