"""法制审核 (行政处罚法 Art. 58) as the reviewer sees it: the penalty under review on the case page, and
the 法制审核意见书 after the opinion.

Protects against the QA finding that the reviewer (demo user shenhe) saw facts and deadlines but not the
proposed penalty, its basis or the discretion band, and had no written opinion to file.
The power item's bands: 一般 1000–3000 元, 较重 3000–8000 元.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import docx
import pytest
from django.urls import reverse

from fazhi.enforcement import services
from fazhi.enforcement.choices import CaseStatus, PenaltyType
from fazhi.enforcement.models import PenaltyCase
from fazhi.enforcement.tests.factories import decide, investigate, notify, open_case
from fazhi.enforcement.tests.pages import client_for, page, post_action
from fazhi.powers.choices import Severity
from fazhi.powers.tests.factories import DiscretionStandardFactory, PowerItemFactory

pytestmark = pytest.mark.django_db

BASIS = "《中华人民共和国食品安全法》第一百二十四条第一款第五项"


def submitted(world, *, fine: str = "5000", with_item: bool = True) -> PenaltyCase:  # type: ignore[no-untyped-def]
    """A 重大公共利益 case notified with `fine` (and 没收违法所得 2000 元) and submitted for review on 2026-03-20."""
    extra: dict[str, Any] = {}
    if with_item:
        item = PowerItemFactory(owner_unit=world.cast.north, name="对销售过期食品的行政处罚")
        DiscretionStandardFactory(power_item=item, severity=Severity.GENERAL, fine_min=1000, fine_max=3000)
        DiscretionStandardFactory(
            power_item=item, severity=Severity.SERIOUS, fine_min=3000, fine_max=8000, circumstance="货值较大"
        )
        extra["power_item_code"] = item.code
    case = investigate(world, open_case(world, major_public_interest=True, **extra))
    values = {
        "penalty_types": [PenaltyType.FINE, PenaltyType.CONFISCATE_GAINS], "fine": Decimal(fine),
        "confiscation_value": Decimal("2000"), "legal_basis": BASIS,
        "grounds": "违反了《中华人民共和国食品安全法》第三十四条",
    }  # fmt: skip
    case = notify(world, case, **values)
    return services.case_legal_review_submit(actor=world.cast.inspector_north, case=case, on=date(2026, 3, 20))


def review_section(html: str) -> str:
    assert 'data-testid="legal-review-subject"' in html
    return html.split('data-testid="legal-review-subject"', 1)[1].split("</section>", 1)[0]


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(lines)


def test_the_reviewer_sees_the_proposed_penalty_its_basis_and_the_band(world) -> None:
    case = submitted(world)
    html = page(client_for(world.reviewer), case)
    section = review_section(html)
    assert "涉及重大公共利益" in section
    assert '<dd class="col-sm-9" data-testid="review-penalty-types">罚款、没收违法所得</dd>' in section
    assert '<dd class="col-sm-9" data-testid="review-fine">5000.00 元</dd>' in section
    assert '<dd class="col-sm-9" data-testid="review-confiscation">2000.00 元</dd>' in section
    assert BASIS in section and "违反了《中华人民共和国食品安全法》第三十四条" in section
    assert (
        "阶次内" in section
        and "拟罚款5000元，在裁量基准“较重”阶次（3000元至8000元；违法情节：货值较大）内。" in section
    )
    assert 'data-testid="action-record_legal_review"' in html  # and the opinion is given on the same page


def test_a_fine_outside_every_band_says_so_and_later_shows_the_recorded_reason(world) -> None:
    case = submitted(world, fine="9000")
    section = review_section(page(client_for(world.reviewer), case))
    assert "阶次外" in section
    assert "拟罚款9000元，不在裁量基准任何阶次（一般1000元至3000元、较重3000元至8000元）内。" in section
    assert "尚未记录阶次外处罚的理由，作出决定时应当说明（《中华人民共和国行政处罚法》第三十四条）" in section
    # once reviewed and decided with its reason (Art. 34), the review section shows the reason recorded
    case = services.case_legal_review_record(
        actor=world.reviewer, case=case, reviewed_on=date(2026, 3, 21), passed=True, opinion="同意，罚款偏重但理由充分"
    )
    decide(world, case, penalty_types=[PenaltyType.FINE, PenaltyType.CONFISCATE_GAINS], fine_amount=Decimal("9000"),
           confiscation_value=Decimal("2000"), discretion_reason="货值金额巨大，从重处罚")  # fmt: skip
    section = review_section(page(client_for(world.reviewer), case))
    assert "阶次外处罚的理由：货值金额巨大，从重处罚" in section


def test_without_a_power_item_there_is_no_band_to_compare(world) -> None:
    section = review_section(page(client_for(world.reviewer), submitted(world, with_item=False)))
    assert "本案未关联权责事项，无裁量基准可对照。" in section and "阶次内" not in section


def test_a_legal_reviewer_sees_a_case_once_it_is_routed_to_them(world) -> None:
    # DESIGN §1: a legal reviewer sees the cases routed to them, not every case of the unit
    case = notify(world, investigate(world, open_case(world, major_public_interest=True)))
    url = reverse("enforcement:case_detail", kwargs={"case_id": case.pk})
    reviewer = client_for(world.reviewer)

    assert reviewer.get(url).status_code == 404
    assert 'data-testid="legal-review-subject"' not in page(client_for(world.cast.inspector_north), case)

    routed = submitted(world)
    assert 'data-testid="legal-review-subject"' in page(reviewer, routed)
    assert reviewer.get(url).status_code == 404  # still not routed


@pytest.mark.parametrize(("passed", "conclusion"), [("true", "通过"), ("false", "不通过，退回补充调查")])
def test_the_opinion_given_on_the_page_produces_the_written_opinion(world, passed: str, conclusion: str) -> None:
    case = submitted(world)
    reviewer = client_for(world.reviewer)
    url = reverse(
        "enforcement_documents:case_document_docx", kwargs={"case_id": case.pk, "kind": "legal-review-opinion"}
    )
    assert url not in page(reviewer, case)
    assert reviewer.get(url).status_code == 409  # no opinion yet: nothing to print
    response = post_action(reviewer, case, "record_legal_review", {
        "reviewed_on": "2026-03-21", "passed": passed, "opinion": "事实清楚，证据确凿，适用依据正确，程序合法。",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.status == (CaseStatus.LEGAL_REVIEW if passed == "true" else CaseStatus.INVESTIGATING)
    # linked from the review section (and listed with the case's other 文书)
    html = page(reviewer, case)
    assert url in review_section(html) and "法制审核意见书" in html.split('data-testid="case-documents"', 1)[1]
    download = reviewer.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    text = docx_text(download.content)
    assert "法制审核意见书" in text and "北市监法审〔2026〕1号" in text
    for expected in (
        world.reviewer.person.name, "2026年3月21日", conclusion, "事实清楚，证据确凿，适用依据正确，程序合法。",
        "涉及重大公共利益（《中华人民共和国行政处罚法》第五十八条）", "2026年3月20日",
        "罚款人民币伍仟元整（¥5,000.00）；没收违法所得人民币贰仟元整（¥2,000.00）", BASIS,
        "拟罚款5000元，在裁量基准“较重”阶次", case.party_name, case.number,
    ):  # fmt: skip
        assert expected in text, expected
    # the officers of the case read it too; another unit does not even see it
    assert client_for(world.cast.inspector_north).get(url).status_code == 200
    assert client_for(world.cast.inspector_south).get(url).status_code == 404
