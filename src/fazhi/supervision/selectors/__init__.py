"""All reads of supervision: indicator measures from the rollups, drill-downs, snapshots, reviews, alerts.

Import from here: `from fazhi.supervision import selectors`, then `selectors.indicator_report(…)`.

Scope rule: a 执法监督人员 (supervisor) sees every unit of the subtree their role covers; a 单位管理员
(unit admin) sees their own unit's subtree; nobody else sees supervision data. Single-object reads
raise the same NotFound for "missing" and "not yours" (STYLE §8).

Cross-app reads: supervision reads orgs (officers, certificates), powers (power items, discretion
standards) and enforcement (cases, publications, evidence) read-only. Their selectors have no
unscoped bulk readers for a whole province, so the queries that must run over every unit at once
(certified officers, power items in force, the ingestion scan) read those models here, read-only.

- scope: VIEW_ROLES, SUPERVISE_ROLES, user_can_supervise, user_can_view, unit_list_visible_to,
  unit_get_for_user, default_unit_for
- definitions: indicator_definitions_on, indicator_definition_list, assessment_scheme_on
- buckets: UnitIds, and how a period maps onto the rollup rows (helpers of the three modules below)
- officer_counts: certified_officers, participating_officers (and the per-unit officer counts)
- item_counts: power_items_in_force, exercised_power_items (and the per-unit power-item counts)
- measures: UNIT_COLUMNS, unit_measures, sum_measures
- indicators: UnitIndicators, IndicatorReport, indicator_report, report_figures
- drilldowns: DRILLDOWNS, MEASURE_DRILLDOWN, INDICATOR_DRILLDOWN, MEASURE_RECORD_TYPE, DrillDown, drilldown,
  repeated_inspections
- record_labels: RecordLabel, record_labels (how a record is named to a supervisor; no internal keys)
- ingestion: INGESTION_SOURCES, inspections_changed_since, penalty_cases_changed_since,
  publications_changed_since, first_live_publication, publication_deadlines, officer_units,
  ingestion_caught_up_at
- snapshots: snapshot_list_visible_to, snapshot_get_for_user, SnapshotDiff, snapshot_diff, snapshot_unit_label,
  bulletin_list_visible_to, bulletin_get_for_user
- review: RULE_SET_DIR, DEFAULT_RULE_SET, rule_set_get, rule_set_codes, case_file_facts, SelfCheck,
  case_get_for_review, case_self_check, review_candidates, review_sample_list_visible_to,
  review_sample_get_for_user, review_get_for_user, review_average, reviews_open_for_unit
- alerts: ALERT_NEAR_DAYS, CERTIFICATE_WARNING_DAYS, LATE_ENTRY_LOOKBACK_DAYS, alert_list_visible_to,
  alert_get_for_user, alert_conditions
- bulletin: OTHER_GROUP, BulletinData, bulletin_data
- bulletin_reads: the bulletin's one-statement read of a region (region_rows), used by bulletin only
- imports: record_import_paths_for, user_can_import_records, imported_keys_outside, record_import_list_by
  (uploads of record files)

Only public names are re-exported. A test that calls or patches a private helper names the module
that holds it (e.g. `selectors.item_counts._item_counts_from_spans`): a patch must land in the
namespace where the caller looks the name up, and a private name left on this package would make
such a patch succeed silently without taking effect.
"""

from fazhi.supervision.selectors.alerts import (
    ALERT_NEAR_DAYS,
    CERTIFICATE_WARNING_DAYS,
    LATE_ENTRY_LOOKBACK_DAYS,
    alert_conditions,
    alert_get_for_user,
    alert_list_visible_to,
)
from fazhi.supervision.selectors.buckets import UnitIds
from fazhi.supervision.selectors.bulletin import OTHER_GROUP, BulletinData, bulletin_data
from fazhi.supervision.selectors.definitions import (
    assessment_scheme_on,
    indicator_definition_list,
    indicator_definitions_on,
)
from fazhi.supervision.selectors.drilldowns import (
    DRILLDOWNS,
    INDICATOR_DRILLDOWN,
    MEASURE_DRILLDOWN,
    MEASURE_RECORD_TYPE,
    DrillDown,
    drilldown,
    repeated_inspections,
)
from fazhi.supervision.selectors.imports import (
    imported_keys_outside,
    record_import_list_by,
    record_import_paths_for,
    rollup_batches_pending,
    user_can_import_records,
)
from fazhi.supervision.selectors.indicators import IndicatorReport, UnitIndicators, indicator_report, report_figures
from fazhi.supervision.selectors.ingestion import (
    INGESTION_SOURCES,
    first_live_publication,
    ingestion_caught_up_at,
    inspections_changed_since,
    officer_units,
    penalty_cases_changed_since,
    publication_deadlines,
    publications_changed_since,
)
from fazhi.supervision.selectors.item_counts import exercised_power_items, power_items_in_force
from fazhi.supervision.selectors.measures import UNIT_COLUMNS, sum_measures, unit_measures
from fazhi.supervision.selectors.officer_counts import certified_officers, participating_officers
from fazhi.supervision.selectors.review import (
    DEFAULT_RULE_SET,
    RULE_SET_DIR,
    SelfCheck,
    case_file_facts,
    case_get_for_review,
    case_self_check,
    review_average,
    review_candidates,
    review_get_for_user,
    review_sample_get_for_user,
    review_sample_list_visible_to,
    reviews_open_for_unit,
    rule_set_codes,
    rule_set_get,
)
from fazhi.supervision.selectors.scope import (
    SUPERVISE_ROLES,
    VIEW_ROLES,
    default_unit_for,
    unit_get_for_user,
    unit_list_visible_to,
    user_can_supervise,
    user_can_view,
)
from fazhi.supervision.selectors.snapshots import (
    SnapshotDiff,
    bulletin_get_for_user,
    bulletin_list_visible_to,
    snapshot_diff,
    snapshot_get_for_user,
    snapshot_list_visible_to,
    snapshot_unit_label,
)

__all__ = [
    "ALERT_NEAR_DAYS",
    "CERTIFICATE_WARNING_DAYS",
    "DEFAULT_RULE_SET",
    "DRILLDOWNS",
    "INDICATOR_DRILLDOWN",
    "INGESTION_SOURCES",
    "LATE_ENTRY_LOOKBACK_DAYS",
    "MEASURE_DRILLDOWN",
    "MEASURE_RECORD_TYPE",
    "OTHER_GROUP",
    "RULE_SET_DIR",
    "SUPERVISE_ROLES",
    "UNIT_COLUMNS",
    "VIEW_ROLES",
    "BulletinData",
    "DrillDown",
    "IndicatorReport",
    "SelfCheck",
    "SnapshotDiff",
    "UnitIds",
    "UnitIndicators",
    "alert_conditions",
    "alert_get_for_user",
    "alert_list_visible_to",
    "assessment_scheme_on",
    "bulletin_data",
    "bulletin_get_for_user",
    "bulletin_list_visible_to",
    "case_file_facts",
    "case_get_for_review",
    "case_self_check",
    "certified_officers",
    "default_unit_for",
    "drilldown",
    "exercised_power_items",
    "first_live_publication",
    "imported_keys_outside",
    "indicator_definition_list",
    "indicator_definitions_on",
    "indicator_report",
    "ingestion_caught_up_at",
    "inspections_changed_since",
    "officer_units",
    "participating_officers",
    "penalty_cases_changed_since",
    "power_items_in_force",
    "publication_deadlines",
    "publications_changed_since",
    "record_import_list_by",
    "record_import_paths_for",
    "repeated_inspections",
    "report_figures",
    "review_average",
    "review_candidates",
    "review_get_for_user",
    "review_sample_get_for_user",
    "review_sample_list_visible_to",
    "reviews_open_for_unit",
    "rollup_batches_pending",
    "rule_set_codes",
    "rule_set_get",
    "snapshot_diff",
    "snapshot_get_for_user",
    "snapshot_list_visible_to",
    "snapshot_unit_label",
    "sum_measures",
    "unit_get_for_user",
    "unit_list_visible_to",
    "unit_measures",
    "user_can_import_records",
    "user_can_supervise",
    "user_can_view",
]
