"""Hash scheme 2 and the head's previous hash, for the one-statement append on PostgreSQL.

Existing rows keep scheme 1 (their hashes are not rewritten: rewriting an audit chain is exactly
what it exists to reveal); new rows get scheme 2.
"""

from django.db import migrations, models

GENESIS_HASH = "0" * 64


def fill_head_prev_hash(apps, schema_editor):
    head_model = apps.get_model("audit", "AuditChainHead")
    event_model = apps.get_model("audit", "AuditEvent")
    head = head_model.objects.filter(pk=1).first()
    if head is None or head.sequence == 0:
        return
    last = event_model.objects.filter(sequence=head.sequence).first()
    if last is not None:
        head.prev_row_hash = last.prev_hash
        head.save(update_fields=["prev_row_hash"])


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_event_type_without_choices")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="hash_scheme",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="哈希算法版本"),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="hash_scheme",
            field=models.PositiveSmallIntegerField(default=2, verbose_name="哈希算法版本"),
        ),
        migrations.AddField(
            model_name="auditchainhead",
            name="prev_row_hash",
            field=models.CharField(default=GENESIS_HASH, max_length=64, verbose_name="上一哈希"),
        ),
        migrations.RunPython(fill_head_prev_hash, migrations.RunPython.noop),
    ]
