"""All writes of the reconsideration app (STYLE §4). Import from here: `from fazhi.reconsideration import services`.

Every transition locks the case, checks its version and the statutory rules (rules/), writes with a
conditional UPDATE, records exactly one audit row of its own type and one timeline entry in the same
transaction, and tracks statutory deadlines through core.deadlines.

- applications: application_register (ApplicationData), case_request_correction, case_receive_correction,
  case_abandon, case_accept, case_deem_accepted, case_refuse, case_close_before_acceptance
- review: case_convert_to_general, case_send_copy, case_record_reply, case_update_flags, hearing_schedule,
  hearing_record_held, hearing_decline, investigation_record, committee_consultation_record, case_extend,
  case_suspend, case_resume
- endings: case_decide, case_mediate, case_terminate (以案促改 on corrections)
- letters: letter_issue, letter_record_report
- alerts: review_alert_raise, review_alert_acknowledge
"""

from fazhi.reconsideration.services.alerts import review_alert_acknowledge, review_alert_raise
from fazhi.reconsideration.services.applications import (
    ApplicationData,
    application_register,
    case_abandon,
    case_accept,
    case_close_before_acceptance,
    case_deem_accepted,
    case_number,
    case_receive_correction,
    case_refuse,
    case_request_correction,
)
from fazhi.reconsideration.services.endings import case_decide, case_mediate, case_terminate
from fazhi.reconsideration.services.letters import letter_issue, letter_record_report
from fazhi.reconsideration.services.review import (
    case_convert_to_general,
    case_extend,
    case_record_reply,
    case_resume,
    case_send_copy,
    case_suspend,
    case_update_flags,
    committee_consultation_record,
    hearing_decline,
    hearing_record_held,
    hearing_schedule,
    investigation_record,
)

__all__ = [
    "ApplicationData",
    "application_register",
    "case_abandon",
    "case_accept",
    "case_close_before_acceptance",
    "case_convert_to_general",
    "case_decide",
    "case_deem_accepted",
    "case_extend",
    "case_mediate",
    "case_number",
    "case_receive_correction",
    "case_record_reply",
    "case_refuse",
    "case_request_correction",
    "case_resume",
    "case_send_copy",
    "case_suspend",
    "case_terminate",
    "case_update_flags",
    "committee_consultation_record",
    "hearing_decline",
    "hearing_record_held",
    "hearing_schedule",
    "investigation_record",
    "letter_issue",
    "letter_record_report",
    "review_alert_acknowledge",
    "review_alert_raise",
]
