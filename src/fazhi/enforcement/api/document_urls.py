"""API routes of the document and evidence downloads; included by enforcement/api/urls.py."""

from django.urls import path

from fazhi.enforcement.api import document_views

urlpatterns = [
    path(
        "cases/<int:case_id>/documents/",
        document_views.CaseDocumentListApi.as_view(),
        name="enforcement-case-documents",
    ),
    path(
        "cases/<int:case_id>/documents/<slug:kind>/",
        document_views.CaseDocumentDownloadApi.as_view(),
        name="enforcement-case-document",
    ),
    path(
        "evidence/<int:evidence_id>/download/",
        document_views.EvidenceDownloadApi.as_view(),
        name="enforcement-evidence-download",
    ),
]
