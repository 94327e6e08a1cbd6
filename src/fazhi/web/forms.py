"""Forms of the web shell. They validate and shape input only; views call the services/selectors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from fazhi.core.form_fields import DateField
from fazhi.core.form_styles import ISO_DATE, IsoDateInput
from fazhi.orgs.selectors import login_is_locked


def login_locked_message() -> str:
    minutes = max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS // 60)
    return f"登录失败次数过多，请{minutes}分钟后再试。"


class LoginForm(AuthenticationForm):
    """Django's login form with Chinese labels and the lock-out check before any password check."""

    error_messages = {
        "invalid_login": "用户名或密码不正确。请注意密码区分大小写。",
        "inactive": "该账号已停用，请联系单位管理员。",
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["username"].error_messages["required"] = "请输入用户名。"
        self.fields["username"].widget.attrs.update({"class": "form-control", "autocomplete": "username"})
        self.fields["password"].label = "密码"
        self.fields["password"].error_messages["required"] = "请输入密码。"
        self.fields["password"].widget.attrs.update({"class": "form-control", "autocomplete": "current-password"})

    def clean(self) -> dict[str, Any]:
        # A locked account is refused before authenticate() runs, so a locked attacker learns
        # nothing about the password and the password hasher is not used as a free oracle.
        username = self.cleaned_data.get("username")
        if username and login_is_locked(username=username):
            raise ValidationError(login_locked_message(), code="locked")
        return super().clean()


# The codes shown next to each calculator error; they match the API's vocabulary where one exists.
CALCULATOR_ERROR_CODES = {
    ("rule", "required"): "rule_required",
    ("rule", "invalid_choice"): "unknown_rule",
    ("start", "required"): "start_required",
    ("start", "invalid"): "invalid_date",
    ("extend", "invalid"): "invalid_extension",
    ("extend", "min_value"): "invalid_extension",
    ("extend", "max_value"): "invalid_extension",
}


class DeadlineCalculatorForm(forms.Form):
    """Rule + start date + optional extension, as query parameters (?rule=&start=&extend=) like the API."""

    rule = forms.ChoiceField(
        label="期限规则",
        error_messages={"required": "请选择期限规则。", "invalid_choice": "未知的期限规则“%(value)s”。"},
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    start = DateField(
        label="起算日",
        input_formats=[ISO_DATE],
        error_messages={
            "required": "请填写起算日。",
            "invalid": "起算日格式不正确，请按“年-月-日”填写，例如 2025-09-30。",
        },
        widget=IsoDateInput,
    )
    extend = forms.IntegerField(
        label="延长天数",
        required=False,
        min_value=0,
        max_value=3650,
        help_text="依法批准延长的天数；不延长请留空。",
        error_messages={
            "invalid": "延长天数必须是整数。",
            "min_value": "延长天数不能为负数。",
            "max_value": "延长天数过大。",
        },
        widget=forms.NumberInput(attrs={"class": "form-control", "min": "0", "step": "1", "inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, rules: Iterable[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", "请选择……")] + [(rule.code, rule_label(rule)) for rule in rules]

    def error_list(self) -> list[dict[str, str]]:
        """Every error as {field label, message, code}, for the summary shown above the form."""
        errors = []
        for name, error_list in self.errors.as_data().items():
            label = self.fields[name].label if name in self.fields else ""
            for error in error_list:
                code = CALCULATOR_ERROR_CODES.get((name, error.code or ""), error.code or "invalid")
                for message in error.messages:
                    errors.append({"field": str(label or ""), "message": message, "code": code})
        return errors


def rule_label(rule: Any) -> str:
    """How a rule appears in the select: its Chinese name and legal basis (the code is the option's value)."""
    basis = getattr(rule, "legal_basis", "")
    return rule.name_zh + (f"（{basis}）" if basis else "")
