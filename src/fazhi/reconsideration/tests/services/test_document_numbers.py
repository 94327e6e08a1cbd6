"""文号 open with the 复议机关's 机关代字 (orgs document_prefix), not its internal unit code."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.orgs import services as org_services
from fazhi.reconsideration import documents, services
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]


def _set_prefix(cast, prefix: str) -> None:
    org_services.org_unit_update(actor=cast.system_admin, unit=cast.government, document_prefix=prefix)
    cast.government.refresh_from_db()


def test_case_documents_and_letters_use_the_authoritys_prefix(cast):
    # Given a 复议机关 whose 机关代字 is recorded
    _set_prefix(cast, "测政")

    # When a case is registered, decided and an 意见书 issued
    case = f.decide(cast, f.replied(cast))
    letter = services.letter_issue(
        actor=cast.reconsideration_officer, case=case, kind="opinion", recipient=cast.north,
        issued_on=date(2026, 4, 21), content="执法程序不规范",
    )  # fmt: skip

    # Then every 文号 opens with it, never with the unit code "G"
    assert case.number == "测政复〔2026〕1号"
    assert documents.document_number(case=case, kind="decision") == "测政复决字〔2026〕1号"
    assert letter.number == "测政复意字〔2026〕1号"


def test_without_a_prefix_the_number_keeps_its_former_form(cast):
    assert f.register(cast).number == "G复〔2026〕1号"


def test_a_case_keeps_its_numbers_when_the_prefix_is_recorded_later(cast):
    # Given a case registered before the 代字 was recorded
    case = f.register(cast)
    _set_prefix(cast, "测政")
    case.refresh_from_db()

    # Then its documents keep the 案号's prefix (a printed 文号 never changes); new cases get the 代字
    assert documents.document_number(case=case, kind="acceptance") == "G复受字〔2026〕1号"
    assert f.register(cast).number == "测政复〔2026〕2号"
