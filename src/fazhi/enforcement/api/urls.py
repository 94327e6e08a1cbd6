from django.urls import include, path

from fazhi.enforcement.api import views

urlpatterns = [
    path("inspections/", views.InspectionListApi.as_view(), name="enforcement-inspection-list"),
    path("inspections/<int:inspection_id>/", views.InspectionDetailApi.as_view(), name="enforcement-inspection-detail"),
    path(
        "inspections/<int:inspection_id>/evidence/",
        views.InspectionEvidenceApi.as_view(),
        name="enforcement-inspection-evidence",
    ),
    path("cases/", views.CaseListApi.as_view(), name="enforcement-case-list"),
    path("cases/on-the-spot/", views.CaseOnTheSpotApi.as_view(), name="enforcement-case-on-the-spot"),
    path("cases/<int:case_id>/", views.CaseDetailApi.as_view(), name="enforcement-case-detail"),
    path("cases/<int:case_id>/timeline/", views.CaseTimelineApi.as_view(), name="enforcement-case-timeline"),
    path("cases/<int:case_id>/transitions/", views.CaseTransitionsApi.as_view(), name="enforcement-case-transitions"),
    path(
        "cases/<int:case_id>/flexible-suggestions/",
        views.CaseFlexibleSuggestionsApi.as_view(),
        name="enforcement-case-flexible-suggestions",
    ),
    path("cases/<int:case_id>/evidence/", views.CaseEvidenceApi.as_view(), name="enforcement-case-evidence"),
    path("cases/<int:case_id>/publication/", views.CasePublishApi.as_view(), name="enforcement-case-publish"),
    *[
        path(f"cases/<int:case_id>/{action}/", view.as_view(), name=f"enforcement-case-{action}")
        for action, view in views.TRANSITIONS
    ],
    path("publications/", views.PublicationListApi.as_view(), name="enforcement-publication-list"),
    path(
        "publications/<int:publication_id>/withdraw/",
        views.PublicationWithdrawApi.as_view(),
        name="enforcement-publication-withdraw",
    ),
    path("public/publications/", views.PublicPublicationListApi.as_view(), name="enforcement-public-publications"),
    path("my-work/", views.MyWorkApi.as_view(), name="enforcement-my-work"),
    path("", include("fazhi.enforcement.api.document_urls")),  # 执法文书 and evidence downloads
    path("import/inspections/", views.InspectionImportApi.as_view(), name="enforcement-import-inspections"),
    path("import/cases/", views.CaseImportApi.as_view(), name="enforcement-import-cases"),
]
