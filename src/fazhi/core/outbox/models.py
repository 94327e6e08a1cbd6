"""Side effects queued in the same transaction as the change that causes them."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    PROCESSING = "processing", _("处理中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class OutboxMessage(models.Model):
    """One side effect to carry out after commit (notification, recomputation, document…).

    Written by core.outbox.services.enqueue() inside the caller's transaction, so it exists if and
    only if the change committed; processed by `fazhi tick`.
    """

    kind = models.CharField(_("类型"), max_length=64, db_index=True)
    payload = models.JSONField(_("内容"), default=dict)
    status = models.CharField(_("状态"), max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    available_at = models.DateTimeField(_("可处理时间"), default=timezone.now)
    claimed_at = models.DateTimeField(_("领取时间"), null=True, blank=True)
    processed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    idempotency_key = models.CharField(_("幂等键"), max_length=200, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        verbose_name = _("待办消息")
        verbose_name_plural = _("待办消息")
        ordering = ["available_at", "pk"]
        # Used by `fazhi tick` to find the next due messages.
        indexes = [models.Index(fields=["status", "available_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.get_status_display()})"
