"""Reconsideration API, mounted at /api/v1/reconsideration/."""

from django.urls import path

from fazhi.reconsideration.api import views as v

urlpatterns = [
    path("cases/", v.CaseListApi.as_view(), name="reconsideration-case-list"),
    path("cases/<int:case_id>/", v.CaseDetailApi.as_view(), name="reconsideration-case-detail"),
    path(
        "cases/<int:case_id>/correction-request/",
        v.CorrectionRequestApi.as_view(),
        name="reconsideration-correction-request",
    ),
    path(
        "cases/<int:case_id>/correction-receipt/",
        v.CorrectionReceiptApi.as_view(),
        name="reconsideration-correction-receipt",
    ),
    path("cases/<int:case_id>/abandonment/", v.AbandonApi.as_view(), name="reconsideration-abandon"),
    path("cases/<int:case_id>/acceptance/", v.AcceptApi.as_view(), name="reconsideration-accept"),
    path("cases/<int:case_id>/refusal/", v.RefuseApi.as_view(), name="reconsideration-refuse"),
    path(
        "cases/<int:case_id>/pre-acceptance-closure/",
        v.PreAcceptanceClosureApi.as_view(),
        name="reconsideration-pre-closure",
    ),
    path("cases/<int:case_id>/conversion/", v.ConvertApi.as_view(), name="reconsideration-convert"),
    path("cases/<int:case_id>/copy/", v.CopyApi.as_view(), name="reconsideration-copy"),
    path("cases/<int:case_id>/reply/", v.ReplyApi.as_view(), name="reconsideration-reply"),
    path("cases/<int:case_id>/flags/", v.FlagsApi.as_view(), name="reconsideration-flags"),
    path("cases/<int:case_id>/hearings/", v.HearingScheduleApi.as_view(), name="reconsideration-hearing-schedule"),
    path(
        "cases/<int:case_id>/hearings/<int:hearing_id>/held/",
        v.HearingHeldApi.as_view(),
        name="reconsideration-hearing-held",
    ),
    path("cases/<int:case_id>/hearing-decline/", v.HearingDeclineApi.as_view(), name="reconsideration-hearing-decline"),
    path("cases/<int:case_id>/investigations/", v.InvestigationApi.as_view(), name="reconsideration-investigation"),
    path("cases/<int:case_id>/committee/", v.CommitteeApi.as_view(), name="reconsideration-committee"),
    path("cases/<int:case_id>/extension/", v.ExtensionApi.as_view(), name="reconsideration-extension"),
    path("cases/<int:case_id>/suspension/", v.SuspensionApi.as_view(), name="reconsideration-suspension"),
    path("cases/<int:case_id>/resumption/", v.ResumptionApi.as_view(), name="reconsideration-resumption"),
    path("cases/<int:case_id>/decision/", v.DecisionApi.as_view(), name="reconsideration-decision"),
    path("cases/<int:case_id>/mediation/", v.MediationApi.as_view(), name="reconsideration-mediation"),
    path("cases/<int:case_id>/termination/", v.TerminationApi.as_view(), name="reconsideration-termination"),
    path("cases/<int:case_id>/letters/", v.LetterIssueApi.as_view(), name="reconsideration-letter-issue"),
    path("cases/<int:case_id>/documents/<str:kind>.docx", v.DocumentApi.as_view(), name="reconsideration-document"),
    path("letters/<int:letter_id>/report/", v.LetterReportApi.as_view(), name="reconsideration-letter-report"),
    path("alerts/", v.AlertListApi.as_view(), name="reconsideration-alert-list"),
    path("alerts/<int:alert_id>/acknowledge/", v.AlertAcknowledgeApi.as_view(), name="reconsideration-alert-ack"),
    path("statistics/", v.StatisticsApi.as_view(), name="reconsideration-statistics"),
]
