"""Pages of supervision, one module per sub-domain: the dashboard and drill-downs (dashboard), snapshots
and bulletins (snapshots), self-check, case-file review and alerts (review), record uploads (imports),
the 考核指标体系 (schemes).

Thin: a form parses input, then one selector (reads) or one service (writes). Units are resolved
through selectors.unit_get_for_user, so an out-of-scope unit is the same 404 as a missing one.
"""

from fazhi.supervision.views.dashboard import dashboard_view, drilldown_view
from fazhi.supervision.views.imports import record_import_template_view, record_import_view
from fazhi.supervision.views.review import review_detail_view, review_list_view, self_check_view, todo_view
from fazhi.supervision.views.schemes import scheme_list_view
from fazhi.supervision.views.snapshots import (
    bulletin_detail_view,
    bulletin_docx_view,
    bulletin_list_view,
    snapshot_detail_view,
    snapshot_list_view,
)

__all__ = [
    "bulletin_detail_view",
    "bulletin_docx_view",
    "bulletin_list_view",
    "dashboard_view",
    "drilldown_view",
    "record_import_template_view",
    "record_import_view",
    "review_detail_view",
    "review_list_view",
    "scheme_list_view",
    "self_check_view",
    "snapshot_detail_view",
    "snapshot_list_view",
    "todo_view",
]
