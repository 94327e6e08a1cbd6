"""Install the enforcement app's configurable deadline rules into the deadline engine (opt-in data)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from fazhi.core.deadlines import services as deadline_services
from fazhi.core.deadlines.choices import PeriodUnit
from fazhi.core.deadlines.models import DeadlineRule
from fazhi.enforcement.rules.parameters import DECISION_PERIOD_RULES


@transaction.atomic
def sector_decision_rules_install(*, actor: Any) -> list[str]:
    """Save the sector decision-period rules (rules.parameters.DECISION_PERIOD_RULES) not yet present.

    After this, units of those sectors get the sector rule (e.g. 市场监管 90 days + up to 30 days'
    extension) instead of Art. 60's plain 90 days. The rows are marked unconfirmed where the
    citation is. Returns the codes installed. Idempotent.
    Writes: DeadlineRule + DeadlineRuleVersion and their audit rows (core.deadlines).
    """
    present = set(DeadlineRule.objects.values_list("code", flat=True))
    installed = []
    for row in DECISION_PERIOD_RULES:
        if row.rule_code in present:
            continue
        deadline_services.deadline_rule_version_save(
            actor=actor,
            rule_code=row.rule_code,
            name_zh=row.name_zh,
            count=row.count,
            unit=PeriodUnit.CALENDAR_DAY,
            effective_from=row.effective_from,
            legal_basis=row.legal_basis,
            quoted_text=row.quoted_text,
            confirmed=row.confirmed,
            max_extension=row.max_extension,
            extension_unit=PeriodUnit.CALENDAR_DAY,
            extension_basis=row.extension_basis,
            note="可配置的行业默认值（RULES.md §1.15）",
            reason="安装行业办案期限规则",
        )
        installed.append(row.rule_code)
    return installed
