from django.db import migrations


def create_head(apps, schema_editor):  # type: ignore[no-untyped-def]
    head_model = apps.get_model("audit", "AuditChainHead")
    head_model.objects.get_or_create(pk=1, defaults={"sequence": 0, "row_hash": "0" * 64})


class Migration(migrations.Migration):
    """The chain head must exist before the first append locks it (no racing get_or_create)."""

    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
