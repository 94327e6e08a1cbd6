"""Several hash chains instead of one, so concurrent audited writes do not queue on one head.

Every existing row stays on chain 1 with its sequence and hash (nothing is rewritten); heads
2..CHAIN_COUNT are added empty. The standalone occurred_at and target_type indexes go: nothing filters by
occurred_at alone, and audit_target_time starts with target_type.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


# The value of models.AUDIT_CHAIN_COUNT when this migration was written (a migration must not follow
# later changes of the constant).
CHAIN_COUNT = 16
GENESIS_HASH = "0" * 64


def create_heads(apps, schema_editor):
    head_model = apps.get_model("audit", "AuditChainHead")
    for chain in range(1, CHAIN_COUNT + 1):
        head_model.objects.get_or_create(
            pk=chain, defaults={"sequence": 0, "row_hash": GENESIS_HASH, "prev_row_hash": GENESIS_HASH}
        )


def drop_empty_heads(apps, schema_editor):
    apps.get_model("audit", "AuditChainHead").objects.filter(pk__gt=1, sequence=0).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0005_single_statement_append'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='auditevent',
            options={'ordering': ['id'], 'verbose_name': '审计日志', 'verbose_name_plural': '审计日志'},
        ),
        migrations.AddField(
            model_name='auditevent',
            name='chain',
            field=models.PositiveSmallIntegerField(default=1, verbose_name='链号'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='occurred_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='发生时间'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='target_type',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype', verbose_name='对象类型'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='sequence',
            field=models.PositiveBigIntegerField(verbose_name='链内序号'),
        ),
        migrations.AddConstraint(
            model_name='auditevent',
            constraint=models.UniqueConstraint(fields=('chain', 'sequence'), name='audit_chain_sequence'),
        ),
        migrations.RunPython(create_heads, drop_empty_heads),
    ]
