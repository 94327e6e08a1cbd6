"""Statutory rules of 行政复议, as pure functions with their citations (STYLE §7).

- application: applicant IDs, oral records (Art. 22), the window (Art. 20, 21), 复议前置 (Art. 23)
- procedure: the state machine, simplified procedure (Art. 53), hearing (Art. 50, 51), committee
  (Art. 52), investigation (Art. 45), 中止/终止 (Art. 39–41)
- decision: periods and extension (Art. 48, 54, 62), gates, decision types (Art. 63–72), 纠错
- penalty_change: a 变更 of a penalty case of this platform, its content and its limit (Art. 63; also
  the court's, 行政诉讼法 Art. 77)
- statistics: the published rates (纠错率, 调撤率, 复议首选率)
"""

from fazhi.reconsideration.rules import application, decision, penalty_change, procedure, statistics

__all__ = ["application", "decision", "penalty_change", "procedure", "statistics"]
