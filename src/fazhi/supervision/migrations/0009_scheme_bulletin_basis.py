"""Which regulations a 通报 cites in its opening becomes part of the 考核指标体系 (data, reversible).

The bulletin's first sentence named 《天津市行政执法监督平台管理办法》 for every district. It is now
`AssessmentScheme.bulletin_basis`. Every scheme that exists now keeps citing the Tianjin 办法, so
nothing a district prints changes until it sets its own; a scheme added later cites what it says.
"""

from django.db import migrations, models

TIANJIN = "《天津市行政执法监督平台管理办法》"


def cite_tianjin(apps, schema_editor):
    scheme = apps.get_model("supervision", "AssessmentScheme")
    scheme.objects.filter(bulletin_basis="").update(bulletin_basis=TIANJIN)


def forget(apps, schema_editor):
    scheme = apps.get_model("supervision", "AssessmentScheme")
    scheme.objects.filter(bulletin_basis=TIANJIN).update(bulletin_basis="")


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0008_definition_explanations"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentscheme",
            name="bulletin_basis",
            field=models.CharField(
                blank=True,
                help_text="通报开头引用的规定，例如《天津市行政执法监督平台管理办法》。",
                max_length=200,
                verbose_name="通报依据",
            ),
        ),
        migrations.RunPython(cite_tianjin, forget),
    ]
