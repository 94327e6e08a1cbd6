"""All writes of the enforcement app (STYLE §4). Import from here: `from fazhi.enforcement import services`.

Every service checks the statutory rules (rules/), writes with a versioned conditional UPDATE,
records exactly one audit row of its own type and one timeline entry (CaseEvent) in the same
transaction, and tracks statutory deadlines through core.deadlines. Callers pass objects they
obtained through the scoped selectors.

- inspections: inspection_record
- cases_open: case_open (立案), case_decide_on_the_spot (简易程序)
- cases_procedure: case_investigation_start, case_notify, case_statement_record, case_hearing_request,
  case_hearing_hold, case_legal_review_submit, case_legal_review_record, case_collective_discussion_record,
  case_decision_deadline_extend
- cases_decision: case_decide, case_serve, case_surcharge_pause, case_surcharge_resume,
  case_execution_record, case_close, case_close_without_penalty, case_transfer, case_withdraw,
  case_execution_end (终结执行 after the decision was revoked or confirmed void, 行政强制法 Art. 40(4))
- cases_change: case_decision_change_record (决定变更 by 复议 or a court)
- evidence: evidence_add
- publications: publication_publish, publication_withdraw
- config: penalty_threshold_version_save, sector_decision_rule_save, sector_decision_rules_install
- case_people: case_officers_assign, case_recusal_declare, case_recusal_decide (回避, Art. 43)
- preservation: evidence_preservation_register, evidence_preservation_decide (先行登记保存, Art. 56)
- cases_procedure (also): case_hearing_schedule (听证通知, Art. 64(二))
- execution: case_payment_arrange / case_instalment_pay (Art. 66), case_cash_collect / case_cash_handover_record /
  case_cash_deposit_record (Art. 68–71), case_enforcement_demand / case_enforcement_apply (Art. 72; 行政强制法)
- due_dates: case_due_dates_refresh (calendar recompute hook, registered in EnforcementConfig.ready)
- bulk: inspection_bulk_import, penalty_case_bulk_import (InspectionRow, CaseRow, BulkResult)
- feedback: penalty_case_record_review_outcome (以案促改, called by reconsideration/litigation)
"""

from fazhi.enforcement.services.bulk import (
    BulkResult,
    CaseRow,
    InspectionRow,
    RowError,
    inspection_bulk_import,
    penalty_case_bulk_import,
)
from fazhi.enforcement.services.case_people import case_officers_assign, case_recusal_decide, case_recusal_declare
from fazhi.enforcement.services.cases_change import case_decision_change_record
from fazhi.enforcement.services.cases_decision import (
    case_close,
    case_close_without_penalty,
    case_decide,
    case_execution_end,
    case_execution_record,
    case_serve,
    case_surcharge_pause,
    case_surcharge_resume,
    case_transfer,
    case_withdraw,
)
from fazhi.enforcement.services.cases_open import case_decide_on_the_spot, case_open
from fazhi.enforcement.services.cases_procedure import (
    case_collective_discussion_record,
    case_decision_deadline_extend,
    case_hearing_hold,
    case_hearing_request,
    case_hearing_schedule,
    case_investigation_start,
    case_legal_review_record,
    case_legal_review_submit,
    case_notify,
    case_statement_record,
)
from fazhi.enforcement.services.config import (
    penalty_threshold_version_save,
    sector_decision_rule_save,
    sector_decision_rules_install,
)
from fazhi.enforcement.services.due_dates import case_due_dates_refresh
from fazhi.enforcement.services.evidence import evidence_add
from fazhi.enforcement.services.execution import (
    case_cash_collect,
    case_cash_deposit_record,
    case_cash_handover_record,
    case_enforcement_apply,
    case_enforcement_demand,
    case_instalment_pay,
    case_payment_arrange,
)
from fazhi.enforcement.services.feedback import penalty_case_record_review_outcome
from fazhi.enforcement.services.inspections import inspection_record
from fazhi.enforcement.services.preservation import evidence_preservation_decide, evidence_preservation_register
from fazhi.enforcement.services.publications import publication_publish, publication_withdraw

__all__ = [
    "BulkResult",
    "CaseRow",
    "InspectionRow",
    "RowError",
    "case_cash_collect",
    "case_cash_deposit_record",
    "case_cash_handover_record",
    "case_close",
    "case_close_without_penalty",
    "case_collective_discussion_record",
    "case_decide",
    "case_decide_on_the_spot",
    "case_decision_change_record",
    "case_decision_deadline_extend",
    "case_due_dates_refresh",
    "case_enforcement_apply",
    "case_enforcement_demand",
    "case_execution_end",
    "case_execution_record",
    "case_hearing_hold",
    "case_hearing_request",
    "case_hearing_schedule",
    "case_instalment_pay",
    "case_investigation_start",
    "case_legal_review_record",
    "case_legal_review_submit",
    "case_notify",
    "case_officers_assign",
    "case_open",
    "case_payment_arrange",
    "case_recusal_decide",
    "case_recusal_declare",
    "case_serve",
    "case_statement_record",
    "case_surcharge_pause",
    "case_surcharge_resume",
    "case_transfer",
    "case_withdraw",
    "evidence_add",
    "evidence_preservation_decide",
    "evidence_preservation_register",
    "inspection_bulk_import",
    "inspection_record",
    "penalty_case_bulk_import",
    "penalty_case_record_review_outcome",
    "penalty_threshold_version_save",
    "publication_publish",
    "publication_withdraw",
    "sector_decision_rule_save",
    "sector_decision_rules_install",
]
