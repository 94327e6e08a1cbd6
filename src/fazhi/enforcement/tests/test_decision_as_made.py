"""The penalty as the decision was made (行政处罚法 Art. 59) is kept in its own columns (decided_*).

Protects against the decision as made being lost or misread after a 变更: it lived only in the first
变更's timeline parameters, and the selector looked there only while the case's change kind was still
变更 — a 变更 later revoked made the 决定书 and the 案卷评查 read the changed fine as the one decided.
Also protects the backfill of migration 0008 for the cases decided before the columns.
"""

from __future__ import annotations

import importlib
import io
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.apps import apps

from fazhi.enforcement import selectors, services
from fazhi.enforcement.choices import PenaltyType
from fazhi.enforcement.documents import DocumentKind, render_document
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.rules.decision_change import DecisionContent
from fazhi.enforcement.tests.factories import decided_case, open_case

pytestmark = pytest.mark.django_db
AS_MADE = DecisionContent(("fine",), Decimal("5000.00"), Decimal("0.00"))


def _change(world, case, on=date(2026, 5, 6), kind="changed", **content):  # type: ignore[no-untyped-def]
    return services.case_decision_change_record(
        actor=world.cast.inspector_north, case=case, kind=kind, changed_on=on, reason="行政复议决定", **content
    )


def _as_made(case: PenaltyCase) -> DecisionContent:
    return selectors.case_decision_as_made(case=PenaltyCase.objects.get(pk=case.pk))


def _document_text(case: PenaltyCase) -> str:
    content = render_document(kind=DocumentKind.DECISION, case=PenaltyCase.objects.get(pk=case.pk)).content
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


# --- set with the decision, never changed by a 变更 ---------------------------------------------------


def test_the_decision_sets_the_columns_and_changes_leave_them(world) -> None:
    case = decided_case(world)
    stored = PenaltyCase.objects.get(pk=case.pk)
    assert (stored.decided_penalty_types, stored.decided_fine_amount) == (["fine"], Decimal("5000"))

    case = _change(world, case, new_fine_amount=Decimal("3000"))
    case = _change(world, case, on=date(2026, 5, 8), new_fine_amount=Decimal("2000"))  # a second 变更

    stored = PenaltyCase.objects.get(pk=case.pk)
    assert stored.fine_amount == Decimal("2000") and stored.decided_fine_amount == Decimal("5000")
    assert _as_made(case) == AS_MADE


def test_the_selector_reads_the_columns_without_a_query(world, django_assert_num_queries) -> None:
    case = PenaltyCase.objects.get(pk=_change(world, decided_case(world), new_fine_amount=Decimal("3000")).pk)

    with django_assert_num_queries(0):
        assert selectors.case_decision_as_made(case=case) == AS_MADE


def test_a_change_later_revoked_still_shows_the_decision_as_made(world) -> None:
    case = _change(world, decided_case(world), new_fine_amount=Decimal("3000"))
    case = _change(world, case, on=date(2026, 5, 8), kind="confirmed_illegal")

    assert PenaltyCase.objects.get(pk=case.pk).fine_amount == Decimal("3000")  # the content as changed
    assert _as_made(case) == AS_MADE
    assert "罚款人民币伍仟元整（¥5,000.00）" in _document_text(case)


def test_the_decision_document_reproduces_the_decision_as_made_after_two_changes(world) -> None:
    case = _change(world, decided_case(world), new_fine_amount=Decimal("3000"))
    case = _change(world, case, on=date(2026, 5, 8), new_fine_amount=Decimal("2000"))

    text = _document_text(case)

    assert "罚款人民币伍仟元整（¥5,000.00）" in text and "叁仟" not in text and "贰仟" not in text


def test_an_on_the_spot_decision_sets_the_columns(world) -> None:
    case = services.case_decide_on_the_spot(
        actor=world.cast.inspector_north, unit=world.cast.north, cause="占道经营", party_kind="person",
        party_name="李四", party_code="11010519491231002X", decided_on=date(2026, 5, 6), place="示范路口",
        officer_ids=[world.officer_a.pk, world.officer_b.pk], facts="占道经营", penalty_types=[PenaltyType.FINE],
        fine_amount=Decimal("200"), legal_basis="《城市市容和环境卫生管理条例》第三十六条", rights_notified=True,
    )  # fmt: skip

    assert _as_made(case) == DecisionContent(("fine",), Decimal("200.00"), Decimal("0.00"))


# --- migration 0008 fills the columns of the cases decided before them ----------------------------------


def test_the_migration_backfills_from_the_first_change_else_from_the_case(world) -> None:
    never_changed = decided_case(world)
    changed_twice = _change(world, decided_case(world), new_fine_amount=Decimal("3000"))
    changed_twice = _change(world, changed_twice, on=date(2026, 5, 8), new_fine_amount=Decimal("2000"))
    changed_then_confirmed_illegal = _change(world, decided_case(world), new_fine_amount=Decimal("4000"))
    _change(world, changed_then_confirmed_illegal, on=date(2026, 5, 8), kind="confirmed_illegal")
    # a 变更 fed back as the kind alone (a 复议 partial 撤销 that states no remainder): the content stays
    kind_alone = services.penalty_case_record_review_outcome(
        actor=world.cast.supervisor, case=decided_case(world, fine_amount=Decimal("4500")), source="reconsideration",
        outcome="撤销", decided_on=date(2026, 5, 6), reference="G复〔2026〕7号", change_kind="changed",
    )  # fmt: skip
    undecided = open_case(world)
    # as the AddField defaults left every existing case
    PenaltyCase.objects.update(decided_penalty_types=[], decided_fine_amount=0, decided_confiscation_value=0)

    importlib.import_module("fazhi.enforcement.migrations.0008_decision_as_made").backfill(apps, None)

    rows = {
        pk: (types, fine)
        for pk, types, fine in PenaltyCase.objects.values_list("pk", "decided_penalty_types", "decided_fine_amount")
    }
    assert rows == {
        never_changed.pk: (["fine"], Decimal("5000")),
        changed_twice.pk: (["fine"], Decimal("5000")),  # the earliest 变更's original, not the 3000 in between
        changed_then_confirmed_illegal.pk: (["fine"], Decimal("5000")),
        kind_alone.pk: (["fine"], Decimal("4500")),
        undecided.pk: ([], Decimal("0")),
    }
    # the content in force is untouched
    assert PenaltyCase.objects.get(pk=changed_twice.pk).fine_amount == Decimal("2000")
