"""持证在岗 spans per officer and per unit (derived from officers and certificates, read by supervision).

Created empty: the orgs services fill them as certificates and officers change. A database with
officers from before this migration needs one `python manage.py duty_spans_rebuild` after migrate
(a backfill job, not inline here: STYLE §14).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('orgs', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='UnitDutySpan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('unit_id', models.BigIntegerField(verbose_name='单位')),
                ('starts_on', models.DateField(verbose_name='起始日')),
                ('ends_on', models.DateField(verbose_name='截止日（含）')),
                ('officers', models.IntegerField(verbose_name='人数')),
            ],
            options={
                'verbose_name': '单位持证在岗人数',
                'verbose_name_plural': '单位持证在岗人数',
                'constraints': [models.UniqueConstraint(fields=('unit_id', 'starts_on', 'ends_on'), name='orgs_unitdutyspan_key')],
            },
        ),
        migrations.CreateModel(
            name='OfficerDutySpan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('unit_id', models.BigIntegerField(verbose_name='所属单位')),
                ('counted', models.BooleanField(verbose_name='持证在岗')),
                ('starts_on', models.DateField(null=True, verbose_name='起始日')),
                ('ends_on', models.DateField(null=True, verbose_name='截止日（含）')),
                ('officer', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='orgs.officer', verbose_name='执法人员')),
            ],
            options={
                'verbose_name': '执法人员持证在岗区间',
                'verbose_name_plural': '执法人员持证在岗区间',
                'indexes': [models.Index(fields=['officer', 'starts_on'], name='orgs_duty_officer'), models.Index(condition=models.Q(('counted', False), ('ends_on__isnull', False), ('starts_on__isnull', True)), fields=['ends_on', 'officer'], name='orgs_duty_gap_head'), models.Index(condition=models.Q(('counted', False), ('ends_on__isnull', True), ('starts_on__isnull', False)), fields=['starts_on', 'officer'], name='orgs_duty_gap_tail'), models.Index(condition=models.Q(('counted', False), ('ends_on__isnull', False), ('starts_on__isnull', False)), fields=['starts_on', 'ends_on', 'officer'], name='orgs_duty_gap_inner'), models.Index(condition=models.Q(('counted', False), ('ends_on__isnull', True), ('starts_on__isnull', True)), fields=['officer'], name='orgs_duty_gap_always')],
            },
        ),
    ]
