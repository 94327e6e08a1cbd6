from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "fazhi.core.deadlines"
    label = "deadlines"
    verbose_name = "法定期限"

    def ready(self) -> None:
        # Explicit registration (no signals): calendar edits recompute open deadlines.
        from fazhi.core.calendars.hooks import register_recompute_hook
        from fazhi.core.deadlines.services import deadline_recompute_open

        register_recompute_hook(deadline_recompute_open)
