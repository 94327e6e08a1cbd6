"""Input and output shapes of the legal library API (one pair per operation, HackSoft style)."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core.api.fields import DateField
from fazhi.legal.choices import LegalLevel


class SourceListInputSerializer(serializers.Serializer):
    q = serializers.CharField(label="标题或简称包含", required=False, default="", allow_blank=True, max_length=200)
    level = serializers.ChoiceField(label="效力级别", choices=LegalLevel.choices, required=False)


class VersionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField(label="版本")
    promulgated_on = DateField(label="公布日期", allow_null=True)
    effective_from = DateField(label="施行日期")
    effective_to = DateField(label="失效日期（含当日）", allow_null=True)
    status = serializers.CharField(label="时效性代码")
    status_label = serializers.CharField(source="get_status_display", label="时效性")
    document_number = serializers.CharField(label="文号")
    article_count = serializers.IntegerField(label="条文数")
    imported_at = serializers.DateTimeField(label="导入时间")


class SourceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(label="标题")
    short_title = serializers.CharField(label="简称")
    level = serializers.CharField(label="效力级别代码")
    level_label = serializers.CharField(source="get_level_display", label="效力级别")
    issuer = serializers.CharField(label="制定机关")
    document_number = serializers.CharField(label="文号")


class SourceDetailOutputSerializer(SourceOutputSerializer):
    versions = VersionOutputSerializer(many=True, label="版本（施行日期由新到旧）")
    current_version_id = serializers.IntegerField(label="当前适用版本", allow_null=True)


class SourcePageOutputSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SourceOutputSerializer(many=True)


class ArticleSearchInputSerializer(serializers.Serializer):
    q = serializers.CharField(label="条文包含", required=False, default="", allow_blank=True, max_length=200)
    source = serializers.IntegerField(label="法规ID", required=False, min_value=1)
    on = DateField(label="适用日期（默认今天）", required=False)
    all_versions = serializers.BooleanField(label="检索全部历史版本", required=False, default=False)

    def validate(self, attrs: dict) -> dict:  # type: ignore[type-arg]
        # An unbounded listing of every article in the library helps nobody and costs a full scan.
        if not attrs.get("q", "").strip() and not attrs.get("source"):
            raise serializers.ValidationError({"q": ["请提供检索词，或指定法规。"]})
        return attrs


class ArticleOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    citation = serializers.CharField(label="引用")
    number = serializers.IntegerField(label="条序号")
    suffix = serializers.IntegerField(label="之几")
    number_zh = serializers.CharField(label="条号")
    part = serializers.CharField(label="编")
    chapter = serializers.CharField(label="章")
    section = serializers.CharField(label="节")
    text = serializers.CharField(label="条文")
    paragraph_count = serializers.IntegerField(label="款数")
    source_id = serializers.IntegerField(source="version.source_id", label="法规ID")
    source_title = serializers.CharField(source="version.source.title", label="法规标题")
    version_id = serializers.IntegerField(label="版本ID")
    version_label = serializers.CharField(source="version.label", label="版本")
    version_status = serializers.CharField(source="version.status", label="时效性代码")
    version_status_label = serializers.CharField(source="version.get_status_display", label="时效性")


class ArticlePageOutputSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ArticleOutputSerializer(many=True)


class CitationResolveInputSerializer(serializers.Serializer):
    citation = serializers.CharField(
        label="法条引用", max_length=300, help_text="如《中华人民共和国行政处罚法》第五十一条"
    )
    on = DateField(label="适用日期", required=False, help_text="不填则取今天施行的版本，没有则取最新版本")


class CitationResolveOutputSerializer(serializers.Serializer):
    citation = serializers.CharField(label="规范引用")
    paragraph = serializers.IntegerField(label="款", allow_null=True)
    paragraph_text = serializers.CharField(label="该款内容", allow_null=True)
    article = ArticleOutputSerializer(label="条文")
    version = VersionOutputSerializer(label="版本")
