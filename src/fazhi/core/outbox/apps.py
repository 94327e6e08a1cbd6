from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "fazhi.core.outbox"
    label = "outbox"
    verbose_name = "待办消息"
