from django.apps import AppConfig

from fazhi.core.calendars.hooks import register_recompute_hook


class EnforcementConfig(AppConfig):
    """The enforcement app.

    ready() registers the calendar recompute hook that refreshes the cases' due-date snapshots
    (services.due_dates). It is listed after core.deadlines in INSTALLED_APPS, so it runs after
    the tracked deadlines themselves were recomputed.

    No outbox handler: the earlier `enforcement.publication_changed` placeholder did nothing (the
    public pages read Publication rows directly and there is no notification model or credit-platform
    connector yet), so it was removed together with the messages that fed it. A future push to
    信用中国 / 国家企业信用信息公示系统 adds both back, idempotent per message id.
    """

    name = "fazhi.enforcement"
    label = "enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        from fazhi.enforcement.services.due_dates import case_due_dates_refresh

        register_recompute_hook(case_due_dates_refresh)
