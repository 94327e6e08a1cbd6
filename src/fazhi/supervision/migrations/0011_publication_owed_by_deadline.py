"""公示及时率 counts every decision whose publication period ended, published or not.

Version 1 divided the decisions published in time by the decisions published: a unit that never
published was 不适用 and prorated away, so it ranked above a unit that published a little late.
Version 2 (in force over the same dates, so it supersedes version 1 for every period; version 1
stays for the figures computed with it) divides the decisions published by their deadline by the
decisions whose deadline fell in the period. The fact table keeps each decision's deadline
(publish_due) and the unit rollups count on it; the penalty-case ingestion cursor is reset so that
the next `fazhi tick` re-reads every case and fills them (idempotent, through records_write).
"""

from datetime import date

from django.db import migrations, models

EFFECTIVE = date(2021, 3, 1)  # as version 1 (0002_shipped_definitions)
SOURCE = (
    "统计期内公示期限届满的行政处罚决定（含未公示的）中，在期限内公示的比例：期限为决定作出之日起七个工作日"
    "（国办发〔2018〕118号；《中华人民共和国行政处罚法》第四十八条）；决定在公示前被变更、撤销、确认违法或确认无效的"
    "不再计入（第四十八条第二款）。第1版以“已公示的决定”为分母，从不公示的单位不参与计分，已由本版取代。"
)
EXPLANATION = (
    "统计期内公示期限（决定作出之日起七个工作日）届满的行政处罚决定中，在期限内公示的比例；期满仍未公示的计为未按期公示。"
)


def add_version_2(apps, schema_editor):
    definitions = apps.get_model("supervision", "IndicatorDefinition")
    first = definitions.objects.filter(code="publication_timeliness", version=1).first()
    definitions.objects.get_or_create(
        code="publication_timeliness",
        version=2,
        defaults={
            "name": "公示及时率",
            "numerator": "publications_by_due",
            "denominator": "publications_due",
            "multiplier": 100,
            "decimals": 2,
            "unit_label": "%",
            "parameters": {},
            "source": SOURCE,
            "explanation": EXPLANATION,
            "confirmed": "Yes (S) 时限；比例口径 Inferred",
            "effective_from": EFFECTIVE,
            "order": first.order if first else 110,
        },
    )
    cursors = apps.get_model("supervision", "IngestionCursor")
    cursors.objects.filter(name="penalty_case").update(updated_at=None, last_pk=0)


def remove_version_2(apps, schema_editor):
    apps.get_model("supervision", "IndicatorDefinition").objects.filter(
        code="publication_timeliness", version=2
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('orgs', '0004_system_admins_configure_supervision'),
        ('powers', '0002_owner_in_force_spans'),
        ('supervision', '0010_scheme_missing_policy_and_ingestion_time'),
    ]

    operations = [
        migrations.AddField(
            model_name='enforcementrecord',
            name='publish_due',
            field=models.DateField(blank=True, null=True, verbose_name='应公示期限'),
        ),
        migrations.AddField(
            model_name='unitrollup',
            name='publications_due',
            field=models.IntegerField(default=0, verbose_name='公示期限届满'),
        ),
        migrations.AddField(
            model_name='unitrollup',
            name='published_by_due',
            field=models.IntegerField(default=0, verbose_name='期限内已公示'),
        ),
        migrations.AddIndex(
            model_name='enforcementrecord',
            index=models.Index(condition=models.Q(('publish_due__isnull', False)), fields=['publish_due'], name='sup_rec_publish_due'),
        ),
        migrations.RunPython(add_version_2, remove_version_2),
    ]
