"""执法信息导入: uploading record files from departmental systems.

Thin: a form parses input, then one selector (reads) or one service (writes).
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core.uploads import import_upload_handle
from fazhi.supervision import importers, selectors
from fazhi.supervision.views._common import supervision_page


@login_required
@require_http_methods(["GET", "POST"])
@supervision_page
def record_import_view(request: HttpRequest) -> HttpResponse:
    """执法信息导入: upload a file of records from a departmental system, for the units in the user's scope.

    The same checks and all-or-nothing write as `fazhi import records`; bad rows are listed by their
    spreadsheet number (HTTP 400), a concurrent import of the same keys is HTTP 409. Who may upload
    (selectors.user_can_import_records) are the supervision roles: supervision_page refuses the others.
    """
    outcome = import_upload_handle(request, run=importers.import_records_upload)
    context = {
        **outcome.context(),
        "headers": importers.RECORD_HEADERS,
        "optional_headers": importers.RECORD_OPTIONAL_HEADERS,
        "recent": selectors.record_import_list_by(user=request.user),
        "section": "imports",
    }
    return render(request, "supervision/record_import.html", context, status=outcome.status)


@login_required
@require_GET
@supervision_page
def record_import_template_view(request: HttpRequest) -> HttpResponse:
    """The header row of a record-intake file as CSV (UTF-8 with BOM, so that Excel reads the Chinese)."""
    header = ",".join((*importers.RECORD_HEADERS, *importers.RECORD_OPTIONAL_HEADERS))
    response = HttpResponse("\ufeff" + header + "\r\n", content_type="text/csv; charset=utf-8")
    name = quote("执法信息导入模板.csv")
    response["Content-Disposition"] = f"attachment; filename=\"records-template.csv\"; filename*=UTF-8''{name}"
    return response
