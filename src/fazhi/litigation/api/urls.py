"""Litigation API, mounted at /api/v1/litigation/."""

from django.urls import path

from fazhi.litigation.api import views as v

urlpatterns = [
    path("cases/", v.CaseListApi.as_view(), name="litigation-case-list"),
    path("cases/<int:case_id>/", v.CaseDetailApi.as_view(), name="litigation-case-detail"),
    path("cases/<int:case_id>/defence/", v.DefenceApi.as_view(), name="litigation-defence"),
    path("cases/<int:case_id>/hearings/", v.HearingApi.as_view(), name="litigation-hearing"),
    path("cases/<int:case_id>/conclusion/", v.ConcludeApi.as_view(), name="litigation-conclusion"),
    path("cases/<int:case_id>/suggestions/", v.SuggestionApi.as_view(), name="litigation-suggestion"),
    path(
        "cases/<int:case_id>/suggestions/<int:suggestion_id>/answer/",
        v.SuggestionAnswerApi.as_view(),
        name="litigation-suggestion-answer",
    ),
]
