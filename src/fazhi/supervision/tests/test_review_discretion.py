"""案卷评查 R10 (行政处罚法 Art. 34) against what enforcement decided: a fine outside every band of the
discretion standard passes when the decision recorded its reason (the reviewer judges the reason), fails
without one; only the bands in force on the decision day count, as they did for enforcement.

The item's bands: 1000–3000 元 and 3000–8000 元; the fines below are 9000 元, outside both.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.enforcement import services as enforcement_services
from fazhi.enforcement.tests.factories import decide, investigate, notify, open_case
from fazhi.powers.tests.factories import DiscretionStandardFactory, PowerItemFactory
from fazhi.supervision import selectors, services
from fazhi.supervision.choices import ReviewStatus

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)
REASON = "违法所得较多，且拒不改正，从重处罚"
BANDS = [(Decimal("1000"), Decimal("3000")), (Decimal("3000"), Decimal("8000"))]


def _bands(item, effective_from=date(2024, 1, 1)):
    for low, high in BANDS:
        DiscretionStandardFactory(
            power_item=item, fine_min=low, fine_max=high, statutory_max=Decimal("10000"), effective_from=effective_from
        )


def _decided(world, item, **decision):
    case = notify(world, investigate(world, open_case(world, power_item_code=item.code)), fine=Decimal("9000"))
    case = decide(world, case, fine_amount=Decimal("9000"), **decision)
    case.refresh_from_db()  # the amount as stored (9000.00), as the review reads it
    return case


def _r10(check):
    return next(f for f in check.findings if f.rule == "R10")


def test_a_fine_outside_the_bands_with_its_reason_recorded_passes_and_quotes_it(world, client):
    # given: enforcement decided 9000 元, outside both bands, with the reason Art. 34 asks for
    item = PowerItemFactory(owner_unit=world.cast.north)
    _bands(item)
    case = _decided(world, item, discretion_reason=REASON)

    check = selectors.case_self_check(case=case, today=TODAY)

    finding = _r10(check)
    assert finding.status == "pass" and finding.deduction == 0
    assert "罚款9000.00元" in finding.detail and "不在任何裁量阶次的范围内" in finding.detail
    assert f"“{REASON}”" in finding.detail and "评查人员判断" in finding.detail
    # the unit's 完整性自查 page and API show the same outcome
    client.force_login(world.cast.unit_admin_north)
    page = client.get(f"/supervision/cases/{case.pk}/self-check/").content.decode()
    api = client.get(f"/api/v1/supervision/cases/{case.pk}/self-check/").json()
    assert REASON in page
    assert "R10" not in {f["rule"] for f in api["missing"]}
    assert next(f for f in api["findings"] if f["rule"] == "R10")["status"] == "pass"


def test_the_reviewer_can_still_deduct_for_an_insufficient_reason(world):
    item = PowerItemFactory(owner_unit=world.cast.north)
    _bands(item)
    _decided(world, item, discretion_reason=REASON)
    sample = services.review_sample_draw(
        actor=world.cast.supervisor, unit=world.cast.north, start=date(2026, 1, 1), end=date(2026, 12, 31),
        size=1, seed=1, today=TODAY,
    )  # fmt: skip

    review = services.case_file_review_score(
        actor=world.cast.supervisor, review=sample.reviews.get(), reviewed_on=TODAY,
        judgement_deduction=Decimal("3"), judgement_note="从重理由未说明违法所得数额", today=TODAY,
    )  # fmt: skip

    r10 = next(f for f in review.findings if f["rule"] == "R10")
    assert r10["status"] == "pass" and REASON in r10["detail"]
    failed = {f["rule"] for f in review.findings if f["status"] == "fail"}
    assert "R10" not in failed
    assert review.status == ReviewStatus.RECTIFYING  # the judgement alone sends it to 整改
    assert review.score == Decimal(100) - sum(Decimal(f["deduction"]) for f in review.findings) - 3


def test_a_fine_outside_the_bands_without_a_reason_fails(world):
    # given: the bands were entered after the decision but in force on its day, so no reason was asked then
    item = PowerItemFactory(owner_unit=world.cast.north)
    case = _decided(world, item)
    _bands(item)

    finding = _r10(selectors.case_self_check(case=case, today=TODAY))

    assert finding.status == "fail" and finding.deduction == Decimal(5)
    assert "罚款9000.00元不在任何裁量阶次的范围内" in finding.detail


def test_bands_that_came_into_force_after_the_decision_are_not_held_against_it(world):
    item = PowerItemFactory(owner_unit=world.cast.north)
    case = _decided(world, item)  # decided 2026-03-30, no bands then: enforcement asked no reason
    _bands(item, effective_from=date(2026, 6, 1))

    finding = _r10(selectors.case_self_check(case=case, today=TODAY))

    assert finding.status == "na"


def test_a_later_change_of_the_fine_does_not_change_what_the_review_judges(world):
    # given: the unit decided 9000 元 outside the bands, with its reason; 复议 later changed it to 5000 元
    item = PowerItemFactory(owner_unit=world.cast.north)
    _bands(item)
    case = _decided(world, item, discretion_reason=REASON)
    enforcement_services.case_decision_change_record(
        actor=world.cast.inspector_north, case=case, kind="changed", changed_on=date(2026, 5, 6),
        reason="复议决定变更罚款数额", new_fine_amount=Decimal("5000"),
    )  # fmt: skip
    case.refresh_from_db()
    assert case.fine_amount == Decimal("5000")

    # then: the review still judges the 9000 元 the unit decided, and the reason it gave for it
    finding = _r10(selectors.case_self_check(case=case, today=TODAY))
    assert finding.status == "pass" and "罚款9000.00元" in finding.detail and f"“{REASON}”" in finding.detail
