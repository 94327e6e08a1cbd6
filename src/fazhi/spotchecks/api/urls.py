from django.urls import path

from fazhi.spotchecks.api import views

urlpatterns = [
    path("plans/", views.PlanListApi.as_view(), name="spotcheck-plan-list"),
    path("plans/<int:plan_id>/", views.PlanDetailApi.as_view(), name="spotcheck-plan-detail"),
    path("plans/<int:plan_id>/commit/", views.PlanCommitApi.as_view(), name="spotcheck-plan-commit"),
    path("plans/<int:plan_id>/draw/", views.PlanDrawApi.as_view(), name="spotcheck-plan-draw"),
    path("plans/<int:plan_id>/publish/", views.PlanPublishApi.as_view(), name="spotcheck-plan-publish"),
    path("plans/<int:plan_id>/stats/", views.PlanStatsApi.as_view(), name="spotcheck-plan-stats"),
    path("public/plans/", views.PublicPlanListApi.as_view(), name="spotcheck-public-plan-list"),
    path("public/plans/<int:plan_id>/", views.PublicPlanDetailApi.as_view(), name="spotcheck-public-plan-detail"),
    path("public/plans/<int:plan_id>/verify/", views.PublicPlanVerifyApi.as_view(), name="spotcheck-public-verify"),
    path("tasks/mine/", views.MyTaskListApi.as_view(), name="spotcheck-my-tasks"),
    path("tasks/<int:task_id>/result/", views.TaskResultApi.as_view(), name="spotcheck-task-result"),
    path("conflicts/", views.ConflictCreateApi.as_view(), name="spotcheck-conflict-create"),
]
