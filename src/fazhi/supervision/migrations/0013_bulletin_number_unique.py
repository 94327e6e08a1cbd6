"""A bulletin's 文号 (Bulletin.number) is unique: one number names one document (QA #7).

bulletin_issue refuses a number already used (409 supervision.bulletin_number_taken); the
constraint holds against two issues at once. Numbers were not checked before: a database that
already holds two bulletins under one number stops here with their ids, to be renumbered by hand
(the frozen bulletins are never rewritten by a migration).
"""

from django.db import migrations, models
from django.db.models import Count


def refuse_duplicates(apps, schema_editor):
    bulletins = apps.get_model("supervision", "Bulletin")
    taken = bulletins.objects.values("number").annotate(n=Count("pk")).filter(n__gt=1).values_list("number", flat=True)
    clashes = {number: list(bulletins.objects.filter(number=number).values_list("pk", flat=True)) for number in taken}
    if clashes:
        listed = "；".join(f"“{number}”：通报 {ids}" for number, ids in clashes.items())
        raise RuntimeError(f"以下通报文号重复，请先更正后再迁移：{listed}")


class Migration(migrations.Migration):
    dependencies = [("supervision", "0012_record_first_ingested_at")]

    operations = [
        migrations.RunPython(refuse_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="bulletin",
            constraint=models.UniqueConstraint(fields=["number"], name="supervision_bulletin_number_unique"),
        ),
    ]
