from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "fazhi.core.calendars"
    label = "calendars"
    verbose_name = "工作日历"

    def ready(self) -> None:
        from fazhi.core.calendars.services import RECOMPUTE_KIND, recompute_handler
        from fazhi.core.outbox.registry import register_handler

        register_handler(RECOMPUTE_KIND, recompute_handler)
