"""The legal library: sources (法律法规规章), their versions (历次修订) and articles (条文).

Written only by fazhi.legal.services (imports and status changes, each with its audit row); read by
the rest of the platform through fazhi.legal.selectors — power items, penalty decisions and
documents cite articles (《中华人民共和国行政处罚法》第五十一条).

Search is `icontains` on title/short title/article text: portable across SQLite and PostgreSQL
(STYLE §10). The B-tree indexes below serve the exact-title lookups of citation resolution and the
"in force on a date" filter; a trigram index for substring search would be PostgreSQL-only and
needs an ADR first.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.models import TimeStampedModel
from fazhi.legal.choices import LegalLevel, LegalStatus
from fazhi.legal.parsing import article_number_zh, format_citation


class LegalSource(TimeStampedModel):
    """A law, regulation, rule or other normative text, independent of its revisions."""

    title = models.CharField(_("标题"), max_length=200, help_text=_("全称，如“中华人民共和国行政处罚法”。"))
    short_title = models.CharField(_("简称"), max_length=200, blank=True, help_text=_("如“行政处罚法”。"))
    level = models.CharField(_("效力级别"), max_length=32, choices=LegalLevel.choices, default=LegalLevel.OTHER)
    issuer = models.CharField(_("制定机关"), max_length=100, blank=True)
    document_number = models.CharField(_("文号"), max_length=100, blank=True, help_text=_("最新版本的公布文号。"))

    class Meta:
        verbose_name = _("法律法规")
        verbose_name_plural = _("法律法规")
        ordering = ["title"]
        constraints = [
            # Citations name a source by its title: two sources with one title could not be told apart.
            models.UniqueConstraint(fields=["title"], name="%(app_label)s_%(class)s_unique_title"),
        ]
        indexes = [
            # Citation resolution by short title (《行政处罚法》第五十一条).
            models.Index(fields=["short_title"], name="legal_source_short_title_idx"),
            models.Index(fields=["level", "title"], name="legal_source_level_title_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class LegalSourceVersion(TimeStampedModel):
    """One text of a source as promulgated or revised, with the dates it applies.

    `effective_to` is the last day the text applies (inclusive); NULL means open-ended. Which version
    applies on a day is decided by the dates; `status` is the 时效性 label shown to people.
    """

    source = models.ForeignKey(LegalSource, on_delete=models.PROTECT, related_name="versions", verbose_name=_("法规"))
    label = models.CharField(_("版本"), max_length=64, help_text=_("如“2021年1月22日修订”。"))
    promulgated_on = models.DateField(_("公布日期"), null=True, blank=True)
    effective_from = models.DateField(_("施行日期"))
    effective_to = models.DateField(_("失效日期（含当日）"), null=True, blank=True)
    status = models.CharField(_("时效性"), max_length=32, choices=LegalStatus.choices, default=LegalStatus.IN_FORCE)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    preamble = models.TextField(_("题注"), blank=True, help_text=_("第一条之前的通过、公布、修订等说明。"))
    filename = models.CharField(_("导入文件名"), max_length=255, blank=True)
    checksum = models.CharField(_("文本校验值（SHA-256）"), max_length=64)
    article_count = models.PositiveIntegerField(_("条文数"), default=0)
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("法规版本")
        verbose_name_plural = _("法规版本")
        ordering = ["source", "-effective_from", "-id"]
        constraints = [
            # Re-importing the same text is a no-op: the checksum identifies a version of a source.
            models.UniqueConstraint(fields=["source", "checksum"], name="%(app_label)s_%(class)s_unique_checksum"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="%(app_label)s_%(class)s_effective_period",
            ),
        ]
        indexes = [
            # "Which version applies on day D": legal_version_in_force / article search.
            models.Index(fields=["source", "effective_from"], name="legal_version_source_from_idx"),
            models.Index(fields=["effective_from", "effective_to"], name="legal_version_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.source.title}（{self.label}）"


class LegalArticle(models.Model):
    """One article (条) of one version; 第二十条之一 is number 20 with suffix 1."""

    version = models.ForeignKey(
        LegalSourceVersion, on_delete=models.CASCADE, related_name="articles", verbose_name=_("法规版本")
    )
    position = models.PositiveIntegerField(_("顺序"))
    number = models.PositiveIntegerField(_("条序号"))
    suffix = models.PositiveSmallIntegerField(_("之几"), default=0, help_text=_("第二十条之一为1，普通条文为0。"))
    number_zh = models.CharField(_("条号"), max_length=32)
    part = models.CharField(_("编"), max_length=200, blank=True)
    chapter = models.CharField(_("章"), max_length=200, blank=True)
    section = models.CharField(_("节"), max_length=200, blank=True)
    text = models.TextField(_("条文"))
    paragraph_count = models.PositiveSmallIntegerField(_("款数"), default=1)

    class Meta:
        verbose_name = _("条文")
        verbose_name_plural = _("条文")
        ordering = ["version", "position"]
        constraints = [
            # Also the index of citation resolution (version, 第N条之M).
            models.UniqueConstraint(
                fields=["version", "number", "suffix"], name="%(app_label)s_%(class)s_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return article_number_zh(self.number, self.suffix)

    @property
    def citation(self) -> str:
        """《中华人民共和国行政处罚法》第五十一条 — select_related("version__source") before using it in lists."""
        return format_citation(title=self.version.source.title, number=self.number, suffix=self.suffix)
