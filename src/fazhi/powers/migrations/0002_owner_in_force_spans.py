"""In-force spans per owner unit (derived from the power items, read by supervision's bulletin).

Built here from the existing items: one grouped query (at most one row per owner and distinct
pair of dates), small even for a province. The partial indexes cover only the items not 有效 or with
a date, a small part of any list. `python manage.py in_force_spans_rebuild` recomputes the spans
after items were written around the services.
"""

import datetime

from django.db import migrations, models
from django.db.models import Count


def build_spans(apps, schema_editor):
    """The spans of rules.owner_in_force_spans (open ends as the first/last day), inline: no app code."""
    PowerItem = apps.get_model("powers", "PowerItem")
    OwnerInForceSpan = apps.get_model("powers", "OwnerInForceSpan")
    rows = (
        PowerItem.objects.filter(status="active")
        .order_by()
        .values_list("owner_unit_id", "effective_from", "effective_to")
        .annotate(n=Count("pk"))
    )
    OwnerInForceSpan.objects.bulk_create(
        [
            OwnerInForceSpan(
                unit_id=unit_id,
                starts_on=effective_from or datetime.date.min,
                ends_on=effective_to or datetime.date.max,
                items=n,
            )
            for unit_id, effective_from, effective_to, n in rows
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('legal', '0001_initial'),
        ('orgs', '0002_officer_duty_spans'),
        ('powers', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='OwnerInForceSpan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('unit_id', models.BigIntegerField(verbose_name='实施主体')),
                ('starts_on', models.DateField(verbose_name='起始日')),
                ('ends_on', models.DateField(verbose_name='截止日（含）')),
                ('items', models.IntegerField(verbose_name='事项数')),
            ],
            options={
                'verbose_name': '实施主体有效事项数',
                'verbose_name_plural': '实施主体有效事项数',
            },
        ),
        migrations.AddIndex(
            model_name='poweritem',
            index=models.Index(condition=models.Q(('status', 'active'), _negated=True), fields=['owner_unit'], name='powers_item_not_active_idx'),
        ),
        migrations.AddIndex(
            model_name='poweritem',
            index=models.Index(condition=models.Q(('effective_from__isnull', False)), fields=['effective_from'], name='powers_item_from_idx'),
        ),
        migrations.AddIndex(
            model_name='poweritem',
            index=models.Index(condition=models.Q(('effective_to__isnull', False)), fields=['effective_to'], name='powers_item_to_idx'),
        ),
        migrations.AddConstraint(
            model_name='ownerinforcespan',
            constraint=models.UniqueConstraint(fields=('unit_id', 'starts_on', 'ends_on'), name='powers_ownerinforcespan_key'),
        ),
        migrations.RunPython(build_spans, migrations.RunPython.noop),
    ]
