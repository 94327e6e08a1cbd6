"""Pure rules for 事后公开 (publication of decisions) and for deadline urgency.

No ORM, no clock, no settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.core.errors import Conflict
from fazhi.core.masking import mask_address, mask_citizen_id, mask_person_name, mask_text
from fazhi.enforcement.choices import PartyKind, Urgency
from fazhi.enforcement.rules.common import refuse_check_now


@dataclass(frozen=True, slots=True)
class PublicParty:
    name: str
    code: str
    address: str


def public_party(*, kind: str, name: str, code: str, address: str) -> PublicParty:
    """Return the party as it may be published: natural persons masked, organisations in full.

    Legal basis: 《中华人民共和国行政处罚法》第五十条（个人隐私应当依法予以保密）；
    第四十八条第一款（处罚决定依法公开）；
    《市场监督管理行政处罚信息公示规定》第十四条（不予公示个人隐私等信息）— see core.masking.
    """
    if kind == PartyKind.PERSON:
        return PublicParty(mask_person_name(name), mask_citizen_id(code), mask_address(address))
    return PublicParty(name, code, address)


def public_text(text: str, *, person_name: str = "", person_address: str = "") -> str:
    """Mask ID and phone numbers inside published free text, and the natural person's own name and address.

    Facts are written as "当事人张三丰于……": masking the party field alone would still publish the
    name in the text, so every occurrence of the person's name and address is replaced by its mask.
    Legal basis: 《中华人民共和国行政处罚法》第五十条（个人隐私应当依法予以保密）.
    """
    masked = mask_text(text)
    for private, mask in ((person_name, mask_person_name), (person_address, mask_address)):
        private = private.strip()
        if private:
            masked = masked.replace(private, mask(private))
    return masked


def publication_is_late(*, published_on: date, due: date | None) -> bool:
    """True when the decision was published after the 7-working-day period.

    Legal basis: 国办发〔2018〕118号 第二部分："行政许可、行政处罚的执法决定信息要在执法决定作出之日起7个工作日内公开"
    (RULES.md §2.3, core.deadlines rule publicity.penalty).
    Interpretation: publishing late is still recorded and flagged; it is better than not at all.
    """
    return due is not None and published_on > due


def withdrawal_is_late(*, withdrawn_on: date, due: date | None) -> bool:
    """True when a changed/revoked decision was withdrawn after 3 working days.

    Legal basis: 《中华人民共和国行政处罚法》第四十八条第二款："公开的行政处罚决定被依法变更、撤销、
    确认违法或者确认无效的，
    行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。" 第八十五条（"三日"为工作日）。
    """
    return due is not None and withdrawn_on > due


def require_publishable(*, has_penalty: bool, already_published: bool) -> None:
    """Only a decision that imposed a penalty is published, and only once at a time.

    Legal basis: 《中华人民共和国行政处罚法》第四十八条第一款："具有一定社会影响的行政处罚决定应当依法公开。"
    """
    if not has_penalty:
        raise Conflict(
            "只有作出行政处罚决定的案件才能公示（《中华人民共和国行政处罚法》第四十八条）。",
            code="publication.no_decision",
        )
    if already_published:
        raise refuse_already_published()


def refuse_already_published() -> Conflict:
    """A decision has at most one live publication; a second one would show the public two copies.

    Legal basis: none states it; a data check (the database's unique constraint on live publications),
    named in the message, guarding the step of 《中华人民共和国行政处罚法》第四十八条第一款.
    """
    return refuse_check_now(
        "该处罚决定已在公示中",
        code="publication.already_published",
        rule="同一处罚决定只保留一条有效公示",
        article="第四十八条第一款",
    )


URGENT_DAYS = 3
SOON_DAYS = 7


def deadline_urgency(*, due: date | None, today: date) -> str:
    """Classify a due date for "my work" lists: overdue, ≤3 days, ≤7 days, normal, none."""
    if due is None:
        return Urgency.NONE
    remaining = (due - today).days
    if remaining < 0:
        return Urgency.OVERDUE
    if remaining <= URGENT_DAYS:
        return Urgency.URGENT
    if remaining <= SOON_DAYS:
        return Urgency.SOON
    return Urgency.NORMAL
