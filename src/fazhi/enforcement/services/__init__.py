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
  case_decision_change_record
- evidence: evidence_add
- publications: publication_publish, publication_withdraw
- config: sector_decision_rules_install
- bulk: inspection_bulk_import, penalty_case_bulk_import (InspectionRow, CaseRow, BulkResult)
"""

from fazhi.enforcement.services.bulk import (
    BulkResult,
    CaseRow,
    InspectionRow,
    RowError,
    inspection_bulk_import,
    penalty_case_bulk_import,
)
from fazhi.enforcement.services.cases_decision import (
    case_close,
    case_close_without_penalty,
    case_decide,
    case_decision_change_record,
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
    case_investigation_start,
    case_legal_review_record,
    case_legal_review_submit,
    case_notify,
    case_statement_record,
)
from fazhi.enforcement.services.config import sector_decision_rules_install
from fazhi.enforcement.services.evidence import evidence_add
from fazhi.enforcement.services.inspections import inspection_record
from fazhi.enforcement.services.publications import publication_publish, publication_withdraw

__all__ = [
    "BulkResult",
    "CaseRow",
    "InspectionRow",
    "RowError",
    "case_close",
    "case_close_without_penalty",
    "case_collective_discussion_record",
    "case_decide",
    "case_decide_on_the_spot",
    "case_decision_change_record",
    "case_decision_deadline_extend",
    "case_execution_record",
    "case_hearing_hold",
    "case_hearing_request",
    "case_investigation_start",
    "case_legal_review_record",
    "case_legal_review_submit",
    "case_notify",
    "case_open",
    "case_serve",
    "case_statement_record",
    "case_surcharge_pause",
    "case_surcharge_resume",
    "case_transfer",
    "case_withdraw",
    "evidence_add",
    "inspection_bulk_import",
    "inspection_record",
    "penalty_case_bulk_import",
    "publication_publish",
    "publication_withdraw",
    "sector_decision_rules_install",
]
