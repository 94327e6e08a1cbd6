from django.apps import AppConfig

from fazhi.core.outbox.registry import register_handler


def _publication_changed(message_id: int, payload: dict[str, object]) -> None:
    """Outbox handler for enforcement.publication_changed.

    Nothing to push yet: the public portal reads Publication rows directly. A push to the credit
    platform (信用中国 / 国家企业信用信息公示系统) attaches here; it must stay idempotent per message id.
    """


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        register_handler("enforcement.publication_changed", _publication_changed)
