"""HTML input validation for the powers pages; forms only shape input, services write."""

from __future__ import annotations

from django import forms

from fazhi.powers.choices import ItemStatus, ListKind, PowerCategory


class ListImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="清单类型", choices=ListKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    file = forms.FileField(
        label="文件",
        help_text="支持 .xlsx 与 .csv（UTF-8，带或不带BOM）。任一行有错误，整份文件都不导入。",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )
    dry_run = forms.BooleanField(
        label="只校验，不写入", required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )


class PowerItemFilterForm(forms.Form):
    q = forms.CharField(label="编码或名称", required=False, widget=forms.TextInput(attrs={"class": "form-control"}))
    category = forms.ChoiceField(
        label="事项类别",
        required=False,
        choices=[("", "全部类别"), *PowerCategory.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部状态"), *ItemStatus.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
