"""All writes of supervision: the record fact table and its rollups, snapshots, bulletins, the
assessment scheme (考核指标体系), case-file review and alerts.

The fact table and the rollups change together, in one transaction, through `records_write` — the
single path of both the import (`fazhi import records`) and the ingestion of this platform's own
inspections and cases — so imported and internal records count the same way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core.audit.models import AuditEventType
from fazhi.core.audit.services import record_audit
from fazhi.core.errors import Conflict, DomainError
from fazhi.core.validation import full_clean
from fazhi.enforcement.choices import EDUCATION_OUTCOMES, CaseOutcome
from fazhi.enforcement.models import Inspection, PenaltyCase, Publication
from fazhi.orgs.models import OrgUnit
from fazhi.powers.choices import PowerCategory
from fazhi.supervision import record_writes, rules, selectors
from fazhi.supervision.choices import (
    AlertKind,
    AlertStatus,
    RecordSource,
    RecordType,
    ReviewStatus,
    SnapshotKind,
)
from fazhi.supervision.models import (
    Alert,
    AssessmentScheme,
    Bulletin,
    CaseFileReview,
    IndicatorDefinition,
    IngestionCursor,
    RecordImport,
    ReviewSample,
    Snapshot,
)

Actor = Any
BATCH = 2000

# --- the record fact table and its rollups -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordInput:
    """One record as a source states it now (import row or internal inspection/case)."""

    key: str
    record_type: str
    unit_id: int
    occurred_on: date
    entered_on: date
    officers: tuple[tuple[int, int], ...]  # (officer id, officer's unit id)
    power_item_id: int | None = None
    party_code: str = ""
    decided_on: date | None = None
    decision_due: date | None = None
    published_on: date | None = None
    published_late: bool | None = None

    def values(self) -> tuple[Any, ...]:
        """The stored columns, in the order of record_writes.RECORD_FIELDS."""
        return (
            self.record_type, self.unit_id, self.power_item_id, self.occurred_on, self.entered_on,
            self.party_code, self.decided_on, self.decision_due, self.published_on, self.published_late,
        )  # fmt: skip


@dataclass
class WriteOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    keys_changed: list[str] = field(default_factory=list)


@transaction.atomic(savepoint=False)
def records_write(
    *, source: str, rows: Sequence[RecordInput], remove_keys: Sequence[str] = (), dry_run: bool = False
) -> WriteOutcome:
    """Create, update or remove fact rows by (source, key) and move the rollups by the difference.

    Idempotent: a row identical to the stored one (same columns, same officers) changes nothing.
    A changed row takes its stored contribution out of every rollup row and adds its new one; a
    removed row takes its contribution out. The rows are written set-based (record_writes), each
    rollup row once with the sum of its changes. Callers write the audit row.
    Writes: EnforcementRecord, RecordOfficer, UnitRollup, OfficerRollup, PowerItemRollup,
    UnitActivityRollup.
    """
    outcome = WriteOutcome()
    stored = record_writes.stored_records(source=source, keys=[row.key for row in rows] + list(remove_keys))
    creates: list[record_writes.NewRecord] = []
    updates: list[tuple[record_writes.StoredRecord, record_writes.NewRecord]] = []
    for row in rows:
        record = record_writes.NewRecord(key=row.key, values=row.values(), officers=tuple(sorted(row.officers)))
        current = stored.get(row.key) if stored else None
        if current is None:
            creates.append(record)
        elif current.values == record.values and current.officers == record.officers:
            outcome.unchanged += 1
        else:
            updates.append((current, record))
    removals = [stored[key] for key in remove_keys if key in stored]
    outcome.created, outcome.updated, outcome.removed = len(creates), len(updates), len(removals)
    outcome.keys_changed = [record.key for record in creates] + [record.key for _stored, record in updates]
    if not dry_run:
        record_writes.write(source=source, now=timezone.now(), creates=creates, updates=updates, removals=removals)
    return outcome


@transaction.atomic
def unit_activity_rebuild() -> None:
    """Recount the per-unit distinct counts (UnitActivityRollup) from the officer and item rollups.

    records_write keeps them in step; this is for rollups written around it (the bench's set-up).
    Writes: UnitActivityRollup.
    """
    record_writes.unit_activity_rebuild()


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int
    record_import: RecordImport | None


@transaction.atomic
def records_import(
    *, actor: Actor, rows: Sequence[RecordInput], filename: str, checksum: str, dry_run: bool = False
) -> ImportResult:
    """Import validated rows of a record-intake file, keyed on 记录编号; all or nothing.

    Writes: EnforcementRecord/RecordOfficer and the rollups (records_write), RecordImport,
    AuditEvent SUPERVISION_RECORDS_IMPORTED (one per file, with the counts).
    """
    outcome = records_write(source=RecordSource.IMPORTED, rows=rows, dry_run=dry_run)
    if dry_run:
        return ImportResult(outcome.created, outcome.updated, outcome.unchanged, None)
    log = RecordImport.objects.create(
        filename=filename[:255],
        checksum=checksum,
        rows=len(rows),
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        imported_by=actor,
    )
    # One audit row per imported file (one transaction), naming the file, its checksum and the range
    # of its record keys (记录编号, lowest…highest): the rows of the import are findable from it.
    keys = [row.key for row in rows]
    key_range = f"{min(keys)}…{max(keys)}" if keys else ""
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_RECORDS_IMPORTED,
        target=log,
        reason=f"导入执法信息：{filename}",
        changes={
            "rows": [None, len(rows)],
            "keys": [None, key_range],
            "created": [None, outcome.created],
            "updated": [None, outcome.updated],
            "checksum": [None, checksum],
        },
    )
    return ImportResult(outcome.created, outcome.updated, outcome.unchanged, log)


# --- ingestion of this platform's inspections and cases -------------------------------------------------------


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _inspection_power_item(inspection: Inspection) -> int | None:
    """The power item an inspection exercises: of its check items' power items, an inspection-category
    item first, then the lowest code (stable)."""
    items = {item.pk: item for check in inspection.check_items.all() for item in check.power_items.all()}
    if not items:
        return None
    chosen = min(items.values(), key=lambda i: (i.category != PowerCategory.INSPECTION, i.code))
    return chosen.pk


def inspection_input(inspection: Inspection, officer_units: dict[int, int]) -> RecordInput:
    return RecordInput(
        key=f"inspection:{inspection.pk}",
        record_type=RecordType.INSPECTION,
        unit_id=inspection.unit_id,
        occurred_on=inspection.occurred_on,
        entered_on=max(_local_day(inspection.recorded_at), inspection.occurred_on),
        officers=tuple(sorted((o.pk, officer_units[o.pk]) for o in inspection.officers.all())),
        power_item_id=_inspection_power_item(inspection),
        party_code=inspection.party_code,
    )


def case_input(case: PenaltyCase, officer_units: dict[int, int], publication: Publication | None) -> RecordInput:
    """A penalty case as a record: 教育改正 when closed as 首违不罚/轻微不罚, else 行政处罚; dated on 立案."""
    record_type = RecordType.EDUCATION if case.outcome in EDUCATION_OUTCOMES else RecordType.PENALTY
    return RecordInput(
        key=f"penalty_case:{case.pk}",
        record_type=record_type,
        unit_id=case.unit_id,
        occurred_on=case.filed_on,
        entered_on=max(_local_day(case.created_at), case.filed_on),
        officers=tuple(sorted((o.pk, officer_units[o.pk]) for o in case.officers.all())),
        power_item_id=case.power_item_id,
        party_code=case.party_code,
        decided_on=case.decided_on,
        decision_due=case.decision_due if case.procedure == "ordinary" else None,
        published_on=publication.published_on if publication else None,
        published_late=publication.published_late if publication else None,
    )


def _cursor(name: str) -> IngestionCursor:
    cursor, _created = IngestionCursor.objects.select_for_update().get_or_create(name=name)
    return cursor


def ingest_internal_records(*, batch_size: int = 1000, actor: Actor = None) -> int:
    """Bring the platform's own inspections and penalty cases into the fact table; return rows changed.

    Incremental by a watermark (updated_at, pk) per source table, each batch in its own transaction
    with the cursor move, so a crash loses nothing and a re-run changes nothing (idempotent).
    A withdrawn case (撤销立案) leaves the fact table. Publications re-derive their case.
    Writes: EnforcementRecord/RecordOfficer and rollups, IngestionCursor, AuditEvent
    SUPERVISION_RECORDS_INGESTED for a batch that changed something.
    """
    changed = 0
    for name in ("inspection", "penalty_case", "publication"):
        while True:
            with transaction.atomic():
                cursor = _cursor(name)
                count, done = _ingest_batch(name=name, cursor=cursor, batch_size=batch_size, actor=actor)
                changed += count
            if done:
                break
    return changed


def _ingest_batch(*, name: str, cursor: IngestionCursor, batch_size: int, actor: Actor) -> tuple[int, bool]:
    fetch = {
        "inspection": selectors.inspections_changed_since,
        "penalty_case": selectors.penalty_cases_changed_since,
        "publication": selectors.publications_changed_since,
    }[name]
    rows = fetch(updated_at=cursor.updated_at, last_pk=cursor.last_pk, limit=batch_size)
    if not rows:
        return 0, True
    inputs: list[RecordInput] = []
    remove: list[str] = []
    if name == "inspection":
        units = selectors.officer_units(officer_ids={o.pk for i in rows for o in i.officers.all()})
        inputs = [inspection_input(i, units) for i in rows]
    else:
        cases = rows if name == "penalty_case" else _cases_of(rows)
        units = selectors.officer_units(officer_ids={o.pk for c in cases for o in c.officers.all()})
        for case in cases:
            if case.outcome == CaseOutcome.WITHDRAWN:
                remove.append(f"penalty_case:{case.pk}")
            else:
                inputs.append(case_input(case, units, selectors.first_live_publication(case_id=case.pk)))
    outcome = records_write(source=RecordSource.INTERNAL, rows=inputs, remove_keys=remove)
    last = rows[-1]
    cursor.updated_at, cursor.last_pk = last.updated_at, last.pk
    cursor.save(update_fields=["updated_at", "last_pk"])
    count = outcome.created + outcome.updated + outcome.removed
    if count:
        record_audit(
            actor=actor,
            event_type=AuditEventType.SUPERVISION_RECORDS_INGESTED,
            target=cursor,
            reason=f"归集本平台执法信息（{name}）",
            changes={
                "created": [None, outcome.created],
                "updated": [None, outcome.updated],
                "removed": [None, outcome.removed],
            },
        )
    return count, len(rows) < batch_size


def _cases_of(publications: Sequence[Publication]) -> list[PenaltyCase]:
    ids = sorted({p.case_id for p in publications})
    return list(PenaltyCase.objects.filter(pk__in=ids).prefetch_related("officers").order_by("pk"))


def ingest_periodic(now: datetime) -> int:
    """Periodic job for `fazhi tick` (registered in apps.py)."""
    return ingest_internal_records()


# --- snapshots and bulletins -------------------------------------------------------------------------------------


def _report_payload(report: selectors.IndicatorReport) -> dict[str, Any]:
    return {
        "figures": selectors.report_figures(report),
        "units": {row.unit.code: row.unit.name for row in report.rows},
        "measures": {
            "*": {k: str(v) for k, v in report.total.measures.items()},
            **{row.unit.code: {k: str(v) for k, v in row.measures.items()} for row in report.rows},
        },
        "definitions": [
            {"code": d.code, "version": d.version, "source": d.source, "explanation": d.explanation}
            for d in report.definitions
        ],
    }


@transaction.atomic
def snapshot_publish(
    *, actor: Actor, unit: OrgUnit, start: date, end: date, as_of: datetime | None = None, title: str = ""
) -> Snapshot:
    """Freeze the figures of `unit` for [start, end] as of the cut-off (default: now).

    The caller has scoped `unit` to a supervisor. Writes: Snapshot, AuditEvent SUPERVISION_SNAPSHOT_PUBLISHED.
    """
    report = selectors.indicator_report(unit=unit, start=start, end=end, as_of=as_of)
    snapshot = Snapshot.objects.create(
        kind=SnapshotKind.INDICATORS,
        unit=unit,
        title=title.strip() or f"{unit.name}行政执法监督指标（{start}至{end}）",
        period_from=start,
        period_to=end,
        as_of=report.as_of,
        payload=_report_payload(report),
        created_by=actor,
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_SNAPSHOT_PUBLISHED,
        target=snapshot,
        changes={"period": [None, f"{start}/{end}"], "as_of": [None, report.as_of.isoformat()]},
    )
    return snapshot


@transaction.atomic
def bulletin_issue(
    *,
    actor: Actor,
    unit: OrgUnit,
    year: int,
    quarter: int,
    number: str,
    issuer: str,
    issued_on: date,
    as_of: datetime | None = None,
    bottom_n: int | None = None,
    scheme_code: str | None = None,
) -> Bulletin:
    """Compute and freeze the quarterly 行政执法情况通报 of the units under `unit`.

    Writes: Snapshot (kind bulletin, with the ranking and the 约谈 list), Bulletin,
    AuditEvent SUPERVISION_BULLETIN_ISSUED.
    """
    if not number.strip() or not issuer.strip():
        raise DomainError("请填写通报期号和发文机关。", code="supervision.bulletin_fields")
    start, end = rules.quarter_bounds(year, quarter)
    if Bulletin.objects.filter(snapshot__unit=unit, snapshot__period_from=start, snapshot__period_to=end).exists():
        raise Conflict(f"{year}年第{quarter}季度通报已印发。", code="supervision.bulletin_exists")
    scheme = selectors.assessment_scheme_on(day=end, code=scheme_code)
    n = scheme.bottom_n if bottom_n is None else bottom_n
    if n < 0:
        raise DomainError("约谈单位数不能为负数。", code="supervision.bad_bottom_n")
    data = selectors.bulletin_data(unit=unit, start=start, end=end, as_of=as_of, scheme=scheme, bottom_n=n)
    snapshot = Snapshot.objects.create(
        kind=SnapshotKind.BULLETIN,
        unit=unit,
        title=f"{unit.name}{year}年第{quarter}季度行政执法情况通报",
        period_from=start,
        period_to=end,
        as_of=data.as_of,
        payload=data.as_payload(),
        created_by=actor,
    )
    bulletin = Bulletin.objects.create(
        snapshot=snapshot,
        number=number.strip(),
        issuer=issuer.strip(),
        scheme_code=scheme.code,
        scheme_version=scheme.version,
        bottom_n=n,
        issued_on=issued_on,
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_BULLETIN_ISSUED,
        target=bulletin,
        changes={
            "period": [None, f"{start}/{end}"],
            "scheme": [None, f"{scheme.code} v{scheme.version}"],
            "summoned": [None, [row["code"] for row in data.summoned]],
        },
    )
    return bulletin


# --- the assessment scheme (考核指标体系) ---------------------------------------------------------------------

# The scales rules.rank_units knows; it would score any other name as a percentage, silently.
SCHEME_SCALES = {
    rules.SCALE_PERCENT: "百分比（值÷100）",
    rules.SCALE_PEER_MAX: "组内最高值为满分（值÷同组最高值）",
    rules.SCALE_SCORE: "百分制得分（值÷100）",
}
# The 通报 says 满分100分 and a unit's score is Σ weight × scaled value with each scaled value at most
# 1 (rules.rank_units): the weights are the points of each indicator, so they add up to the full score.
SCHEME_FULL_SCORE = Decimal(100)
SCHEME_CODE = re.compile(r"[A-Za-z0-9_-]+")


def _scheme_refusal(message: str, *, code: str, field: str) -> DomainError:
    return DomainError(message, code=f"supervision.{code}", fields={field: [message]})


def _weight_number(value: Any) -> Decimal | None:
    """The weight as a Decimal, or None for anything that is not a finite number (a bool is not one)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    number = Decimal(str(value))
    return number if number.is_finite() else None


def _scheme_weights(weights: Any) -> dict[str, dict[str, Any]]:
    """Return the weights as stored, or refuse: known indicators, each a weight > 0 and a known scale, 100 in all."""
    shape = '指标权重应为 {"指标代码": {"weight": 权重, "scale": 换算方式}, …} 形式的对象。'
    if not isinstance(weights, Mapping) or not weights:
        raise _scheme_refusal(shape, code="scheme_bad_weights", field="weights")
    known = set(IndicatorDefinition.objects.filter(code__in=[str(k) for k in weights]).values_list("code", flat=True))
    unknown = sorted(str(k) for k in weights if k not in known)
    if unknown:
        raise _scheme_refusal(
            f"未知的指标代码：{'、'.join(unknown)}（应为指标定义中的代码）。",
            code="scheme_unknown_indicator",
            field="weights",
        )
    cleaned: dict[str, dict[str, Any]] = {}
    for code, spec in weights.items():
        if not isinstance(spec, Mapping) or set(spec) != {"weight", "scale"}:
            raise _scheme_refusal(f"指标“{code}”：{shape}", code="scheme_bad_weights", field="weights")
        number = _weight_number(spec["weight"])
        if number is None or number <= 0:
            raise _scheme_refusal(f"指标“{code}”的权重应为大于0的数。", code="scheme_bad_weight", field="weights")
        if not isinstance(spec["scale"], str) or spec["scale"] not in SCHEME_SCALES:
            raise _scheme_refusal(
                f"指标“{code}”的换算方式“{spec['scale']}”无效，应为 {'、'.join(SCHEME_SCALES)} 之一。",
                code="scheme_bad_scale",
                field="weights",
            )
        # Stored as a JSON number: whole weights as integers, as the shipped scheme has them.
        weight = int(number) if number == number.to_integral_value() else float(number)
        cleaned[code] = {"weight": weight, "scale": spec["scale"]}
    total = sum((Decimal(str(spec["weight"])) for spec in cleaned.values()), Decimal(0))
    if total != SCHEME_FULL_SCORE:
        raise _scheme_refusal(
            f"各指标权重合计应为100（通报满分100分），现为{total.normalize():f}。",
            code="scheme_weights_total",
            field="weights",
        )
    return cleaned


def _overlaps(first: date, last: date | None, other_first: date, other_last: date | None) -> bool:
    return first <= (other_last or date.max) and other_first <= (last or date.max)


def _scheme_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    def plain(value: Any) -> Any:
        return value.isoformat() if isinstance(value, date) else value

    return {k: [plain(old.get(k)), plain(v)] for k, v in new.items() if old.get(k) != v}


@transaction.atomic
def assessment_scheme_save(
    *,
    actor: Actor,
    code: str,
    name: str,
    weights: Mapping[str, Any],
    bottom_n: int,
    effective_from: date,
    reason: str,
    effective_to: date | None = None,
    bulletin_basis: str = "",
    source: str = "",
    version: AssessmentScheme | None = None,
) -> AssessmentScheme:
    """Add the next version of a district's 考核指标体系 (or, with `version`, edit that row).

    Guards: a code of letters, digits, _ and -; a name; a 变更理由; weights of known indicators,
    each > 0 with a scale rank_units knows, adding up to 100; bottom_n ≥ 0; effective_to not
    before effective_from; no other version of the code in force on any of the same days (409).
    An edit keeps its code, and a version a bulletin was issued with may only be closed (its
    effective_to): the bulletin names it by code and version. Not atomic(durable=True): the admin
    form tries this call inside its own savepoint (core.admin_services).
    Writes: AssessmentScheme, AuditEvent SUPERVISION_ASSESSMENT_SCHEME_SAVED with the changed fields.
    """
    code = (code or "").strip()
    if not SCHEME_CODE.fullmatch(code):
        raise _scheme_refusal("方案代码只能由字母、数字、下划线或连字符组成。", code="scheme_bad_code", field="code")
    name = (name or "").strip()
    if not name:
        raise _scheme_refusal("请填写方案名称。", code="scheme_name_required", field="name")
    reason = (reason or "").strip()
    if not reason:
        raise _scheme_refusal("请填写变更理由。", code="scheme_reason_required", field="reason")
    cleaned_weights = _scheme_weights(weights)
    if isinstance(bottom_n, bool) or not isinstance(bottom_n, int) or bottom_n < 0:
        raise _scheme_refusal("末位约谈单位数应为不小于0的整数。", code="scheme_bad_bottom_n", field="bottom_n")
    if not isinstance(effective_from, date):
        raise _scheme_refusal("请填写生效日期。", code="scheme_bad_range", field="effective_from")
    if effective_to is not None and effective_to < effective_from:
        raise _scheme_refusal("失效日期不能早于生效日期。", code="scheme_bad_range", field="effective_to")
    values: dict[str, Any] = {
        "code": code,
        "name": name,
        "weights": cleaned_weights,
        "bottom_n": bottom_n,
        "effective_from": effective_from,
        "effective_to": effective_to,
        "bulletin_basis": (bulletin_basis or "").strip(),
        "source": (source or "").strip(),
    }
    # Locking the code's versions serializes two saves of one code on PostgreSQL (SQLite writes one
    # at a time anyway); the first version of a new code has no row to lock: the unique (code,
    # version) constraint below turns that race into a refusal.
    siblings = list(AssessmentScheme.objects.select_for_update().filter(code=code).order_by("pk"))
    old: dict[str, Any] = {}
    if version is None:
        row = AssessmentScheme(version=max((s.version for s in siblings), default=0) + 1, **values)
    else:
        row = AssessmentScheme.objects.select_for_update().get(pk=version.pk)
        if row.code != code:
            raise _scheme_refusal("方案代码不能修改；新的方案请新增。", code="scheme_code_fixed", field="code")
        old = {key: getattr(row, key) for key in values}
        edited = any(old[k] != v for k, v in values.items() if k != "effective_to")
        if edited and Bulletin.objects.filter(scheme_code=row.code, scheme_version=row.version).exists():
            raise Conflict(
                f"{row.code}第{row.version}版已用于印发的通报，只能设置失效日期；其他修改请新增版本。",
                code="supervision.scheme_in_use",
            )
        for key, value in values.items():
            setattr(row, key, value)
    for other in siblings:
        if other.pk != row.pk and _overlaps(effective_from, effective_to, other.effective_from, other.effective_to):
            raise Conflict(
                f"与{code}第{other.version}版（自{other.effective_from}起）的生效期间重叠；请先为该版本设置失效日期。",
                code="supervision.scheme_overlap",
            )
    full_clean(row, code="supervision.scheme_invalid")
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:
        raise Conflict("该方案刚被他人修改，请刷新后重试。", code="supervision.scheme_changed") from exc
    changes = _scheme_changes(old, values if version is not None else {"version": row.version, **values})
    if version is not None and not changes:
        return row
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_ASSESSMENT_SCHEME_SAVED,
        target=row,
        reason=reason,
        changes=changes,
    )
    return row


# --- case-file review (案卷评查 → 整改 → 复核) ---------------------------------------------------------------------


@transaction.atomic
def review_sample_draw(
    *,
    actor: Actor,
    unit: OrgUnit,
    start: date,
    end: date,
    size: int,
    seed: int,
    rule_set_code: str = selectors.DEFAULT_RULE_SET,
    today: date,
) -> ReviewSample:
    """Draw case files of `unit` decided in [start, end] reproducibly from `seed`, with automatic findings.

    Writes: ReviewSample (seed, candidates and their digest), CaseFileReview per drawn case,
    AuditEvent SUPERVISION_REVIEW_SAMPLE_DRAWN.
    """
    rule_set = selectors.rule_set_get(code=rule_set_code)
    candidates = selectors.review_candidates(unit=unit, start=start, end=end)
    drawn = rules.draw_sample(candidate_ids=candidates, size=size, seed=seed)
    sample = ReviewSample.objects.create(
        unit=unit,
        period_from=start,
        period_to=end,
        seed=seed,
        size=size,
        rule_set=rule_set.code,
        rule_set_version=rule_set.version,
        candidates=candidates,
        candidates_digest=rules.candidates_digest(candidates),
        created_by=actor,
    )
    for case in PenaltyCase.objects.filter(pk__in=drawn).select_related("unit", "power_item").order_by("pk"):
        findings = rules.run_rule_set(rule_set, selectors.case_file_facts(case=case, today=today))
        CaseFileReview.objects.create(
            sample=sample, case=case, unit=case.unit, findings=[f.as_dict() for f in findings]
        )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_REVIEW_SAMPLE_DRAWN,
        target=sample,
        changes={"seed": [None, seed], "drawn": [None, drawn], "candidates": [None, len(candidates)]},
    )
    return sample


def _require_status(review: CaseFileReview, allowed: set[str], action: str) -> None:
    if review.status not in allowed:
        raise Conflict(
            f"评查记录当前状态为“{ReviewStatus(review.status).label}”，不能{action}。",
            code="supervision.review_state",
        )


def _move(review: CaseFileReview, old_status: str, fields: dict[str, Any]) -> None:
    """Conditional UPDATE on the old status: two reviewers acting at once cannot both succeed."""
    updated = CaseFileReview.objects.filter(pk=review.pk, status=old_status).update(updated_at=timezone.now(), **fields)
    if updated != 1:
        raise Conflict("评查记录已被他人修改，请刷新后重试。", code="supervision.review_changed")
    review.refresh_from_db()


@transaction.atomic
def case_file_review_score(
    *,
    actor: Actor,
    review: CaseFileReview,
    reviewed_on: date,
    judgement_deduction: Decimal = Decimal(0),
    judgement_note: str = "",
    today: date,
) -> CaseFileReview:
    """Score a drawn case file: the rule deductions (re-run now) plus the reviewer's judgement.

    A file with a failed rule or a judgement deduction goes to 整改; otherwise it is done.
    Writes: CaseFileReview (findings, score, status), AuditEvent SUPERVISION_CASE_FILE_REVIEWED.
    """
    _require_status(review, {ReviewStatus.DRAWN}, "评查")
    if judgement_deduction and not judgement_note.strip():
        raise DomainError(
            "酌情扣分须写明评查意见。", code="supervision.note_required", fields={"judgement_note": ["必填。"]}
        )
    rule_set = selectors.rule_set_get(code=review.sample.rule_set)
    findings = rules.run_rule_set(rule_set, selectors.case_file_facts(case=review.case, today=today))
    score = rules.review_score(
        full_score=rule_set.full_score, findings=findings, judgement_deduction=judgement_deduction
    )
    needs_rectification = judgement_deduction > 0 or any(f.status == rules.FAIL for f in findings)
    status = ReviewStatus.RECTIFYING if needs_rectification else ReviewStatus.SCORED
    _move(
        review,
        ReviewStatus.DRAWN,
        {
            "findings": [f.as_dict() for f in findings],
            "judgement_deduction": judgement_deduction,
            "judgement_note": judgement_note.strip(),
            "score": score,
            "reviewed_on": reviewed_on,
            "reviewer": actor,
            "status": status,
        },
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_CASE_FILE_REVIEWED,
        target=review,
        changes={"status": [ReviewStatus.DRAWN, status], "score": [None, str(score)]},
    )
    return review


@transaction.atomic
def review_rectification_submit(*, actor: Actor, review: CaseFileReview, note: str, on: date) -> CaseFileReview:
    """The unit reports what it corrected (整改).

    Writes: CaseFileReview, AuditEvent SUPERVISION_RECTIFICATION_SUBMITTED.
    """
    _require_status(review, {ReviewStatus.RECTIFYING}, "提交整改")
    if not note.strip():
        raise DomainError("请填写整改情况。", code="supervision.note_required", fields={"note": ["必填。"]})
    _move(
        review,
        ReviewStatus.RECTIFYING,
        {"rectification_note": note.strip(), "rectified_on": on, "status": ReviewStatus.RECTIFIED},
    )
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_RECTIFICATION_SUBMITTED,
        target=review,
        changes={"status": [ReviewStatus.RECTIFYING, ReviewStatus.RECTIFIED]},
    )
    return review


@transaction.atomic
def review_recheck(*, actor: Actor, review: CaseFileReview, passed: bool, note: str, on: date) -> CaseFileReview:
    """复核: accept the rectification (closed) or send it back (待整改). Writes: CaseFileReview, AuditEvent."""
    _require_status(review, {ReviewStatus.RECTIFIED}, "复核")
    if not passed and not note.strip():
        raise DomainError("退回整改须写明复核意见。", code="supervision.note_required", fields={"note": ["必填。"]})
    status = ReviewStatus.CLOSED if passed else ReviewStatus.RECTIFYING
    _move(review, ReviewStatus.RECTIFIED, {"recheck_note": note.strip(), "rechecked_on": on, "status": status})
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_REVIEW_RECHECKED,
        target=review,
        changes={"status": [ReviewStatus.RECTIFIED, status]},
    )
    return review


# --- alerts --------------------------------------------------------------------------------------------------------


@transaction.atomic
def alerts_refresh(*, today: date, now: datetime) -> tuple[int, int]:
    """Raise an alert for each current condition not yet raised, and clear the ones that ended.

    Raised once: `key` is unique, so a condition that persists is never raised twice; a condition
    that ends clears its alert (a late-entry alert ends when the unit marks it handled).
    Alerts are derived from audited records, so they carry no audit row of their own.
    Writes: Alert. Returns (raised, cleared).
    """
    conditions = {c.key: c for c in selectors.alert_conditions(today=today)}
    open_alerts = {a.key: a for a in Alert.objects.filter(status=AlertStatus.OPEN)}
    known = set(Alert.objects.filter(key__in=list(conditions)).values_list("key", flat=True))
    new = [
        Alert(kind=c.kind, key=c.key, unit_id=c.unit_id, title=c.title[:300], due_on=c.due_on, raised_at=now)
        for key, c in conditions.items()
        if key not in known
    ]
    Alert.objects.bulk_create(new, batch_size=1000)
    ended = [
        alert.pk
        for key, alert in open_alerts.items()
        if key not in conditions and alert.kind != AlertKind.RECORD_ENTERED_LATE
    ]
    # A condition that moved on (near → passed) has a new key; its old alert ends here.
    Alert.objects.filter(pk__in=ended).update(status=AlertStatus.CLEARED, cleared_at=now, clear_reason="情形已消除")
    return len(new), len(ended)


@transaction.atomic
def alert_resolve(*, actor: Actor, alert: Alert, reason: str) -> Alert:
    """Mark a late-entry alert handled (its cause cannot go away by itself). Writes: Alert, AuditEvent."""
    if alert.kind != AlertKind.RECORD_ENTERED_LATE:
        raise Conflict("该提醒在情形消除后自动解除。", code="supervision.alert_auto_clears")
    if not reason.strip():
        raise DomainError("请填写处理说明。", code="supervision.note_required", fields={"reason": ["必填。"]})
    updated = Alert.objects.filter(pk=alert.pk, status=AlertStatus.OPEN).update(
        status=AlertStatus.CLEARED, cleared_at=timezone.now(), clear_reason=reason.strip()[:200]
    )
    if updated != 1:
        raise Conflict("该提醒已解除。", code="supervision.alert_cleared")
    alert.refresh_from_db()
    record_audit(
        actor=actor,
        event_type=AuditEventType.SUPERVISION_ALERT_RESOLVED,
        target=alert,
        reason=reason,
        changes={"status": [AlertStatus.OPEN, AlertStatus.CLEARED]},
    )
    return alert


def alerts_periodic(now: datetime) -> int:
    """Periodic job for `fazhi tick` (registered in apps.py): ingest first, then refresh the alerts."""
    raised, cleared = alerts_refresh(today=timezone.localtime(now).date(), now=now)
    return raised + cleared
