"""Configuration as versioned data: the shipped rows (migration 0003), the version in force on the act's date,
the audited services and the admin forms that call them (行政处罚法 Art. 60, 63; RULES.md §1.15, §1.20)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.deadlines.selectors import deadline_rule_list
from fazhi.core.errors import Conflict, DomainError
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import PenaltyThresholdVersion, SectorDecisionRule
from fazhi.enforcement.tests.assertions import assert_one_audit
from fazhi.enforcement.tests.factories import decided_case, investigate, notify, open_case

pytestmark = pytest.mark.django_db
D = date

SHIPPED_THRESHOLDS = {
    # (sector, party_kind): (amount, confirmed)
    ("*", "person"): (Decimal("2000"), False),
    ("*", "organisation"): (Decimal("10000"), False),
    ("GA", "person"): (Decimal("2000"), True),
    ("GA", "organisation"): (Decimal("10000"), True),
    ("SCJG", "person"): (Decimal("10000"), False),
    ("SCJG", "organisation"): (Decimal("100000"), False),
}
SHIPPED_RULES = {
    # code: (count, unit, max_extension, confirmed, article in the citation)
    "penalty.decision.market": (90, "calendar_day", 30, False, "市场监督管理行政处罚程序规定"),
    "penalty.decision.public_security": (30, "calendar_day", 30, False, "公安机关办理行政案件程序规定"),
    "penalty.preservation_decision": (7, "working_day", 0, True, "第五十六条"),
    "penalty.hearing_notice": (7, "working_day", 0, True, "第六十四条第二项"),
    "penalty.cash_handover": (2, "working_day", 0, True, "第七十一条"),
    "penalty.cash_deposit": (2, "working_day", 0, True, "第七十一条"),
    "penalty.enforcement.demand": (10, "working_day", 0, True, "行政强制法》第五十四条"),
    "penalty.enforcement.surcharge_wait": (30, "calendar_day", 0, True, "行政强制法》第四十六条"),
    "penalty.enforcement.suit_period": (6, "month", 0, True, "行政诉讼法》第四十六条"),
    "penalty.enforcement.court_application": (3, "month", 0, True, "行政强制法》第五十三条"),
}


def test_art63_shipped_threshold_versions_with_citations_and_unconfirmed_labels() -> None:
    rows = {(r.sector, r.party_kind): r for r in PenaltyThresholdVersion.objects.all()}
    assert set(rows) == set(SHIPPED_THRESHOLDS)
    for key, (amount, confirmed) in SHIPPED_THRESHOLDS.items():
        row = rows[key]
        assert (row.amount, row.confirmed) == (amount, confirmed), key
        assert row.legal_basis and row.effective_to is None
        if not confirmed:
            assert "未核实" in row.note or "未核实" in row.legal_basis, key  # labelled as a configurable default
    assert "第六十三条" in rows[("*", "person")].legal_basis
    assert "第一百二十三条" in rows[("GA", "person")].legal_basis


def test_art60_shipped_sector_rules_and_periods_as_deadline_data() -> None:
    rules = {rule.code: rule for rule in deadline_rule_list()}
    for code, (count, unit, max_extension, confirmed, cited) in SHIPPED_RULES.items():
        rule = rules[code]
        assert (rule.count, rule.unit, rule.max_extension, rule.confirmed) == (count, unit, max_extension, confirmed)
        assert cited in rule.legal_basis, code
    assignments = {r.sector: r.rule_code for r in SectorDecisionRule.objects.all()}
    assert assignments == {"SCJG": "penalty.decision.market", "GA": "penalty.decision.public_security"}
    assert not any(r.confirmed for r in SectorDecisionRule.objects.all())  # article numbers unconfirmed (§1.15)


def test_art63_threshold_in_force_on_the_act_date(world) -> None:
    """A new 较大数额 from 2026-04-01 applies to notices from that day; earlier notices keep the old value."""
    old = PenaltyThresholdVersion.objects.get(sector="SCJG", party_kind="organisation")
    with pytest.raises(Conflict):  # overlapping versions are refused
        services.penalty_threshold_version_save(
            actor=world.cast.system_admin, sector="SCJG", party_kind="organisation", amount="4000",
            effective_from=D(2026, 4, 1), legal_basis="天津市市场监管听证标准（假设）", reason="新标准",
        )  # fmt: skip
    services.penalty_threshold_version_save(
        actor=world.cast.system_admin, sector="SCJG", party_kind="organisation", amount=old.amount,
        effective_from=old.effective_from, effective_to=D(2026, 3, 31), legal_basis=old.legal_basis, note=old.note,
        reason="旧标准截止", version=old,
    )  # fmt: skip
    new = services.penalty_threshold_version_save(
        actor=world.cast.system_admin, sector="SCJG", party_kind="organisation", amount="4000",
        effective_from=D(2026, 4, 1), legal_basis="天津市市场监管听证标准（假设）", confirmed=True, reason="新标准",
    )  # fmt: skip
    assert_one_audit(AuditEventType.PENALTY_THRESHOLD_VERSION_SAVED, new, world.cast.system_admin)
    assert_one_audit(AuditEventType.PENALTY_THRESHOLD_VERSION_SAVED, old, world.cast.system_admin)
    before = selectors.hearing_threshold_for_unit(unit=world.cast.north, on=D(2026, 3, 31), party_kind="organisation")
    after = selectors.hearing_threshold_for_unit(unit=world.cast.north, on=D(2026, 4, 1), party_kind="organisation")
    assert (before.organisation_min, before.confirmed) == (Decimal("100000"), False)
    assert (after.organisation_min, after.confirmed) == (Decimal("4000"), True)
    # the guard reads the version in force on the notice date: 5000 元 needs the hearing right from 04-01
    early = notify(world, investigate(world, open_case(world)), notified_on=D(2026, 3, 16))
    assert not early.hearing_right_applies
    with pytest.raises(DomainError) as error:
        notify(world, investigate(world, open_case(world)), notified_on=D(2026, 4, 1))
    assert error.value.code == "penalty.hearing_rights_missing" and "第六十三条" in error.value.message


def test_unit_without_a_sector_row_uses_the_default_threshold(world) -> None:
    threshold = selectors.hearing_threshold_for_unit(unit=world.cast.south, on=D(2026, 3, 1), party_kind="person")
    assert threshold.sector == "*" and threshold.person_min == Decimal("2000") and not threshold.confirmed


def test_config_service_refusals_write_nothing(world) -> None:
    audits = AuditEvent.objects.count()
    for bad in ({"amount": "0"}, {"legal_basis": " "}, {"party_kind": "robot"}, {"effective_to": D(2020, 1, 1)}):
        values = {"sector": "CSGL", "party_kind": "person", "amount": "500", "effective_from": D(2026, 1, 1),
                  "legal_basis": "某规定", **bad}  # fmt: skip
        with pytest.raises(DomainError):
            services.penalty_threshold_version_save(actor=world.cast.system_admin, **values)
    with pytest.raises(DomainError) as error:
        services.sector_decision_rule_save(actor=world.cast.system_admin, sector="CSGL", rule_code="no.such.rule",
                                           effective_from=D(2026, 1, 1), legal_basis="某规定")  # fmt: skip
    assert error.value.code == "config.unknown_rule"
    assert AuditEvent.objects.count() == audits
    assert not PenaltyThresholdVersion.objects.filter(sector="CSGL").exists()


def test_admin_form_saves_through_the_service_with_its_audit_row(world, django_user_model) -> None:
    admin = django_user_model.objects.create_superuser(username="root_admin", password="Correct-Horse-42")
    client = Client()
    client.force_login(admin)
    url = "/admin/enforcement/penaltythresholdversion/add/"
    data = {"sector": "CSGL", "party_kind": "person", "amount": "3000", "effective_from": "2026-01-01",
            "legal_basis": "天津市城市管理听证标准（假设）", "note": "", "reason": "新增城管标准"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    row = PenaltyThresholdVersion.objects.get(sector="CSGL")
    audit = assert_one_audit(AuditEventType.PENALTY_THRESHOLD_VERSION_SAVED, row, admin)
    assert audit.reason == "新增城管标准" and audit.changes["amount"] == [None, "3000"]
    # an overlapping second row is refused in the form, and nothing is written
    response = client.post(url, {**data, "amount": "4000"})
    assert response.status_code == 200 and "重叠" in response.content.decode()
    assert PenaltyThresholdVersion.objects.filter(sector="CSGL").count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.PENALTY_THRESHOLD_VERSION_SAVED).count() == 1


def test_sector_decision_rule_edit_switches_new_cases_only(world) -> None:
    """Art. 60: cases opened before the change keep their rule; cases opened after use the new one."""
    before = decided_case(world)
    assert before.decision_rule_code == "penalty.decision.market"
    row = SectorDecisionRule.objects.get(sector="SCJG")
    services.sector_decision_rule_save(
        actor=world.cast.system_admin, sector="SCJG", rule_code=row.rule_code, effective_from=row.effective_from,
        effective_to=D(2026, 3, 9), legal_basis=row.legal_basis, reason="停用", version=row,
    )  # fmt: skip
    assert selectors.decision_period_rule_code_for_unit(unit=world.cast.north, on=D(2026, 3, 9)) == (
        "penalty.decision.market"
    )
    assert selectors.decision_period_rule_code_for_unit(unit=world.cast.north, on=D(2026, 3, 10)) == "penalty.decision"
    assert open_case(world, filed_on=D(2026, 3, 10)).decision_rule_code == "penalty.decision"
