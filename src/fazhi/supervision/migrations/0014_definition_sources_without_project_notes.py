"""Take the references to the project's own notes out of the indicator definitions' 来源 (data).

0002 shipped each definition's `source` ending with "RULES.md §10。" (one mid-sentence:
"（RULES.md §14 第4项）"): a file of this repository, shown to supervisors in the tooltip of every
indicator card on /supervision/ and returned by /api/v1/supervision/definitions/ (QA). The legal and
official text around it stays. The definitions are data, so the data is corrected here once rather
than filtered wherever `source` is shown; snapshots and bulletins keep the frozen copy they were
published with (their pages do not print it). The removed words carry no meaning for a reader, so
the reverse step leaves the text as it is.
"""

from django.db import migrations

# The exact words 0002 wrote; nothing else in a source is touched.
PROJECT_NOTES = ("RULES.md §10。", "（RULES.md §14 第4项）")


def strip_project_notes(apps, schema_editor):
    definition = apps.get_model("supervision", "IndicatorDefinition")
    for row in definition.objects.filter(source__contains="RULES.md"):
        text = row.source
        for note in PROJECT_NOTES:
            text = text.replace(note, "")
        if text != row.source:
            row.source = text.strip()
            row.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0013_bulletin_number_unique"),
    ]

    operations = [
        migrations.RunPython(strip_project_notes, migrations.RunPython.noop),
    ]
