"""How a record of the fact table is named to a supervisor: the case number or the inspection, never
the internal key ("penalty_case:15"). Used by the drill-downs and the late-entry alerts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fazhi.enforcement.models import Inspection, PenaltyCase
from fazhi.supervision import rules
from fazhi.supervision.choices import RecordSource


@dataclass(frozen=True, slots=True)
class RecordLabel:
    """The words for one record, and the platform record it stands for (kind, pk) when there is one."""

    text: str
    target: tuple[str, int] | None = None


def record_labels(records: Iterable[tuple[str, str]]) -> dict[str, RecordLabel]:
    """key → label for (source, key) pairs: two queries at most, whatever the number of records.

    An imported record keeps its source's 记录编号; a penalty case of this platform shows its 案件编号
    and party; an inspection its party and its number on this platform (inspections have no 编号).
    """
    labels: dict[str, RecordLabel] = {}
    wanted: dict[str, dict[int, str]] = {kind: {} for kind in rules.INTERNAL_KINDS}
    for source, key in records:
        parsed = rules.parse_internal_record_key(key) if source == RecordSource.INTERNAL else None
        if parsed is None:
            labels[key] = RecordLabel(key)
        else:
            wanted[parsed[0]][parsed[1]] = key
    if wanted["penalty_case"]:
        for pk, number, party in PenaltyCase.objects.filter(pk__in=wanted["penalty_case"]).values_list(
            "pk", "number", "party_name"
        ):
            text = f"{number or '未编号案件'}（{party}）" if party else number or "未编号案件"
            labels[wanted["penalty_case"][pk]] = RecordLabel(text, ("penalty_case", pk))
    if wanted["inspection"]:
        for pk, party in Inspection.objects.filter(pk__in=wanted["inspection"]).values_list("pk", "party_name"):
            labels[wanted["inspection"][pk]] = RecordLabel(f"{party}（检查记录第{pk}号）", ("inspection", pk))
    for kind, keys in wanted.items():
        for pk, key in keys.items():
            # The platform record is gone from view (never deleted today): still no internal key.
            labels.setdefault(key, RecordLabel(f"{'行政处罚案件' if kind == 'penalty_case' else '行政检查'}第{pk}号"))
    return labels
