"""The enforcement demo step: every case state is there, built through the services.

Loading the whole district takes tens of seconds, so these checks run inside the one demo test
(src/fazhi/demo/tests/test_demo_command.py) on its single load, instead of loading it again here.
"""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from fazhi.core.audit.selectors import audit_chain_verify
from fazhi.enforcement.choices import CaseOutcome, CaseProcedure, CaseStatus, PublicationStatus
from fazhi.enforcement.demo import state_counts
from fazhi.enforcement.documents.numbering import suggested_decision_number
from fazhi.enforcement.models import CaseEvent, Inspection, PenaltyCase, Publication
from fazhi.orgs.models import User


def assert_every_state_and_the_officer_sees_cases() -> None:
    """Check the loaded demo: every case state, real timelines, and zhifa's work list."""
    counts = state_counts()
    for state in ("filed", "investigating", "notified", "hearing", "legal_review", "decided", "served", "executed",
                  "closed"):  # fmt: skip
        assert counts[state] >= 1, state
    cases = PenaltyCase.objects.all()
    assert cases.filter(status=CaseStatus.CLOSED, outcome=CaseOutcome.FIRST_OFFENCE).exists()  # 首违不罚
    assert cases.filter(procedure=CaseProcedure.SIMPLIFIED).count() >= 4  # 简易程序
    assert cases.filter(hearing_requested_on__isnull=False).exists()
    assert Publication.objects.filter(status=PublicationStatus.PUBLISHED).exists()
    assert Publication.objects.filter(status=PublicationStatus.WITHDRAWN).exists()
    # 市场监管 publishes every 普通程序 decision with a fine (市场监督管理行政处罚信息公示规定 Art. 2) that
    # was served and not changed since: the public page lists them all, not just the one publication scenario
    served = cases.filter(unit__code__endswith="SCJG", procedure=CaseProcedure.ORDINARY, served_on__isnull=False,
                          decision_change_kind="")  # fmt: skip
    market = [case for case in served if "fine" in case.penalty_types]
    assert len(market) >= 4
    assert all(case.publications.filter(status=PublicationStatus.PUBLISHED).exists() for case in market)
    assert len(Client().get("/api/v1/public/penalties/").json()["results"]) >= 4
    # every decision is backed by registered evidence (行政处罚法 Art. 40)
    assert not cases.filter(procedure=CaseProcedure.ORDINARY, decided_on__isnull=False, evidence__isnull=True).exists()
    # the decision behind the withdrawn publication was revoked: its execution was ended, not pursued
    assert cases.filter(decision_change_kind="revoked", status=CaseStatus.CLOSED, outcome="execution_ended").exists()
    # 以案促改 closed: every decision a reconsideration set aside is recorded as changed, off the portal
    corrected = cases.filter(events__type="decision_revoked", events__parameters__source="reconsideration").distinct()
    assert corrected.exists()
    for case in corrected:
        assert case.decision_change_kind and not case.publications.filter(status=PublicationStatus.PUBLISHED)
        if case.decision_change_kind in ("revoked", "confirmed_void"):  # set aside: no longer served or executed
            assert case.status not in (CaseStatus.DECIDED, CaseStatus.SERVED, CaseStatus.ENFORCING)
    assert Inspection.objects.count() >= 50
    # real timelines and an intact audit chain: everything went through the services
    assert CaseEvent.objects.filter(case__in=cases).count() > 3 * cases.count()
    assert audit_chain_verify().ok
    # a decision carries the number its form offers: same 机关代字 and serial as the case's other documents
    decided = cases.filter(procedure=CaseProcedure.ORDINARY, decided_on__isnull=False)
    assert decided.exists()
    for case in decided:
        assert case.decision_number == suggested_decision_number(case)

    client = Client()
    client.force_login(User.objects.get(username="zhifa"))
    html = client.get(reverse("enforcement:my_work")).content.decode()
    assert html.count('href="/enforcement/cases/') >= 8
