"""The eight 行政复议文书, built from case data with core.documents (GB/T 9704 .docx).

Each document carries its 文号 「{代字}复{种类}字〔年〕序号号」 (the case's serial; the 意见书 its own).
`public=True` masks the natural person's name, ID number, phone and address (决定书 published under
Art. 79). Reads only: nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.core.documents import Field, OfficialDocument, format_date
from fazhi.core.errors import Conflict, NotFound
from fazhi.core.masking import mask_address, mask_citizen_id, mask_person_name, mask_phone
from fazhi.enforcement.documents.common import penalty_items
from fazhi.reconsideration.choices import DECISION_OUTCOMES, ApplicantKind, LetterKind, Outcome, Procedure
from fazhi.reconsideration.models import Hearing, Letter, ReconsiderationCase
from fazhi.reconsideration.rules import application as application_rules
from fazhi.reconsideration.rules import penalty_change
from fazhi.reconsideration.rules.application import case_number
from fazhi.reconsideration.rules.decision import OUTCOME_ARTICLES, reply_periods
from fazhi.reconsideration.selectors import authority_document_prefix, case_reply_stage

LAW = "《中华人民共和国行政复议法》"
DEEMED_NOTE = "（审查期限届满未作出不予受理决定，依法视为受理）"


@dataclass(frozen=True, slots=True)
class DocumentKind:
    code: str
    title: str
    word: str  # the 种类 character(s) of the 文号


KINDS: dict[str, DocumentKind] = {
    k.code: k
    for k in (
        DocumentKind("acceptance", "行政复议受理通知书", "受"),
        DocumentKind("refusal", "不予受理决定书", "不受"),
        DocumentKind("correction", "补正通知书", "补"),
        DocumentKind("reply_notice", "提出答复通知书", "答"),
        DocumentKind("hearing_notice", "听证通知书", "听"),
        DocumentKind("decision", "行政复议决定书", "决"),
        DocumentKind("mediation", "行政复议调解书", "调"),
        DocumentKind("opinion", "行政复议意见书", "意"),
    )
}


def available_kinds(*, case: ReconsiderationCase) -> list[DocumentKind]:
    """The documents the case's data supports now (shown as download links)."""
    ready = {
        "acceptance": case.accepted_on is not None,
        "refusal": case.refused_on is not None,
        "correction": case.correction_requested_on is not None,
        "reply_notice": case.copy_sent_on is not None,
        "hearing_notice": case.hearings.exists(),
        "decision": case.outcome in DECISION_OUTCOMES,
        "mediation": case.outcome == Outcome.MEDIATED,
        "opinion": case.letters.filter(kind=LetterKind.OPINION).exists(),
    }
    return [KINDS[code] for code, ok in ready.items() if ok]


def document_number(*, case: ReconsiderationCase, kind: str) -> str:
    """The document's 文号: the case's 案号 with the document's 种类 (built afresh only for an odd 案号)."""
    word = KINDS[kind].word
    return application_rules.document_number(case_number=case.number, kind=word) or case_number(
        prefix=authority_document_prefix(authority=case.authority), year=case.year, serial=case.serial, kind=word
    )


def _applicant_lines(case: ReconsiderationCase, public: bool) -> list[str]:
    person = case.applicant_kind == ApplicantKind.PERSON
    name = mask_person_name(case.applicant_name) if public and person else case.applicant_name
    id_number = mask_citizen_id(case.applicant_id_number) if public and person else case.applicant_id_number
    label = "公民身份号码" if person else "统一社会信用代码"
    lines = [f"申请人：{name}，{label}：{id_number}"]
    if case.applicant_address:
        lines.append(f"住所：{mask_address(case.applicant_address) if public and person else case.applicant_address}")
    if case.applicant_phone and not public:
        lines.append(f"联系电话：{case.applicant_phone}")
    elif case.applicant_phone:
        lines.append(f"联系电话：{mask_phone(case.applicant_phone)}")
    if case.applicant_representative:
        lines.append(f"法定代表人或主要负责人：{case.applicant_representative}")
    lines.append(f"被申请人：{case.respondent.name}")
    if case.third_party:
        lines.append(f"第三人：{case.third_party}")
    return lines


def _new(case: ReconsiderationCase, kind: str) -> OfficialDocument:
    return OfficialDocument(issuer=case.authority.name, title=KINDS[kind].title,
                            doc_number=document_number(case=case, kind=kind))  # fmt: skip


def _sign(document: OfficialDocument, on: date) -> bytes:
    document.add_signature(signed_on=on, seal_placeholder=True)
    return document.render_to_bytes()


def build_document(
    *, case: ReconsiderationCase, kind: str, public: bool = False, letter: Letter | None = None
) -> tuple[str, bytes]:
    """Return (file name, .docx bytes) of one document; NotFound for an unknown kind, Conflict (409) when the
    case has no data for it yet."""
    if kind not in KINDS:
        raise NotFound("未知的文书种类。", code="reconsideration.document_unknown")
    if KINDS[kind] not in available_kinds(case=case):
        # the case's state, not the request, is what is missing: 409, as enforcement's document.not_available
        raise Conflict(f"案件尚无制作“{KINDS[kind].title}”所需的信息。", code="reconsideration.document_not_ready")
    builder = _BUILDERS[kind]
    content = builder(case, public, letter)
    return f"{case.number}-{KINDS[kind].title}.docx", content


def _acceptance(case: ReconsiderationCase, public: bool, _letter: Letter | None) -> bytes:
    document = _new(case, "acceptance")
    document.add_recipient(case.applicant_name if not public else mask_person_name(case.applicant_name))
    document.add_paragraph(
        f"你（单位）于{format_date(case.received_on)}提出的行政复议申请（被申请人：{case.respondent.name}，"
        f"被申请的行政行为：{case.contested_act}），经审查，符合{LAW}第三十条规定的受理条件，本机关决定自"
        f"{format_date(case.accepted_on)}起受理{DEEMED_NOTE if case.accepted_deemed else ''}。"  # type: ignore[arg-type]
    )
    document.add_paragraph(
        f"本案适用{Procedure(case.procedure).label}审理，本机关将依法在{format_date(case.decision_due)}前作出行政复议决定"  # type: ignore[arg-type]
        f"（{LAW}第六十二条）。行政复议期间，你（单位）可以查阅、复制被申请人提出的书面答复、作出行政行为的证据、依据和其他有关材料。"
    )
    document.add_fields([Field("案号", case.number), Field("受理日期", format_date(case.accepted_on))])  # type: ignore[arg-type]
    return _sign(document, case.accepted_on)  # type: ignore[arg-type]


def _refusal(case: ReconsiderationCase, public: bool, _letter: Letter | None) -> bytes:
    document = _new(case, "refusal")
    for line in _applicant_lines(case, public):
        document.add_paragraph(line)
    document.add_paragraph(
        f"申请人不服{_act_made_by(case, '被申请人')}，于{format_date(case.received_on)}向本机关提出行政复议申请。"
    )
    document.add_paragraph(f"经审查，{case.refusal_reason}根据{LAW}第三十条的规定，本机关决定不予受理。")
    document.add_paragraph("申请人如不服本决定，可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼。")
    return _sign(document, case.refused_on)  # type: ignore[arg-type]


def _correction(case: ReconsiderationCase, public: bool, _letter: Letter | None) -> bytes:
    document = _new(case, "correction")
    document.add_recipient(case.applicant_name if not public else mask_person_name(case.applicant_name))
    document.add_paragraph(
        f"你（单位）于{format_date(case.received_on)}提出的行政复议申请材料不齐全或者表述不清楚。根据{LAW}第三十一条"
        f"第一款的规定，请你（单位）自收到本通知之日起十日内补正以下材料："
    )
    for number, item in enumerate(filter(None, (i.strip() for i in case.correction_items.splitlines())), start=1):
        document.add_paragraph(f"{number}. {item}")
    document.add_paragraph(
        f"补正期限至{format_date(case.correction_due)}。无正当理由逾期不补正的，视为你（单位）放弃行政复议申请。"  # type: ignore[arg-type]
    )
    return _sign(document, case.correction_requested_on)  # type: ignore[arg-type]


def _reply_notice(case: ReconsiderationCase, _public: bool, _letter: Letter | None) -> bytes:
    document = _new(case, "reply_notice")
    document.add_recipient(case.respondent.name)
    periods = reply_periods(case.procedure)
    document.add_paragraph(
        f"{case.applicant_name}不服{_act_made_by(case, '你单位')}，向本机关申请行政复议，"
        f"本机关已依法受理（案号{case.number}）。"
        f"现将行政复议申请书副本发送你单位，请自收到之日起{periods.reply}内提出书面答复，并提交作出行政行为的证据、依据和其他有关材料"
        f"（{LAW}{periods.article}），答复期限至{format_date(case.reply_due)}。"  # type: ignore[arg-type]
    )
    document.add_paragraph(
        f"被申请人不按照规定提出书面答复、提交证据和依据的，视为该行政行为没有证据、依据（{LAW}第七十条）。"
    )
    document.add_attachments(["行政复议申请书副本"])
    return _sign(document, case.copy_sent_on)  # type: ignore[arg-type]


def _hearing(case: ReconsiderationCase, public: bool, _letter: Letter | None) -> bytes:
    hearing: Hearing = case.hearings.order_by("-scheduled_on").first()  # type: ignore[assignment]
    document = _new(case, "hearing_notice")
    document.add_recipient(
        f"{case.applicant_name if not public else mask_person_name(case.applicant_name)}、{case.respondent.name}"
    )
    document.add_paragraph(
        f"本机关受理的{case.number}行政复议案件，定于{format_date(hearing.scheduled_on)}在{hearing.place}举行听证"
        f"（{LAW}第五十条、第五十一条）。"
    )
    document.add_fields([
        Field("听证时间", format_date(hearing.scheduled_on)), Field("听证地点", hearing.place),
        Field("拟听证事项", hearing.matters, wide=True), Field("主持人", hearing.chair),
        Field("听证员", "、".join(hearing.hearers)), Field("记录员", hearing.recorder),
    ])  # fmt: skip
    document.add_paragraph("申请人无正当理由拒不参加听证的，视为放弃听证权利。被申请人的负责人应当参加听证；不能参加的，"
                           "应当说明理由并委托相应的工作人员参加听证。")  # fmt: skip
    return _sign(document, hearing.notified_on)


def _decision(case: ReconsiderationCase, public: bool, _letter: Letter | None) -> bytes:
    document = _new(case, "decision")
    for line in _applicant_lines(case, public):
        document.add_paragraph(line)
    document.add_paragraph(
        f"申请人不服{_act_made_by(case, '被申请人')}，于{format_date(case.received_on)}向本机关提出行政复议申请，"
        f"本机关依法于{format_date(case.accepted_on)}受理，适用{Procedure(case.procedure).label}审理。现已审理终结。"  # type: ignore[arg-type]
    )
    document.add_heading("申请人请求")
    document.add_paragraph(case.request)
    document.add_heading("被申请人答复")
    document.add_paragraph(_reply_text(case))
    document.add_heading("本机关查明及认为")
    document.add_paragraph(case.decision_reasons)
    document.add_heading("决定")
    article = OUTCOME_ARTICLES[case.outcome]
    basis = case.decision_legal_basis or f"{LAW}{article}"
    document.add_paragraph(f"根据{basis}的规定，本机关决定：{_decision_text(case)}")
    changed = penalty_change.content_from_record(case)
    if changed is not None:  # a 变更 of a penalty case of this platform states the penalty that replaces it
        items = penalty_items(types=changed.penalty_types, fine=changed.fine, confiscation=changed.confiscation)
        document.add_paragraph(f"变更后的行政处罚：{'；'.join(items)}。")
    document.add_paragraph(
        "申请人如不服本决定，可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼。本决定书一经送达，即发生法律效力"
        f"（{LAW}第七十五条）。"
    )
    if public:
        document.add_note("此件公开发布，已隐去个人信息")
    return _sign(document, case.concluded_on)  # type: ignore[arg-type]


# Words showing that the typed act already says who made it ("青禾区市场监督管理局作出的行政处罚决定").
MAKER_WORDS = ("作出", "做出", "所作")


def _act_made_by(case: ReconsiderationCase, maker: str) -> str:
    """The contested act as the documents' sentence needs it: "{maker}作出的{act}", said once.

    The act is entered as the act itself ("青市监罚〔2026〕5号行政处罚决定"); when the text typed already
    names who made it (it says "作出的" or begins with the respondent's name), "被申请人作出的" in front
    would say it twice, so the text is used as typed.
    """
    act = case.contested_act.strip()
    names = [name for name in (case.respondent.name, case.respondent.short_name) if name]
    if any(word in act for word in MAKER_WORDS) or any(act.startswith(name) for name in names):
        return act
    return f"{maker}作出的{act}"


def _decision_text(case: ReconsiderationCase) -> str:
    """What follows "本机关决定：": the 决定内容 as recorded, which states the decision itself.

    Put after the outcome's label it read "本机关决定：撤销。撤销被申请人作出的…"; the label stands
    only when no 决定内容 was recorded (imported historical rows).
    """
    summary = case.decision_summary.strip().rstrip("。；;，, ") or str(Outcome(case.outcome).label)
    return f"{summary}。"


def _reply_text(case: ReconsiderationCase) -> str:
    """The 被申请人答复 section: the reply, or why there is none, stated only as far as the dates show.

    "未按期" is said only when the reply period ended before the decision without a reply (Art. 48,
    54, 70); a case decided earlier (recorded before the decision waited for the period) says no more
    than that no reply had been recorded.
    """
    if case.reply_received_on is not None:
        late = f"（{format_date(case.reply_received_on)}提出，已超过答复期限）" if case.reply_late else ""
        return f"{case.reply_summary}{late}"
    if case_reply_stage(case=case, on=case.concluded_on).missed:  # type: ignore[arg-type]
        return (
            f"被申请人未在答复期限（{format_date(case.reply_due)}届满）内提出书面答复、提交作出行政行为的"  # type: ignore[arg-type]
            f"证据、依据和其他有关材料（{LAW}{reply_periods(case.procedure).article}）。"
        )
    return "截至本决定作出之日，被申请人未提出书面答复。"


def _mediation(case: ReconsiderationCase, public: bool, _letter: Letter | None) -> bytes:
    document = _new(case, "mediation")
    for line in _applicant_lines(case, public):
        document.add_paragraph(line)
    document.add_paragraph(
        f"申请人不服{_act_made_by(case, '被申请人')}，向本机关申请行政复议。"
        "本机关依法受理后，经调解，当事人自愿达成如下协议："
    )
    document.add_paragraph(case.decision_summary)
    document.add_paragraph(f"本调解书经双方当事人签字，由本机关加盖印章，即具有法律效力（{LAW}第七十三条）。")
    document.add_fields([Field("申请人（签字）", wide=True, min_height_mm=12), Field("被申请人（签字）", wide=True,
                                                                                      min_height_mm=12)])  # fmt: skip
    return _sign(document, case.concluded_on)  # type: ignore[arg-type]


def _opinion(case: ReconsiderationCase, _public: bool, letter: Letter | None) -> bytes:
    letter = letter or case.letters.filter(kind=LetterKind.OPINION).order_by("-issued_on", "-pk").first()
    if letter is None:
        raise Conflict("案件没有意见书。", code="reconsideration.document_not_ready")
    document = OfficialDocument(issuer=case.authority.name, title="行政复议意见书", doc_number=letter.number)
    document.add_recipient(letter.recipient.name)
    document.add_paragraph(f"本机关在办理{case.number}行政复议案件过程中，发现你单位存在以下问题：")
    document.add_paragraph(letter.content)
    document.add_paragraph(
        f"根据{LAW}第七十六条的规定，请你单位自收到本意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送本机关"
        + (f"（{format_date(letter.report_due)}前）。" if letter.report_due else "。")
    )
    return _sign(document, letter.issued_on)


_BUILDERS = {
    "acceptance": _acceptance,
    "refusal": _refusal,
    "correction": _correction,
    "reply_notice": _reply_notice,
    "hearing_notice": _hearing,
    "decision": _decision,
    "mediation": _mediation,
    "opinion": _opinion,
}
