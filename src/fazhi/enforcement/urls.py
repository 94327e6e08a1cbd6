"""Pages of inspections and penalty cases (namespace "enforcement"), mounted at /enforcement/ by fazhi.urls."""

from django.urls import path

from fazhi.enforcement.views import cases, inspections, on_the_spot, work

app_name = "enforcement"

urlpatterns = [
    path("", work.my_work_view, name="my_work"),
    path("cases/", work.case_list_view, name="case_list"),
    path("cases/new/", cases.case_open_view, name="case_open"),
    path("cases/on-the-spot/", on_the_spot.case_on_the_spot_view, name="case_on_the_spot"),
    path("cases/<int:case_id>/", cases.case_detail_view, name="case_detail"),
    path("cases/<int:case_id>/actions/<str:action>/", cases.case_action_view, name="case_action"),
    path("cases/<int:case_id>/evidence/", cases.case_evidence_view, name="case_evidence"),
    path(
        "cases/<int:case_id>/publications/<int:publication_id>/withdraw/",
        cases.publication_withdraw_view,
        name="publication_withdraw",
    ),
    path("review/", work.review_list_view, name="review_list"),
    path("inspections/new/", inspections.inspection_create_view, name="inspection_create"),
    path("inspections/officers/", inspections.officer_picker_view, name="officer_picker"),
    path("inspections/<int:inspection_id>/", inspections.inspection_detail_view, name="inspection_detail"),
]
