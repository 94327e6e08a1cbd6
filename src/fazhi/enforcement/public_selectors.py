"""Reads for the public 行政处罚公示 pages and API (no login): masked published decisions only.

Built on ``selectors.publication_list_public`` and its PUBLIC_FIELDS: nothing else of a publication,
and nothing of the case, is ever shown. Two decisions, recorded in docs/enforcement-documents.md:

1. **Withdrawn decisions disappear** from the list and from search (行政处罚法 第四十八条第二款:
   "撤回行政处罚决定信息"). Their detail address answers HTTP 410 with only what Art. 48(2) requires
   to be public: that the information was withdrawn, the date and the explanation (公开说明理由) —
   never the party, the facts or the penalty.
2. **Defence in depth for natural persons.** Publications mask ID and phone numbers in the facts,
   and the party's name in its own column; a free-text column may still repeat the person's full
   name ("当事人张三丰于……"). :func:`public_penalty_rows` reads the case's party name server-side
   (never output) and replaces it with the masked form in every text column before display.

Search by party works on the *published* (masked) name: a natural person can only be found by the
masked form ("张**"), so the portal cannot be used to look up a named citizen; organisations are
published in full and can be searched by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from fazhi.core.errors import DomainError, NotFound
from fazhi.core.masking import mask_text
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.choices import DecisionChangeKind, PartyKind, PublicationStatus
from fazhi.enforcement.models import Publication


class PublicationWithdrawn(DomainError):
    """The decision information was withdrawn (Art. 48(2)); only the withdrawal notice is public (HTTP 410)."""

    status_code = 410
    default_code = "publication.withdrawn"

    def __init__(self, notice: WithdrawalNotice) -> None:
        super().__init__(notice.message, fields={})
        self.notice = notice


@dataclass(frozen=True, slots=True)
class WithdrawalNotice:
    id: int
    unit_name: str
    decision_number: str
    withdrawn_on: date | None
    change_kind: str
    explanation: str

    @property
    def message(self) -> str:
        day = self.withdrawn_on
        when = f"{day.year}年{day.month}月{day.day}日" if day else ""
        text = f"该行政处罚决定信息（{self.decision_number}）已于{when}撤回。"
        if self.change_kind:
            text += f"原因：原决定被依法{self.change_kind}。"
        if self.explanation:
            text += f"说明：{self.explanation}"
        return text


@dataclass(frozen=True, slots=True)
class PublicPenalty:
    """One published decision as the public sees it (PUBLIC_FIELDS, masked)."""

    id: int
    unit_name: str
    unit_code: str
    decision_number: str
    decided_on: date
    party_display: str
    party_code_display: str
    cause: str
    facts_summary: str
    penalty_summary: str
    legal_basis: str
    published_on: date


def public_penalty_list(
    *,
    unit_code: str | None = None,
    party: str | None = None,
    decided_from: date | None = None,
    decided_to: date | None = None,
) -> QuerySet[Publication]:
    """Live publications, newest first, filtered by unit, published party name and decision date."""
    publications = selectors.publication_list_public(unit_code=unit_code or None)
    if party and party.strip():
        publications = publications.filter(party_display__icontains=party.strip())
    if decided_from is not None:
        publications = publications.filter(decided_on__gte=decided_from)
    if decided_to is not None:
        publications = publications.filter(decided_on__lte=decided_to)
    return publications


def public_penalty_get(*, publication_id: int) -> PublicPenalty:
    """One live publication; PublicationWithdrawn (410) for a withdrawn one, NotFound (404) otherwise."""
    live = selectors.publication_list_public().filter(pk=publication_id).first()
    if live is not None:
        return public_penalty_rows([live])[0]
    withdrawn = (
        Publication.objects.filter(pk=publication_id, status=PublicationStatus.WITHDRAWN)
        .select_related("unit")
        .only("id", "unit__name", "decision_number", "withdrawn_on", "change_kind", "withdraw_reason")
        .first()
    )
    if withdrawn is None:
        raise NotFound("公示信息不存在。", code="publication.not_found")
    kind = str(DecisionChangeKind(withdrawn.change_kind).label) if withdrawn.change_kind else ""
    raise PublicationWithdrawn(
        WithdrawalNotice(
            id=withdrawn.pk,
            unit_name=withdrawn.unit.name,
            decision_number=withdrawn.decision_number,
            withdrawn_on=withdrawn.withdrawn_on,
            change_kind=kind,
            explanation=mask_text(withdrawn.withdraw_reason),
        )
    )


def public_penalty_rows(publications: Iterable[Publication]) -> list[PublicPenalty]:
    """Project publications to PublicPenalty, scrubbing natural persons' full names from the text (one query)."""
    items = list(publications)
    persons = dict(
        Publication.objects.filter(pk__in=[p.pk for p in items], case__party_kind=PartyKind.PERSON).values_list(
            "pk", "case__party_name"
        )
    )
    rows = []
    for item in items:
        scrub = _scrubber(persons.get(item.pk, ""))
        rows.append(
            PublicPenalty(
                id=item.pk,
                unit_name=item.unit.name,
                unit_code=item.unit.code,
                decision_number=item.decision_number,
                decided_on=item.decided_on,
                party_display=scrub(item.party_display),
                party_code_display=item.party_code_display,
                cause=scrub(item.cause),
                facts_summary=scrub(item.facts_summary),
                penalty_summary=scrub(item.penalty_summary),
                legal_basis=scrub(item.legal_basis),
                published_on=item.published_on,
            )
        )
    return rows


def _scrubber(full_name: str) -> Callable[[str], str]:
    full_name = full_name.strip()
    masked = rules.public_party(kind=PartyKind.PERSON, name=full_name, code="", address="").name if full_name else ""

    def scrub(text: str) -> str:
        text = mask_text(text or "")
        return text.replace(full_name, masked) if full_name and len(full_name) > 1 else text

    return scrub


def public_penalty_units() -> list[tuple[str, str]]:
    """(code, name) of the units with live publications, for the search form's unit list."""
    rows = selectors.publication_list_public().order_by("unit__path").values_list("unit__code", "unit__name").distinct()
    return list(rows)
