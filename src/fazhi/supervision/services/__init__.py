"""All writes of supervision (STYLE §4). Import from here: `from fazhi.supervision import services`.

The record fact table changes through `records_write` — the single path of both the import (`fazhi import
records`) and the ingestion of this platform's own inspections and cases — so imported and internal
records count the same way. The ingestion moves the rollups in the same transaction; an import leaves
its new records in a RollupBatch that `rollups_merge_pending` adds before the figures are next read.

- records: records_write (RecordInput, WriteOutcome), records_import (ImportResult), rollups_merge_pending,
  unit_activity_rebuild;
  the set-based SQL is in fazhi.supervision.record_writes, which only this module calls
- ingestion: ingest_internal_records, ingest_periodic (`fazhi tick`), inspection_input, case_input
- snapshots: snapshot_publish, bulletin_issue (快照与季度通报)
- scheme: assessment_scheme_save (考核指标体系; SCHEME_SCALES, SCHEME_FULL_SCORE, SCHEME_CODE)
- review: review_sample_draw, case_file_review_score, review_rectification_submit, review_recheck
  (案卷评查 → 整改 → 复核)
- alerts: alerts_refresh, alerts_periodic (`fazhi tick`), alert_resolve
- _common: shared names (Actor)

The names below are re-exported for callers. A test that patches a name must patch it in the module
that calls it (e.g. `ingestion.records_write`): patching it here reaches no caller.
"""

from fazhi.supervision.services._common import Actor
from fazhi.supervision.services.alerts import alert_resolve, alerts_periodic, alerts_refresh
from fazhi.supervision.services.ingestion import case_input, ingest_internal_records, ingest_periodic, inspection_input
from fazhi.supervision.services.records import (
    ImportResult,
    RecordInput,
    WriteOutcome,
    records_import,
    records_write,
    rollups_merge_pending,
    rollups_merge_periodic,
    unit_activity_rebuild,
)
from fazhi.supervision.services.review import (
    case_file_review_score,
    review_recheck,
    review_rectification_submit,
    review_sample_draw,
)
from fazhi.supervision.services.scheme import SCHEME_CODE, SCHEME_FULL_SCORE, SCHEME_SCALES, assessment_scheme_save
from fazhi.supervision.services.snapshots import bulletin_issue, snapshot_publish

__all__ = [
    "SCHEME_CODE",
    "SCHEME_FULL_SCORE",
    "SCHEME_SCALES",
    "Actor",
    "ImportResult",
    "RecordInput",
    "WriteOutcome",
    "alert_resolve",
    "alerts_periodic",
    "alerts_refresh",
    "assessment_scheme_save",
    "bulletin_issue",
    "case_file_review_score",
    "case_input",
    "ingest_internal_records",
    "ingest_periodic",
    "inspection_input",
    "records_import",
    "records_write",
    "review_recheck",
    "review_rectification_submit",
    "review_sample_draw",
    "rollups_merge_pending",
    "rollups_merge_periodic",
    "snapshot_publish",
    "unit_activity_rebuild",
]
