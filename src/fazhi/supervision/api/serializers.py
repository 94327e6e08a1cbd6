"""Input serializers of the supervision API (outputs are the selectors' own dict shapes)."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core.api.fields import DateField, DateTimeField
from fazhi.supervision.choices import MissingIndicatorPolicy, RecordType
from fazhi.supervision.rules import AS_OF_FORMAT_MESSAGE, SEED_MAX, SEED_MESSAGE


def _as_of(help_text: str = "") -> DateTimeField:
    """A data cut-off: 2025-03-31 18:00 (or 2025-03-31T18:00); one that cannot be read is refused in Chinese."""
    return DateTimeField(required=False, help_text=help_text, error_messages={"invalid": AS_OF_FORMAT_MESSAGE})


class PeriodInput(serializers.Serializer):
    unit = serializers.CharField(required=False, help_text="单位编码（含下级单位）；默认为本人可见的最上级单位")
    # "from" is a Python keyword: the field is declared below under its query-string name.
    to = DateField(required=False, help_text="统计期间止，默认今天")
    as_of = _as_of("数据截止时间（只计截止时已归集到本平台的记录），例如 2025-03-31 18:00")

    def get_fields(self):  # type: ignore[no-untyped-def]
        fields = super().get_fields()
        fields["from"] = DateField(required=False, help_text="统计期间起，默认本季度第一天")
        return fields


class DrillDownInput(PeriodInput):
    record_type = serializers.ChoiceField(choices=RecordType.choices, required=False)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=5000, default=500)
    # The rows from this one on (0 = the first): every row is reachable `limit` at a time.
    offset = serializers.IntegerField(required=False, min_value=0, default=0)
    party = serializers.CharField(
        required=False, max_length=64, help_text="检查对象代码（party_inspections：该对象在期间内的检查记录）"
    )


class SnapshotInput(PeriodInput):
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)


class DiffInput(serializers.Serializer):
    as_of = _as_of("按该数据截止时间重新计算（默认现在），例如 2025-03-31 18:00")


class BulletinInput(serializers.Serializer):
    unit = serializers.CharField(required=False)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    number = serializers.CharField(max_length=64)
    issuer = serializers.CharField(max_length=128)
    issued_on = DateField(required=False)
    as_of = _as_of("数据截止时间（默认现在），例如 2025-03-31 18:00")
    bottom_n = serializers.IntegerField(required=False, min_value=0, max_value=100)


class SampleInput(serializers.Serializer):
    unit = serializers.CharField()
    period_from = DateField()
    period_to = DateField()
    size = serializers.IntegerField(min_value=1, max_value=200)
    seed = serializers.IntegerField(
        min_value=0, max_value=SEED_MAX, error_messages={"min_value": SEED_MESSAGE, "max_value": SEED_MESSAGE}
    )


class ScoreInput(serializers.Serializer):
    reviewed_on = DateField(required=False)
    judgement_deduction = serializers.DecimalField(max_digits=5, decimal_places=1, required=False, default=0)
    judgement_note = serializers.CharField(required=False, allow_blank=True, default="")


class NoteInput(serializers.Serializer):
    note = serializers.CharField(allow_blank=True, default="")
    on = DateField(required=False)


class RecheckInput(NoteInput):
    passed = serializers.BooleanField()


class RecordImportInput(serializers.Serializer):
    file = serializers.FileField(help_text="CSV 或 XLSX，表头同 `fazhi import records`")
    dry_run = serializers.BooleanField(default=False, help_text="只校验，不写入")


class SchemeInput(serializers.Serializer):
    """A new version of the 考核指标体系; services.assessment_scheme_save checks the weights and dates."""

    code = serializers.CharField(max_length=48)
    name = serializers.CharField(max_length=100)
    weights = serializers.JSONField(
        help_text='{"指标代码": {"weight": 分值, "scale": "percent|peer_max|score100"}, …}，各项合计100'
    )
    bottom_n = serializers.IntegerField(help_text="末位约谈单位数")
    effective_from = DateField()
    effective_to = DateField(required=False, allow_null=True, default=None)
    bulletin_basis = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    source = serializers.CharField(required=False, allow_blank=True, default="")
    missing_indicator_policy = serializers.ChoiceField(
        choices=MissingIndicatorPolicy.choices, required=False, default=MissingIndicatorPolicy.PRORATE
    )
    reason = serializers.CharField(help_text="变更理由")


class SchemeCloseInput(serializers.Serializer):
    effective_to = DateField(help_text="失效日期（含当日）")
    reason = serializers.CharField(help_text="变更理由")
