"""The audit log is append-only and tamper-evident: `fazhi audit verify` finds edits and deletions.

The tampering tests go around the application on purpose (raw SQL on the table), as an attacker
with database access would.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from fazhi.core.audit.checkpoints import current_checkpoint, parse_checkpoint
from fazhi.core.audit.context import request_id_scope
from fazhi.core.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent, AuditEventType
from fazhi.core.audit.selectors import audit_chain_heads, audit_chain_verify, audit_events_for
from fazhi.core.audit.services import record_audit
from fazhi.core.calendars.models import CalendarYear

pytestmark = pytest.mark.django_db


def _write(target, count: int, *, actor=None) -> list[AuditEvent]:
    events = []
    for index in range(count):
        with transaction.atomic():
            events.append(
                record_audit(
                    actor=actor,
                    event_type=AuditEventType.ORG_UNIT_UPDATED,
                    target=target,
                    reason=f"第{index + 1}次修改",
                    changes={"name": [f"旧{index}", f"新{index}"]},
                )
            )
    return events


@pytest.fixture
def unit():
    """Any row can be the target of an audit event; a core one keeps core free of domain apps."""
    return CalendarYear.objects.create(year=2031)


def _raw(sql: str, params: list) -> None:
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(sql.format(table=table), params)


def test_rows_form_a_gap_free_hash_chain(unit):
    events = _write(unit, 3)

    assert [e.sequence for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert events[1].prev_hash == events[0].row_hash
    assert events[2].prev_hash == events[1].row_hash
    # One transaction after another on one connection: all on one chain, whose head has moved on.
    assert len({e.chain for e in events}) == 1
    head = AuditChainHead.objects.get(pk=events[0].chain)
    assert (head.sequence, head.row_hash) == (3, events[2].row_hash)
    assert audit_chain_verify().ok


def test_the_actor_reason_changes_and_request_id_are_frozen_in_the_row(unit, django_user_model):
    actor = django_user_model.objects.create_user(username="clerk", password="x-Long-Password-1")
    with request_id_scope() as request_id, transaction.atomic():
        event = record_audit(
            actor=actor,
            event_type=AuditEventType.ORG_UNIT_UPDATED,
            target=unit,
            reason="更正名称",
            changes={"name": ["甲", "乙"]},
        )

    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor_display == "clerk"
    assert stored.request_id == request_id
    assert stored.changes == {"name": ["甲", "乙"]}
    assert list(audit_events_for(target=unit)) == [stored]


def test_writing_outside_a_transaction_is_refused(unit):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        record_audit(actor=None, event_type=AuditEventType.ORG_UNIT_UPDATED, target=unit)


def test_a_rolled_back_change_leaves_no_audit_row(unit):
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        record_audit(actor=None, event_type=AuditEventType.ORG_UNIT_UPDATED, target=unit)
        _ = 1 / 0

    assert not AuditEvent.objects.exists()
    assert {head.sequence for head in audit_chain_heads()} == {0}


def test_verify_finds_a_row_edited_afterwards(unit):
    _write(unit, 4)

    _raw("UPDATE {table} SET reason = %s WHERE sequence = %s", ["无害的修改", 2])

    report = audit_chain_verify()
    assert not report.ok
    assert [(p.sequence, p.kind) for p in report.problems] == [(2, "changed")]


def test_verify_finds_edited_changes_json(unit):
    _write(unit, 2)
    event = AuditEvent.objects.get(sequence=1)

    AuditEvent.objects.filter(pk=event.pk).update(changes={"name": ["旧0", "伪造"]})

    assert [(p.sequence, p.kind) for p in audit_chain_verify().problems] == [(1, "changed")]


def test_verify_finds_a_row_deleted_in_the_middle(unit):
    _write(unit, 5)

    _raw("DELETE FROM {table} WHERE sequence = %s", [3])

    kinds = {(p.sequence, p.kind) for p in audit_chain_verify().problems}
    assert (3, "deleted") in kinds
    assert (4, "broken_link") in kinds


def test_verify_finds_rows_deleted_at_the_tail(unit):
    _write(unit, 3)

    _raw("DELETE FROM {table} WHERE sequence = %s", [3])

    problems = audit_chain_verify().problems
    assert [p.kind for p in problems] == ["head_mismatch"]


def test_a_published_checkpoint_catches_a_consistently_rewritten_chain(unit):
    _write(unit, 2)
    checkpoint = current_checkpoint()
    # An attacker rewrites everything, heads included, so the chains are self-consistent again.
    AuditEvent.objects.all().delete()
    AuditChainHead.objects.update(sequence=0, row_hash=GENESIS_HASH, prev_row_hash=GENESIS_HASH)
    _write(unit, 2)
    assert audit_chain_verify().ok

    report = audit_chain_verify(checkpoint=checkpoint)

    assert [p.kind for p in report.problems] == ["checkpoint_mismatch"]


def test_the_command_reports_ok_and_fails_after_tampering(unit):
    _write(unit, 2)
    out = StringIO()
    call_command("audit", "verify", "--json", stdout=out)
    assert json.loads(out.getvalue())["ok"] is True

    _raw("UPDATE {table} SET actor_display = %s WHERE sequence = %s", ["别人", 1])

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["ok"] is False
    assert payload["problems"][0]["sequence"] == 1


def test_checkpoint_command_prints_every_chain_end_and_rejects_bad_input(unit):
    [event] = _write(unit, 1)
    out = StringIO()
    call_command("audit", "checkpoint", stdout=out)
    printed = parse_checkpoint(out.getvalue())
    assert len(printed.digest) == 64
    assert len(printed.sequences) == len(audit_chain_heads())
    assert [n for n, sequence in enumerate(printed.sequences, start=1) if sequence] == [event.chain]
    assert audit_chain_verify(checkpoint=printed).ok

    with pytest.raises(CommandError, match="校验点格式"):
        call_command("audit", "verify", "--against", "not-a-checkpoint")
