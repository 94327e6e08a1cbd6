"""HTML input validation of the supervision pages (each valid form calls one selector or service)."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.form_styles import bootstrap_widgets
from fazhi.supervision.choices import RecordType


class StyledForm(forms.Form):
    """The supervision templates render `{{ field }}`: the widgets carry the Bootstrap classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class PeriodForm(StyledForm):
    unit = forms.CharField(label="单位", required=False)
    start = forms.DateField(label="期间起", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="期间止", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    as_of = forms.DateTimeField(
        label="数据截止", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    record_type = forms.ChoiceField(label="记录类型", required=False, choices=[("", "全部"), *RecordType.choices])

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError("期间止不能早于期间起。")
        return data


class SnapshotForm(StyledForm):
    unit = forms.CharField(widget=forms.HiddenInput)
    start = forms.DateField(widget=forms.HiddenInput)
    end = forms.DateField(widget=forms.HiddenInput)
    title = forms.CharField(label="快照标题", required=False, max_length=200)


class BulletinForm(StyledForm):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label="季度", coerce=int, choices=[(q, f"第{q}季度") for q in (1, 2, 3, 4)])
    number = forms.CharField(label="期号", max_length=64)
    issuer = forms.CharField(label="发文机关", max_length=128)
    bottom_n = forms.IntegerField(label="末位约谈单位数", min_value=0, max_value=100, required=False)


class SampleForm(StyledForm):
    unit = forms.ChoiceField(label="被评查单位")
    period_from = forms.DateField(label="决定日期起", widget=forms.DateInput(attrs={"type": "date"}))
    period_to = forms.DateField(label="决定日期止", widget=forms.DateInput(attrs={"type": "date"}))
    size = forms.IntegerField(label="抽取数量", min_value=1, max_value=200)
    seed = forms.IntegerField(label="随机种子")

    def __init__(self, *args: Any, units: list[tuple[str, str]], **kwargs: Any) -> None:
        """`units`: (code, name) of the enforcement bodies the supervisor may review."""
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "请选择"), *units]


class ScoreForm(StyledForm):
    judgement_deduction = forms.DecimalField(label="酌情扣分", min_value=0, max_digits=5, decimal_places=1, initial=0)
    judgement_note = forms.CharField(label="评查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(StyledForm):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RecheckForm(NoteForm):
    passed = forms.TypedChoiceField(
        label="复核结论", coerce=lambda v: v == "yes", choices=[("yes", "整改到位，复核通过"), ("no", "退回整改")]
    )
