"""Audit event types: stable codes, a Chinese label each, and no migration per new type."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.db import transaction
from django.test import RequestFactory

from fazhi.core.audit.admin import EventTypeFilter
from fazhi.core.audit.models import EVENT_LABELS, AuditEvent, AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.models import CalendarYear


def test_every_event_type_has_a_chinese_label():
    missing = [event.name for event in AuditEventType if event not in EVENT_LABELS]
    assert missing == []
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in EVENT_LABELS.values())


def test_codes_stay_inside_their_reserved_ranges():
    # 1–99 core · 1xx enforcement/powers · 2xx spot checks · 3xx reconsideration/litigation · 4xx normative
    # · 5xx disclosure · 6xx orgs · 7xx legal · 8xx supervision · 9xx security and operations.
    assert all(0 < event.value < 1000 for event in AuditEventType)


def test_the_field_carries_no_choices_so_new_types_need_no_migration():
    assert not AuditEvent._meta.get_field("event_type").choices


def test_an_unknown_code_still_displays():
    assert AuditEvent(event_type=999, sequence=1, target_repr="x").event_label == "999"
    assert AuditEvent(event_type=AuditEventType.ROLE_ASSIGNED).event_label == "授予角色"


@pytest.mark.django_db
def test_admin_filter_offers_every_label_and_filters():
    target = CalendarYear.objects.create(year=2032)
    with transaction.atomic():
        record_audit(actor=None, event_type=AuditEventType.ROLE_ASSIGNED, target=target)
        record_audit(actor=None, event_type=AuditEventType.ROLE_REVOKED, target=target)
    code = str(AuditEventType.ROLE_ASSIGNED.value)
    request = RequestFactory().get("/admin/audit/auditevent/", {"event_type": code})
    model_admin = site._registry[AuditEvent]
    event_filter = EventTypeFilter(request, {"event_type": [code]}, AuditEvent, model_admin)

    assert (code, "授予角色") in event_filter.lookups(request, model_admin)
    filtered = event_filter.queryset(request, AuditEvent.objects.all())
    assert [event.event_type for event in filtered] == [AuditEventType.ROLE_ASSIGNED]
