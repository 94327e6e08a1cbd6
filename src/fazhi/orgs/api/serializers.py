"""Input and output shapes of the orgs API (one pair per operation, HackSoft style)."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core.api.fields import DateField
from fazhi.core.ids import uscc_error
from fazhi.orgs.choices import OrgUnitKind


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField(label="用户名", max_length=150)
    password = serializers.CharField(label="密码", max_length=128, trim_whitespace=False)


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField(label="令牌")


class RoleGrantOutputSerializer(serializers.Serializer):
    role = serializers.CharField(label="角色代码")
    role_label = serializers.SerializerMethodField(label="角色")
    unit_code = serializers.CharField(label="单位编码")
    unit_name = serializers.CharField(label="单位名称")

    def get_role_label(self, grant) -> str:  # type: ignore[no-untyped-def]
        return str(grant.role.label)


class MeOutputSerializer(serializers.Serializer):
    username = serializers.CharField(label="用户名")
    display_name = serializers.CharField(label="显示名称")
    roles = RoleGrantOutputSerializer(many=True, label="角色授权")


class OrgUnitOutputSerializer(serializers.Serializer):
    code = serializers.CharField(label="单位编码")
    name = serializers.CharField(label="单位名称")
    short_name = serializers.CharField(label="简称")
    document_prefix = serializers.CharField(label="机关代字")
    kind = serializers.CharField(label="单位类型")
    kind_label = serializers.CharField(source="get_kind_display", label="单位类型名称")
    parent_code = serializers.SerializerMethodField(label="上级单位编码")
    depth = serializers.IntegerField(label="层级")
    is_enforcement_body = serializers.BooleanField(label="是否执法主体")
    domains = serializers.SerializerMethodField(label="执法领域")
    credit_code = serializers.CharField(label="统一社会信用代码")
    is_active = serializers.BooleanField(label="是否有效")

    def get_parent_code(self, unit) -> str | None:  # type: ignore[no-untyped-def]
        return unit.parent.code if unit.parent_id else None

    def get_domains(self, unit) -> list[str]:  # type: ignore[no-untyped-def]
        return [domain.code for domain in unit.domains.all()]


class OrgUnitCreateInputSerializer(serializers.Serializer):
    code = serializers.CharField(label="单位编码", max_length=32)
    name = serializers.CharField(label="单位名称", max_length=128)
    short_name = serializers.CharField(label="简称", max_length=64, required=False, default="")
    document_prefix = serializers.CharField(
        label="机关代字", max_length=16, required=False, default="", allow_blank=True,
        help_text="发文字号中的机关代字，如“青政”；不填则按原方式编号",
    )  # fmt: skip
    kind = serializers.ChoiceField(label="单位类型", choices=OrgUnitKind.choices)
    parent_code = serializers.CharField(label="上级单位编码", max_length=32)
    is_enforcement_body = serializers.BooleanField(label="是否执法主体", required=False, default=False)
    domains = serializers.ListField(
        child=serializers.CharField(max_length=32), label="执法领域代码", required=False, default=list
    )
    credit_code = serializers.CharField(label="统一社会信用代码", max_length=18, required=False, default="")
    reason = serializers.CharField(label="操作原因", required=False, default="", allow_blank=True)

    def validate_credit_code(self, value: str) -> str:
        if value:
            error = uscc_error(value)
            if error:
                raise serializers.ValidationError(error)
        return value


class OfficerOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="person.name", label="姓名")
    unit_code = serializers.CharField(source="unit.code", label="单位编码")
    unit_name = serializers.CharField(source="unit.name", label="单位名称")
    title = serializers.CharField(label="职务")
    is_active = serializers.BooleanField(label="在岗")


class CertificateOutputSerializer(serializers.Serializer):
    number = serializers.CharField(label="执法证号")
    officer_id = serializers.IntegerField(label="执法人员ID")
    officer_name = serializers.CharField(source="officer.person.name", label="姓名")
    unit_code = serializers.CharField(source="officer.unit.code", label="单位编码")
    issuer = serializers.CharField(label="发证机关")
    domains = serializers.SerializerMethodField(label="执法领域")
    valid_from = DateField(label="有效期起")
    valid_to = DateField(label="有效期止")
    status = serializers.CharField(label="状态")
    status_label = serializers.CharField(source="get_status_display", label="状态名称")

    def get_domains(self, certificate) -> list[str]:  # type: ignore[no-untyped-def]
        return [domain.code for domain in certificate.domains.all()]


class CertificateIssueInputSerializer(serializers.Serializer):
    officer_id = serializers.IntegerField(label="执法人员ID")
    number = serializers.CharField(label="执法证号", max_length=32)
    issuer = serializers.CharField(label="发证机关", max_length=128)
    domains = serializers.ListField(child=serializers.CharField(max_length=32), label="执法领域代码", min_length=1)
    valid_from = DateField(label="有效期起")
    valid_to = DateField(label="有效期止")
    reason = serializers.CharField(label="原因", required=False, default="申领发证")


class CertificateStatusInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        label="事项", choices=[("suspended", "暂扣"), ("reinstated", "恢复"), ("revoked", "注销")]
    )
    effective_on = DateField(label="生效日期")
    reason = serializers.CharField(label="原因")


class CertificateValidityInputSerializer(serializers.Serializer):
    on = DateField(label="日期", help_text="YYYY-MM-DD")


class CertificateValidityOutputSerializer(serializers.Serializer):
    officer_id = serializers.IntegerField()
    on = DateField(label="日期")
    ok = serializers.BooleanField(label="是否持有有效执法证")
    reason = serializers.CharField(label="原因")


class OrgImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV 或 XLSX，表头同 `fazhi import units` / `fazhi import officers`")
    dry_run = serializers.BooleanField(default=False, help_text="只校验，不写入")
