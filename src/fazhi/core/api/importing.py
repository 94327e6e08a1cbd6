"""The API's answer to an upload imported by a `fazhi import` importer (core.importing.ImportReport).

One shape for every upload endpoint: 200 with the report when the file was good, 400 with every bad
row under `fields.rows` (the same rows the command prints) when nothing was imported.
"""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from fazhi.core.importing import ImportReport

ROWS_INVALID_CODE = "import_rows_invalid"


class ImportRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(label="行号")
    column = serializers.CharField(label="列")
    message = serializers.CharField(label="原因")


class ImportReportOutputSerializer(serializers.Serializer):
    kind = serializers.CharField(label="导入类型")
    source = serializers.CharField(label="文件名")
    ok = serializers.BooleanField()
    created = serializers.IntegerField(label="新增")
    updated = serializers.IntegerField(label="更新")
    unchanged = serializers.IntegerField(label="未变")
    errors = ImportRowErrorSerializer(many=True, label="错误行")
    error_total = serializers.IntegerField(label="错误总数")
    errors_truncated = serializers.BooleanField(label="错误行仅列出前一部分")
    details = serializers.DictField(label="说明")


def import_report_response(report: ImportReport) -> Response:
    """200 with the report, or 400 `import_rows_invalid` listing every bad row (nothing was imported)."""
    if report.ok:
        return Response(ImportReportOutputSerializer(report.as_dict()).data)
    answer = report.as_dict()
    rows = answer["errors"]
    listed = f"（只列出前{len(rows)}处）" if answer["errors_truncated"] else ""
    message = f"{answer['error_total']}处错误{listed}，未导入任何数据。"
    total = answer["error_total"]
    error = {"code": ROWS_INVALID_CODE, "message": message, "fields": {"rows": rows}, "error_total": total}
    return Response({"error": error}, status=400)
