"""Pure rules about versions of a legal source: which text is in force, and which status changes exist.

No ORM, no clock, no settings: callers pass `today` and plain facts about the versions.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from fazhi.core.errors import Conflict, DomainError
from fazhi.legal.choices import LegalStatus

# Statuses a person may set by hand. 已被修改 follows from importing a newer version and 尚未施行
# from the 施行日期; setting them by hand would let the label contradict the dates.
SETTABLE_STATUSES = frozenset({LegalStatus.REPEALED, LegalStatus.IN_FORCE})


@dataclass(frozen=True, slots=True)
class VersionFacts:
    """What the chain rule needs to know about one stored version."""

    key: Hashable  # the primary key; also the tie-breaker (later import wins)
    effective_from: date
    promulgated_on: date | None
    status: str
    effective_to: date | None


@dataclass(frozen=True, slots=True)
class VersionPlan:
    key: Hashable
    status: str
    effective_to: date | None


def status_on_import(*, effective_from: date, today: date) -> str:
    """Return the status of the newest version: 尚未施行 until its 施行日期, then 现行有效.

    Legal basis: each text states its own 施行日期, e.g. 《中华人民共和国行政处罚法》第八十六条：
    "本法自2021年7月15日起施行。" Before that day the text exists but does not apply.
    """
    return LegalStatus.NOT_YET_EFFECTIVE if effective_from > today else LegalStatus.IN_FORCE


def version_chain(versions: Sequence[VersionFacts], *, today: date) -> list[VersionPlan]:
    """Return the status and last day in force (effective_to, inclusive) of every version of a source.

    1. Versions are ordered by 施行日期, then 公布日期, then import order.
    2. Every version but the newest is 已被修改 and ends the day before its successor takes effect —
       even when the successor is not yet in force, as Chinese law databases label them: the text
       *has been* amended; the dates still say which text applies on a given day.
    3. The newest version keeps an explicit 已废止 (and its end date); otherwise it is open-ended and
       现行有效 or 尚未施行 according to `today`.

    Interpretation: two versions with the same 施行日期 (a corrected re-import of one revision) would
    give the older one an end date before its start; it ends on its start date instead, and the
    later import wins on that day (citation resolution orders by import).
    """
    ordered = sorted(versions, key=lambda v: (v.effective_from, v.promulgated_on or date.min, _order_key(v.key)))
    plans: list[VersionPlan] = []
    for index, version in enumerate(ordered):
        if index + 1 < len(ordered):
            successor = ordered[index + 1]
            ends = max(successor.effective_from - timedelta(days=1), version.effective_from)
            plans.append(VersionPlan(key=version.key, status=LegalStatus.AMENDED, effective_to=ends))
        elif version.status == LegalStatus.REPEALED:
            plans.append(VersionPlan(key=version.key, status=LegalStatus.REPEALED, effective_to=version.effective_to))
        else:
            status = status_on_import(effective_from=version.effective_from, today=today)
            plans.append(VersionPlan(key=version.key, status=status, effective_to=None))
    return plans


def _order_key(key: Hashable) -> tuple[int, str]:
    # Primary keys are integers; anything else (unsaved, tests) sorts after them, by text.
    return (0, f"{key:020d}") if isinstance(key, int) else (1, str(key))


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: str
    effective_to: date | None


def status_change(
    *, current_status: str, new_status: str, effective_from: date, effective_on: date | None, today: date
) -> StatusChange:
    """Validate a hand-made status change of a source's newest version and return what to store.

    - 已废止: `effective_on` is the day the repeal takes effect (失效日期); the version is in force
      up to the day before. It must fall after the version's 施行日期.
    - 现行有效: undoes a repeal recorded by mistake; the version is open-ended again and its status
      follows its 施行日期 (尚未施行 if that is still ahead).

    Legal basis: repeal clauses such as 《市场监督管理行政处罚信息公示规定》第十九条："本规定自2021年9月1日起施行。
    2014年8月19日原国家工商行政管理总局令第71号公布的《工商行政管理行政处罚信息公示暂行规定》同时废止。"
    Interpretation: the repealed text applies up to and including the day before the repeal date.
    """
    if new_status not in SETTABLE_STATUSES:
        raise DomainError(
            f"不能手工设置为“{LegalStatus(new_status).label}”：已被修改由导入新版本产生，尚未施行由施行日期决定。",
            code="legal_status_not_settable",
            fields={"status": ["只能设置为已废止或现行有效。"]},
        )
    if new_status == LegalStatus.REPEALED:
        if current_status == LegalStatus.REPEALED:
            raise Conflict("该法规已标记为已废止。", code="legal_status_unchanged")
        if current_status == LegalStatus.AMENDED:
            raise Conflict("只能对最新版本设置状态。", code="legal_status_not_latest")
        if effective_on is None:
            raise DomainError(
                "请填写废止（失效）日期。", code="legal_repeal_date_missing", fields={"effective_on": ["必填。"]}
            )
        if effective_on <= effective_from:
            raise DomainError(
                "废止日期必须晚于该版本的施行日期。",
                code="legal_repeal_date_invalid",
                fields={"effective_on": ["废止日期必须晚于施行日期。"]},
            )
        return StatusChange(status=LegalStatus.REPEALED, effective_to=effective_on - timedelta(days=1))
    if current_status != LegalStatus.REPEALED:
        raise Conflict("只有已废止的法规可以恢复为现行有效。", code="legal_status_unchanged")
    return StatusChange(status=status_on_import(effective_from=effective_from, today=today), effective_to=None)


def version_label(*, promulgated_on: date | None, revision_kind: str, effective_from: date) -> str:
    """Return a human label for a version: 2021年1月22日修订, 2014年8月7日公布, 2024年8月1日施行."""
    if promulgated_on is not None:
        return f"{promulgated_on.year}年{promulgated_on.month}月{promulgated_on.day}日{revision_kind or '版'}"
    return f"{effective_from.year}年{effective_from.month}月{effective_from.day}日施行"


def is_in_force(*, effective_from: date, effective_to: date | None, on: date) -> bool:
    """Return whether a version applies on `on` (both ends inclusive)."""
    return effective_from <= on and (effective_to is None or on <= effective_to)
