"""Each of the eight documents opens with python-docx and carries its 文号 and required fields."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from fazhi.core.errors import Conflict
from fazhi.reconsideration import documents, services
from fazhi.reconsideration.tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("spring_2026")]


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_all_eight_documents(cast):
    officer = cast.reconsideration_officer
    case = f.register(cast)
    case = services.case_request_correction(actor=officer, case=case, requested_on=date(2026, 3, 3), items="身份证明")
    case = services.case_receive_correction(actor=officer, case=case, received_on=date(2026, 3, 4))
    case = services.case_accept(actor=officer, case=case, accepted_on=date(2026, 3, 5))
    case = services.case_send_copy(actor=officer, case=case, sent_on=date(2026, 3, 6))
    case = services.case_record_reply(actor=officer, case=case, received_on=date(2026, 3, 16), summary="答复要点")
    services.hearing_schedule(
        actor=officer,
        case=case,
        notified_on=date(2026, 3, 17),
        scheduled_on=date(2026, 3, 30),
        place="听证室",
        matters="事实",
        chair="甲",
        hearers=["乙", "丙"],
        recorder="丁",
    )
    case.refresh_from_db()
    case = f.decide(cast, case)
    services.letter_issue(
        actor=officer,
        case=case,
        kind="opinion",
        recipient=cast.north,
        issued_on=date(2026, 4, 21),
        content="执法程序不规范",
    )
    refused = services.case_refuse(actor=officer, case=f.register(cast), refused_on=date(2026, 3, 3), reason="超期。")
    mediated = services.case_mediate(
        actor=officer, case=f.replied(cast), mediated_on=date(2026, 4, 1), agreement="协议"
    )

    expected = {
        "acceptance": (case, ["行政复议受理通知书", "复受字", "第三十条", "张三"]),
        "correction": (case, ["补正通知书", "复补字", "身份证明", "第三十一条"]),
        "reply_notice": (case, ["提出答复通知书", "复答字", "北区市场监管局", "第四十八条"]),
        "hearing_notice": (case, ["听证通知书", "复听字", "听证室", "乙、丙"]),
        "decision": (case, ["行政复议决定书", "复决字", "撤销", "十五日内", "11010519491231002X"]),
        "opinion": (case, ["行政复议意见书", "复意字", "六十日", "执法程序不规范"]),
        "refusal": (refused, ["不予受理决定书", "复不受字", "超期"]),
        "mediation": (mediated, ["行政复议调解书", "复调字", "协议", "第七十三条"]),
    }
    for kind, (subject, needles) in expected.items():
        name, content = documents.build_document(case=subject, kind=kind)
        text = _text(content)
        assert name.endswith(".docx")
        for needle in needles:
            assert needle in text, (kind, needle)


def test_public_decision_masks_personal_data(cast):
    case = f.decide(cast, f.replied(cast))
    text = _text(documents.build_document(case=case, kind="decision", public=True)[1])
    assert "11010519491231002X" not in text and "110105********002X" in text and "张*" in text


def test_document_not_ready(cast):
    with pytest.raises(Conflict) as refused:
        documents.build_document(case=f.register(cast), kind="decision")
    assert refused.value.status_code == 409 and refused.value.code == "reconsideration.document_not_ready"


def test_a_decision_recorded_before_the_reply_period_ended_does_not_claim_a_missed_reply(cast):
    # Given a case decided (before the decision had to wait for the reply) while the reply period ran
    (case,) = f.record_rows(cast, [(1, {
        "status": "concluded", "outcome": "revoked", "accepted_on": date(2026, 3, 3),
        "copy_sent_on": date(2026, 3, 5), "reply_due": date(2026, 3, 19), "concluded_on": date(2026, 3, 10),
        "decision_reasons": "证据不足。", "decision_summary": "撤销。",
    })], year=2026)  # fmt: skip

    text = _text(documents.build_document(case=case, kind="decision")[1])

    # Then the 决定书 states only that no reply had been recorded, not that the respondent was late
    assert "截至本决定作出之日，被申请人未提出书面答复。" in text
    assert "未按期" not in text and "未在答复期限" not in text


def _sentences(case) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {kind: _text(documents.build_document(case=case, kind=kind)[1]) for kind in ("decision", "reply_notice")}


def test_the_contested_act_is_named_once_with_who_made_it(cast):
    # Given the act entered as the act itself
    texts = _sentences(f.decide(cast, f.replied(cast)))

    # Then the documents say who made it, once
    assert "申请人不服被申请人作出的测市监罚〔2026〕1号行政处罚决定，于2026年3月2日" in texts["decision"]
    assert "张三不服你单位作出的测市监罚〔2026〕1号行政处罚决定，向本机关申请行政复议" in texts["reply_notice"]


@pytest.mark.parametrize(
    "act", ["北区市场监管局作出的行政处罚决定", "北区市场监管局罚款决定", "被申请人于2026年2月18日做出的罚款决定"]
)
def test_an_act_typed_with_its_maker_is_not_prefixed_again(cast, act):
    # Given the act typed with who made it (as QA typed "青禾区市场监督管理局作出的行政处罚决定")
    case = f.decide(cast, f.replied(cast, contested_act=act))
    refused = services.case_refuse(
        actor=cast.reconsideration_officer, case=f.register(cast, contested_act=act), refused_on=date(2026, 3, 3),
        reason="超期。",
    )  # fmt: skip
    texts = _sentences(case)
    texts["refusal"] = _text(documents.build_document(case=refused, kind="refusal")[1])

    # Then the sentence reads "不服{act}" as typed, without "被申请人作出的"/"你单位作出的" in front
    assert f"申请人不服{act}，于2026年3月2日" in texts["decision"]
    assert f"申请人不服{act}，于2026年3月2日" in texts["refusal"]
    assert f"张三不服{act}，向本机关申请行政复议" in texts["reply_notice"]
    for text in texts.values():
        assert "作出的北区" not in text and "作出的被申请人" not in text


def test_the_decision_states_its_content_once(cast):
    # Given a 撤销 decision whose 决定内容 reads "撤销被申请人作出的行政处罚决定。"
    text = _sentences(f.decide(cast, f.replied(cast)))["decision"]

    assert "本机关决定：撤销被申请人作出的行政处罚决定。" in text
    assert "撤销。撤销" not in text and "。。" not in text
