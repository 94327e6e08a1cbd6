"""Officer downloads of 执法文书 and evidence (namespace "enforcement_documents"), mounted at /enforcement/.

Kept apart from the officer pages' own enforcement/urls.py; the namespace keeps the names apart.
"""

from django.urls import path

from fazhi.enforcement import document_views

app_name = "enforcement_documents"

urlpatterns = [
    path("cases/<int:case_id>/documents/", document_views.case_documents_view, name="case_documents"),
    *[
        path(
            f"cases/<int:case_id>/documents/<slug:kind>.{ext}",
            document_views.case_document_download_view,
            {"ext": ext},
            name=f"case_document_{ext}",
        )
        for ext in ("docx", "pdf")
    ],
    *[
        path(
            f"inspections/<int:inspection_id>/documents/<slug:kind>.{ext}",
            document_views.inspection_document_download_view,
            {"ext": ext},
            name=f"inspection_document_{ext}",
        )
        for ext in ("docx", "pdf")
    ],
    path("evidence/<int:evidence_id>/download/", document_views.evidence_download_view, name="evidence_download"),
]
