"""legal_source_set_status and legal_version_statuses_refresh."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Conflict, DomainError
from fazhi.legal import services
from fazhi.legal.choices import LegalStatus
from fazhi.legal.models import LegalSourceVersion
from fazhi.legal.tests.conftest import LAW_2020, LAW_2023

pytestmark = pytest.mark.django_db


def status_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=AuditEventType.LEGAL_SOURCE_STATUS_CHANGED).order_by("pk"))


def test_repeal_marks_the_newest_version_and_writes_one_audit_row(import_fixture, importer_user) -> None:
    import_fixture(LAW_2020)
    source = import_fixture(LAW_2023).source

    version = services.legal_source_set_status(
        actor=importer_user,
        source=source,
        status=LegalStatus.REPEALED,
        effective_on=date(2024, 1, 1),
        reason="被新法取代",
    )

    version.refresh_from_db()
    assert (version.status, version.effective_to) == (LegalStatus.REPEALED, date(2023, 12, 31))
    assert version.effective_from == date(2023, 3, 1)
    [event] = status_events()
    assert (event.actor, event.target_id, event.reason) == (importer_user, str(source.pk), "被新法取代")
    assert event.changes["status"] == [LegalStatus.IN_FORCE, LegalStatus.REPEALED]
    assert event.changes["effective_to"] == [None, "2023-12-31"]


def test_undo_repeal(import_fixture, importer_user) -> None:
    source = import_fixture(LAW_2020).source
    services.legal_source_set_status(
        actor=importer_user, source=source, status=LegalStatus.REPEALED, effective_on=date(2024, 1, 1), reason="废止"
    )

    version = services.legal_source_set_status(
        actor=importer_user, source=source, status=LegalStatus.IN_FORCE, reason="误标废止，撤销"
    )

    assert (version.status, version.effective_to) == (LegalStatus.IN_FORCE, None)
    assert len(status_events()) == 2


@pytest.mark.parametrize(
    ("_case", "status", "reason", "error", "code"),
    [
        ("amended cannot be set by hand", LegalStatus.AMENDED, "原因", DomainError, "legal_status_not_settable"),
        ("reason is required", LegalStatus.REPEALED, "  ", DomainError, "reason_required"),
        ("already in force", LegalStatus.IN_FORCE, "原因", Conflict, "legal_status_unchanged"),
    ],
)
def test_refused_changes_leave_everything_unchanged(
    import_fixture, importer_user, _case: str, status: str, reason: str, error: type[DomainError], code: str
) -> None:
    result = import_fixture(LAW_2020)

    with pytest.raises(error) as caught:
        services.legal_source_set_status(
            actor=importer_user, source=result.source, status=status, effective_on=date(2024, 1, 1), reason=reason
        )

    assert caught.value.code == code
    version = LegalSourceVersion.objects.get()
    assert (version.status, version.effective_to) == (LegalStatus.IN_FORCE, None)
    assert status_events() == []


def test_refresh_turns_not_yet_effective_into_in_force(import_fixture) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    version = import_fixture(LAW_2020, effective_from=tomorrow).version
    assert version.status == LegalStatus.NOT_YET_EFFECTIVE

    assert services.legal_version_statuses_refresh(actor=None, today=tomorrow - timedelta(days=1)) == 0
    assert services.legal_version_statuses_refresh(actor=None, today=tomorrow) == 1

    version.refresh_from_db()
    assert version.status == LegalStatus.IN_FORCE
    [event] = status_events()
    assert event.changes["status"] == [LegalStatus.NOT_YET_EFFECTIVE, LegalStatus.IN_FORCE]
    assert services.legal_version_statuses_refresh(actor=None, today=tomorrow) == 0  # idempotent
