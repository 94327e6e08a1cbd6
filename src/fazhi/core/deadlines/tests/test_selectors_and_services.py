from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.calendars import services as calendar_services
from fazhi.core.calendars.rules import CHINESE_CALENDAR_YEARS
from fazhi.core.deadlines import services
from fazhi.core.deadlines.models import TrackedDeadline
from fazhi.core.deadlines.selectors import deadline_compute, deadline_rule_list
from fazhi.core.deadlines.tests.test_rules import SHIPPED
from fazhi.core.errors import Conflict, DomainError, NotFound
from fazhi.core.outbox.services import process_pending

pytestmark = pytest.mark.django_db


def test_shipped_rules_match_the_table_and_cite_the_law() -> None:
    rules = {rule.code: rule for rule in deadline_rule_list()}
    # Core ships exactly SHIPPED (migration 0002); domain apps ship their own rules through their own
    # data migrations (e.g. enforcement 0003) and test their values there. Every rule cites its basis.
    assert set(SHIPPED) <= set(rules)
    assert all(rule.legal_basis for rule in rules.values())
    for code, (count, unit, max_extension, extension_unit) in SHIPPED.items():
        rule = rules[code]
        assert (rule.count, rule.unit, rule.max_extension) == (count, unit, max_extension), code
        if max_extension:
            assert rule.extension_unit == extension_unit
        assert rule.legal_basis, code
    assert not rules["normative.filing"].confirmed  # labelled as an unconfirmed default
    assert all(rules[c].confirmed for c in SHIPPED if c != "normative.filing")


def test_unknown_rule_is_not_found() -> None:
    with pytest.raises(NotFound) as error:
        deadline_compute(rule_code="penalty.nonsense", start=date(2025, 1, 6))
    assert error.value.code == "unknown_rule"


def test_start_before_the_law_took_effect_has_no_version() -> None:
    with pytest.raises(DomainError) as error:
        deadline_compute(rule_code="reconsideration.decision", start=date(2023, 6, 1))
    assert error.value.code == "no_rule_version"


def test_new_version_applies_from_its_effective_date(cast) -> None:
    with pytest.raises(Conflict):
        services.deadline_rule_version_save(
            actor=cast.system_admin,
            rule_code="penalty.decision",
            name_zh="行政处罚决定期限",
            count=120,
            unit="calendar_day",
            effective_from=date(2027, 1, 1),
            legal_basis="假想的修订",
        )
    # close the old version first, then add the new one
    from fazhi.core.deadlines.models import DeadlineRuleVersion

    DeadlineRuleVersion.objects.filter(rule__code="penalty.decision").update(effective_to=date(2026, 12, 31))
    services.deadline_rule_version_save(
        actor=cast.system_admin,
        rule_code="penalty.decision",
        name_zh="行政处罚决定期限",
        count=120,
        unit="calendar_day",
        effective_from=date(2027, 1, 1),
        legal_basis="假想的修订",
    )
    assert deadline_compute(rule_code="penalty.decision", start=date(2026, 6, 1)).due == date(2026, 8, 31)
    assert AuditEvent.objects.filter(event_type=AuditEventType.DEADLINE_RULE_VERSION_SAVED).count() == 1


def test_calendar_edit_recomputes_open_tracked_deadlines(cast, django_capture_on_commit_callbacks) -> None:
    tracked = services.deadline_track(
        actor=cast.inspector_north, target=cast.north, rule_code="penalty.service", start=date(2026, 3, 2)
    )
    assert tracked.due == date(2026, 3, 11)  # 3/3–6 (4), 3/9–11 (7)
    calendar_services.calendar_day_set(actor=cast.system_admin, day=date(2026, 3, 10), kind="holiday", name="临时放假")
    summary = process_pending()
    assert summary.processed == 1
    tracked.refresh_from_db()
    assert tracked.due == date(2026, 3, 12)
    event = AuditEvent.objects.get(event_type=AuditEventType.DEADLINE_RECOMPUTED)
    assert event.changes == {"due": ["2026-03-11", "2026-03-12"]}
    # processing again changes nothing (idempotent)
    assert process_pending().processed == 0


def test_a_provisional_deadline_loses_its_note_when_its_year_is_entered(cast, settings) -> None:
    # Counted on the weekday fallback into a year without data; the admin then enters that year.
    settings.FAZHI_CALENDAR_WEEKDAY_FALLBACK = True
    year = max(CHINESE_CALENDAR_YEARS) + 1
    tracked = services.deadline_track(
        actor=None, target=cast.north, rule_code="penalty.service", start=date(year - 1, 12, 28)
    )
    assert "暂定" in tracked.steps[-1] and tracked.provisional

    calendar_services.calendar_year_mark(
        actor=cast.system_admin, year=year, citation="国办发明电（测试）", is_complete=True
    )
    process_pending()

    tracked.refresh_from_db()
    assert not any("暂定" in step for step in tracked.steps) and not tracked.provisional
    event = AuditEvent.objects.get(event_type=AuditEventType.DEADLINE_RECOMPUTED)
    assert event.reason == "工作日历变更，期限计算过程已更新（届满日不变）"


def test_closed_deadlines_are_not_recomputed(cast) -> None:
    tracked = services.deadline_track(
        actor=None, target=cast.north, rule_code="penalty.service", start=date(2026, 3, 2)
    )
    services.deadline_close(actor=None, tracked=tracked, met=True)
    calendar_services.calendar_day_set(actor=None, day=date(2026, 3, 10), kind="holiday", name="临时放假")
    process_pending()
    assert TrackedDeadline.objects.get(pk=tracked.pk).due == date(2026, 3, 11)
    with pytest.raises(Conflict):
        services.deadline_close(actor=None, tracked=tracked, met=True)
